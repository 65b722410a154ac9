export type TemporaErrorCode =
  | 'TZ_UNKNOWN'
  | 'PARSE_INVALID'
  | 'PARSE_FORMAT'
  | 'CRON_INVALID'
  | 'DURATION_INVALID'
  | 'INSTANT_EXPECTED'
  | 'LOCALE_UNKNOWN'
  | 'RANGE';

export class TemporaError extends Error {
  readonly code: TemporaErrorCode;

  constructor(code: TemporaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TemporaError';
    this.code = code;
  }

  override toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

export const messages = {
  unknownZone: (zone: string) => `Unknown time zone "${zone}"`,
  invalidIso: (input: string) => `Invalid ISO 8601 string: "${input}"`,
  formatMismatch: (input: string, pattern: string, offset: number, expected: string, found: string) =>
    `ParseError at offset ${offset}: expected ${expected}, found "${found}" (input "${input}", format "${pattern}")`,
  invalidCron: (expr: string, reason: string) => `Invalid cron expression "${expr}": ${reason}`,
  invalidDuration: (input: string) => `Invalid duration "${input}"`,
  instantExpected: (got: string) => `Expected an Instant, received ${got}`,
  unknownLocale: (code: string) => `Unknown locale "${code}"`,
  outOfRange: (what: string, value: number) => `${what} out of range: ${value}`,
};

export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value instanceof Date) return 'Date';
  if (typeof value === 'object') return 'object';
  return typeof value;
}
