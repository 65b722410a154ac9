import { describe, expect, it } from 'vitest';
import { format, zoned } from '../src/index.js';
import '../src/locale/de.js';
import '../src/locale/ko.js';

describe('format', () => {
  const z = zoned('2024-12-30T17:05:09', 'Europe/Berlin');

  it('formats calendar and clock tokens', () => {
    expect(z.format('yyyy-MM-dd HH:mm:ss')).toBe('2024-12-30 17:05:09');
  });

  it('YYYY is the ISO week-numbering year', () => {
    expect(z.format('YYYY')).toBe('2025');
    expect(z.format("'W'ww")).toBe('W01');
  });

  it('uses locale month names', () => {
    expect(format(z, 'd. MMM yyyy', { locale: 'de', timeZone: 'Europe/Berlin' })).toBe('30. Dez. 2024');
  });

  it('uses locale day periods', () => {
    expect(format(z, 'a h:mm', { locale: 'ko', timeZone: 'Europe/Berlin' })).toBe('오후 5:05');
  });

  it('formats offsets', () => {
    expect(z.format('XXX')).toBe('+01:00');
    expect(zoned(0, 'UTC').format('XXX')).toBe('Z');
  });
});
