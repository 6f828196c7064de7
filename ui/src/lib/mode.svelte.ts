// The organisation's readiness mode as the core reports it; every screen reads it from here.
import { getCurrentWindow } from '@tauri-apps/api/window';
import { call } from './api';
import { modeName } from './i18n/index.svelte';
import type { ModeStatus } from './bindings/ModeStatus';

export const readiness = $state<{ status: ModeStatus | null }>({ status: null });

export async function refreshMode(lang: 'sv' | 'en'): Promise<void> {
  readiness.status = await call({ command: 'mode_status' });
  const name = modeName(readiness.status.current.id, lang);
  try {
    await getCurrentWindow().setTitle(`Krisledning — ${name}`);
  } catch {
    // Outside the app window (unit tests) there is no title to set.
  }
}
