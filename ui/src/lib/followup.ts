// The year's follow-up as the window shows it: the core counts the year from the record, keeps the
// goals and refuses a phase moved backwards. This orders what it gave into columns and tiles,
// names the phase an activity goes to next and reads the forms.
import type { Activity } from './bindings/Activity';
import type { Marking } from './bindings/Marking';
import type { Phase } from './bindings/Phase';
import type { YearCounts } from './bindings/YearCounts';
import { MARKINGS } from './marking';

/** The improvement cycle (PDSA) in order. */
export const PHASES: readonly Phase[] = ['planera', 'genomfora', 'studera', 'agera'];

/** The phase after `p`; after Agera a new turn starts at Planera. */
export function nextPhase(p: Phase): Phase {
  return PHASES[(PHASES.indexOf(p) + 1) % PHASES.length];
}

/** Activities by the phase they are in, each column in the core's order. */
export function byPhase(activities: readonly Activity[]): Record<Phase, Activity[]> {
  const out: Record<Phase, Activity[]> = { planera: [], genomfora: [], studera: [], agera: [] };
  for (const a of activities) out[a.phase].push(a);
  return out;
}

/** Years to choose from: next year (goals are set ahead), this year and `back` years before. */
export function yearChoices(now: Date = new Date(), back = 5): number[] {
  const y = now.getFullYear();
  return Array.from({ length: back + 2 }, (_, i) => y + 1 - i);
}

/** The tiles in the order the bokslut reads: what was practised and what happened first. */
export const TILE_ORDER: readonly (keyof YearCounts)[] = [
  'exercises_held', 'events_opened', 'events_closed', 'decisions', 'deviations', 'lessons_recorded', 'lessons_closed',
  'plan_revisions', 'revision_proposals', 'risks_registered', 'risks_reassessed', 'risks_closed', 'mode_changes',
];

export function tiles(c: YearCounts): { key: keyof YearCounts; n: number }[] {
  return TILE_ORDER.map((key) => ({ key, n: c[key] }));
}

/** A mode file's classification ("Konfidentiell") as a marking, to know before printing whether
 *  the bokslut comes in numbered copies; null for one the window does not know. */
export function markingOfClassification(s: string | null | undefined): Marking | null {
  if (!s) return null;
  const key = s.trim().toLowerCase().replace(/ä/g, 'a').replace(/å/g, 'a').replace(/ö/g, 'o').replace(/\s+/g, '_');
  return (MARKINGS as readonly string[]).includes(key) ? (key as Marking) : null;
}

/** The number of participants typed, or null when it is not a whole number from 0. */
export function participants(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** Today as ÅÅÅÅ-MM-DD in local time, the form the core takes for dates. */
export function today(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

