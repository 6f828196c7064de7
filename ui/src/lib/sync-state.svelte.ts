// The record's laptops as the core sees them: this laptop's card and code, the paired laptops,
// the chains held and the open conflicts. One copy for the whole window — the navigation's
// conflict count, the lägesbild's conflicts and the Synkronisering screen all read it — read at
// start, again when the store changes (a sync, a pairing, `kris` in a terminal), and taken from
// the answer of every pairing, unpairing and decision. Nothing polls.
import { call } from './api';
import { debounce, onStoreChanged } from './live';
import type { ApiError } from './bindings/ApiError';
import type { SyncStatus } from './bindings/SyncStatus';

export const syncState = $state<{ status: SyncStatus | null; error: ApiError | null }>({ status: null, error: null });

// Only the answer to the newest question is kept: a slow read must not undo a pairing's answer.
let asked = 0;

export async function loadSync(): Promise<void> {
  const n = ++asked;
  try {
    const status = await call({ command: 'sync_status' });
    if (n !== asked) return;
    syncState.status = status;
    syncState.error = null;
  } catch (e) {
    if (n === asked) syncState.error = e as ApiError;
  }
}

/** What a pairing, an unpairing or a decision answered: the status after it. */
export function setSyncStatus(status: SyncStatus): void {
  asked += 1;
  syncState.status = status;
  syncState.error = null;
}

let started = false;

/** Reads the status once and follows the store from then on; once per page. */
export function startSync(): void {
  if (started) return;
  started = true;
  void loadSync();
  onStoreChanged(debounce(() => void loadSync(), 300));
}
