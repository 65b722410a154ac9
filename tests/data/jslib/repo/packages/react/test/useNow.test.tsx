import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TemporaProvider, useNow } from '../src/index.js';

function Clock({ interval }: { interval?: 'second' | 'minute' }) {
  const now = useNow({ interval });
  return <span data-testid="clock">{now.epochMs}</span>;
}

describe('useNow', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2024-06-01T12:00:00.000Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('ticks every second by default', () => {
    render(<Clock />);
    act(() => void vi.advanceTimersByTime(1000));
    expect(screen.getByTestId('clock').textContent).toBe(String(Date.parse('2024-06-01T12:00:01.000Z')));
  });

  it('uses initialNow from the provider for the first render', () => {
    const html = render(
      <TemporaProvider initialNow={0}>
        <Clock />
      </TemporaProvider>,
    );
    expect(html.container.textContent).not.toBe('');
  });
});
