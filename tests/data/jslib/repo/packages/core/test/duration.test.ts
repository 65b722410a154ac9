import { describe, expect, it } from 'vitest';
import { Duration, Interval } from '../src/index.js';

describe('Duration', () => {
  it('parses ISO 8601 and shorthand', () => {
    expect(Duration.parse('PT1H30M').toMillis()).toBe(5_400_000);
    expect(Duration.parse('1h30m').toMillis()).toBe(5_400_000);
    expect(Duration.parse('90m').toMillis()).toBe(5_400_000);
  });

  it('round-trips to ISO', () => {
    expect(Duration.parse('P1DT2H').toISO()).toBe('P1DT2H');
    expect(new Duration({ seconds: 1, milliseconds: 500 }).toISO()).toBe('PT1.5S');
  });

  it('refuses toMillis with months', () => {
    expect(() => new Duration({ months: 1 }).toMillis()).toThrow(/no fixed length/);
  });
});

describe('Interval', () => {
  it('is half-open', () => {
    const i = new Interval('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z');
    expect(i.contains('2024-01-02T00:00:00Z')).toBe(false);
    expect(i.contains('2024-01-01T00:00:00Z')).toBe(true);
  });
});
