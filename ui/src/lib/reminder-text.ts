// The core writes each reminder's title in Swedish ("Följ upp beslut: Reservkraft"), for the
// desktop notification. The window says it in the reader's language from the kind and the
// subject: the core's own `subject` where it sends one, else the title without the core's fixed
// lead-in (src/reminders.rs).
import type { Reminder } from './bindings/Reminder';
import type { ReminderKind } from './bindings/ReminderKind';

type ReminderLike = Pick<Reminder, 'kind' | 'title'> & { subject?: string };

const CORE_PREFIX: Partial<Record<ReminderKind, string>> = {
  follow_up: 'Följ upp beslut: ',
  task_due: 'Uppdrag klart senast: ',
};

/** The decision, task or item the reminder is about; a title without a known lead-in is all
 *  subject. */
export function reminderSubject(r: ReminderLike): string {
  if (typeof r.subject === 'string') return r.subject;
  const prefix = CORE_PREFIX[r.kind] ?? '';
  return prefix && r.title.startsWith(prefix) ? r.title.slice(prefix.length) : r.title;
}

/** `texts` holds one template per kind, `{subject}` marking where the subject goes. A kind the
 *  window has no words for yet is shown with the core's own title. */
export function reminderText(r: ReminderLike, texts: Partial<Record<ReminderKind, string>>): string {
  const template = texts[r.kind];
  return template ? template.replace('{subject}', reminderSubject(r)) : r.title;
}
