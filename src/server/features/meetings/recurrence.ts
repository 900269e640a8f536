/**
 * The small part of RFC 5545 recurrence rules that a community's rhythm of meetings needs:
 * weekly (every n weeks on some weekdays) and monthly (by weekday of the month, by day of the month,
 * or both, optionally narrowed with BYSETPOS), ended by COUNT, UNTIL or neither.
 *
 * Rules are expanded on local calendar dates only. The time zone belongs to the caller, who turns each
 * date into an instant with fromZoned(date, startTime, tz): a meeting at 19:30 stays at 19:30 wall
 * time across summer-time changes, which is what people mean by "every second Tuesday at half past
 * seven".
 *
 * Everything else in RFC 5545 is refused with 'unsupportedRecurrence' rather than silently
 * misread, so an imported rule either means exactly what it says here or is rejected.
 */
import { isLocalDate, isoWeekday, type LocalDate } from '../../../contracts/zoned';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface Recurrence {
  frequency: 'weekly' | 'monthly';
  interval: number;
  byDay: { weekday: Weekday; ordinal: number | null }[];
  byMonthDay: number[];
  bySetPos: number | null;
  count: number | null;
  /** Last possible local date, inclusive. */
  until: LocalDate | null;
}

export type RecurrenceErrorCode = 'invalidRecurrence' | 'unsupportedRecurrence' | 'startDoesNotMatchRecurrence';

export class RecurrenceError extends Error {
  constructor(
    public readonly code: RecurrenceErrorCode,
    message?: string,
  ) {
    super(message ?? code);
    this.name = 'RecurrenceError';
  }
}

export const MAX_RRULE_LENGTH = 200;
export const MAX_INTERVAL = 12;
export const MAX_COUNT = 500;

const DAY_MS = 86_400_000;
/** A rule that produced nothing for this long never will in any useful horizon (e.g. BYMONTHDAY=31;BYDAY=2MO). */
const MAX_EMPTY_MONTHS = 100 * 12;

const invalid = (message: string) => new RecurrenceError('invalidRecurrence', message);
const unsupported = (message: string) => new RecurrenceError('unsupportedRecurrence', message);

const RFC_FREQUENCIES = new Set(['SECONDLY', 'MINUTELY', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY']);
const SUPPORTED_PARTS = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'BYSETPOS', 'COUNT', 'UNTIL', 'WKST']);
const UNSUPPORTED_PARTS = new Set(['BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYWEEKNO', 'BYYEARDAY', 'BYMONTH']);

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

/**
 * Shared by parse, format and expand, so a hand-built or stored Recurrence gets exactly the same
 * verdict as the text it would be written as. Out-of-range-but-RFC-valid values are 'unsupported'
 * (the rule makes sense, we just do not offer it); values that cannot mean anything are 'invalid'.
 */
function validate(r: Recurrence): void {
  if (r.frequency !== 'weekly' && r.frequency !== 'monthly') throw invalid('frequency must be weekly or monthly');
  if (!isInt(r.interval) || r.interval < 1) throw invalid('INTERVAL must be a positive integer');
  if (r.interval > MAX_INTERVAL) throw unsupported(`INTERVAL above ${MAX_INTERVAL}`);
  for (const d of r.byDay) {
    if (!WEEKDAYS.includes(d.weekday)) throw invalid(`unknown weekday ${String(d.weekday)}`);
    if (d.ordinal !== null) {
      if (!isInt(d.ordinal) || d.ordinal === 0 || Math.abs(d.ordinal) > 5) throw invalid('BYDAY ordinal must be 1..5 or -5..-1');
      if (r.frequency === 'weekly') throw invalid('BYDAY ordinals are not allowed with FREQ=WEEKLY');
    }
  }
  for (const n of r.byMonthDay) {
    if (!isInt(n) || n === 0 || Math.abs(n) > 31) throw invalid('BYMONTHDAY must be 1..31 or -31..-1');
  }
  if (r.byMonthDay.length > 0 && r.frequency === 'weekly') throw invalid('BYMONTHDAY is not allowed with FREQ=WEEKLY');
  if (r.bySetPos !== null) {
    // A monthly candidate set never has more than 31 members, so a larger position could never match.
    if (!isInt(r.bySetPos) || r.bySetPos === 0 || Math.abs(r.bySetPos) > 31) throw invalid('BYSETPOS must be 1..31 or -31..-1');
    if (r.frequency === 'weekly') throw unsupported('BYSETPOS with FREQ=WEEKLY');
    if (r.byDay.length === 0 && r.byMonthDay.length === 0) throw invalid('BYSETPOS needs BYDAY or BYMONTHDAY');
  }
  if (r.count !== null) {
    if (!isInt(r.count) || r.count < 1) throw invalid('COUNT must be a positive integer');
    if (r.count > MAX_COUNT) throw unsupported(`COUNT above ${MAX_COUNT}`);
  }
  if (r.until !== null && !isLocalDate(r.until)) throw invalid('UNTIL is not a valid date');
  if (r.count !== null && r.until !== null) throw invalid('COUNT and UNTIL cannot both be given');
}

