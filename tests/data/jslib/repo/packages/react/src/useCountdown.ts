'use client';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Duration, Instant, type InstantInput } from 'tempora';

export interface UseCountdownOptions {
  interval?: number;
  autoStart?: boolean;
  onComplete?: () => void;
}

export interface Countdown {
  remaining: Duration;
  running: boolean;
  done: boolean;
  start: () => void;
  pause: () => void;
}

export function useCountdown(target: InstantInput, options: UseCountdownOptions = {}): Countdown {
  const { interval = 1000, autoStart = true, onComplete } = options;
  const targetMs = Instant.from(target).epochMs;
  const [now, setNow] = useState(() => Date.now());
  const [running, setRunning] = useState(autoStart);
  const onCompleteRef = useRef(onComplete);
  onCompleteRef.current = onComplete;

  const remainingMs = Math.max(0, targetMs - now);
  const done = remainingMs === 0;

  useEffect(() => {
    if (!running || done) return;
    const id = setInterval(() => setNow(Date.now()), interval);
    return () => clearInterval(id);
  }, [running, done, interval]);

  useEffect(() => {
    if (done) onCompleteRef.current?.();
  }, [done]);

  const start = useCallback(() => setRunning(true), []);
  const pause = useCallback(() => setRunning(false), []);

  return { remaining: Duration.fromMillis(remainingMs), running: running && !done, done, start, pause };
}
