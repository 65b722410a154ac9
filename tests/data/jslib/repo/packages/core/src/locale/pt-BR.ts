import { registerLocale, type LocaleData } from './registry.js';

export const ptBR: LocaleData = {
  code: 'pt-BR',
  months: {
    wide: ['janeiro', 'fevereiro', 'março', 'abril', 'maio', 'junho', 'julho', 'agosto', 'setembro', 'outubro', 'novembro', 'dezembro'],
    abbreviated: ['jan.', 'fev.', 'mar.', 'abr.', 'mai.', 'jun.', 'jul.', 'ago.', 'set.', 'out.', 'nov.', 'dez.'],
  },
  weekdays: {
    wide: ['domingo', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado'],
    abbreviated: ['dom.', 'seg.', 'ter.', 'qua.', 'qui.', 'sex.', 'sáb.'],
  },
  dayPeriods: { am: 'AM', pm: 'PM' },
  week: { firstDay: 0, minimalDays: 1 },
  hour24: true,
};

registerLocale(ptBR);

export default ptBR;
