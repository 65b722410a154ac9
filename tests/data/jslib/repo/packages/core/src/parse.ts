import { TemporaError, messages } from './errors.js';
import { Instant } from './instant.js';
import { ZonedDateTime } from './zoned.js';
import { getLocale } from './locale/registry.js';

// date, optional time, optional offset; 't'/'z' accepted in lower case (RFC 3339 5.6)
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?)?([Zz]|[+-]\d{2}:\d{2})?(?:\[([A-Za-z_\/+\-0-9]+)\])?$/;

export interface ParseOptions {
  /** Zone used for inputs without an offset; default UTC. */
  timeZone?: string;
  locale?: string;
  /** Reject day/month overflow instead of rolling over. Default true for parse(). */
  strict?: boolean;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function offsetToMs(offset: string): number {
  if (offset === 'Z' || offset === 'z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number);
  return sign * (h! * 60 + m!) * 60_000;
}

export function parseISO(input: string, options: ParseOptions = {}): Instant | ZonedDateTime {
  const m = ISO_RE.exec(input.trim());
  if (!m) throw new TemporaError('PARSE_INVALID', messages.invalidIso(input));
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '0', offset, zone] = m;
  const fields = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi),
    second: Number(s),
    millisecond: Number(frac.padEnd(3, '0')),
  };
  if (fields.month < 1 || fields.month > 12) throw new TemporaError('PARSE_INVALID', messages.invalidIso(input));
  if (zone) return ZonedDateTime.fromFields(fields, zone, { locale: options.locale });
  if (offset) {
    const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second, fields.millisecond);
    return new Instant(wall - offsetToMs(offset));
  }
  return ZonedDateTime.fromFields(fields, options.timeZone ?? 'UTC', { locale: options.locale });
}

type Matcher = { token: string; re: RegExp; apply: (v: string, acc: Record<string, number>) => void };

function buildMatchers(localeCode?: string): Matcher[] {
  const locale = getLocale(localeCode);
  const monthNames = locale.months.wide.map((n) => n.toLowerCase());
  const monthShort = locale.months.abbreviated.map((n) => n.toLowerCase().replace(/\.$/, ''));
  return [
    { token: 'yyyy', re: /^\d{4}/, apply: (v, a) => (a.year = +v) },
    { token: 'MMMM', re: /^\p{L}+/u, apply: (v, a) => (a.month = monthNames.indexOf(v.toLowerCase()) + 1) },
    { token: 'MMM', re: /^\p{L}+\.?/u, apply: (v, a) => (a.month = monthShort.indexOf(v.toLowerCase().replace(/\.$/, '')) + 1) },
    { token: 'MM', re: /^\d{2}/, apply: (v, a) => (a.month = +v) },
    { token: 'dd', re: /^\d{2}/, apply: (v, a) => (a.day = +v) },
    { token: 'd', re: /^\d{1,2}/, apply: (v, a) => (a.day = +v) },
    { token: 'HH', re: /^\d{2}/, apply: (v, a) => (a.hour = +v) },
    { token: 'mm', re: /^\d{2}/, apply: (v, a) => (a.minute = +v) },
    { token: 'ss', re: /^\d{2}/, apply: (v, a) => (a.second = +v) },
  ];
}

/** Parse with an explicit pattern, e.g. parse('31/01/2024', 'dd/MM/yyyy'). */
export function parse(input: string, pattern: string, options: ParseOptions = {}): ZonedDateTime {
  const matchers = buildMatchers(options.locale);
  const acc: Record<string, number> = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  let i = 0;
  let p = 0;
  while (p < pattern.length) {
    const matcher = matchers.find((mt) => pattern.startsWith(mt.token, p));
    if (matcher) {
      const m = matcher.re.exec(input.slice(i));
      if (!m) {
        throw new TemporaError(
          'PARSE_FORMAT',
          messages.formatMismatch(input, pattern, i, matcher.token, input.slice(i, i + 1)),
        );
      }
      matcher.apply(m[0], acc);
      i += m[0].length;
      p += matcher.token.length;
      continue;
    }
    if (input[i] !== pattern[p]) {
      throw new TemporaError('PARSE_FORMAT', messages.formatMismatch(input, pattern, i, `"${pattern[p]}"`, input[i] ?? ''));
    }
    i++;
    p++;
  }
  const strict = options.strict ?? true;
  if (strict && (acc.month! < 1 || acc.month! > 12 || acc.day! < 1 || acc.day! > daysInMonth(acc.year!, acc.month!))) {
    throw new TemporaError('PARSE_FORMAT', `Day ${acc.day} does not exist in ${acc.year}-${String(acc.month).padStart(2, '0')}`);
  }
  const fields = { year: acc.year!, month: acc.month!, day: acc.day!, hour: acc.hour!, minute: acc.minute!, second: acc.second!, millisecond: 0 };
  return ZonedDateTime.fromFields(fields, options.timeZone ?? 'UTC', { locale: options.locale });
}
