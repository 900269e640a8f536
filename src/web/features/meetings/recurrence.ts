/**
 * Recurrence in the web: the presets of the plan form built into an RFC 5545 RRULE, an RRULE read
 * back into a preset (to edit a series), a small parser for the live preview, and the rule in
 * words ("elke tweede dinsdag van de maand"). The server parses and expands the rule; this module
 * never computes dates of occurrences.
 */
import type { TFunction } from 'i18next';
import { weekdays } from '../../../contracts/enums';
import type { Recurrence } from '../../../contracts/meetings';
import { isLocalDate, isoWeekday, toZoned } from '../../../contracts/zoned';

export type Weekday = (typeof weekdays)[number];
export const recurrencePresets = ['nthWeekday', 'lastWeekday', 'monthDay', 'weekly', 'biweekly', 'custom'] as const;
export type RecurrencePreset = (typeof recurrencePresets)[number];
export const endKinds = ['count', 'until', 'none'] as const;
export type EndKind = (typeof endKinds)[number];

export interface RecurrenceEnd {
  kind: EndKind;
  /** Number of meetings, as typed. */
  count: string;
  /** Last possible date (YYYY-MM-DD), as typed. */
  until: string;
}

const dayOfMonth = (date: string) => Number(date.slice(8, 10));
function daysInMonth(date: string): number {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function weekdayOf(date: string): Weekday {
  return weekdays[isoWeekday(date)]!;
}

/** Which occurrence of its weekday in the month a date is: 1 for the first Tuesday, up to 5. */
export function nthOfMonth(date: string): number {
  return Math.ceil(dayOfMonth(date) / 7);
}

/** The date falls in the last seven days of its month, so it is the last such weekday. */
export function isLastOfMonth(date: string): boolean {
  return dayOfMonth(date) + 7 > daysInMonth(date);
}

/** Whether a preset can describe a series that starts on this date. */
export function presetFits(preset: RecurrencePreset, date: string): boolean {
  if (!isLocalDate(date)) return preset !== 'lastWeekday';
  if (preset === 'nthWeekday') return nthOfMonth(date) <= 4;
  if (preset === 'lastWeekday') return isLastOfMonth(date);
  return true;
}

/** The preset to start with for a date: monthly on the same weekday of the month (the advice: about monthly). */
export function defaultPreset(date: string): RecurrencePreset {
  return isLocalDate(date) && nthOfMonth(date) === 5 ? 'lastWeekday' : 'nthWeekday';
}

/** The rule of a preset for a first date, without COUNT or UNTIL; null for `custom` or without a date. */
export function presetRule(preset: RecurrencePreset, date: string): string | null {
  if (preset === 'custom' || !isLocalDate(date)) return null;
  const wd = weekdayOf(date);
  switch (preset) {
    case 'nthWeekday':
      return `FREQ=MONTHLY;BYDAY=${nthOfMonth(date)}${wd}`;
    case 'lastWeekday':
      return `FREQ=MONTHLY;BYDAY=-1${wd}`;
    case 'monthDay':
      return `FREQ=MONTHLY;BYMONTHDAY=${dayOfMonth(date)}`;
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${wd}`;
    case 'biweekly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${wd}`;
  }
}

/**
 * UNTIL as a date (YYYYMMDD): Kring reads UNTIL as the last local date of the series, in the
 * meeting's own zone, so a UTC time could only shift it by a day for zones west of UTC.
 */
export function untilDate(date: string): string | null {
  return isLocalDate(date) ? date.replace(/-/g, '') : null;
}

/**
 * The RRULE to send. Undefined when nothing sensible can be built yet (no date): the server then
 * reports the missing date. A custom rule is sent as typed, including any COUNT or UNTIL in it.
 */
export function buildRrule(preset: RecurrencePreset, date: string, custom: string, end: RecurrenceEnd): string | undefined {
  if (preset === 'custom') return custom.trim() || undefined;
  const rule = presetRule(preset, date);
  if (!rule) return undefined;
  if (end.kind === 'count' && end.count.trim()) return `${rule};COUNT=${end.count.trim()}`;
  if (end.kind === 'until') {
    const until = untilDate(end.until);
    if (until) return `${rule};UNTIL=${until}`;
  }
  return rule;
}

function ruleParts(rrule: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of rrule.trim().replace(/^RRULE:/i, '').split(';')) {
    const [k, v] = part.split('=');
    if (k && v !== undefined) parts.set(k.trim().toUpperCase(), v.trim().toUpperCase());
  }
  return parts;
}

