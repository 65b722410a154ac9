import { getLocale } from '../locale/registry.js';

type Day = 0 | 1 | 2 | 3 | 4 | 5 | 6;

interface DateParts {
  year: number;
  month: number;
  day: number;
}

// Used when Intl.Locale#getWeekInfo / #weekInfo is missing (Firefox before 130, Node 18).
export const WEEK_START_FALLBACK: Readonly<Record<string, Day>> = {
  US: 0, CA: 0, MX: 0, BR: 0, JP: 0, KR: 0, IL: 0, PH: 0, IN: 0, SA: 0,
  AE: 6, EG: 6, DZ: 6, IR: 6, AF: 6,
  GB: 1, IE: 1, AU: 1, NZ: 1, DE: 1, FR: 1, IT: 1, ES: 1, SE: 1, PL: 1, CZ: 1, NL: 1, RU: 1, UA: 1,
};

export function weekStartFor(localeCode?: string): Day {
  const code = getLocale(localeCode).code;
  try {
    const loc = new Intl.Locale(code) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const info = loc.getWeekInfo?.() ?? loc.weekInfo;
    if (info) return (info.firstDay % 7) as Day;
    const region = loc.maximize().region;
    if (region && region in WEEK_START_FALLBACK) return WEEK_START_FALLBACK[region]!;
  } catch {
    // Intl.Locale missing: fall through to the locale's own data
  }
  return getLocale(localeCode).week.firstDay;
}

function dayOfYear(d: DateParts): number {
  return (Date.UTC(d.year, d.month - 1, d.day) - Date.UTC(d.year, 0, 1)) / 86_400_000 + 1;
}

function isoDayOfWeek(d: DateParts): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() || 7;
}

export function weeksInYear(year: number): 52 | 53 {
  const jan1 = new Date(Date.UTC(year, 0, 1)).getUTCDay();
  const leap = new Date(Date.UTC(year, 1, 29)).getUTCDate() === 29;
  return jan1 === 4 || (leap && jan1 === 3) ? 53 : 52;
}

/** ISO 8601 week number (weeks start Monday, week 1 holds the first Thursday). */
export function isoWeek(d: DateParts): number {
  const week = Math.floor((dayOfYear(d) - isoDayOfWeek(d) + 10) / 7);
  if (week < 1) return weeksInYear(d.year - 1);
  return week;
}

export function isoWeekYear(d: DateParts): number {
  const week = Math.floor((dayOfYear(d) - isoDayOfWeek(d) + 10) / 7);
  if (week < 1) return d.year - 1;
  if (week > weeksInYear(d.year)) return d.year + 1;
  return d.year;
}

/** Locale week number: week 1 contains Jan 1. */
export function weekOfYear(d: DateParts, weekStartsOn: number): number {
  const jan1 = new Date(Date.UTC(d.year, 0, 1)).getUTCDay();
  const offset = (jan1 - weekStartsOn + 7) % 7;
  return Math.floor((dayOfYear(d) - 1 + offset) / 7) + 1;
}
