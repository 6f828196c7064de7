// Journal entry kinds as the timeline names them. The core sends the kind (`plan.item`) and a
// summary of what the entry says; the window names the kind in the reader's language.
import type { Strings } from './i18n/sv';

/** Every kind the core writes today. A kind from a newer version is shown as it is spelt. */
export const KINDS = [
  'decision.made', 'diary.logged', 'entry.corrected', 'entry.flagged', 'entry.unflagged',
  'event.opened', 'event.closed', 'plan.imported', 'plan.activated', 'plan.item', 'plan.deactivated',
  'mode.changed', 'resource.added', 'resource.changed', 'request.made', 'request.decided',
  'request.assigned', 'task.created', 'task.status', 'staff.added', 'roster.assigned',
  'operator.switched', 'situation.updated', 'deviation.reported', 'lesson.recorded', 'lesson.closed',
  'revision.proposed', 'report.issued', 'device.paired', 'device.unpaired', 'conflict.resolved',
  'exercise.created', 'exercise.control', 'inject.delivered', 'exercise.assessed', 'exercise.hotwash',
  'risk.registered', 'risk.assessed', 'risk.closed', 'service.recorded', 'dependency.hit',
  'dependency.restored', 'goal.set', 'goal.activity', 'goal.phase', 'goal.assessed',
  'followup.exercise_held', 'war.placed', 'war.unplaced', 'war.reported', 'readiness.checked',
] as const;

export function kindLabel(kind: string, s: Strings): string {
  const dot = kind.indexOf('.');
  const labels = s.entryKinds as Record<string, Record<string, string> | undefined>;
  return (dot > 0 && labels[kind.slice(0, dot)]?.[kind.slice(dot + 1)]) || kind;
}

/** The filter chips, each the kind groups it asks the core for: staff, the roster and operator
 *  switches are one thing to the reader. */
export const KIND_FILTERS = [
  { id: 'decision', kinds: ['decision'] },
  { id: 'diary', kinds: ['diary'] },
  { id: 'situation', kinds: ['situation'] },
  { id: 'entry', kinds: ['entry'] },
  { id: 'event', kinds: ['event'] },
  { id: 'plan', kinds: ['plan'] },
  { id: 'task', kinds: ['task'] },
  { id: 'request', kinds: ['request'] },
  { id: 'resource', kinds: ['resource'] },
  { id: 'staff', kinds: ['staff', 'roster', 'operator'] },
  { id: 'mode', kinds: ['mode'] },
  // The after phase is read as one thing: what went wrong, what was learnt, what plan to change.
  { id: 'efter', kinds: ['deviation', 'lesson', 'revision'] },
  { id: 'report', kinds: ['report'] },
  // Pairings of laptops and the decisions on conflicts between them.
  { id: 'sync', kinds: ['device', 'conflict'] },
  // Före: the risk register and continuity, with the dependencies an event takes down.
  { id: 'risk', kinds: ['risk', 'service', 'dependency'] },
  // The year's follow-up and höjd beredskap: goals, exercises held, war placements, checklists.
  { id: 'beredskap', kinds: ['goal', 'followup', 'war', 'readiness'] },
  // Only an exercise store has these: control's actions, the injects, assessments, the hot wash.
  { id: 'exercise', kinds: ['exercise', 'inject'] },
] as const;

export type KindFilter = (typeof KIND_FILTERS)[number]['id'];

/** The chips a store offers: the exercise's only in an exercise store. */
export function kindFilters(exercise: boolean): (typeof KIND_FILTERS)[number][] {
  return KIND_FILTERS.filter((f) => exercise || f.id !== 'exercise');
}

/** The kinds to send for the chips that are on; none on means every kind. */
export function kindsFor(on: readonly KindFilter[]): string[] | undefined {
  const kinds = KIND_FILTERS.filter((f) => on.includes(f.id)).flatMap((f) => [...f.kinds]);
  return kinds.length ? kinds : undefined;
}

/** Entries that are a decision or diary line: they open in the event's log, where they can be
 *  read in full and corrected. Everything else opens in the timeline. */
export function isLogRecord(kind: string): boolean {
  return kind === 'decision.made' || kind === 'diary.logged';
}

/** A flag is about another entry and cannot itself be flagged (the core refuses). */
export function canFlag(kind: string): boolean {
  return kind !== 'entry.flagged' && kind !== 'entry.unflagged';
}
