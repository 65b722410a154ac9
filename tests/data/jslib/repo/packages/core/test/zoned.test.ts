import { describe, expect, it } from 'vitest';
import { zoned, TemporaError } from '../src/index.js';

describe('zoned', () => {
  it('moves a skipped wall time forward by the gap', () => {
    const z = zoned('2022-03-27T02:30', 'Europe/Berlin');
    expect(z.toISO()).toBe('2022-03-27T03:30:00+02:00[Europe/Berlin]');
  });

  it('takes the earlier offset for a repeated wall time', () => {
    const z = zoned('2024-11-03T01:30', 'America/New_York');
    expect(z.offset).toBe('-04:00');
  });

  it('handles the 30 minute DST shift on Lord Howe Island', () => {
    const before = zoned('2025-04-06T01:45', 'Australia/Lord_Howe');
    const after = before.add({ minutes: 30 });
    expect(after.toISO()).toBe('2025-04-06T01:45:00+10:30[Australia/Lord_Howe]');
  });

  it('resolves legacy zone names', () => {
    expect(zoned(0, 'Asia/Calcutta').offset).toBe('+05:30');
    expect(zoned(0, 'Europe/Kiev').timeZone).toBe('Europe/Kiev');
  });

  it('throws TZ_UNKNOWN for unknown zones', () => {
    expect(() => zoned(0, 'Mars/Olympus_Mons')).toThrowError(TemporaError);
  });

  it('startOf("week") follows weekStartsOn', () => {
    const z = zoned('2024-09-04T12:00', 'UTC', { weekStartsOn: 1 });
    expect(z.startOf('week').day).toBe(2);
  });
});
