import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExchangeReport } from './bindings/ExchangeReport';
import type { SyncStatus } from './bindings/SyncStatus';

// The core and the shell's channels, played by the test.
const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }));
const handlers = new Map<string, (e: { payload: unknown }) => void>();
vi.mock('@tauri-apps/api/event', () => ({
  listen: async (name: string, h: (e: { payload: unknown }) => void) => {
    handlers.set(name, h);
    return () => {};
  },
}));

const { exchanged, loadSync, setSyncStatus, startSync, syncState } = await import('./sync-state.svelte');

const status = (code: string, conflicts = 0) =>
  ({ card: { device_id: 'own' }, code, peers: [], chains: [], conflicts: Array.from({ length: conflicts }, (_, i) => ({ entry_id: `c${i}` })) }) as unknown as SyncStatus;
const report = (imported: number): ExchangeReport => ({ folder: '/media/usb/synk', exported: 0, imported, unpaired: [], skipped: [], open_conflicts: 0 });

describe('sync state', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    invoke.mockReset();
  });
  afterEach(() => vi.useRealTimers());

  it('reads the status at start, again after a store change, and not while nothing happens', async () => {
    invoke.mockResolvedValue(status('111 111'));
    startSync();
    await vi.advanceTimersByTimeAsync(0);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(invoke).toHaveBeenCalledWith('call', { request: { command: 'sync_status' } });
    expect(syncState.status?.code).toBe('111 111');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(invoke).toHaveBeenCalledTimes(1);
    invoke.mockResolvedValue(status('111 111', 2));
    handlers.get('store-changed')?.({ payload: 12 });
    handlers.get('store-changed')?.({ payload: 13 });
    await vi.advanceTimersByTimeAsync(300);
    expect(invoke).toHaveBeenCalledTimes(2);
    expect(syncState.status?.conflicts).toHaveLength(2);
  });

  it('keeps the newest answer: a slow read does not undo a pairing', async () => {
    let answer: (s: SyncStatus) => void = () => {};
    invoke.mockReturnValueOnce(new Promise((r) => (answer = r)));
    const slow = loadSync();
    setSyncStatus(status('222 222'));
    answer(status('old'));
    await slow;
    expect(syncState.status?.code).toBe('222 222');
  });

  it('keeps the shell\'s exchanges and their errors, newest last', () => {
    const before = syncState.exchanges;
    handlers.get('sync-error')?.({ payload: { code: 'storage', message: 'Synkmappen /media/usb/synk går inte att använda.', params: { path: '/media/usb/synk' } } });
    expect(syncState.exchangeError?.code).toBe('storage');
    handlers.get('sync-report')?.({ payload: report(3) });
    expect(syncState.report?.imported).toBe(3);
    expect(syncState.exchangeError).toBeNull();
    exchanged(report(0), '2026-11-24T10:00:00.000Z');
    expect(syncState.reportAt).toBe('2026-11-24T10:00:00.000Z');
    // The exchange with news stays known after one that brought nothing.
    expect(syncState.news?.report.imported).toBe(3);
    expect(syncState.exchanges).toBe(before + 3);
  });
});
