import { registerLocale, type LocaleData } from './registry.js';

export const fr: LocaleData = {
  code: 'fr',
  months: {
    wide: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    abbreviated: ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août', 'sept.', 'oct.', 'nov.', 'déc.'],
  },
  weekdays: {
    wide: ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'],
    abbreviated: ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'],
  },
  dayPeriods: { am: 'AM', pm: 'PM' },
  week: { firstDay: 1, minimalDays: 4 },
  hour24: true,
};

registerLocale(fr);

export default fr;
