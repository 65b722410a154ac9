import { Instant, type InstantInput } from './instant.js';
import { ZonedDateTime } from './zoned.js';
import { hostTimeZone } from './env.js';
import { getLocale } from './locale/registry.js';
import { isoWeek, isoWeekYear, weekOfYear } from './calendar/week.js';
import { formatOffset } from './tz/offsets.js';
import { tokenize, type Token } from './tokens.js';
import { warnOnce } from './warn.js';

export interface FormatOptions {
  timeZone?: string;
  locale?: string;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

function zoneName(z: ZonedDateTime, localeCode: string, style: 'short' | 'long'): string {
  const parts = new Intl.DateTimeFormat(localeCode, { timeZone: z.timeZone, timeZoneName: style }).formatToParts(
    new Date(z.epochMs),
  );
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? z.offset;
}

function formatToken(token: Token, z: ZonedDateTime, options: FormatOptions): string {
  const locale = getLocale(options.locale);
  switch (token) {
    case 'yyyy':
      return pad(z.year, 4);
    case 'yy':
      return pad(z.year % 100);
    case 'YYYY':
      warnOnce('YYYY', 'Pattern token "YYYY" is the ISO week-numbering year; you probably want "yyyy"');
      return pad(isoWeekYear(z), 4);
    case 'MMMM':
      return locale.months.wide[z.month - 1]!;
    case 'MMM':
      return locale.months.abbreviated[z.month - 1]!;
    case 'MM':
      return pad(z.month);
    case 'M':
      return String(z.month);
    case 'dd':
      return pad(z.day);
    case 'd':
      return String(z.day);
    case 'EEEE':
      return locale.weekdays.wide[z.dayOfWeek]!;
    case 'EEE':
      return locale.weekdays.abbreviated[z.dayOfWeek]!;
    case 'HH':
      return pad(z.hour);
    case 'H':
      return String(z.hour);
    case 'hh':
      return pad(z.hour % 12 || 12);
    case 'h':
      return String(z.hour % 12 || 12);
    case 'mm':
      return pad(z.minute);
    case 'ss':
      return pad(z.second);
    case 'SSS':
      return pad(z.millisecond, 3);
    case 'a':
      return z.hour < 12 ? locale.dayPeriods.am : locale.dayPeriods.pm;
    case 'XXX':
      return z.offsetMs === 0 ? 'Z' : formatOffset(z.offsetMs);
    case 'xx':
      return formatOffset(z.offsetMs, '');
    case 'zzz':
      return zoneName(z, locale.code, 'short');
    case 'zzzz':
      return zoneName(z, locale.code, 'long');
    case 'w':
      return String(weekOfYear(z, (options as { weekStartsOn?: number }).weekStartsOn ?? locale.week.firstDay));
    case 'ww':
      return pad(isoWeek(z));
    case 'Q':
      return String(Math.floor((z.month - 1) / 3) + 1);
    case 'p':
      return new Intl.DateTimeFormat(locale.code, {
        timeZone: z.timeZone,
        hour: 'numeric',
        minute: '2-digit',
        hour12: !locale.hour24,
      }).format(new Date(z.epochMs));
    default:
      return token;
  }
}

export function format(value: InstantInput | ZonedDateTime, pattern: string, options: FormatOptions = {}): string {
  const z = ZonedDateTime.isZoned(value)
    ? value
    : new ZonedDateTime(Instant.from(value).epochMs, options.timeZone ?? hostTimeZone(), { locale: options.locale });
  let out = '';
  for (const segment of tokenize(pattern)) {
    out += segment.kind === 'literal' ? segment.value : formatToken(segment.value, z, options);
  }
  return out;
}
