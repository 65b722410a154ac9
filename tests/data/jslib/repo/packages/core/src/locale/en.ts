import type { LocaleData } from './registry.js';

export const en: LocaleData = {
  code: 'en',
  months: {
    wide: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    abbreviated: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
  weekdays: {
    wide: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
    abbreviated: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  },
  dayPeriods: { am: 'AM', pm: 'PM' },
  week: { firstDay: 0, minimalDays: 1 },
  hour24: false,
};

export default en;