// Canonical order, so two spellings of the same rule format to the same text.
const dayKey = (d: { weekday: Weekday; ordinal: number | null }) =>
  WEEKDAYS.indexOf(d.weekday) * 100 + (d.ordinal === null ? 0 : d.ordinal > 0 ? d.ordinal : 10 - d.ordinal);
const monthDayKey = (n: number) => (n > 0 ? n : 100 - n);

function normalise(r: Recurrence): Recurrence {
  const byDay = [...new Map(r.byDay.map((d) => [dayKey(d), { weekday: d.weekday, ordinal: d.ordinal }])).entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, d]) => d);
  const byMonthDay = [...new Set(r.byMonthDay)].sort((a, b) => monthDayKey(a) - monthDayKey(b));
  return { ...r, byDay, byMonthDay };
}

const BYDAY_RE = /^(?:([+-]?)(\d{1,2}))?(MO|TU|WE|TH|FR|SA|SU)$/;
const SIGNED_RE = /^[+-]?\d{1,3}$/;
const UNSIGNED_RE = /^\d{1,6}$/;
const UNTIL_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/;

function list(key: string, value: string): string[] {
  const items = value.split(',');
  if (items.some((s) => s === '')) throw invalid(`empty item in ${key}`);
  return items;
}

function signed(key: string, s: string): number {
  if (!SIGNED_RE.test(s)) throw invalid(`${key} must be a whole number`);
  return Number(s);
}

function unsigned(key: string, s: string): number {
  if (!UNSIGNED_RE.test(s)) throw invalid(`${key} must be a whole number`);
  return Number(s);
}

export function parseRRule(text: string): Recurrence {
  if (typeof text !== 'string' || text.length > MAX_RRULE_LENGTH) throw invalid(`at most ${MAX_RRULE_LENGTH} characters`);
  const body = text.trim().replace(/^RRULE:/i, '');
  const rawParts = body.split(';');
  // A trailing ";" is a common slip of generators and harmless.
  if (rawParts.length > 1 && rawParts[rawParts.length - 1] === '') rawParts.pop();
  const parts = new Map<string, string>();
  for (const part of rawParts) {
    const eq = part.indexOf('=');
    if (eq <= 0 || eq === part.length - 1) throw invalid(`malformed part "${part}"`);
    const key = part.slice(0, eq).toUpperCase();
    const value = part.slice(eq + 1).toUpperCase();
    if (parts.has(key)) throw invalid(`${key} given twice`);
    if (!SUPPORTED_PARTS.has(key)) {
      if (UNSUPPORTED_PARTS.has(key) || key.startsWith('X-')) throw unsupported(`${key} is not supported`);
      throw invalid(`unknown part ${key}`);
    }
    parts.set(key, value);
  }

  const freq = parts.get('FREQ');
  if (freq === undefined) throw invalid('FREQ is required');
  if (!RFC_FREQUENCIES.has(freq)) throw invalid(`unknown FREQ ${freq}`);
  if (freq !== 'WEEKLY' && freq !== 'MONTHLY') throw unsupported(`FREQ=${freq} is not supported`);

  const r: Recurrence = {
    frequency: freq === 'WEEKLY' ? 'weekly' : 'monthly',
    interval: 1,
    byDay: [],
    byMonthDay: [],
    bySetPos: null,
    count: null,
    until: null,
  };
  const interval = parts.get('INTERVAL');
  if (interval !== undefined) r.interval = unsigned('INTERVAL', interval);
  const byDay = parts.get('BYDAY');
  if (byDay !== undefined) {
    r.byDay = list('BYDAY', byDay).map((item) => {
      const m = BYDAY_RE.exec(item);
      if (!m) throw invalid(`malformed BYDAY item "${item}"`);
      return { weekday: m[3] as Weekday, ordinal: m[2] ? Number(`${m[1] ?? ''}${m[2]}`) : null };
    });
  }
  const byMonthDay = parts.get('BYMONTHDAY');
  if (byMonthDay !== undefined) r.byMonthDay = list('BYMONTHDAY', byMonthDay).map((s) => signed('BYMONTHDAY', s));
  const bySetPos = parts.get('BYSETPOS');
  if (bySetPos !== undefined) {
    const positions = list('BYSETPOS', bySetPos).map((s) => signed('BYSETPOS', s));
    if (positions.length > 1) throw unsupported('BYSETPOS with more than one position');
    r.bySetPos = positions[0]!;
  }
  const count = parts.get('COUNT');
  if (count !== undefined) r.count = unsigned('COUNT', count);
  const until = parts.get('UNTIL');
  if (until !== undefined) {
    const m = UNTIL_RE.exec(until);
    if (!m) throw invalid('UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSSZ');
    if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60)) throw invalid('UNTIL has an invalid time');
    r.until = `${m[1]}-${m[2]}-${m[3]}`;
  }
  const wkst = parts.get('WKST');
  if (wkst !== undefined) {
    if (!(WEEKDAYS as readonly string[]).includes(wkst)) throw invalid(`unknown WKST ${wkst}`);
    // The week start only changes the result for multi-day rules skipping weeks; Outlook writes
    // WKST=SU on everything, so accept it wherever it makes no difference.
    if (wkst !== 'MO' && r.frequency === 'weekly' && r.interval > 1 && new Set(r.byDay.map((d) => d.weekday)).size > 1) {
      throw unsupported('only WKST=MO is supported for this rule');
    }
  }
  validate(r);
  return normalise(r);
}

