// What the window does with the after phase's lists. The core decides what is overdue, whether a
// proposal is still open and which lessons are open; this shapes forms into requests, groups
// what the core sent and words the states.
import { blankToUndefined, localInputToRfc3339 } from './format';
import { fill } from './situation';
import { matchesPrefixes } from './palette';
import type { DeviationCategory } from './bindings/DeviationCategory';
import type { Lesson } from './bindings/Lesson';
import type { LessonKind } from './bindings/LessonKind';
import type { NewDeviation } from './bindings/NewDeviation';
import type { NewLesson } from './bindings/NewLesson';
import type { RevisionProposal } from './bindings/RevisionProposal';

/** In the order the form offers them; `annat` last, as the core's default when none is chosen. */
export const DEVIATION_CATEGORIES: DeviationCategory[] = ['rutin_ej_foljd', 'resurs_saknades', 'teknik', 'kommunikation', 'samverkan', 'annat'];

/** Something to improve is what a lesson usually is; the core's default too. */
export const LESSON_KINDS: LessonKind[] = ['forbattra', 'bra'];

export type DeviationForm = { title: string; text: string; category: DeviationCategory; consequence: string; action: string; occurredAt: string };
export type LessonForm = { text: string; kind: LessonKind; owner: string; due: string; deviation: string };

export const emptyDeviation = (): DeviationForm => ({ title: '', text: '', category: 'annat', consequence: '', action: '', occurredAt: '' });
export const emptyLesson = (deviation = ''): LessonForm => ({ text: '', kind: 'forbattra', owner: '', due: '', deviation });

/** Blank optional fields are left out so the core sees "not given" (an empty time is now). */
export function deviationInput(eventId: string, f: DeviationForm, now: Date = new Date()): NewDeviation {
  return {
    event_id: eventId,
    title: f.title,
    text: f.text,
    category: f.category,
    consequence: blankToUndefined(f.consequence),
    action: blankToUndefined(f.action),
    occurred_at: localInputToRfc3339(f.occurredAt, now),
  };
}

/** The owner and due date go as typed, blank too: the core refuses a lesson nobody owns, and
 *  its message is the one shown. */
export function lessonInput(eventId: string, f: LessonForm, now: Date = new Date()): NewLesson {
  return {
    event_id: eventId,
    text: f.text,
    kind: f.kind,
    owner: f.owner,
    due: localInputToRfc3339(f.due, now) ?? '',
    deviation_id: blankToUndefined(f.deviation),
  };
}

/** Proposals by the lesson they came from, each list in the core's order. */
export function byLesson(proposals: RevisionProposal[]): Map<string, RevisionProposal[]> {
  const out = new Map<string, RevisionProposal[]>();
  for (const p of proposals) out.set(p.lesson_id, [...(out.get(p.lesson_id) ?? []), p]);
  return out;
}

export type ProposalWords = { open: string; closedBy: string };

/** "öppen", or "stängd av version 3" once the core has seen a newer version of the plan. */
export function proposalState(p: Pick<RevisionProposal, 'open' | 'closed_by_version'>, w: ProposalWords): string {
  if (p.open || p.closed_by_version === null) return w.open;
  return fill(w.closedBy, { version: p.closed_by_version });
}

/** The open lessons of an event and how many of them the core says are overdue, for the tab. */
export function openCounts(lessons: Pick<Lesson, 'closed' | 'overdue'>[]): { open: number; overdue: number } {
  const open = lessons.filter((l) => !l.closed);
  return { open: open.length, overdue: open.filter((l) => l.overdue).length };
}

/** The follow-up list narrowed to what is typed: every word the start of a word in the owner,
 *  the lesson or its event, so `maria` finds Maria Berg's and `elavb` one event's. */
export function matchLesson(query: string, l: Pick<Lesson, 'owner' | 'text' | 'event_title'>): boolean {
  return matchesPrefixes(query, `${l.owner} ${l.text} ${l.event_title}`);
}
