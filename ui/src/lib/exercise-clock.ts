// The exercise clock on screen between two reads of the core. The core says where the clock
// stood (`t_ms`), when it read it (`as_of`) and how fast it runs (`speed`); while the exercise
// runs, the window carries that reading on by the wall clock, once a second, and nothing else:
// what is due, and when an inject comes, is the core's to say.
import type { ExerciseView } from './bindings/ExerciseView';

export type ClockReading = Pick<ExerciseView, 't_ms' | 'as_of' | 'speed' | 'state'>;

/** A reading this far from when it arrived is not from this machine's clock (a test's fixed
 *  time, another computer's store): the window then counts from its arrival instead. */
const SKEW_MS = 5000;

/** The core writes microseconds (`…41.605299Z`); a browser need only read milliseconds. */
export function parseInstant(iso: string): number {
  return Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
}

/** Exercise time (ms) at wall time `now`, for a reading that arrived at wall time `received`.
 *  Null before the start; standing still unless running. */
export function exerciseTimeAt(c: ClockReading, received: number, now: number): number | null {
  if (c.t_ms === null) return null;
  if (c.state !== 'running') return c.t_ms;
  const asOf = parseInstant(c.as_of);
  const from = Number.isNaN(asOf) || asOf > received + SKEW_MS || asOf < received - SKEW_MS ? received : asOf;
  return c.t_ms + Math.max(0, now - from) * Math.max(1, c.speed);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `T+01:05:30`: hours, minutes and seconds, always, so the running clock does not change
 *  width each minute. `T+--:--:--` before the start. */
export function clockText(ms: number | null): string {
  if (ms === null) return 'T+--:--:--';
  const s = Math.floor(Math.max(0, ms) / 1000);
  return `T+${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Whether the clock on screen moves: only a running exercise's. */
export function ticks(c: Pick<ClockReading, 'state' | 't_ms'> | null | undefined): boolean {
  return !!c && c.state === 'running' && c.t_ms !== null;
}
