/** setTimeout stores the delay in a signed 32-bit int; Node clamps larger values to 1 ms. */
export const MAX_TIMEOUT = 2 ** 31 - 1;

export interface TimerHandle {
  id: ReturnType<typeof setTimeout> | undefined;
  unref: boolean;
}

/** Like setTimeout, but long delays are split into chunks of at most MAX_TIMEOUT. */
export function safeSetTimeout(fn: () => void, delay: number, unref = false): TimerHandle {
  const handle: TimerHandle = { id: undefined, unref };
  const arm = (remaining: number): ReturnType<typeof setTimeout> => {
    const chunk = Math.min(Math.max(remaining, 0), MAX_TIMEOUT);
    const id = setTimeout(() => {
      if (remaining > MAX_TIMEOUT) {
        arm(remaining - MAX_TIMEOUT);
      } else {
        fn();
      }
    }, chunk);
    if (unref && typeof (id as { unref?: () => void }).unref === 'function') {
      (id as unknown as { unref: () => void }).unref();
    }
    return id;
  };
  handle.id = arm(delay);
  return handle;
}

export function clearSafeTimeout(handle: TimerHandle | undefined): void {
  if (handle?.id !== undefined) clearTimeout(handle.id);
}
