import { TemporaError, messages } from '../errors.js';
import { ZonedDateTime } from '../zoned.js';
import { localToInstant } from '../tz/offsets.js';

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const FIELDS: readonly FieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTH_NAMES },
  { name: 'day-of-week', min: 0, max: 6, names: DAY_NAMES },
];

const MACROS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export interface CronExpression {
  readonly source: string;
  readonly seconds: ReadonlySet<number>;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  /** true when day-of-month and day-of-week are both restricted (crontab OR semantics) */
  readonly domOrDow: boolean;
}

function parseValue(raw: string, spec: FieldSpec, expr: string): number {
  const upper = raw.toUpperCase();
  const named = spec.names?.indexOf(upper as never) ?? -1;
  if (named >= 0) return named + (spec.name === 'month' ? 1 : 0);
  if (!/^\d+$/.test(raw)) throw new TemporaError('CRON_INVALID', messages.invalidCron(expr, `bad ${spec.name} value "${raw}"`));
  const n = Number(raw);
  if (n < spec.min || n > spec.max) {
    throw new TemporaError(
      'CRON_INVALID',
      messages.invalidCron(expr, `${spec.name} value ${n} out of range (${spec.min}-${spec.max})`),
    );
  }
  return n;
}

export function parseField(field: string, spec: FieldSpec, expr: string): Set<number> {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepRaw] = part.split('/');
    const step = stepRaw === undefined ? 1 : Number(stepRaw);
    if (!Number.isInteger(step) || step < 1) {
      throw new TemporaError('CRON_INVALID', messages.invalidCron(expr, `bad step "${stepRaw}" in ${spec.name}`));
    }
    let lo: number;
    let hi: number;
    if (range === '*' || range === '?') {
      lo = spec.min;
      hi = spec.max;
    } else if (range!.includes('-')) {
      const [a, b] = range!.split('-');
      lo = parseValue(a!, spec, expr);
      hi = parseValue(b!, spec, expr);
    } else {
      lo = parseValue(range!, spec, expr);
      hi = stepRaw === undefined ? lo : spec.max;
    }
    for (let v = lo; v <= hi; v += step) out.add(v);
  }
  return out;
}

export function parseCron(source: string): CronExpression {
  const expr = MACROS[source.trim().toLowerCase()] ?? source.trim();
  let parts = expr.split(/\s+/);
  if (parts.length === 5) parts = ['0', ...parts];
  if (parts.length !== 6) {
    throw new TemporaError('CRON_INVALID', messages.invalidCron(source, `expected 5 or 6 fields, got ${parts.length}`));
  }
  const [sec, min, hour, dom, mon, dow] = parts.map((p, i) => parseField(p, FIELDS[i]!, source));
  return {
    source,
    seconds: sec!,
    minutes: min!,
    hours: hour!,
    daysOfMonth: dom!,
    months: mon!,
    daysOfWeek: dow!,
    domOrDow: parts[3] !== '*' && parts[3] !== '?' && parts[5] !== '*' && parts[5] !== '?',
  };
}

function dayMatches(c: CronExpression, z: { day: number; dayOfWeek: number }): boolean {
  const dom = c.daysOfMonth.has(z.day);
  const dow = c.daysOfWeek.has(z.dayOfWeek);
  return c.domOrDow ? dom || dow : dom && dow;
}

/**
 * Next matching wall time strictly after `after`, in `timeZone`. Wall times that fall in a
 * DST gap run at the first instant after the gap; repeated wall times run once (#163).
 */
export function nextRun(c: CronExpression, after: number, timeZone: string): number {
  let z = new ZonedDateTime(after + 1000 - (after % 1000), timeZone);
  for (let guard = 0; guard < 366 * 24 * 60; guard++) {
    if (!c.months.has(z.month)) {
      z = z.with({ month: z.month, day: 1, hour: 0, minute: 0, second: 0 }).add({ months: 1 });
      continue;
    }
    if (!dayMatches(c, z)) {
      z = z.with({ hour: 0, minute: 0, second: 0 }).add({ days: 1 });
      continue;
    }
    if (!c.hours.has(z.hour)) {
      z = z.with({ minute: 0, second: 0 }).add({ hours: 1 });
      continue;
    }
    if (!c.minutes.has(z.minute)) {
      z = z.with({ second: 0 }).add({ minutes: 1 });
      continue;
    }
    if (!c.seconds.has(z.second)) {
      z = z.add({ seconds: 1 });
      continue;
    }
    const epoch = localToInstant(z.fields(), timeZone, 'earlier');
    if (epoch > after) return epoch;
    z = z.add({ seconds: 1 });
  }
  throw new TemporaError('CRON_INVALID', messages.invalidCron(c.source, 'no matching time within a year'));
}
