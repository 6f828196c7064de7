// Locking the window. The core holds the lock (while locked it answers nothing but lock_state,
// lock and unlock); the window follows it. Locking and unlocking both start the page over: the
// locked page has never read the record, so nothing of it is left in the window, and the
// unlocked page loads everything as at start.
import { call } from './api';
import { lockLook, type ModeLook } from './lock';
import type { ApiError } from './bindings/ApiError';
import type { LockState } from './bindings/LockState';
import type { ModeDef } from './bindings/ModeDef';
import type { ModeId } from './bindings/ModeId';

export const lock = $state<{
  /** The core's last answer; `locked` shows the lock screen instead of everything else. */
  state: LockState | null;
  /** The safety dialog (Säkerhetskopia…) is open. */
  dialog: boolean;
  /** It was opened by the lock button on a record without a passphrase. */
  needPassphrase: boolean;
  /** Why the lock button could not lock, if the core said no. */
  error: ApiError | null;
}>({ state: null, dialog: false, needPassphrase: false, error: null });

/** Asks the core; null when it cannot say (no session), and the start-up goes on as before. */
export async function loadLockState(): Promise<LockState | null> {
  try {
    lock.state = await call({ command: 'lock_state' });
  } catch {
    return null;
  }
  return lock.state;
}

/** A call failed with `locked`: show the lock screen, whatever else the core could say. */
export async function showLocked(): Promise<void> {
  const state = await loadLockState();
  lock.state = state?.locked
    ? state
    : { encrypted: true, idle_minutes: 15, mode: null, exercise: false, key_file: '', ...state, locked: true };
}

export function openSafety(needPassphrase = false): void {
  lock.needPassphrase = needPassphrase;
  lock.error = null;
  lock.dialog = true;
}

export function closeSafety(): void {
  lock.dialog = false;
  lock.needPassphrase = false;
  lock.error = null;
}

let locking = false;

/** The lock button, Ctrl+L, the palette and the idle timer. A record without a passphrase has
 *  nothing to unlock with: the safety dialog opens at its passphrase section instead. */
export async function lockNow(): Promise<void> {
  if (locking || lock.state?.locked) return;
  const state = lock.state ?? (await loadLockState());
  if (!state?.encrypted) {
    openSafety(true);
    return;
  }
  locking = true;
  try {
    await call({ command: 'lock' });
  } catch (e) {
    locking = false;
    // Refused (`conflict`: no passphrase after all) or the store failed: say it where the
    // passphrase is set.
    openSafety(true);
    lock.error = e as ApiError;
    return;
  }
  location.reload();
}

/** After unlocking: the page starts over and loads everything as at start. */
export function unlocked(): void {
  location.reload();
}

const LOOKS_KEY = 'kris.modeLooks';

/** The modes' colours and markings, kept for the lock screen: the locked page cannot ask the
 *  core for them, and they say nothing about the record. Kept for this window's session only. */
export function rememberModes(modes: ModeDef[]): void {
  try {
    const looks = JSON.stringify(modes.map(({ id, colour, text_colour, classification }) => ({ id, colour, text_colour, classification })));
    if (sessionStorage.getItem(LOOKS_KEY) !== looks) sessionStorage.setItem(LOOKS_KEY, looks);
  } catch {
    // No storage (tests): the lock screen shows the neutral bar.
  }
}

/** How the lock screen shows mode `id`, from what was remembered; null for the neutral bar. */
export function modeLook(id: ModeId | null): ModeLook | null {
  try {
    return lockLook(id, JSON.parse(sessionStorage.getItem(LOOKS_KEY) ?? '[]'));
  } catch {
    return null;
  }
}
