import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const { ticker, useTicker } = await import('./ticker.svelte');

describe('useTicker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs one second hand for all its clocks, and none once they stop', () => {
    const start = ticker.now;
    const a = useTicker();
    const b = useTicker();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(3000);
    expect(ticker.now - start).toBeGreaterThanOrEqual(3000);
    a();
    a();
    expect(vi.getTimerCount()).toBe(1);
    b();
    expect(vi.getTimerCount()).toBe(0);
    const stood = ticker.now;
    vi.advanceTimersByTime(5000);
    expect(ticker.now).toBe(stood);
  });
});
