import { Instant, type InstantInput } from './instant.js';
import { getDefaultLocale } from './locale/registry.js';

export interface RelativeOptions {
  locale?: string;
  numeric?: 'always' | 'auto';
  style?: 'long' | 'short' | 'narrow';
}

const STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.345],
  ['month', 12],
  ['year', Infinity],
];

/** "in 3 days", "yesterday", "5 minutes ago". */
export function formatRelative(value: InstantInput, base: InstantInput = Instant.now(), options: RelativeOptions = {}): string {
  let delta = (Instant.from(value).epochMs - Instant.from(base).epochMs) / 1000;
  let unit: Intl.RelativeTimeFormatUnit = 'second';
  for (const [u, size] of STEPS) {
    unit = u;
    if (Math.abs(delta) < size) break;
    delta /= size;
  }
  const rtf = new Intl.RelativeTimeFormat(getDefaultLocale().code, {
    numeric: options.numeric ?? 'auto',
    style: options.style ?? 'long',
  });
  return rtf.format(Math.round(delta), unit);
}
