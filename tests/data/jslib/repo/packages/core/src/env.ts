import { warnOnce } from './warn.js';

declare const __TEMPORA_VERSION__: string;
export const VERSION: string = typeof __TEMPORA_VERSION__ === 'string' ? __TEMPORA_VERSION__ : '0.0.0-dev';

export const isServer = typeof window === 'undefined' || typeof document === 'undefined';

let tzSupport: boolean | undefined;

/**
 * Hermes (before 0.12 on Android), small-icu Node builds and some embedded engines
 * accept the timeZone option without applying it, or throw on anything but UTC.
 */
export function supportsTimeZones(): boolean {
  if (tzSupport !== undefined) return tzSupport;
  try {
    const dtf = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hour: 'numeric', hourCycle: 'h23' });
    const hour = dtf.format(Date.UTC(2020, 0, 1, 12));
    tzSupport = hour === '7';
  } catch {
    tzSupport = false;
  }
  if (!tzSupport) {
    warnOnce('no-tz', 'Intl.DateTimeFormat does not support time zones in this environment; results will use the host time zone');
  }
  return tzSupport;
}

export function hostTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone || 'UTC';
}

const VERSION_KEY = Symbol.for('tempora.version');

/** Detects the dual package hazard: an ESM and a CJS copy (or two versions) in one process. */
export function registerCopy(): void {
  const g = globalThis as Record<symbol, string | undefined>;
  const other = g[VERSION_KEY];
  if (other !== undefined && other !== VERSION) {
    warnOnce(
      'dual-copy',
      `Two copies of tempora were loaded (${other} and ${VERSION}). Values created by one copy are rejected by the other; deduplicate the package.`,
    );
    return;
  }
  g[VERSION_KEY] = VERSION;
}
