// What is overdue in each event, from the reminder list the shell already sends (the core
// decides what is overdue; this only counts). Situation reports are left out: until reports are
// recorded the core keeps the last one due, so it would mark every event all the time.
import { pluralize, type Plural } from './i18n/plural';
import type { Reminder } from './bindings/Reminder';

export type Overdue = { items: number; tasks: number; followUps: number; lessons: number };

export function overdueByEvent(list: Pick<Reminder, 'kind' | 'event_id' | 'overdue'>[]): Map<string, Overdue> {
  const out = new Map<string, Overdue>();
  for (const r of list) {
    if (!r.overdue || r.kind === 'report_due') continue;
    const o = out.get(r.event_id) ?? { items: 0, tasks: 0, followUps: 0, lessons: 0 };
    if (r.kind === 'item_due') o.items++;
    else if (r.kind === 'task_due') o.tasks++;
    // The only kind a closed event still reminds of: its after phase.
    else if (r.kind === 'lesson_due') o.lessons++;
    else o.followUps++;
    out.set(r.event_id, o);
  }
  return out;
}

export type OverdueWords = { lead: string; items: Plural; tasks: Plural; followUps: Plural; lessons: Plural };

/** "Försenat: 2 åtgärdspunkter · 1 uppdrag", naming only the kinds that have something overdue;
 *  empty when nothing is. */
export function overdueText(o: Overdue | undefined, words: OverdueWords, lang: 'sv' | 'en'): string {
  if (!o) return '';
  const parts = (['items', 'tasks', 'followUps', 'lessons'] as const).filter((k) => o[k] > 0).map((k) => pluralize(o[k], words[k], lang));
  return parts.length ? `${words.lead}: ${parts.join(' · ')}` : '';
}
