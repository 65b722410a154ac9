import { TemporaError, describeValue, messages } from './errors.js';
import { Duration, type DurationLike } from './duration.js';
import { parseISO } from './parse.js';

const INSTANT_BRAND = Symbol.for('tempora.instant@3');

export type InstantInput = Instant | Date | number | string | { readonly epochMs: number };

export class Instant {
  readonly epochMs: number;
  readonly [INSTANT_BRAND] = true;

  constructor(epochMs: number) {
    if (!Number.isFinite(epochMs)) {
      throw new TemporaError('RANGE', messages.outOfRange('epoch milliseconds', epochMs));
    }
    this.epochMs = epochMs;
  }

  static now(): Instant {
    return new Instant(Date.now());
  }

  static isInstant(value: unknown): value is Instant {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[INSTANT_BRAND] === true;
  }

  static from(input: InstantInput): Instant {
    if (Instant.isInstant(input)) return input;
    if (input instanceof Date) return new Instant(input.getTime());
    if (typeof input === 'number') return new Instant(input);
    if (typeof input === 'string') {
      const parsed = parseISO(input);
      return Instant.isInstant(parsed) ? parsed : parsed.toInstant();
    }
    if (typeof input === 'object' && input !== null && 'epochMs' in input && typeof input.epochMs === 'number') {
      return new Instant(input.epochMs);
    }
    throw new TemporaError('INSTANT_EXPECTED', messages.instantExpected(describeValue(input)));
  }

  /** Accepts fractional seconds, e.g. values from Python's time.time(). */
  static fromEpochSeconds(seconds: number): Instant {
    const whole = Math.floor(seconds);
    return new Instant(whole * 1000 + Math.round((seconds % 1) * 1000));
  }

  toEpochSeconds(): number {
    return this.epochMs / 1000;
  }

  add(duration: DurationLike): Instant {
    return new Instant(this.epochMs + Duration.from(duration).toMillis());
  }

  subtract(duration: DurationLike): Instant {
    return new Instant(this.epochMs - Duration.from(duration).toMillis());
  }

  until(other: InstantInput): Duration {
    return Duration.fromMillis(Instant.from(other).epochMs - this.epochMs);
  }

  compare(other: InstantInput): -1 | 0 | 1 {
    const b = Instant.from(other).epochMs;
    return this.epochMs < b ? -1 : this.epochMs > b ? 1 : 0;
  }

  equals(other: InstantInput): boolean {
    return this.compare(other) === 0;
  }

  toDate(): Date {
    return new Date(this.epochMs);
  }

  toISO(): string {
    return new Date(this.epochMs).toISOString();
  }

  toJSON(): string {
    return this.toISO();
  }

  valueOf(): number {
    return this.epochMs;
  }
}

export function instant(input?: InstantInput): Instant {
  return input === undefined ? Instant.now() : Instant.from(input);
}
