import { describe, expect, it } from 'vitest';
import { pluralize } from './plural';
import { en } from './en';
import { sv } from './sv';

describe('pluralize', () => {
  it('uses the singular for exactly one, in both languages', () => {
    expect(pluralize(1, sv.nDiaryEntries, 'sv')).toBe('1 anteckning');
    expect(pluralize(2, sv.nDiaryEntries, 'sv')).toBe('2 anteckningar');
    expect(pluralize(1, en.nEntries, 'en')).toBe('1 entry');
    expect(pluralize(2, en.nEntries, 'en')).toBe('2 entries');
  });
  it('uses the plural for none', () => {
    expect(pluralize(0, sv.nEntries, 'sv')).toBe('0 poster');
    expect(pluralize(0, en.nDecisions, 'en')).toBe('0 decisions');
  });
  it('groups large numbers as the language reads them', () => {
    expect(pluralize(40000, en.nEntries, 'en')).toBe('40,000 entries');
    expect(pluralize(40000, sv.nEntries, 'sv').replace(/\s/g, ' ')).toBe('40 000 poster');
  });
});
