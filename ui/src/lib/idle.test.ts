import { describe, expect, it, vi } from 'vitest';
import { idleTimer, wholeMinutes, type Clock } from './idle';

/** A clock the test moves by hand; it counts how often a timer is set. Timers run on their own
 *  monotonic time, as a browser's do: setting the wall clock does not move them. */
function fakeClock(start = 1_000_000) {
  let now = start;
  let mono = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  let armed = 0;
  const clock: Clock = {
    now: () => now,
    set(fn, ms) {
      armed += 1;
      const id = next++;
      timers.push({ at: mono + ms, fn, id });
      return id;
    },
    clear(h) {
      timers = timers.filter((t) => t.id !== h);
    },
  };
  return {
    clock,
    get armed() {
      return armed;
    },
    get pending() {
      return timers.length;
    },
    /** Moves time on by `ms`, firing what falls due on the way. */
    advance(ms: number) {
      const until = mono + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now += due.at - mono;
        mono = due.at;
        due.fn();
      }
      now += until - mono;
      mono = until;
    },
    /** Moves the wall clock only (a computer asleep, or the clock set): timers stay put. */
    jump(ms: number) {
      now += ms;
    },
  };
}

const MIN = 60_000;

describe('idleTimer', () => {
  it('locks once after the quiet period, and not before', () => {
    const c = fakeClock();
    const onIdle = vi.fn();
    idleTimer(15 * MIN, onIdle, c.clock);
    c.advance(15 * MIN - 1);
    expect(onIdle).not.toHaveBeenCalled();
    c.advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    // Locked: no timer left, nothing more happens.
    expect(c.pending).toBe(0);
    c.advance(60 * MIN);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('counts the quiet period from the last activity', () => {
    const c = fakeClock();
    const onIdle = vi.fn();
    const t = idleTimer(10 * MIN, onIdle, c.clock);
    c.advance(9 * MIN);
    t.activity();
    c.advance(9 * MIN);
    expect(onIdle).not.toHaveBeenCalled();
    c.advance(MIN - 1);
    expect(onIdle).not.toHaveBeenCalled();
    c.advance(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('sets its timer once per period however much is typed: activity only notes the time', () => {
    const c = fakeClock();
    const onIdle = vi.fn();
    const t = idleTimer(5 * MIN, onIdle, c.clock);
    expect(c.armed).toBe(1);
    // Someone typing steadily for 20 minutes, ten keys a second.
    for (let i = 0; i < 20 * 60 * 10; i++) {
      t.activity();
      c.advance(100);
    }
    expect(onIdle).not.toHaveBeenCalled();
    // One timer at a time, re-armed when it fires: at most once per period (plus the first).
    expect(c.pending).toBe(1);
    expect(c.armed).toBeLessThanOrEqual(20 / 5 + 1);
    c.advance(5 * MIN);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('leaves a window nobody touches asleep: one wake-up, to lock', () => {
    const c = fakeClock();
    const onIdle = vi.fn();
    idleTimer(30 * MIN, onIdle, c.clock);
    c.advance(8 * 60 * MIN);
    expect(c.armed).toBe(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('locks at the first key press after a sleep longer than the period', () => {
    const c = fakeClock();
    const onIdle = vi.fn();
    const t = idleTimer(15 * MIN, onIdle, c.clock);
    // Asleep for two hours: the timer did not run meanwhile.
    c.jump(120 * MIN);
    t.activity();
    expect(onIdle).toHaveBeenCalledTimes(1);
    expect(c.pending).toBe(0);
  });

  it('starts the period again when the clock is set back', () => {
    const c = fakeClock();
    const onIdle = vi.fn();
    const t = idleTimer(10 * MIN, onIdle, c.clock);
    t.activity();
    c.jump(-60 * MIN);
    c.advance(10 * MIN);
    expect(onIdle).not.toHaveBeenCalled();
    c.advance(10 * MIN);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('does nothing once stopped', () => {
    const c = fakeClock();
    const onIdle = vi.fn();
    const t = idleTimer(MIN, onIdle, c.clock);
    t.stop();
    expect(c.pending).toBe(0);
    t.activity();
    c.advance(10 * MIN);
    expect(onIdle).not.toHaveBeenCalled();
  });
});

describe('wholeMinutes', () => {
  it('reads a whole number as typed', () => {
    expect(wholeMinutes('15')).toBe(15);
    expect(wholeMinutes(' 240 ')).toBe(240);
    expect(wholeMinutes(5)).toBe(5);
    // The range is the core's to check (its error names it).
    expect(wholeMinutes('0')).toBe(0);
    expect(wholeMinutes('999')).toBe(999);
  });
  it('refuses what is not a whole number of minutes', () => {
    expect(wholeMinutes('')).toBeNull();
    expect(wholeMinutes('1.5')).toBeNull();
    expect(wholeMinutes('femton')).toBeNull();
    expect(wholeMinutes('-3')).toBeNull();
    expect(wholeMinutes(null)).toBeNull();
  });
});
