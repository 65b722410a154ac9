import { resolveZone } from './resolve.js';

export interface WallFields {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * Internal for now. 'compatible' follows RFC 5545 / Temporal: a skipped wall time moves
 * forward by the length of the gap, a repeated one takes the earlier offset.
 */
export type Disambiguation = 'compatible' | 'earlier' | 'later';

interface CachedSpan {
  start: number;
  end: number;
  offsetMs: number;
}

// One span per zone: the range of instants known to share an offset. Replaced the
// per-hour bucket cache, which returned stale offsets for zones whose transitions are
// not on the hour (Australia/Lord_Howe, Asia/Kathmandu history).
const spanCache = new Map<string, CachedSpan>();
const PROBE_MS = 6 * 60 * 60 * 1000;

function rawOffset(zoneId: string, epochMs: number): number {
  const { formatter } = resolveZone(zoneId);
  const parts = formatter.formatToParts(new Date(epochMs));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  let year = get('year');
  const era = parts.find((p) => p.type === 'era')?.value;
  if (era === 'BC' || era === 'B') year = 1 - year;
  const hour = get('hour') % 24;
  const asUtc = Date.UTC(year, get('month') - 1, get('day'), hour, get('minute'), get('second'));
  const truncated = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return asUtc - truncated;
}

export function getOffset(zoneId: string, epochMs: number): number {
  const span = spanCache.get(zoneId);
  if (span && epochMs >= span.start && epochMs < span.end) return span.offsetMs;
  const offsetMs = rawOffset(zoneId, epochMs);
  const before = rawOffset(zoneId, epochMs - PROBE_MS);
  const after = rawOffset(zoneId, epochMs + PROBE_MS);
  if (before === offsetMs && after === offsetMs) {
    spanCache.set(zoneId, { start: epochMs - PROBE_MS, end: epochMs + PROBE_MS, offsetMs });
  }
  return offsetMs;
}

export function wallToUtc(f: WallFields): number {
  const ms = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second, f.millisecond);
  if (f.year >= 0 && f.year < 100) {
    const d = new Date(ms);
    d.setUTCFullYear(f.year);
    return d.getTime();
  }
  return ms;
}

/**
 * Converts wall-clock fields in a zone to an epoch. Candidates are found by probing the
 * offsets a day either side; in a gap neither candidate round-trips.
 */
export function localToInstant(f: WallFields, zoneId: string, disambiguation: Disambiguation = 'compatible'): number {
  const wall = wallToUtc(f);
  const offBefore = getOffset(zoneId, wall - 86_400_000);
  const offAfter = getOffset(zoneId, wall + 86_400_000);
  const candidates = [wall - offBefore, wall - offAfter].filter(
    (epoch, i, all) => all.indexOf(epoch) === i && epoch + getOffset(zoneId, epoch) === wall,
  );

  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 2) {
    const [a, b] = candidates[0]! < candidates[1]! ? [candidates[0]!, candidates[1]!] : [candidates[1]!, candidates[0]!];
    return disambiguation === 'later' ? b : a;
  }

  // Nonexistent wall time (spring-forward gap).
  // 'earlier' reads the wall time with the offset after the gap, which lands before it.
  if (disambiguation === 'earlier') return wall - offAfter;
  // 'compatible' and 'later' move forward by the length of the gap.
  return wall - offBefore;
}

export function formatOffset(offsetMs: number, separator = ':'): string {
  const sign = offsetMs < 0 ? '-' : '+';
  const abs = Math.abs(offsetMs) / 60000;
  const h = String(Math.floor(abs / 60)).padStart(2, '0');
  const m = String(Math.floor(abs % 60)).padStart(2, '0');
  return `${sign}${h}${separator}${m}`;
}

export function clearOffsetCache(): void {
  spanCache.clear();
}
