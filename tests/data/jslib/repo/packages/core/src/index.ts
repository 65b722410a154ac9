import { registerCopy } from './env.js';

registerCopy();

export { Instant, instant, type InstantInput } from './instant.js';
export { ZonedDateTime, zoned, type Unit, type ZonedOptions } from './zoned.js';
export { Duration, duration, type DurationLike, type DurationString, type DurationFields } from './duration.js';
export { Interval, interval } from './interval.js';
export { parse, parseISO, daysInMonth, type ParseOptions } from './parse.js';
export { format, type FormatOptions } from './format.js';
export { formatRelative, type RelativeOptions } from './relative.js';
export { isoWeek, isoWeekYear, weekOfYear, weekStartFor } from './calendar/week.js';
export { resolveZone, isValidZone, listZones } from './tz/resolve.js';
export { getOffset, formatOffset } from './tz/offsets.js';
export { parseCron, nextRun, type CronExpression } from './schedule/cron.js';
export { rrule, parseRRule, type RRuleOptions } from './schedule/rrule.js';
export { Scheduler, createScheduler, type SchedulerOptions, type JobOptions } from './schedule/scheduler.js';
export { registerLocale, setDefaultLocale, getLocale, type LocaleData } from './locale/registry.js';
export { loadLocale, availableLocales } from './locale/load.js';
export { TemporaError, type TemporaErrorCode } from './errors.js';
export { setWarningHandler } from './warn.js';
export { supportsTimeZones, VERSION } from './env.js';
