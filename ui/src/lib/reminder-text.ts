// The core writes each reminder's title in Swedish ("Följ upp beslut: Reservkraft"). The window
// says it in the reader's language from the kind and the subject, which it takes back out of the
// title by the core's fixed prefix (src/reminders.rs) until the core hands the subject over.
import type { Reminder } from './bindings/Reminder';
import type { ReminderKind } from './bindings/ReminderKind';

const CORE_PREFIX: Record<ReminderKind, string> = {
  follow_up: 'Följ upp beslut: ',
  task_due: 'Uppdrag klart senast: ',
  report_due: '',
};

/** The decision or task the reminder is about; a title without the known prefix is all subject. */
export function reminderSubject(r: Pick<Reminder, 'kind' | 'title'>): string {
  const prefix = CORE_PREFIX[r.kind] ?? '';
  return prefix && r.title.startsWith(prefix) ? r.title.slice(prefix.length) : r.title;
}

/** `texts` holds one template per kind, `{subject}` marking where the subject goes. A kind the
 *  window does not know yet is shown with the core's own title. */
export function reminderText(r: Pick<Reminder, 'kind' | 'title'>, texts: Record<ReminderKind, string>): string {
  const template = texts[r.kind];
  return template ? template.replace('{subject}', reminderSubject(r)) : r.title;
}
