import { warnOnce } from '../warn.js';
import { en } from './en.js';

export interface LocaleData {
  code: string;
  months: { wide: readonly string[]; abbreviated: readonly string[] };
  weekdays: { wide: readonly string[]; abbreviated: readonly string[] };
  dayPeriods: { am: string; pm: string };
  week: { firstDay: 0 | 1 | 2 | 3 | 4 | 5 | 6; minimalDays: number };
  hour24: boolean;
}

const registry = new Map<string, LocaleData>([[en.code, en]]);
let defaultCode = en.code;

export function registerLocale(locale: LocaleData): void {
  registry.set(locale.code, locale);
}

export function isRegistered(code: string): boolean {
  return registry.has(code);
}

export function setDefaultLocale(code: string): void {
  if (!registry.has(code)) {
    warnOnce(`missing:${code}`, `Locale "${code}" is not registered, falling back to "${defaultCode}"`);
    return;
  }
  defaultCode = code;
}

export function getDefaultLocale(): LocaleData {
  return registry.get(defaultCode)!;
}

export function getLocale(code?: string): LocaleData {
  if (code === undefined) return getDefaultLocale();
  const found = registry.get(code);
  if (found) return found;
  warnOnce(`missing:${code}`, `Locale "${code}" is not registered, falling back to "${defaultCode}"`);
  return getDefaultLocale();
}

export function registeredLocales(): string[] {
  return [...registry.keys()];
}
