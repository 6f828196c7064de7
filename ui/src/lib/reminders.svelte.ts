// The reminder list: pushed by the shell's timer every tick, and fetched on start so the badge is
// right from the first second.
import { listen } from '@tauri-apps/api/event';
import { call } from './api';
import type { Reminder } from './bindings/Reminder';

export const reminderState = $state<{ list: Reminder[] }>({ list: [] });

export async function startReminders(): Promise<void> {
  try {
    reminderState.list = await call({ command: 'reminders', args: { horizon_minutes: 120 } });
    await listen<Reminder[]>('reminders', (e) => (reminderState.list = e.payload));
  } catch {
    // Outside the app window (unit tests) there is no event channel; the list stays as fetched.
  }
}
