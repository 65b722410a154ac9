import { registerLocale, type LocaleData } from './registry.js';

export const ko: LocaleData = {
  code: 'ko',
  months: {
    wide: ['1월', '2월', '3월', '4월', '5월', '6월', '7월', '8월', '9월', '10월', '11월', '12월'],
    abbreviated: ['1월', '2월', '3월', '4월', '5월', '6월', '7월', '8월', '9월', '10월', '11월', '12월'],
  },
  weekdays: {
    wide: ['일요일', '월요일', '화요일', '수요일', '목요일', '금요일', '토요일'],
    abbreviated: ['일', '월', '화', '수', '목', '금', '토'],
  },
  dayPeriods: { am: '오전', pm: '오후' },
  week: { firstDay: 0, minimalDays: 1 },
  hour24: false,
};

registerLocale(ko);

export default ko;
