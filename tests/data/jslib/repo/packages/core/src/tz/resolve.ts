import { TemporaError, messages } from '../errors.js';
import { hostTimeZone, supportsTimeZones } from '../env.js';
import { REVERSE_ALIASES, ZONE_ALIASES } from './aliases.js';

export interface ResolvedZone {
  /** The identifier the caller passed. */
  readonly id: string;
  /** The identifier Intl accepted (may differ after alias resolution). */
  readonly intlId: string;
  readonly formatter: Intl.DateTimeFormat;
}

const zoneCache = new Map<string, ResolvedZone>();

function tryFormatter(id: string): Intl.DateTimeFormat | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return undefined;
  }
}

export function resolveZone(id: string | undefined): ResolvedZone {
  const requested = id ?? hostTimeZone();
  const cached = zoneCache.get(requested);
  if (cached) return cached;

  if (requested === 'UTC' || requested === 'Etc/UTC' || requested === 'Z') {
    const formatter = tryFormatter('UTC')!;
    const zone = { id: requested, intlId: 'UTC', formatter };
    zoneCache.set(requested, zone);
    return zone;
  }

  if (!supportsTimeZones()) {
    const formatter = new Intl.DateTimeFormat('en-US', { hourCycle: 'h23' });
    const zone = { id: requested, intlId: hostTimeZone(), formatter };
    zoneCache.set(requested, zone);
    return zone;
  }

  // Try the canonical name first, then the legacy spelling: an old ICU (Node 16,
  // Android 9 WebView) only knows "Europe/Kiev", a new one may only know "Europe/Kyiv".
  const candidates = [ZONE_ALIASES[requested] ?? requested, requested, REVERSE_ALIASES[requested]].filter(
    (c): c is string => typeof c === 'string',
  );
  let lastError: unknown;
  for (const candidate of candidates) {
    const formatter = tryFormatter(candidate);
    if (formatter) {
      const zone = { id: requested, intlId: candidate, formatter };
      zoneCache.set(requested, zone);
      return zone;
    }
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: candidate });
    } catch (err) {
      lastError = err;
    }
  }
  throw new TemporaError('TZ_UNKNOWN', messages.unknownZone(requested), { cause: lastError });
}

export function isValidZone(id: string): boolean {
  try {
    resolveZone(id);
    return true;
  } catch {
    return false;
  }
}

export function listZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : Object.values(ZONE_ALIASES);
}

export function clearZoneCache(): void {
  zoneCache.clear();
}
