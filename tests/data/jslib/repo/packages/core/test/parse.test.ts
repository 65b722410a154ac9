import { describe, expect, it } from 'vitest';
import { parse, parseISO, Instant } from '../src/index.js';

describe('parseISO', () => {
  it('accepts lower-case separators', () => {
    const value = parseISO('2022-04-06t10:00:00z');
    expect(Instant.isInstant(value) && value.toISO()).toBe('2022-04-06T10:00:00.000Z');
  });

  it('reads offsets', () => {
    const value = parseISO('2024-04-02T10:00:00+05:30') as Instant;
    expect(value.toISO()).toBe('2024-04-02T04:30:00.000Z');
  });

  it('keeps a bracketed zone', () => {
    const value = parseISO('2024-06-01T08:00[Europe/Paris]');
    expect(String(value)).toContain('Europe/Paris');
  });
});

describe('parse', () => {
  it('parses with a pattern', () => {
    expect(parse('31/01/2024', 'dd/MM/yyyy').toISO()).toBe('2024-01-31T00:00:00+00:00[UTC]');
  });

  it('rejects days that do not exist', () => {
    expect(() => parse('31/02/2023', 'dd/MM/yyyy')).toThrow('Day 31 does not exist in 2023-02');
  });

  it('reports the offset of a mismatch', () => {
    expect(() => parse('2024/01/31', 'yyyy-MM-dd')).toThrow(/ParseError at offset 4/);
  });
});
