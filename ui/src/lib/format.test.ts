import { describe, expect, it } from 'vitest';
import {
  blankToUndefined, count, formatLocal, localInputToRfc3339, localTime, minusMinutes, normaliseTimeInput,
  parseLocalTime, shortHash,
} from './format';

// A fixed "now" in local time, so the tests mean the same in any time zone.
const NOW = new Date(2026, 10, 25, 14, 7, 31);

describe('localInputToRfc3339', () => {
  it('adds seconds and the local offset so the core gets an unambiguous time', () => {
    const out = localInputToRfc3339('2026-11-24T14:05');
    expect(out).toMatch(/^2026-11-24T14:05:00[+-]\d\d:\d\d$/);
    // The same instant, whatever the test machine's time zone.
    expect(new Date(out!).getTime()).toBe(new Date(2026, 10, 24, 14, 5).getTime());
  });
  it('reads the space form staff type, with or without seconds', () => {
    expect(localInputToRfc3339('2026-11-25 02:40')).toMatch(/^2026-11-25T02:40:00[+-]\d\d:\d\d$/);
    expect(localInputToRfc3339(' 2026-11-25 02:40:15 ')).toMatch(/^2026-11-25T02:40:15[+-]/);
  });
  it('reads a bare clock time as today', () => {
    const out = localInputToRfc3339('02:40', NOW)!;
    expect(new Date(out).getTime()).toBe(new Date(2026, 10, 25, 2, 40).getTime());
    expect(localInputToRfc3339('9:05', NOW)).toMatch(/^2026-11-25T09:05:00/);
  });
  it('gives the offset of that date, not of today', () => {
    const summer = new Date(2026, 6, 1, 12, 0);
    const out = localInputToRfc3339('2026-07-01 12:00', NOW)!;
    expect(new Date(out).getTime()).toBe(summer.getTime());
  });
  it('treats an empty field as not given', () => {
    expect(localInputToRfc3339('')).toBeUndefined();
    expect(localInputToRfc3339('   ')).toBeUndefined();
  });
  it('passes nonsense through for the core to explain', () => {
    expect(localInputToRfc3339('igår')).toBe('igår');
    expect(localInputToRfc3339('2026-02-30 10:00')).toBe('2026-02-30 10:00');
    expect(localInputToRfc3339('25:00')).toBe('25:00');
    // Already RFC 3339 (pasted): the core reads it as it is.
    expect(localInputToRfc3339('2026-11-25T02:40:00+01:00')).toBe('2026-11-25T02:40:00+01:00');
  });
});

describe('parseLocalTime', () => {
  it('refuses what is not a time', () => {
    for (const s of ['', '2026-11-25', '14', '2026/11/25 10:00', '10:60', '2026-13-01 10:00']) {
      expect(parseLocalTime(s, NOW), s).toBeNull();
    }
  });
  it('refuses the hour skipped when summer time begins, where the zone has one', () => {
    const skipped = new Date(2026, 2, 29, 2, 30);
    const zoneSkips = skipped.getHours() !== 2;
    expect(parseLocalTime('2026-03-29 02:30', NOW) === null).toBe(zoneSkips);
  });
});

describe('formatLocal and localTime', () => {
  it('shows 24-hour ISO-like local time in both languages', () => {
    expect(formatLocal(new Date(2026, 0, 5, 2, 4))).toBe('2026-01-05 02:04');
    expect(formatLocal(new Date(2026, 0, 5, 23, 4, 9), true)).toBe('2026-01-05 23:04:09');
    const iso = new Date(2026, 10, 25, 14, 5).toISOString();
    expect(localTime(iso, 'sv')).toBe('2026-11-25 14:05');
    expect(localTime(iso, 'en')).toBe('2026-11-25 14:05');
  });
  it('shows nothing for no time and the text itself for one it cannot read', () => {
    expect(localTime(null)).toBe('');
    expect(localTime('okänd')).toBe('okänd');
  });
});

describe('time field helpers', () => {
  it('normalises a clock time to the full form and keeps what it cannot read', () => {
    expect(normaliseTimeInput('2:40', NOW)).toBe('2026-11-25 02:40');
    expect(normaliseTimeInput('2026-11-25T02:40:15', NOW)).toBe('2026-11-25 02:40:15');
    expect(normaliseTimeInput('igår', NOW)).toBe('igår');
  });
  it('takes ten minutes off the field, or off now when it is empty or unreadable', () => {
    expect(minusMinutes('2026-11-25 00:05', 10, NOW)).toBe('2026-11-24 23:55');
    expect(minusMinutes('', 10, NOW)).toBe('2026-11-25 13:57');
    expect(minusMinutes('igår', 10, NOW)).toBe('2026-11-25 13:57');
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
