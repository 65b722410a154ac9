export { TemporaProvider, useTempora, useOptionalTempora, type TemporaProviderProps } from './TemporaProvider.js';
export { useNow, type UseNowOptions, type NowInterval } from './useNow.js';
export { useCountdown, type Countdown, type UseCountdownOptions } from './useCountdown.js';
export { useSchedule, type UseScheduleOptions } from './useSchedule.js';
