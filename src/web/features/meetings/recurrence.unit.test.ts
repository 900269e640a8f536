import { describe, expect, it } from 'vitest';
import i18next, { type TFunction } from 'i18next';
import nl from './i18n/nl.json';
import en from './i18n/en.json';
import { buildRrule, defaultPreset, describeRecurrence, isLastOfMonth, matchPreset, nthOfMonth, parseRrule, presetFits, presetRule, untilDate, type RecurrenceEnd } from './recurrence';

const i18n = i18next.createInstance();
void i18n.init({ resources: { nl: { translation: nl }, en: { translation: en } }, lng: 'nl', fallbackLng: 'nl', initAsync: false, interpolation: { escapeValue: false } });
const tFor = (lng: 'nl' | 'en') => i18n.getFixedT(lng) as TFunction;

function words(rrule: string, lng: 'nl' | 'en' = 'nl', timeZone = 'Europe/Amsterdam'): string {
  const rec = parseRrule(rrule);
  if (!rec) throw new Error(`unparsed ${rrule}`);
  return describeRecurrence(rec, tFor(lng), lng, { timeZone, formatDate: (d) => `<${d}>`, rrule });
}

const noEnd: RecurrenceEnd = { kind: 'none', count: '', until: '' };

describe('presets from a first date', () => {
  it('derives the weekday of the month', () => {
    expect(nthOfMonth('2026-03-10')).toBe(2); // second Tuesday
    expect(nthOfMonth('2026-03-01')).toBe(1);
    expect(nthOfMonth('2026-03-31')).toBe(5); // fifth Tuesday
    expect(presetRule('nthWeekday', '2026-03-10')).toBe('FREQ=MONTHLY;BYDAY=2TU');
    expect(presetRule('lastWeekday', '2026-03-31')).toBe('FREQ=MONTHLY;BYDAY=-1TU');
    expect(presetRule('monthDay', '2026-03-14')).toBe('FREQ=MONTHLY;BYMONTHDAY=14');
    expect(presetRule('weekly', '2026-03-12')).toBe('FREQ=WEEKLY;BYDAY=TH');
    expect(presetRule('biweekly', '2026-03-15')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=SU');
    expect(presetRule('custom', '2026-03-15')).toBeNull();
    expect(presetRule('nthWeekday', '')).toBeNull();
  });

  it('knows the last week of a month, including February and leap years', () => {
    expect(isLastOfMonth('2026-02-22')).toBe(true);
    expect(isLastOfMonth('2026-02-21')).toBe(false);
    expect(isLastOfMonth('2028-02-22')).toBe(false);
  });

  it('offers "the fifth" only when every month has one, and then defaults to "the last"', () => {
    expect(presetFits('nthWeekday', '2026-03-31')).toBe(false);
    expect(defaultPreset('2026-03-31')).toBe('lastWeekday');
    expect(defaultPreset('2026-03-10')).toBe('nthWeekday');
    expect(presetFits('lastWeekday', '2026-03-10')).toBe(false);
    expect(presetFits('lastWeekday', '2026-03-26')).toBe(true);
  });
});

describe('buildRrule', () => {
  it('adds COUNT', () => {
    expect(buildRrule('nthWeekday', '2026-03-10', '', { kind: 'count', count: '10', until: '' })).toBe('FREQ=MONTHLY;BYDAY=2TU;COUNT=10');
  });

  it('ends with UNTIL as the last local date (the server reads it in the meeting zone)', () => {
    expect(untilDate('2026-07-14')).toBe('20260714');
    expect(untilDate('')).toBeNull();
    expect(buildRrule('weekly', '2026-03-12', '', { kind: 'until', count: '', until: '2026-07-14' })).toBe('FREQ=WEEKLY;BYDAY=TH;UNTIL=20260714');
    // An empty date leaves the rule open rather than sending a broken UNTIL.
    expect(buildRrule('weekly', '2026-03-12', '', { kind: 'until', count: '', until: '' })).toBe('FREQ=WEEKLY;BYDAY=TH');
  });

  it('sends a custom rule as typed and nothing without a date', () => {
    expect(buildRrule('custom', '', ' FREQ=MONTHLY;BYDAY=1MO ', noEnd)).toBe('FREQ=MONTHLY;BYDAY=1MO');
    expect(buildRrule('custom', '', '  ', noEnd)).toBeUndefined();
    expect(buildRrule('nthWeekday', '', '', noEnd)).toBeUndefined();
  });
});

describe('matchPreset reads a stored rule back', () => {
  it('recognises presets in any order of parts', () => {
    expect(matchPreset('FREQ=MONTHLY;BYDAY=2TU', '2026-03-10', 'Europe/Amsterdam').preset).toBe('nthWeekday');
    expect(matchPreset('BYDAY=TU;FREQ=WEEKLY;INTERVAL=2', '2026-03-10', 'Europe/Amsterdam').preset).toBe('biweekly');
    expect(matchPreset('RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=TU', '2026-03-10', 'Europe/Amsterdam').preset).toBe('weekly');
  });

  it('keeps COUNT and UNTIL as the end', () => {
    expect(matchPreset('FREQ=MONTHLY;BYDAY=2TU;COUNT=8', '2026-03-10', 'Europe/Amsterdam')).toEqual({
      preset: 'nthWeekday',
      custom: '',
      end: { kind: 'count', count: '8', until: '' },
    });
    expect(matchPreset('FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260714', '2026-03-10', 'Europe/Amsterdam').end).toEqual({ kind: 'until', count: '', until: '2026-07-14' });
    expect(matchPreset('FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260714T215959Z', '2026-03-10', 'Europe/Amsterdam').end).toEqual({ kind: 'until', count: '', until: '2026-07-14' });
  });

  it('falls back to the custom text when the rule does not fit the date', () => {
    // 2TU does not describe a series whose (new) first date is a Wednesday.
    expect(matchPreset('FREQ=MONTHLY;BYDAY=2TU;COUNT=8', '2026-03-11', 'Europe/Amsterdam')).toEqual({
      preset: 'custom',
      custom: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=8',
      end: noEnd,
    });
  });
});

describe('the rule in words', () => {
  it('monthly on the nth weekday', () => {
    expect(words('FREQ=MONTHLY;BYDAY=2TU')).toBe('elke tweede dinsdag van de maand');
    expect(words('FREQ=MONTHLY;BYDAY=2TU', 'en')).toBe('every second Tuesday of the month');
    expect(words('FREQ=MONTHLY;BYDAY=-1TH')).toBe('elke laatste donderdag van de maand');
    expect(words('FREQ=MONTHLY;BYDAY=-1TH', 'en')).toBe('every last Thursday of the month');
    expect(words('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=3', 'en')).toBe('every third Tuesday of the month');
    expect(words('FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO', 'en')).toBe('every 2 months on the first Monday');
    expect(words('FREQ=MONTHLY;INTERVAL=2;BYDAY=1MO')).toBe('om de 2 maanden op de eerste maandag van de maand');
  });

  it('monthly on a day of the month, with ordinal suffixes', () => {
    expect(words('FREQ=MONTHLY;BYMONTHDAY=14')).toBe('elke maand op de 14e');
    expect(words('FREQ=MONTHLY;BYMONTHDAY=1', 'en')).toBe('on the 1st of every month');
    expect(words('FREQ=MONTHLY;BYMONTHDAY=22', 'en')).toBe('on the 22nd of every month');
    expect(words('FREQ=MONTHLY;BYMONTHDAY=23', 'en')).toBe('on the 23rd of every month');
    expect(words('FREQ=MONTHLY;BYMONTHDAY=11', 'en')).toBe('on the 11th of every month');
    expect(words('FREQ=MONTHLY;BYMONTHDAY=-1')).toBe('elke maand op de laatste dag');
  });

  it('weekly and every two weeks, with several days', () => {
    expect(words('FREQ=WEEKLY;BYDAY=TU')).toBe('elke week op dinsdag');
    expect(words('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', 'en')).toBe('every 2 weeks on Tuesday');
    expect(words('FREQ=WEEKLY;BYDAY=TU,TH')).toBe('elke week op dinsdag en donderdag');
  });

  it('adds the end', () => {
    expect(words('FREQ=MONTHLY;BYDAY=2TU;COUNT=10')).toBe('elke tweede dinsdag van de maand, 10 keer');
    expect(words('FREQ=MONTHLY;BYDAY=2TU;COUNT=1', 'en')).toBe('every second Tuesday of the month, once');
    expect(words('FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260714T215959Z', 'en')).toBe('every second Tuesday of the month, until <2026-07-14>');
    // The UTC instant falls on the next day in UTC but the chosen day in Amsterdam.
    expect(words('FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260714T225959Z', 'en', 'America/New_York')).toBe('every second Tuesday of the month, until <2026-07-14>');
  });

  it('says it plainly rather than wrongly for rules it does not know', () => {
    expect(parseRrule('FREQ=DAILY')).toBeNull();
    expect(words('FREQ=MONTHLY;BYDAY=1TU,3TH', 'en')).toBe('by a custom rule (FREQ=MONTHLY;BYDAY=1TU,3TH)');
  });
});