export function formatRRule(r: Recurrence): string {
  validate(r);
  const n = normalise(r);
  const out = [`FREQ=${n.frequency === 'weekly' ? 'WEEKLY' : 'MONTHLY'}`];
  if (n.interval !== 1) out.push(`INTERVAL=${n.interval}`);
  if (n.byDay.length > 0) out.push(`BYDAY=${n.byDay.map((d) => `${d.ordinal ?? ''}${d.weekday}`).join(',')}`);
  if (n.byMonthDay.length > 0) out.push(`BYMONTHDAY=${n.byMonthDay.join(',')}`);
  if (n.bySetPos !== null) out.push(`BYSETPOS=${n.bySetPos}`);
  if (n.count !== null) out.push(`COUNT=${n.count}`);
  if (n.until !== null) out.push(`UNTIL=${n.until.replaceAll('-', '')}`);
  return out.join(';');
}

function requireDate(name: string, date: string): void {
  if (!isLocalDate(date)) throw new RangeError(`${name} must be a local date YYYY-MM-DD, got ${date}`);
}

/** "Every Nth <weekday> of the month" for the start date; the fifth becomes "last" so it happens every month. */
export function defaultMonthlyRule(startDate: LocalDate): Recurrence {
  requireDate('startDate', startDate);
  const nth = Math.ceil(Number(startDate.slice(8, 10)) / 7);
  return {
    frequency: 'monthly',
    interval: 1,
    byDay: [{ weekday: WEEKDAYS[isoWeekday(startDate)]!, ordinal: nth === 5 ? -1 : nth }],
    byMonthDay: [],
    bySetPos: null,
    count: null,
    until: null,
  };
}

