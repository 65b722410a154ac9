import { registerLocale, type LocaleData } from './registry.js';

export const zhHant: LocaleData = {
  code: 'zh-Hant',
  months: {
    wide: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
    abbreviated: ['1月', '2月', '3月', '4月', '5月', '6月', '7月', '8月', '9月', '10月', '11月', '12月'],
  },
  weekdays: {
    wide: ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'],
    abbreviated: ['週日', '週一', '週二', '週三', '週四', '週五', '週六'],
  },
  dayPeriods: { am: '上午', pm: '下午' },
  week: { firstDay: 0, minimalDays: 1 },
  hour24: false,
};

registerLocale(zhHant);

export default zhHant;
