import { describe, expect, it } from 'vitest';
import { nextRun, parseCron } from '../src/index.js';

const at = (iso: string) => Date.parse(iso);

describe('parseCron', () => {
  it('accepts 5 and 6 fields', () => {
    expect(parseCron('*/15 * * * *').minutes.has(45)).toBe(true);
    expect(parseCron('30 */15 * * * *').seconds.has(30)).toBe(true);
  });

  it('accepts names in any case', () => {
    expect([...parseCron('0 9 * * mon-fri').daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
  });

  it('rejects out of range values', () => {
    expect(() => parseCron('0 24 * * *')).toThrow('hour value 24 out of range (0-23)');
  });
});

describe('nextRun', () => {
  it('runs a repeated wall time once on the fall-back night', () => {
    const c = parseCron('30 1 * * *');
    const first = nextRun(c, at('2024-11-03T04:00:00Z'), 'America/New_York');
    const second = nextRun(c, first, 'America/New_York');
    expect(second - first).toBe(25 * 3_600_000);
  });

  it('runs a skipped wall time right after the gap', () => {
    const c = parseCron('30 2 * * *');
    const run = nextRun(c, at('2025-03-09T05:00:00Z'), 'America/New_York');
    expect(new Date(run).toISOString()).toBe('2025-03-09T07:00:00.000Z');
  });
});
