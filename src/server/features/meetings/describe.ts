import type { Locale } from '../../../contracts/enums';
import type { Recurrence } from './recurrence';

const DAYS: Record<Locale, Record<string, string>> = {
  nl: { MO: 'maandag', TU: 'dinsdag', WE: 'woensdag', TH: 'donderdag', FR: 'vrijdag', SA: 'zaterdag', SU: 'zondag' },
  en: { MO: 'Monday', TU: 'Tuesday', WE: 'Wednesday', TH: 'Thursday', FR: 'Friday', SA: 'Saturday', SU: 'Sunday' },
};
const ORDINALS: Record<Locale, Record<string, string>> = {
  nl: { '1': 'eerste', '2': 'tweede', '3': 'derde', '4': 'vierde', '5': 'vijfde', '-1': 'laatste', '-2': 'voorlaatste' },
  en: { '1': 'first', '2': 'second', '3': 'third', '4': 'fourth', '5': 'fifth', '-1': 'last', '-2': 'second-to-last' },
};

const list = (items: string[], locale: Locale) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${locale === 'nl' ? 'en' : 'and'} ${items[items.length - 1]}`;

/** A recurrence in words for mails, e.g. "elke tweede dinsdag van de maand"; the RRULE when it has no simple wording. */
export function describeRecurrence(r: Recurrence, rrule: string, locale: Locale): string {
  const nl = locale === 'nl';
  let text: string | null = null;
  const plainDays = r.byDay.filter((d) => d.ordinal === null).map((d) => DAYS[locale][d.weekday]!);
  if (r.frequency === 'weekly' && r.byMonthDay.length === 0 && r.bySetPos === null) {
    const days = list(plainDays, locale);
    if (r.interval === 1) text = nl ? `elke ${days}` : `every ${days}`;
    else if (r.interval === 2) text = nl ? `om de week op ${days}` : `every other ${days}`;
    else text = nl ? `om de ${r.interval} weken op ${days}` : `every ${r.interval} weeks on ${days}`;
  } else if (r.frequency === 'monthly' && r.byMonthDay.length === 0) {
    const ordinal = r.byDay.length === 1 ? (r.byDay[0]!.ordinal ?? r.bySetPos) : null;
    const name = ordinal !== null ? ORDINALS[locale][String(ordinal)] : undefined;
    if (name) {
      const day = DAYS[locale][r.byDay[0]!.weekday]!;
      if (r.interval === 1) text = nl ? `elke ${name} ${day} van de maand` : `every ${name} ${day} of the month`;
      else text = nl ? `om de ${r.interval} maanden op de ${name} ${day}` : `every ${r.interval} months on the ${name} ${day}`;
    }
  } else if (r.frequency === 'monthly' && r.byDay.length === 0 && r.byMonthDay.length === 1 && r.bySetPos === null) {
    const d = r.byMonthDay[0]!;
    const day = d === -1 ? (nl ? 'de laatste dag' : 'the last day') : nl ? `de ${d}e` : `day ${d}`;
    text = r.interval === 1 ? (nl ? `elke maand op ${day}` : `monthly on ${day}`) : nl ? `om de ${r.interval} maanden op ${day}` : `every ${r.interval} months on ${day}`;
  }
  if (!text) return rrule;
  if (r.count !== null) text += nl ? `, ${r.count} keer` : `, ${r.count} times`;
  if (r.until !== null) text += nl ? `, tot en met ${r.until}` : `, until ${r.until}`;
  return text;
}
