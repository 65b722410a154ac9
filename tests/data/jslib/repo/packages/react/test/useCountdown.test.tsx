import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useCountdown } from '../src/index.js';

function Timer({ target, onComplete }: { target: number; onComplete: () => void }) {
  const { remaining } = useCountdown(target, { onComplete });
  return <span>{remaining.format()}</span>;
}

describe('useCountdown', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('counts down and calls onComplete', () => {
    const onComplete = vi.fn();
    const { container } = render(<Timer target={Date.now() + 3000} onComplete={onComplete} />);
    expect(container.textContent).toBe('0:03');
    act(() => void vi.advanceTimersByTime(3000));
    expect(container.textContent).toBe('0:00');
    expect(onComplete).toHaveBeenCalledTimes(1);
  });
});
