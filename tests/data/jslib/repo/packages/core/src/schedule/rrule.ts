import { ZonedDateTime } from '../zoned.js';
import { Instant, type InstantInput } from '../instant.js';
import { TemporaError } from '../errors.js';

export type Frequency = 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';
const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface RRuleOptions {
  freq: Frequency;
  dtstart: InstantInput;
  timeZone: string;
  interval?: number;
  count?: number;
  until?: InstantInput;
  byDay?: Weekday[];
  /** 1..31, or -1..-31 counting from the end of the month (RFC 5545 3.3.10). */
  byMonthDay?: number[];
  byMonth?: number[];
}

/** Parses the RRULE value part, e.g. "FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6". */
export function parseRRule(value: string, dtstart: InstantInput, timeZone: string): RRuleOptions {
  const opts: RRuleOptions = { freq: 'DAILY', dtstart, timeZone };
  for (const pair of value.replace(/^RRULE:/i, '').split(';')) {
    const [key, raw = ''] = pair.split('=');
    switch (key!.toUpperCase()) {
      case 'FREQ':
        opts.freq = raw.toUpperCase() as Frequency;
        break;
      case 'INTERVAL':
        opts.interval = Number(raw);
        break;
      case 'COUNT':
        opts.count = Number(raw);
        break;
      case 'UNTIL':
        opts.until = raw;
        break;
      case 'BYDAY':
        opts.byDay = raw.split(',') as Weekday[];
        break;
      case 'BYMONTHDAY':
        opts.byMonthDay = raw.split(',').map(Number);
        break;
      case 'BYMONTH':
        opts.byMonth = raw.split(',').map(Number);
        break;
      default:
        throw new TemporaError('RANGE', `Unsupported RRULE part "${key}"`);
    }
  }
  return opts;
}

function matches(o: RRuleOptions, z: ZonedDateTime): boolean {
  if (o.byMonth && !o.byMonth.includes(z.month)) return false;
  if (o.byDay && !o.byDay.includes(WEEKDAYS[z.dayOfWeek]!)) return false;
  if (o.byMonthDay && !o.byMonthDay.some((n) => z.day === n)) return false;
  return true;
}

export function* rrule(o: RRuleOptions): Generator<ZonedDateTime> {
  const start = new ZonedDateTime(Instant.from(o.dtstart).epochMs, o.timeZone);
  const until = o.until === undefined ? Infinity : Instant.from(o.until).epochMs;
  const step = o.interval ?? 1;
  let emitted = 0;
  let period = 0;
  const expandsDays = Boolean(o.byDay || o.byMonthDay);
  while (emitted < (o.count ?? Infinity) && period < 10_000) {
    const anchor =
      o.freq === 'DAILY'
        ? start.add({ days: period * step })
        : o.freq === 'WEEKLY'
          ? start.add({ weeks: period * step })
          : o.freq === 'MONTHLY'
            ? start.with({ day: 1 }).add({ months: period * step })
            : start.with({ month: 1, day: 1 }).add({ years: period * step });
    const days = expandsDays && o.freq !== 'DAILY' ? (o.freq === 'WEEKLY' ? 7 : o.freq === 'MONTHLY' ? 31 : 366) : 1;
    for (let i = 0; i < days; i++) {
      const z = days === 1 ? anchor : anchor.add({ days: i });
      if (o.freq === 'MONTHLY' && z.month !== anchor.month) break;
      if (z.epochMs < start.epochMs) continue;
      if (z.epochMs > until) return;
      if (!matches(o, z)) continue;
      yield z;
      if (++emitted >= (o.count ?? Infinity)) return;
    }
    period++;
  }
}
