import { describe, expect, it } from 'vitest';
import { blankToUndefined, count, localInputToRfc3339, shortHash } from './format';

describe('localInputToRfc3339', () => {
  it('adds seconds and the local offset so the core gets an unambiguous time', () => {
    const out = localInputToRfc3339('2026-11-24T14:05');
    expect(out).toMatch(/^2026-11-24T14:05:00[+-]\d\d:\d\d$/);
    // The same instant, whatever the test machine's time zone.
    expect(new Date(out!).getTime()).toBe(new Date('2026-11-24T14:05').getTime());
  });
  it('treats an empty field as not given', () => {
    expect(localInputToRfc3339('')).toBeUndefined();
  });
  it('passes nonsense through for the core to explain', () => {
    expect(localInputToRfc3339('igår')).toBe('igår');
  });
});

describe('shortHash', () => {
  it('keeps both ends of a 64-character hash', () => {
    const h = 'a'.repeat(8) + '0'.repeat(48) + 'b'.repeat(8);
    expect(shortHash(h)).toBe('aaaaaaaa…bbbbbbbb');
  });
});

describe('blankToUndefined', () => {
  it('drops whitespace-only values', () => {
    expect(blankToUndefined('   ')).toBeUndefined();
    expect(blankToUndefined(' Rakel ')).toBe('Rakel');
  });
});

describe('count', () => {
  it('groups thousands the way each language reads them', () => {
    expect(count(1000000, 'sv').replace(/\s/g, ' ')).toBe('1 000 000');
    expect(count(40000, 'en')).toBe('40,000');
  });
});
