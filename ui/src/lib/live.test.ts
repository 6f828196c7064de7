import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The shell's store-changed channel, played by the test.
let storeChanged: (e: { payload: number | null }) => void = () => {};
vi.mock('@tauri-apps/api/event', () => ({
  listen: async (_: string, h: typeof storeChanged) => {
    storeChanged = h;
    return () => {};
  },
}));

const { debounce, reloadOnChange } = await import('./live');

describe('debounce', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once after the burst, with the last arguments', () => {
    const fn = vi.fn();
    const d = debounce(fn, 150);
    d(1);
    vi.advanceTimersByTime(100);
    d(2);
    vi.advanceTimersByTime(149);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledOnce();
    expect(fn).toHaveBeenCalledWith(2);
  });

  it('cancel drops a pending run', () => {
    const fn = vi.fn();
    const d = debounce(fn, 150);
    d();
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('reloadOnChange', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads once after a burst of changes to the store', () => {
    const load = vi.fn();
    const stop = reloadOnChange(load, 300);
    storeChanged({ payload: 7 });
    storeChanged({ payload: 8 });
    vi.advanceTimersByTime(300);
    expect(load).toHaveBeenCalledOnce();
    stop();
  });

  it('stopped, it neither loads on a change nor runs a load still waiting', () => {
    const load = vi.fn();
    const stop = reloadOnChange(load, 300);
    storeChanged({ payload: 9 });
    stop();
    storeChanged({ payload: 10 });
    vi.advanceTimersByTime(1000);
    expect(load).not.toHaveBeenCalled();
  });
});
