import { describe, expect, it } from 'vitest';
import { clockText, exerciseTimeAt, parseInstant, ticks, type ClockReading } from './exercise-clock';

const AS_OF = '2026-12-02T05:28:41.605299Z';
const at = (ms: number) => parseInstant(AS_OF) + ms;
const reading = (r: Partial<ClockReading>): ClockReading => ({ t_ms: 900_000, as_of: AS_OF, speed: 1, state: 'running', ...r });

describe('parseInstant', () => {
  it('reads the core’s microseconds as milliseconds', () => {
    expect(parseInstant(AS_OF)).toBe(Date.UTC(2026, 11, 2, 5, 28, 41, 605));
    expect(parseInstant('2026-12-02T05:28:41Z')).toBe(Date.UTC(2026, 11, 2, 5, 28, 41));
    expect(Number.isNaN(parseInstant('igår'))).toBe(true);
  });
});

describe('exerciseTimeAt', () => {
  it('runs the core’s reading on by the wall clock, at its speed', () => {
    // From when the core read it, not from when the answer arrived a moment later.
    expect(exerciseTimeAt(reading({}), at(20), at(20))).toBe(900_020);
    expect(exerciseTimeAt(reading({}), at(20), at(3_000))).toBe(903_000);
    expect(exerciseTimeAt(reading({ speed: 10 }), at(20), at(3_000))).toBe(930_000);
  });
  it('stands still when paused, ready or ended, and is nothing before the start', () => {
    for (const state of ['paused', 'ended', 'ready'] as const) {
      expect(exerciseTimeAt(reading({ state }), at(0), at(60_000))).toBe(900_000);
    }
    expect(exerciseTimeAt(reading({ t_ms: null, state: 'ready' }), at(0), at(60_000))).toBeNull();
  });
  it('counts from the reading’s arrival when the core’s time is not this clock’s', () => {
    const received = at(3_600_000);
    expect(exerciseTimeAt(reading({}), received, received + 2_000)).toBe(902_000);
    expect(exerciseTimeAt(reading({ as_of: 'okänd' }), received, received + 2_000)).toBe(902_000);
  });
  it('never runs backwards when the wall clock is behind the reading', () => {
    expect(exerciseTimeAt(reading({}), at(0), at(-1_000))).toBe(900_000);
  });
});

describe('clockText', () => {
  it('always shows hours, minutes and seconds', () => {
    expect(clockText(0)).toBe('T+00:00:00');
    expect(clockText(900_999)).toBe('T+00:15:00');
    expect(clockText(3_930_000)).toBe('T+01:05:30');
    expect(clockText(12_600_000)).toBe('T+03:30:00');
    expect(clockText(null)).toBe('T+--:--:--');
  });
});

describe('ticks', () => {
  it('moves only while running', () => {
    expect(ticks(reading({}))).toBe(true);
    expect(ticks(reading({ state: 'paused' }))).toBe(false);
    expect(ticks(reading({ state: 'ready', t_ms: null }))).toBe(false);
    expect(ticks(null)).toBe(false);
  });
});