const canonical = (parts: Map<string, string>) =>
  [...parts.entries()]
    .filter(([k, v]) => !(k === 'INTERVAL' && v === '1') && k !== 'WKST')
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(';');

/** A local date from an UNTIL value (20260714T215959Z, 20260714 or ISO), in the meeting's zone. */
export function untilToLocalDate(until: string, timeZone: string): string | null {
  const compact = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(until);
  if (compact) {
    const date = `${compact[1]}-${compact[2]}-${compact[3]}`;
    if (!compact[4] || compact[7] !== 'Z') return date;
    const instant = new Date(Date.UTC(Number(compact[1]), Number(compact[2]) - 1, Number(compact[3]), Number(compact[4]), Number(compact[5]), Number(compact[6])));
    return safeZonedDate(instant, timeZone) ?? date;
  }
  if (isLocalDate(until)) return until;
  const instant = new Date(until);
  return Number.isNaN(instant.getTime()) ? null : (safeZonedDate(instant, timeZone) ?? until.slice(0, 10));
}

function safeZonedDate(instant: Date, timeZone: string): string | null {
  try {
    return toZoned(instant, timeZone).date;
  } catch {
    return null;
  }
}

/** Reads a stored rule back into the form: a preset and its end when it is one, else the custom text. */
export function matchPreset(rrule: string, date: string, timeZone: string): { preset: RecurrencePreset; custom: string; end: RecurrenceEnd } {
  const parts = ruleParts(rrule);
  const end: RecurrenceEnd = { kind: 'none', count: '', until: '' };
  const count = parts.get('COUNT');
  const until = parts.get('UNTIL');
  if (count && until) return { preset: 'custom', custom: rrule, end };
  if (count) Object.assign(end, { kind: 'count', count });
  if (until) {
    const localUntil = untilToLocalDate(until, timeZone);
    if (!localUntil) return { preset: 'custom', custom: rrule, end: { kind: 'none', count: '', until: '' } };
    Object.assign(end, { kind: 'until', until: localUntil });
  }
  parts.delete('COUNT');
  parts.delete('UNTIL');
  const wanted = canonical(parts);
  for (const preset of recurrencePresets) {
    const rule = presetRule(preset, date);
    if (rule && canonical(ruleParts(rule)) === wanted) return { preset, custom: '', end };
  }
  return { preset: 'custom', custom: rrule, end: { kind: 'none', count: '', until: '' } };
}

/** Parses the parts of an RRULE that Kring supports (for the preview); null when it is not one of them. */
export function parseRrule(rrule: string): Recurrence | null {
  const parts = ruleParts(rrule);
  const freq = parts.get('FREQ');
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY') return null;
  const int = (v: string | undefined) => (v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : null);
  const interval = parts.has('INTERVAL') ? int(parts.get('INTERVAL')) : 1;
  if (interval === null || interval < 1) return null;
  const byDay: Recurrence['byDay'] = [];
  for (const d of (parts.get('BYDAY') ?? '').split(',').filter(Boolean)) {
    const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(d);
    if (!m) return null;
    byDay.push({ weekday: m[2] as Weekday, ordinal: m[1] ? Number(m[1]) : null });
  }
  const byMonthDay: number[] = [];
  for (const d of (parts.get('BYMONTHDAY') ?? '').split(',').filter(Boolean)) {
    const n = int(d);
    if (n === null || n === 0 || Math.abs(n) > 31) return null;
    byMonthDay.push(n);
  }
  const bySetPos = parts.has('BYSETPOS') ? int(parts.get('BYSETPOS')) : null;
  const count = parts.has('COUNT') ? int(parts.get('COUNT')) : null;
  if ((parts.has('BYSETPOS') && bySetPos === null) || (parts.has('COUNT') && (count === null || count < 1))) return null;
  return {
    frequency: freq === 'WEEKLY' ? 'weekly' : 'monthly',
    interval,
    byDay,
    byMonthDay,
    bySetPos,
    count,
    until: parts.get('UNTIL') ?? null,
  };
}

