import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createScheduler } from '../src/index.js';

describe('Scheduler', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => vi.useRealTimers());

  it('splits delays longer than 2^31-1 ms', async () => {
    const s = createScheduler();
    const fn = vi.fn();
    s.every('40d', fn);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fn).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(40 * 86_400_000);
    expect(fn).toHaveBeenCalledTimes(1);
    s.stop();
  });

  it('cancel() stops a job', async () => {
    const s = createScheduler();
    const fn = vi.fn();
    const id = s.every('1m', fn);
    s.cancel(id);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(fn).not.toHaveBeenCalled();
  });

  it('does not report missed runs on the first tick', async () => {
    const s = createScheduler();
    const missed = vi.fn();
    s.on('missed', missed);
    s.every('1s', () => {});
    await vi.advanceTimersByTimeAsync(3000);
    expect(missed).not.toHaveBeenCalled();
    s.stop();
  });
});