// Day numbers (days since 1970-01-01) keep the expansion loop free of string parsing.
function dayNumber(date: LocalDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}
function fromDayNumber(n: number): LocalDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}
const weekdayOf = (dayNum: number) => (((dayNum + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
const isLeap = (y: number) => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y: number, month0: number) => (month0 === 1 && isLeap(y) ? 29 : MONTH_LENGTHS[month0]!);

/** Days of the month (1-based, ascending) on which a monthly rule falls in year y, month0 (0-based). */
function monthDays(r: Recurrence, y: number, month0: number, startDayOfMonth: number): number[] {
  const dim = daysInMonth(y, month0);
  let days: number[];
  if (r.byDay.length === 0 && r.byMonthDay.length === 0) {
    // RFC: without BY* parts the rule repeats the start's day of the month, skipping months that lack it.
    days = startDayOfMonth <= dim ? [startDayOfMonth] : [];
  } else {
    const monthDaySet = new Set<number>();
    for (const n of r.byMonthDay) {
      const d = n > 0 ? n : dim + 1 + n;
      if (d >= 1 && d <= dim) monthDaySet.add(d);
    }
    if (r.byDay.length === 0) {
      days = [...monthDaySet];
    } else {
      const wdFirst = weekdayOf(Date.UTC(y, month0, 1) / DAY_MS);
      const found = new Set<number>();
      for (const { weekday, ordinal } of r.byDay) {
        const first = 1 + ((WEEKDAYS.indexOf(weekday) - wdFirst + 7) % 7);
        if (ordinal === null) {
          for (let d = first; d <= dim; d += 7) found.add(d);
        } else {
          const d = ordinal > 0 ? first + 7 * (ordinal - 1) : first + 7 * Math.floor((dim - first) / 7) + 7 * (ordinal + 1);
          if (d >= 1 && d <= dim) found.add(d);
        }
      }
      // Both parts given: RFC 5545 narrows one by the other.
      days = r.byMonthDay.length > 0 ? [...found].filter((d) => monthDaySet.has(d)) : [...found];
    }
    days.sort((a, b) => a - b);
  }
  if (r.bySetPos === null) return days;
  const pick = days[r.bySetPos > 0 ? r.bySetPos - 1 : days.length + r.bySetPos];
  return pick === undefined ? [] : [pick];
}

function weeklyDays(r: Recurrence, startWeekday: number): number[] {
  if (r.byDay.length === 0) return [startWeekday];
  return [...new Set(r.byDay.map((d) => WEEKDAYS.indexOf(d.weekday)))].sort((a, b) => a - b);
}

/** Whether the start date is itself an occurrence; a series whose first meeting breaks its own rule would confuse everyone. */
export function matchesStart(r: Recurrence, startDate: LocalDate): boolean {
  if (!isLocalDate(startDate)) return false;
  if (r.frequency === 'weekly') return weeklyDays(r, isoWeekday(startDate)).includes(isoWeekday(startDate));
  const [y, m, d] = [Number(startDate.slice(0, 4)), Number(startDate.slice(5, 7)) - 1, Number(startDate.slice(8, 10))];
  return monthDays(r, y, m, d).includes(d);
}

export function expandDates(
  r: Recurrence,
  startDate: LocalDate,
  opts: { from?: LocalDate; until: LocalDate; limit?: number },
): LocalDate[] {
  validate(r);
  requireDate('startDate', startDate);
  requireDate('until', opts.until);
  if (opts.from !== undefined) requireDate('from', opts.from);
  const limit = opts.limit ?? 1000;
  if (!isInt(limit) || limit < 0) throw new RangeError('limit must be a non-negative integer');
  if (!matchesStart(r, startDate)) throw new RecurrenceError('startDoesNotMatchRecurrence');

  const start = dayNumber(startDate);
  const lower = Math.max(start, opts.from === undefined ? start : dayNumber(opts.from));
  const end = Math.min(dayNumber(opts.until), r.until === null ? Infinity : dayNumber(r.until));
  const out: LocalDate[] = [];
  if (limit === 0 || end < lower) return out;

  let counted = 0;
  /** Takes one occurrence; returns false once nothing more can be produced. */
  const take = (day: number): boolean => {
    if (day < start) return true;
    if (day > end) return false;
    counted++;
    if (day >= lower) out.push(fromDayNumber(day));
    return out.length < limit && (r.count === null || counted < r.count);
  };
  // With COUNT every occurrence from the start must be counted; without it we may jump straight to `from`.
  const skipTo = r.count === null ? lower : start;

  if (r.frequency === 'weekly') {
    const monday = start - isoWeekday(startDate);
    const days = weeklyDays(r, isoWeekday(startDate));
    const step = 7 * r.interval;
    for (let week = monday + Math.floor((skipTo - monday) / step) * step; week <= end; week += step) {
      for (const wd of days) if (!take(week + wd)) return out;
    }
    return out;
  }

  const startMonth = Number(startDate.slice(0, 4)) * 12 + Number(startDate.slice(5, 7)) - 1;
  const startDayOfMonth = Number(startDate.slice(8, 10));
  const skipMonth = Number(fromDayNumber(skipTo).slice(0, 4)) * 12 + Number(fromDayNumber(skipTo).slice(5, 7)) - 1;
  let emptyMonths = 0;
  for (let month = startMonth + Math.floor((skipMonth - startMonth) / r.interval) * r.interval; ; month += r.interval) {
    const [y, m0] = [Math.floor(month / 12), month % 12];
    const first = Date.UTC(y, m0, 1) / DAY_MS;
    if (first > end) return out;
    const days = monthDays(r, y, m0, startDayOfMonth);
    if (days.length === 0) {
      emptyMonths += r.interval;
      if (emptyMonths > MAX_EMPTY_MONTHS) return out;
      continue;
    }
    emptyMonths = 0;
    for (const d of days) if (!take(first + d - 1)) return out;
  }
}
