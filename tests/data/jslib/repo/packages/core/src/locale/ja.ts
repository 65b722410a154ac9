import { registerLocale, type LocaleData } from './registry.js';

export const ja: LocaleData = {
  code: 'ja',
  months: {
    wide: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    abbreviated: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  },
  weekdays: {
    wide: ['日曜日', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日'],
    abbreviated: ['日', '月', '火', '水', '木', '金', '土'],
  },
  dayPeriods: { am: '午前', pm: '午後' },
  week: { firstDay: 0, minimalDays: 1 },
  hour24: true,
};

registerLocale(ja);

export default ja;
