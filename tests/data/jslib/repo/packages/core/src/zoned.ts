import { Instant, type InstantInput } from './instant.js';
import { Duration, type DurationLike } from './duration.js';
import { TemporaError, messages } from './errors.js';
import { resolveZone } from './tz/resolve.js';
import { formatOffset, getOffset, localToInstant, type Disambiguation, type WallFields } from './tz/offsets.js';
import { weekStartFor } from './calendar/week.js';
import { format, type FormatOptions } from './format.js';

export type Unit = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute' | 'second';

export interface ZonedOptions {
  /** Used by startOf('week') and the 'w' token; defaults to the locale's first day. */
  weekStartsOn?: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  locale?: string;
}

const ZONED_BRAND = Symbol.for('tempora.zoned@3');

export class ZonedDateTime implements WallFields {
  readonly [ZONED_BRAND] = true;
  readonly epochMs: number;
  readonly timeZone: string;
  readonly offsetMs: number;
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly options: ZonedOptions;

  constructor(epochMs: number, timeZone: string, options: ZonedOptions = {}) {
    resolveZone(timeZone);
    this.epochMs = epochMs;
    this.timeZone = timeZone;
    this.options = options;
    this.offsetMs = getOffset(timeZone, epochMs);
    const wall = new Date(epochMs + this.offsetMs);
    this.year = wall.getUTCFullYear();
    this.month = wall.getUTCMonth() + 1;
    this.day = wall.getUTCDate();
    this.hour = wall.getUTCHours();
    this.minute = wall.getUTCMinutes();
    this.second = wall.getUTCSeconds();
    this.millisecond = wall.getUTCMilliseconds();
  }

  static isZoned(value: unknown): value is ZonedDateTime {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ZONED_BRAND] === true;
  }

  static fromFields(
    fields: WallFields,
    timeZone: string,
    options: ZonedOptions = {},
    disambiguation: Disambiguation = 'compatible',
  ): ZonedDateTime {
    return new ZonedDateTime(localToInstant(fields, timeZone, disambiguation), timeZone, options);
  }

  get dayOfWeek(): number {
    return new Date(Date.UTC(this.year, this.month - 1, this.day)).getUTCDay();
  }

  get offset(): string {
    return formatOffset(this.offsetMs);
  }

  toInstant(): Instant {
    return new Instant(this.epochMs);
  }

  withZone(timeZone: string): ZonedDateTime {
    return new ZonedDateTime(this.epochMs, timeZone, this.options);
  }

  with(fields: Partial<WallFields>): ZonedDateTime {
    return ZonedDateTime.fromFields({ ...this.fields(), ...fields }, this.timeZone, this.options);
  }

  fields(): WallFields {
    const { year, month, day, hour, minute, second, millisecond } = this;
    return { year, month, day, hour, minute, second, millisecond };
  }

  /** Calendar units (day and larger) keep the wall time; clock units add exact time. */
  add(duration: DurationLike): ZonedDateTime {
    const d = Duration.from(duration);
    const f = this.fields();
    if (d.years || d.months || d.weeks || d.days) {
      const target = new Date(Date.UTC(f.year + d.years, f.month - 1 + d.months, f.day + d.weeks * 7 + d.days));
      f.year = target.getUTCFullYear();
      f.month = target.getUTCMonth() + 1;
      f.day = target.getUTCDate();
    }
    const base = ZonedDateTime.fromFields(f, this.timeZone, this.options);
    return new ZonedDateTime(base.epochMs + d.clockMillis(), this.timeZone, this.options);
  }

  startOf(unit: Unit): ZonedDateTime {
    const f = this.fields();
    switch (unit) {
      case 'year':
        f.month = 1;
      // fallthrough
      case 'quarter':
        if (unit === 'quarter') f.month = Math.floor((f.month - 1) / 3) * 3 + 1;
      // fallthrough
      case 'month':
        f.day = 1;
        break;
      case 'week': {
        const start = this.options.weekStartsOn ?? weekStartFor(this.options.locale);
        const diff = (this.dayOfWeek - start + 7) % 7;
        const d = new Date(Date.UTC(f.year, f.month - 1, f.day - diff));
        f.year = d.getUTCFullYear();
        f.month = d.getUTCMonth() + 1;
        f.day = d.getUTCDate();
        break;
      }
      default:
        break;
    }
    if (unit !== 'hour' && unit !== 'minute' && unit !== 'second') f.hour = 0;
    if (unit !== 'minute' && unit !== 'second') f.minute = 0;
    if (unit !== 'second') f.second = 0;
    f.millisecond = 0;
    return ZonedDateTime.fromFields(f, this.timeZone, this.options, 'earlier');
  }

  endOf(unit: Unit): ZonedDateTime {
    const next = this.startOf(unit).add({ [unit === 'quarter' ? 'months' : `${unit}s`]: unit === 'quarter' ? 3 : 1 });
    return new ZonedDateTime(next.epochMs - 1, this.timeZone, this.options);
  }

  format(pattern: string, options?: FormatOptions): string {
    return format(this, pattern, { timeZone: this.timeZone, ...options });
  }

  toISO(): string {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    return (
      `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}T${pad(this.hour)}:${pad(this.minute)}:${pad(this.second)}` +
      `${this.millisecond ? '.' + pad(this.millisecond, 3) : ''}${formatOffset(this.offsetMs)}[${this.timeZone}]`
    );
  }

  toJSON(): string {
    return this.toISO();
  }
}

export function zoned(input: InstantInput | WallFields | string, timeZone: string, options?: ZonedOptions): ZonedDateTime {
  if (typeof input === 'string' && !/[zZ]|[+-]\d{2}:?\d{2}$/.test(input)) {
    // A floating local date-time: interpret it in the target zone.
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(input);
    if (!m) throw new TemporaError('PARSE_INVALID', messages.invalidIso(input));
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
    return ZonedDateTime.fromFields(
      { year: +y!, month: +mo!, day: +d!, hour: +h, minute: +mi, second: +s, millisecond: 0 },
      timeZone,
      options,
    );
  }
  if (typeof input === 'object' && input !== null && 'year' in input && 'month' in input) {
    return ZonedDateTime.fromFields(input as WallFields, timeZone, options);
  }
  return new ZonedDateTime(Instant.from(input as InstantInput).epochMs, timeZone, options);
}
