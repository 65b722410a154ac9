'use client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { Instant } from 'tempora';
import { useOptionalTempora } from './TemporaProvider.js';

export type NowInterval = 'second' | 'minute' | 'hour' | number;

const INTERVALS: Record<string, number> = {
  second: 1000,
  minutes: 60_000,
  hour: 3_600_000,
};

function intervalToMs(interval: NowInterval): number {
  return typeof interval === 'number' ? interval : (INTERVALS[interval] ?? 1000);
}

const subscribeHydration = () => () => {};

export interface UseNowOptions {
  interval?: NowInterval;
  /** Align ticks to the wall clock (e.g. on the minute). Default true. */
  align?: boolean;
}

/**
 * The current instant, updated every `interval`. The first client render reuses the
 * provider's initialNow (or the server value) so hydration does not mismatch.
 */
export function useNow({ interval = 'second', align = true }: UseNowOptions = {}): Instant {
  const ctx = useOptionalTempora();
  const hydrated = useSyncExternalStore(subscribeHydration, () => true, () => false);
  const [now, setNow] = useState(() => new Instant(ctx?.initialNow ?? Date.now()));
  const ms = intervalToMs(interval);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const t = Date.now();
      setNow(new Instant(t));
      timer = setTimeout(tick, align ? ms - (t % ms) : ms);
    };
    tick();
    const onVisible = () => {
      if (document.visibilityState === 'visible') {
        clearTimeout(timer);
        tick();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ms, align]);

  return hydrated ? now : new Instant(ctx?.initialNow ?? now.epochMs);
}
