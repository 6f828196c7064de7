import { describe, expect, it } from 'vitest';
import { planText } from './plan-text';

describe('planText', () => {
  it('gives the English where the plan has it and the reader reads English', () => {
    expect(planText('Besluta om stabsläge', 'Decide on staff mode', 'en')).toBe('Decide on staff mode');
  });
  it('keeps the Swedish for a Swedish reader', () => {
    expect(planText('Besluta om stabsläge', 'Decide on staff mode', 'sv')).toBe('Besluta om stabsläge');
  });
  it('falls back to the Swedish where the English is missing or blank', () => {
    expect(planText('Isolera system', null, 'en')).toBe('Isolera system');
    expect(planText('Isolera system', undefined, 'en')).toBe('Isolera system');
    expect(planText('Isolera system', '  ', 'en')).toBe('Isolera system');
  });
});
