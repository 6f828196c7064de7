// The record's laptops as the core sees them: this laptop's card and code, the paired laptops,
// the chains held and the open conflicts. One copy for the whole window — the navigation's
// conflict count, the lägesbild's conflicts and the Synkronisering screen all read it — read at
// start, again when the store changes (a sync, a pairing, `kris` in a terminal), and taken from
// the answer of every pairing, unpairing and decision. The shell exchanges with the sync folder
// by itself when this laptop writes or a file arrives, and says what came of it (`sync-report`,
// `sync-error`); the last exchange, the shell's or a click's, is kept here. Nothing polls.
import { listen } from '@tauri-apps/api/event';
import { call, toApiError } from './api';
import { debounce, onStoreChanged } from './live';
import { hasNews, nowIso } from './sync';
import type { ApiError } from './bindings/ApiError';
import type { ExchangeReport } from './bindings/ExchangeReport';
import type { SyncStatus } from './bindings/SyncStatus';

export const syncState = $state<{
  status: SyncStatus | null;
  error: ApiError | null;
  /** The last exchange with the sync folder and when it ended; `exchanges` counts them. */
  report: ExchangeReport | null;
  reportAt: string;
  /** The last exchange that moved entries, and when: the one after it often moved none. */
  news: { report: ExchangeReport; at: string } | null;
  exchanges: number;
  /** Why the last exchange failed (a stick pulled out, say); cleared by the next that works. */
  exchangeError: ApiError | null;
}>({ status: null, error: null, report: null, reportAt: '', news: null, exchanges: 0, exchangeError: null });

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

/** An exchange done, here or by the shell. */
export function exchanged(report: ExchangeReport, at: string = nowIso()): void {
  syncState.report = report;
  syncState.reportAt = at;
  if (hasNews(report)) syncState.news = { report, at };
  syncState.exchangeError = null;
  syncState.exchanges += 1;
}

export function exchangeFailed(e: unknown): void {
  syncState.exchangeError = toApiError(e);
  syncState.exchanges += 1;
}

let started = false;

/** Reads the status once and follows the store and the shell's exchanges from then on; once
 *  per page. */
export function startSync(): void {
  if (started) return;
  started = true;
  void loadSync();
  onStoreChanged(debounce(() => void loadSync(), 300));
  // Outside the app window (unit tests) there is no event channel.
  listen<ExchangeReport>('sync-report', (e) => exchanged(e.payload)).catch(() => {});
  listen<unknown>('sync-error', (e) => exchangeFailed(e.payload)).catch(() => {});
}