const ordinalKeys: Record<string, string> = {
  '1': 'first',
  '2': 'second',
  '3': 'third',
  '4': 'fourth',
  '5': 'fifth',
  '-1': 'last',
  '-2': 'secondToLast',
};

function list(items: string[], locale: string, type: 'conjunction' | 'disjunction'): string {
  try {
    return new Intl.ListFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { type }).format(items);
  } catch {
    return items.join(', ');
  }
}

/**
 * The rule in words, e.g. "elke tweede dinsdag van de maand, 10 keer". Unusual rules fall back to
 * the RRULE text rather than a wrong sentence. `formatDate` shows the UNTIL date.
 */
export function describeRecurrence(
  rec: Recurrence,
  t: TFunction,
  locale: string,
  opts: { timeZone: string; formatDate: (localDate: string) => string; rrule?: string },
): string {
  const base = describeBase(rec, t, locale);
  const fallback = t('meetings.recurrence.custom', { rule: opts.rrule ?? '' });
  if (!base) return fallback;
  if (rec.count !== null) return t('meetings.recurrence.withCount', { rule: base, count: rec.count });
  if (rec.until) {
    const date = untilToLocalDate(rec.until, opts.timeZone);
    return date ? t('meetings.recurrence.withUntil', { rule: base, date: opts.formatDate(date) }) : fallback;
  }
  return base;
}

function describeBase(rec: Recurrence, t: TFunction, locale: string): string | null {
  const day = (wd: Weekday) => t(`meetings.weekday.${wd}`);
  const n = rec.interval;
  if (rec.frequency === 'weekly') {
    if (rec.byMonthDay.length || rec.bySetPos !== null || rec.byDay.some((d) => d.ordinal !== null)) return null;
    if (rec.byDay.length === 0) return t('meetings.recurrence.weeklyPlain', { count: n });
    const days = list(rec.byDay.map((d) => day(d.weekday)), locale, 'conjunction');
    return t('meetings.recurrence.weekly', { count: n, days });
  }
  // Monthly.
  if (rec.byMonthDay.length > 0) {
    if (rec.byDay.length || rec.bySetPos !== null) return null;
    const days = rec.byMonthDay.map((d) => (d === -1 ? t('meetings.recurrence.lastDay') : t('meetings.recurrence.dayOfMonth', { count: d, ordinal: true })));
    if (rec.byMonthDay.some((d) => d < -1)) return null;
    return t('meetings.recurrence.monthlyDay', { count: n, days: list(days, locale, 'conjunction') });
  }
  if (rec.byDay.length === 0) return rec.bySetPos === null ? t('meetings.recurrence.monthlyPlain', { count: n }) : null;
  // One position for all days: either each day carries it (2TU) or BYSETPOS gives it (TU;BYSETPOS=2).
  const positions = new Set(rec.byDay.map((d) => d.ordinal));
  if (positions.size !== 1) return null;
  const ordinalFromDays = [...positions][0];
  if (ordinalFromDays !== null && rec.bySetPos !== null) return null;
  const ordinal = ordinalFromDays ?? rec.bySetPos;
  if (ordinal === null) {
    // Every such weekday of the month.
    return t('meetings.recurrence.monthlyEveryWeekday', { count: n, days: list(rec.byDay.map((d) => day(d.weekday)), locale, 'conjunction') });
  }
  const key = ordinalKeys[String(ordinal)];
  if (!key) return null;
  const days = list(rec.byDay.map((d) => day(d.weekday)), locale, rec.byDay.length > 1 ? 'disjunction' : 'conjunction');
  return t('meetings.recurrence.monthlyNth', { count: n, position: t(`meetings.ordinal.${key}`), days });
}
