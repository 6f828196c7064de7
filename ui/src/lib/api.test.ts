import { describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...a: unknown[]) => invoke(...a) }));

const { call, toApiError } = await import('./api');

describe('call', () => {
  it('sends the typed request through the single IPC command', async () => {
    invoke.mockResolvedValueOnce({ entries: 3 });
    await call({ command: 'status' });
    expect(invoke).toHaveBeenCalledWith('call', { request: { command: 'status' } });
  });
  it('passes the core error through unchanged', async () => {
    invoke.mockRejectedValueOnce({ code: 'invalid', message: 'Rubrik måste fyllas i.' });
    await expect(call({ command: 'list_events' })).rejects.toEqual({ code: 'invalid', message: 'Rubrik måste fyllas i.' });
  });
  it('turns a failure outside the core into an ApiError', () => {
    expect(toApiError('IPC down')).toEqual({ code: 'storage', message: 'Kunde inte nå kärnan: IPC down' });
  });
});
