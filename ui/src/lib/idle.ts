// The idle lock: the window locks after so many minutes without a key press, click, wheel or
// touch. One timer and no polling: activity only notes the time (a key press costs nothing),
// and the timer, when it fires, either locks or sets itself again for what is left of the quiet
// period. So the timer is re-armed at most once per period, never per key press, and a window
// nobody touches wakes exactly once: to lock.

export type Clock = {
  /** Wall time in ms. Wall time, not a monotonic clock: a laptop asleep for an hour has been
   *  idle for an hour. */
  now(): number;
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
};

export const browserClock: Clock = {
  now: () => Date.now(),
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** The events that count as someone at the keyboard. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'wheel', 'touchstart'] as const;

export type IdleTimer = {
  /** Someone did something. When the quiet period is already over (the timer was held back,
   *  e.g. while the computer slept), it locks instead: a key press after the night does not
   *  count as activity before the lock. */
  activity(): void;
  /** Stops for good (locked, or the settings changed and a new timer takes over). */
  stop(): void;
};

/** Calls `onIdle` once after `ms` without `activity()`. */
export function idleTimer(ms: number, onIdle: () => void, clock: Clock = browserClock): IdleTimer {
  let last = clock.now();
  let handle: unknown = null;
  let stopped = false;

  const arm = (delay: number) => {
    handle = clock.set(check, Math.max(1, delay));
  };

  function fire() {
    stop();
    onIdle();
  }

  function check() {
    handle = null;
    if (stopped) return;
    const quiet = clock.now() - last;
    if (quiet >= ms) return fire();
    // The clock was set back: start the period again from now rather than wait for ever.
    if (quiet < 0) last = clock.now();
    arm(ms - Math.max(0, quiet));
  }

  function stop() {
    stopped = true;
    if (handle !== null) clock.clear(handle);
    handle = null;
  }

  arm(ms);
  return {
    activity() {
      if (stopped) return;
      const now = clock.now();
      if (now - last >= ms) return fire();
      last = now;
    },
    stop,
  };
}

/** Minutes as typed in the safety dialog: a whole number, or null. The range (1–240) is the
 *  core's to check: its error says it in either language. */
export function wholeMinutes(value: unknown): number | null {
  const n = typeof value === 'string' ? (value.trim() === '' ? NaN : Number(value.trim())) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) return null;
  return n;
}
