import { registerLocale, type LocaleData } from './registry.js';

export const de: LocaleData = {
  code: 'de',
  months: {
    wide: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
    abbreviated: ['Jan.', 'Feb.', 'März', 'Apr.', 'Mai', 'Juni', 'Juli', 'Aug.', 'Sept.', 'Okt.', 'Nov.', 'Dez.'],
  },
  weekdays: {
    wide: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'],
    abbreviated: ['So.', 'Mo.', 'Di.', 'Mi.', 'Do.', 'Fr.', 'Sa.'],
  },
  dayPeriods: { am: 'AM', pm: 'PM' },
  week: { firstDay: 1, minimalDays: 4 },
  hour24: true,
};

registerLocale(de);

export default de;
