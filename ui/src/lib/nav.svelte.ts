// Where the window is: one place the header, the views and the Ctrl+K palette all move through,
// so a jump from the palette lands the same way as a click in a view.
import type { DiaryPrefill } from './exercise';

/** `exercise` (the injects, background and objectives) and `control` are an exercise store's;
 *  `copies` is the copy register (exemplarförteckning); `sync` the laptops sharing the record. */
export type View = 'events' | 'situation' | 'timeline' | 'resources' | 'plans' | 'staff' | 'mode' | 'lessons' | 'exercise' | 'control' | 'copies' | 'sync' | 'risks' | 'followup';
export type EventPane = 'log' | 'plans' | 'tasks' | 'timeline' | 'efter' | 'continuity';

/** What a screen does once on arrival, then clears: open a form, bring an entry into view,
 *  select a plan, resource or person, or open the diary form filled in from an inject. */
export type Arrival =
  | { form: 'decision' | 'diary' | 'event' | 'deviation' }
  | { diary: DiaryPrefill }
  | { entry: string }
  | { pane: EventPane }
  | { timeline: { seq: number; id: string } }
  | { plan: string }
  | { resource: string }
  | { person: string }
  | { risk: string }
  | { service: string };

export const nav = $state<{
  view: View;
  /** The event open in the events view; null shows the list. */
  eventId: string | null;
  /** Whose lägesbild the situation view shows; null is the whole organisation's. */
  situationOf: string | null;
  arrival: Arrival | null;
}>({ view: 'events', eventId: null, situationOf: null, arrival: null });

export function go(view: View, arrival: Arrival | null = null): void {
  nav.view = view;
  if (view === 'events') nav.eventId = null;
  nav.arrival = arrival;
}

export function openEvent(id: string, arrival: Arrival | null = null): void {
  nav.view = 'events';
  nav.eventId = id;
  nav.arrival = arrival;
}

export function closeEvent(): void {
  nav.eventId = null;
  nav.arrival = null;
}

export function openSituation(eventId: string | null): void {
  nav.view = 'situation';
  nav.situationOf = eventId;
  nav.arrival = null;
}

/** The event the staff is working in: the one open in the events view, or the one whose
 *  lägesbild is on screen. Commands such as "Nytt beslut" write there. */
export function currentEvent(): string | null {
  if (nav.view === 'events') return nav.eventId;
  if (nav.view === 'situation') return nav.situationOf;
  return null;
}

/** Hands the arrival to the screen that asked for it, once: a later visit starts plain. */
export function takeArrival<K extends string>(key: K): Extract<Arrival, Record<K, unknown>>[K] | null {
  const a = nav.arrival;
  if (!a || !(key in a)) return null;
  nav.arrival = null;
  return (a as Record<K, unknown>)[key] as Extract<Arrival, Record<K, unknown>>[K];
}
