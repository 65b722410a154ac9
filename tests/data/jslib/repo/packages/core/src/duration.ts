import { TemporaError, messages } from './errors.js';

type Unit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w';
/** Shorthand like '90m', '1h30m', '2d'. */
export type DurationString = `${number}${Unit}` | `${number}${Unit}${number}${Unit}` | `P${string}`;

export interface DurationFields {
  years?: number;
  months?: number;
  weeks?: number;
  days?: number;
  hours?: number;
  minutes?: number;
  seconds?: number;
  milliseconds?: number;
}

export type DurationLike = Duration | DurationFields | DurationString | number;

const ISO_DURATION_RE =
  /^([+-])?P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d{1,9})?)S)?)?$/;
const SHORTHAND_SEGMENT_RE = /(\d+)(ms|s|m|h|d|w)/g;
const SHORTHAND_RE = /^(?:\d+(?:ms|s|m|h|d|w))+$/;

const UNIT_MS: Record<Unit, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export class Duration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly milliseconds: number;

  constructor(fields: DurationFields = {}) {
    this.years = fields.years ?? 0;
    this.months = fields.months ?? 0;
    this.weeks = fields.weeks ?? 0;
    this.days = fields.days ?? 0;
    this.hours = fields.hours ?? 0;
    this.minutes = fields.minutes ?? 0;
    this.seconds = fields.seconds ?? 0;
    this.milliseconds = fields.milliseconds ?? 0;
  }

  static from(input: DurationLike): Duration {
    if (input instanceof Duration) return input;
    if (typeof input === 'number') return Duration.fromMillis(input);
    if (typeof input === 'string') return Duration.parse(input);
    return new Duration(input);
  }

  static fromMillis(ms: number): Duration {
    return new Duration({ milliseconds: ms });
  }

  static parse(input: string): Duration {
    const iso = ISO_DURATION_RE.exec(input);
    if (iso) {
      const sign = iso[1] === '-' ? -1 : 1;
      const n = (v: string | undefined) => (v ? sign * Number(v.replace(',', '.')) : 0);
      const secs = n(iso[8]);
      return new Duration({
        years: n(iso[2]),
        months: n(iso[3]),
        weeks: n(iso[4]),
        days: n(iso[5]),
        hours: n(iso[6]),
        minutes: n(iso[7]),
        seconds: Math.trunc(secs),
        milliseconds: Math.round((secs % 1) * 1000),
      });
    }
    if (SHORTHAND_RE.test(input)) {
      let ms = 0;
      for (const [, value, unit] of input.matchAll(SHORTHAND_SEGMENT_RE)) {
        ms += Number(value) * UNIT_MS[unit as Unit];
      }
      return Duration.fromMillis(ms);
    }
    throw new TemporaError('DURATION_INVALID', messages.invalidDuration(input));
  }

  /** Exact milliseconds; months and years are not convertible. */
  toMillis(): number {
    if (this.years || this.months) {
      throw new TemporaError('RANGE', 'Durations with months or years have no fixed length; add them to a ZonedDateTime instead');
    }
    return (this.weeks * 7 + this.days) * 86_400_000 + this.clockMillis();
  }

  clockMillis(): number {
    return this.hours * 3_600_000 + this.minutes * 60_000 + this.seconds * 1000 + this.milliseconds;
  }

  toISO(): string {
    let date = '';
    if (this.years) date += `${this.years}Y`;
    if (this.months) date += `${this.months}M`;
    if (this.weeks) date += `${this.weeks}W`;
    if (this.days) date += `${this.days}D`;
    let time = '';
    if (this.hours) time += `${this.hours}H`;
    if (this.minutes) time += `${this.minutes}M`;
    const secs = this.seconds + this.milliseconds / 1000;
    if (secs) time += `${secs}S`;
    return `P${date}${time ? 'T' + time : ''}`;
  }

  /** 'h:mm:ss' clock style, e.g. for countdowns. */
  format(): string {
    const total = Math.abs(this.clockMillis() + (this.weeks * 7 + this.days) * 86_400_000);
    const h = Math.floor(total / 3_600_000);
    const m = Math.floor((total % 3_600_000) / 60_000);
    const s = Math.floor((total % 60_000) / 1000);
    return h > 0 ? `${h}:${m}:${String(s).padStart(2, '0')}` : `${m}:${String(s).padStart(2, '0')}`;
  }

  negated(): Duration {
    return new Duration({
      years: -this.years,
      months: -this.months,
      weeks: -this.weeks,
      days: -this.days,
      hours: -this.hours,
      minutes: -this.minutes,
      seconds: -this.seconds,
      milliseconds: -this.milliseconds,
    });
  }
}

export function duration(input: DurationLike): Duration {
  return Duration.from(input);
}
