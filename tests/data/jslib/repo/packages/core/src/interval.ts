import { Instant, type InstantInput } from './instant.js';
import { Duration, type DurationLike } from './duration.js';
import { TemporaError } from './errors.js';

/** Half-open interval [start, end). */
export class Interval {
  readonly start: Instant;
  readonly end: Instant;

  constructor(start: InstantInput, end: InstantInput) {
    this.start = Instant.from(start);
    this.end = Instant.from(end);
    if (this.end.epochMs < this.start.epochMs) {
      throw new TemporaError('RANGE', 'Interval end is before its start');
    }
  }

  get duration(): Duration {
    return this.start.until(this.end);
  }

  contains(value: InstantInput): boolean {
    const t = Instant.from(value).epochMs;
    return t >= this.start.epochMs && t < this.end.epochMs;
  }

  overlaps(other: Interval): boolean {
    return this.start.epochMs <= other.end.epochMs && other.start.epochMs <= this.end.epochMs;
  }

  intersection(other: Interval): Interval | null {
    if (!this.overlaps(other)) return null;
    const start = Math.max(this.start.epochMs, other.start.epochMs);
    const end = Math.min(this.end.epochMs, other.end.epochMs);
    return new Interval(start, end);
  }

  split(step: DurationLike): Interval[] {
    const ms = Duration.from(step).toMillis();
    if (ms <= 0) throw new TemporaError('RANGE', 'Interval.split step must be positive');
    const out: Interval[] = [];
    for (let t = this.start.epochMs; t < this.end.epochMs; t += ms) {
      out.push(new Interval(t, Math.min(t + ms, this.end.epochMs)));
    }
    return out;
  }
}

export function interval(start: InstantInput, end: InstantInput): Interval {
  return new Interval(start, end);
}
