// The reminder list: pushed by the shell's timer every tick, fetched on start so the badge is
// right from the first second, and fetched again when the store changes, so a ticked item or a
// finished task leaves the list (and the event list's overdue marks) at once, not a tick later.
import { listen } from '@tauri-apps/api/event';
import { call } from './api';
import { debounce, onStoreChanged } from './live';
import type { Reminder } from './bindings/Reminder';

/** The shell's timer asks for the same horizon (src-tauri/src/reminders.rs). */
const HORIZON_MINUTES = 120;

export const reminderState = $state<{ list: Reminder[] }>({ list: [] });

async function fetchReminders(): Promise<void> {
  try {
    reminderState.list = await call({ command: 'reminders', args: { horizon_minutes: HORIZON_MINUTES } });
  } catch {
    // A busy store or no core (unit tests): the list stays as it was until the next tick.
  }
}

export async function startReminders(): Promise<void> {
  await fetchReminders();
  onStoreChanged(debounce(fetchReminders, 300));
  try {
    await listen<Reminder[]>('reminders', (e) => (reminderState.list = e.payload));
  } catch {
    // Outside the app window (unit tests) there is no event channel; the list stays as fetched.
  }
}
