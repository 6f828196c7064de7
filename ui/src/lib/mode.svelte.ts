// The organisation's readiness mode as the core reports it; every screen reads it from here.
// The window's title, which names the mode (or the exercise), is set from it in App.svelte.
import { getCurrentWindow } from '@tauri-apps/api/window';
import { call } from './api';
import { rememberModes } from './lock.svelte';
import type { ModeStatus } from './bindings/ModeStatus';

export const readiness = $state<{ status: ModeStatus | null }>({ status: null });

export async function refreshMode(): Promise<void> {
  readiness.status = await call({ command: 'mode_status' });
  // The lock screen shows the mode in its colours without asking the core.
  rememberModes(readiness.status.modes);
}

let shownTitle = '';

/** Sets the window's title (and the page's, which is what a test or a screen reader reads)
 *  when it changes: setting it is a message to the shell, not to be sent on every refresh. */
export async function setWindowTitle(title: string): Promise<void> {
  if (title === shownTitle) return;
  shownTitle = title;
  document.title = title;
  try {
    await getCurrentWindow().setTitle(title);
  } catch {
    // Outside the app window (unit tests) there is no title to set.
  }
}
