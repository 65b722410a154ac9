'use client';
import { useEffect, useRef } from 'react';
import { createScheduler, type DurationLike, type JobOptions } from 'tempora';

export interface UseScheduleOptions extends JobOptions {
  enabled?: boolean;
}

/**
 * Runs `fn` on a cron expression (string with spaces) or an interval while mounted.
 * The latest `fn` is kept in a ref, so an inline callback does not re-create the job (#766).
 */
export function useSchedule(spec: string | DurationLike, fn: () => void, options: UseScheduleOptions = {}): void {
  const { enabled = true, timeZone, name, immediate } = options;
  const fnRef = useRef(fn);
  fnRef.current = fn;

  useEffect(() => {
    if (!enabled) return;
    const scheduler = createScheduler();
    const run = () => fnRef.current();
    if (typeof spec === 'string' && /\s/.test(spec.trim())) {
      scheduler.cron(spec, run, { timeZone, name });
    } else {
      scheduler.every(spec, run, { name, immediate });
    }
    return () => scheduler.stop();
  }, [enabled, typeof spec === 'object' ? JSON.stringify(spec) : spec, timeZone, name, immediate]);
}
