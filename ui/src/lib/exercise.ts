// What the exercise screens do with the core's answers besides show them: which injects are new
// since the last read, what goes into the diary form from an inject, which event of the exercise
// that is, and the window's title. Outcomes, readiness and T+ times are the core's.
import type { Channel } from './bindings/Channel';
import type { DeliveredInject } from './bindings/DeliveredInject';
import type { KrisEvent } from './bindings/KrisEvent';
import type { MselRow } from './bindings/MselRow';

/** Injects in `delivered` (newest first, as the core gives them) not among those `seen` before;
 *  nothing on the first read (`seen` null), which is what was there, not what arrived. */
export function arrivals(seen: ReadonlySet<string> | null, delivered: readonly DeliveredInject[]): DeliveredInject[] {
  if (!seen) return [];
  return delivered.filter((d) => !seen.has(d.key));
}

/** The keys of the injects read, to tell the next read's new ones by. */
export function keysOf(delivered: readonly DeliveredInject[]): ReadonlySet<string> {
  return new Set(delivered.map((d) => d.key));
}

/** The toast's injects: the new ones first, then those still shown, each once, at most `max`. */
export function mergeToast(shown: readonly DeliveredInject[], fresh: readonly DeliveredInject[], max = 4): DeliveredInject[] {
  const out: DeliveredInject[] = [];
  for (const d of [...fresh, ...shown]) {
    if (!out.some((o) => o.key === d.key)) out.push(d);
  }
  return out.slice(0, max);
}

/** What the diary form starts from when an inject is written into the diary. */
export type DiaryPrefill = { text: string; channel: Channel; from: string; to: string };

export function diaryPrefill(i: Pick<DeliveredInject, 'text' | 'channel' | 'from' | 'to'>): DiaryPrefill {
  return { text: i.text, channel: i.channel, from: i.from, to: i.to };
}

/** The event the exercise is played in: the first one opened that is still open (the scenario's
 *  starting event comes before any the staff open), or, all closed, the last one opened. */
export function exerciseEvent(events: readonly KrisEvent[]): KrisEvent | null {
  const byOpening = [...events].sort((a, b) => a.opened_at.localeCompare(b.opened_at));
  return byOpening.find((e) => e.status === 'open') ?? byOpening.at(-1) ?? null;
}

/** The inject rows control can jump to: those that have not come. */
export function jumpTargets(msel: readonly MselRow[]): MselRow[] {
  return msel.filter((m) => !m.delivered);
}

/** The window's title: an exercise says so first, so it is seen in the task bar too. */
export function windowTitle(o: { exercise: string | null; flag: string; mode: string | null }): string {
  if (o.exercise) return `${o.flag} – ${o.exercise} – Krisledning`;
  return o.mode ? `Krisledning — ${o.mode}` : 'Krisledning';
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A new package's suggested path: in the exercises folder, by scenario and local time. */
export function packagePath(dir: string, scenarioId: string, now: Date): string {
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return `${dir.replace(/[/\\]+$/, '')}${sep}${scenarioId}-${stamp}.kovn`;
}

/** A scenario's or exercise's title in the window's language: the English one where the
 *  scenario gives it, else the Swedish. */
export function titleIn(x: { title: string; title_en: string | null }, lang: 'sv' | 'en'): string {
  return lang === 'en' && x.title_en ? x.title_en : x.title;
}
