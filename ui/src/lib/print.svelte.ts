// The print dialog is one for the window: Ctrl+P anywhere in an event and "Skriv ut…" in its log
// open the same dialog, above whatever screen is showing.
import type { RecordType } from './bindings/RecordType';

export const printing = $state<{ eventId: string | null; log: RecordType }>({ eventId: null, log: 'decision' });

/** Opens the dialog for an event; without `log` it offers the log printed last. */
export function openPrint(eventId: string, log?: RecordType): void {
  printing.eventId = eventId;
  if (log) printing.log = log;
}

export function closePrint(): void {
  printing.eventId = null;
}
