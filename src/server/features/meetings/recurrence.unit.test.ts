import { describe, it, expect } from 'vitest';
import { addDays, fromZoned, isoWeekday } from '../../../contracts/zoned';
import {
  WEEKDAYS,
  RecurrenceError,
  defaultMonthlyRule,
  expandDates,
  formatRRule,
  matchesStart,
  parseRRule,
  type Recurrence,
} from './recurrence';

const rule = (text: string) => parseRRule(text);
const expand = (text: string, start: string, until: string, extra: { from?: string; limit?: number } = {}) =>
  expandDates(rule(text), start, { until, ...extra });

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof RecurrenceError) return e.code;
    throw e;
  }
  return undefined;
}

describe('monthly by weekday', () => {
  it('every second Tuesday over 2026', () => {
    const dates = expand('FREQ=MONTHLY;BYDAY=2TU', '2026-01-13', '2026-12-31');
    expect(dates).toEqual([
      '2026-01-13', '2026-02-10', '2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09',
      '2026-07-14', '2026-08-11', '2026-09-08', '2026-10-13', '2026-11-10', '2026-12-08',
    ]);
    expect(expand('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', '2026-01-13', '2026-12-31')).toEqual(dates);
  });

  it('a fifth Tuesday only happens in March, June, September and December 2026', () => {
    // By hand: 1 Mar 2026 is a Sunday (Tue 3..31), 1 Jun a Monday (Tue 2..30), 1 Sep and 1 Dec Tuesdays.
    expect(expand('FREQ=MONTHLY;BYDAY=5TU', '2026-03-31', '2026-12-31')).toEqual([
      '2026-03-31', '2026-06-30', '2026-09-29', '2026-12-29',
    ]);
    expect(expand('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=5', '2026-03-31', '2026-12-31')).toHaveLength(4);
  });

  it('last Friday, also as BYSETPOS=-1', () => {
    const dates = expand('FREQ=MONTHLY;BYDAY=-1FR', '2026-01-30', '2026-12-31');
    expect(dates).toEqual([
      '2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24', '2026-05-29', '2026-06-26',
      '2026-07-31', '2026-08-28', '2026-09-25', '2026-10-30', '2026-11-27', '2026-12-25',
    ]);
    expect(expand('FREQ=MONTHLY;BYDAY=FR;BYSETPOS=-1', '2026-01-30', '2026-12-31')).toEqual(dates);
  });

  it('every Tuesday of the month, and the first and third Tuesday', () => {
    expect(expand('FREQ=MONTHLY;BYDAY=TU', '2026-03-03', '2026-03-31')).toEqual([
      '2026-03-03', '2026-03-10', '2026-03-17', '2026-03-24', '2026-03-31',
    ]);
    expect(expand('FREQ=MONTHLY;BYDAY=1TU,3TU', '2026-01-06', '2026-02-28')).toEqual([
      '2026-01-06', '2026-01-20', '2026-02-03', '2026-02-17',
    ]);
  });

  it('every other month counts months from the start month', () => {
    expect(expand('FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU', '2026-02-10', '2026-12-31')).toEqual([
      '2026-02-10', '2026-04-14', '2026-06-09', '2026-08-11', '2026-10-13', '2026-12-08',
    ]);
  });
});

describe('monthly by day of the month', () => {
  it('the 31st skips shorter months', () => {
    expect(expand('FREQ=MONTHLY;BYMONTHDAY=31', '2028-01-31', '2028-12-31')).toEqual([
      '2028-01-31', '2028-03-31', '2028-05-31', '2028-07-31', '2028-08-31', '2028-10-31', '2028-12-31',
    ]);
    // Without BY parts the start's day of the month is repeated, with the same skipping.
    expect(expand('FREQ=MONTHLY', '2028-01-31', '2028-06-30')).toEqual(['2028-01-31', '2028-03-31', '2028-05-31']);
  });

  it('-1 is the last day, including 29 February in leap year 2028', () => {
    expect(expand('FREQ=MONTHLY;BYMONTHDAY=-1', '2028-01-31', '2028-06-30')).toEqual([
      '2028-01-31', '2028-02-29', '2028-03-31', '2028-04-30', '2028-05-31', '2028-06-30',
    ]);
    expect(expand('FREQ=MONTHLY;BYMONTHDAY=-1', '2027-01-31', '2027-02-28')).toEqual(['2027-01-31', '2027-02-28']);
  });

  it('the 29th is missing only in February of a common year', () => {
    const dates = expand('FREQ=MONTHLY;BYMONTHDAY=29', '2027-01-29', '2028-03-31');
    expect(dates).not.toContain('2027-02-28');
    expect(dates.filter((d) => d.slice(5, 7) === '02')).toEqual(['2028-02-29']);
    expect(dates).toHaveLength(14);
  });

  it('BYMONTHDAY with BYDAY is the intersection (Friday the 13th)', () => {
    expect(expand('FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', '2026-02-13', '2027-12-31')).toEqual([
      '2026-02-13', '2026-03-13', '2026-11-13', '2027-08-13',
    ]);
  });

  it('stops quickly for a rare rule with a far horizon', () => {
    const t0 = performance.now();
    const dates = expand('FREQ=MONTHLY;INTERVAL=12;BYDAY=FR;BYMONTHDAY=13', '2026-02-13', '9999-12-31');
    expect(dates.every((d) => d.slice(5) === '02-13' && isoWeekday(d) === 4)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('five years monthly is cheap', () => {
    const r = rule('FREQ=MONTHLY;BYDAY=2TU');
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) expandDates(r, '2026-01-13', { until: '2030-12-31' });
    expect(expandDates(r, '2026-01-13', { until: '2030-12-31' })).toHaveLength(60);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe('weekly', () => {
  it('every Tuesday, and without BYDAY the weekday of the start', () => {
    expect(expand('FREQ=WEEKLY;BYDAY=TU;COUNT=5', '2026-01-06', '2026-12-31')).toEqual([
      '2026-01-06', '2026-01-13', '2026-01-20', '2026-01-27', '2026-02-03',
    ]);
    expect(expand('FREQ=WEEKLY', '2026-01-07', '2026-01-21')).toEqual(['2026-01-07', '2026-01-14', '2026-01-21']);
  });

  it('every other week on Tuesday and Thursday, weeks starting on Monday', () => {
    expect(expand('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH', '2026-01-06', '2026-02-06')).toEqual([
      '2026-01-06', '2026-01-08', '2026-01-20', '2026-01-22', '2026-02-03', '2026-02-05',
    ]);
    // Starting on the Thursday: that week's Tuesday lies before the start and is not an occurrence.
    expect(expand('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH', '2026-01-08', '2026-01-31')).toEqual([
      '2026-01-08', '2026-01-20', '2026-01-22',
    ]);
    // A Sunday start belongs to the week that began the Monday before.
    expect(expand('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU', '2026-01-11', '2026-01-26')).toEqual([
      '2026-01-11', '2026-01-19', '2026-01-25',
    ]);
  });
});

describe('COUNT, UNTIL, from and limit', () => {
  it('UNTIL is inclusive, with or without a time', () => {
    const expected = ['2026-01-06', '2026-01-13', '2026-01-20', '2026-01-27'];
    expect(expand('FREQ=WEEKLY;BYDAY=TU;UNTIL=20260127', '2026-01-06', '2026-12-31')).toEqual(expected);
    expect(expand('FREQ=WEEKLY;BYDAY=TU;UNTIL=20260127T183000Z', '2026-01-06', '2026-12-31')).toEqual(expected);
    // The caller's window is the other bound; the earlier one wins.
    expect(expand('FREQ=WEEKLY;BYDAY=TU;UNTIL=20260127', '2026-01-06', '2026-01-20')).toEqual(expected.slice(0, 3));
  });

  it('COUNT counts from the start even when the window starts later', () => {
    expect(expand('FREQ=MONTHLY;BYDAY=2TU;COUNT=6', '2026-01-13', '2026-12-31', { from: '2026-04-01' })).toEqual([
      '2026-04-14', '2026-05-12', '2026-06-09',
    ]);
    expect(expand('FREQ=MONTHLY;BYDAY=2TU;COUNT=3', '2026-01-13', '2026-12-31', { from: '2026-04-01' })).toEqual([]);
    expect(expand('FREQ=WEEKLY;COUNT=3', '2026-01-06', '2026-01-13')).toEqual(['2026-01-06', '2026-01-13']);
  });

  it('from before the start, from on an occurrence, limit', () => {
    expect(expand('FREQ=WEEKLY', '2026-01-06', '2026-01-20', { from: '2025-01-01' })).toEqual([
      '2026-01-06', '2026-01-13', '2026-01-20',
    ]);
    expect(expand('FREQ=WEEKLY', '2026-01-06', '2026-01-20', { from: '2026-01-13' })).toEqual(['2026-01-13', '2026-01-20']);
    expect(expand('FREQ=WEEKLY', '2026-01-06', '2030-01-01', { limit: 2 })).toEqual(['2026-01-06', '2026-01-13']);
    expect(expand('FREQ=WEEKLY', '2026-01-06', '2030-01-01', { limit: 0 })).toEqual([]);
    expect(expand('FREQ=WEEKLY', '2026-01-06', '2026-01-05')).toEqual([]);
    expect(expand('FREQ=WEEKLY', '2026-01-06', '2026-12-31')).toHaveLength(52);
  });

  it('rejects malformed dates and limits as programming errors', () => {
    const r = rule('FREQ=WEEKLY');
    expect(() => expandDates(r, '2026-02-30', { until: '2026-12-31' })).toThrow(RangeError);
    expect(() => expandDates(r, '2026-01-06', { until: '31-12-2026' })).toThrow(RangeError);
    expect(() => expandDates(r, '2026-01-06', { until: '2026-12-31', from: 'x' })).toThrow(RangeError);
    expect(() => expandDates(r, '2026-01-06', { until: '2026-12-31', limit: -1 })).toThrow(RangeError);
  });
});

describe('the start must match the rule', () => {
  it.each([
    ['FREQ=MONTHLY;BYDAY=2TU', '2026-01-06'],
    ['FREQ=MONTHLY;BYDAY=5TU', '2026-01-27'],
    ['FREQ=WEEKLY;BYDAY=TU', '2026-01-07'],
    ['FREQ=MONTHLY;BYMONTHDAY=-1', '2026-01-30'],
    ['FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', '2026-01-13'],
  ])('%s does not start on %s', (text, start) => {
    expect(matchesStart(rule(text), start)).toBe(false);
    expect(codeOf(() => expandDates(rule(text), start, { until: '2027-01-01' }))).toBe('startDoesNotMatchRecurrence');
  });

  it('accepts matching starts', () => {
    expect(matchesStart(rule('FREQ=MONTHLY;BYDAY=2TU'), '2026-01-13')).toBe(true);
    expect(matchesStart(rule('FREQ=WEEKLY'), '2026-01-07')).toBe(true);
    expect(matchesStart(rule('FREQ=MONTHLY;BYMONTHDAY=-1'), '2028-02-29')).toBe(true);
    expect(matchesStart(rule('FREQ=WEEKLY'), 'not a date')).toBe(false);
  });
});

describe('defaultMonthlyRule', () => {
  it.each([
    ['2026-01-13', 'FREQ=MONTHLY;BYDAY=2TU'],
    ['2026-01-01', 'FREQ=MONTHLY;BYDAY=1TH'],
    ['2026-03-31', 'FREQ=MONTHLY;BYDAY=-1TU'], // fifth Tuesday: "last" so it happens every month
    ['2026-02-24', 'FREQ=MONTHLY;BYDAY=4TU'], // fourth and last: keep "fourth"
    ['2026-03-24', 'FREQ=MONTHLY;BYDAY=4TU'],
  ])('%s → %s', (start, text) => {
    const r = defaultMonthlyRule(start);
    expect(formatRRule(r)).toBe(text);
    expect(matchesStart(r, start)).toBe(true);
  });

  it('a fifth-weekday start gives a meeting every month', () => {
    expect(expandDates(defaultMonthlyRule('2026-03-31'), '2026-03-31', { until: '2026-06-30' })).toEqual([
      '2026-03-31', '2026-04-28', '2026-05-26', '2026-06-30',
    ]);
  });
});

describe('parse and format', () => {
  it.each([
    'FREQ=MONTHLY;BYDAY=2TU',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10',
    'FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20271231',
    'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=-1',
    'FREQ=MONTHLY;INTERVAL=3;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1',
    'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
    'FREQ=MONTHLY;BYMONTHDAY=1,15,-1',
    'FREQ=WEEKLY',
  ])('%s is canonical', (text) => {
    const r = parseRRule(text);
    expect(formatRRule(r)).toBe(text);
    expect(parseRRule(formatRRule(r))).toEqual(r);
  });

  it('reads other spellings and writes the canonical one', () => {
    expect(formatRRule(parseRRule('RRULE:byday=2tu;freq=monthly'))).toBe('FREQ=MONTHLY;BYDAY=2TU');
    expect(formatRRule(parseRRule(' FREQ=WEEKLY;INTERVAL=1;BYDAY=TH,TU,TU;WKST=SU; '))).toBe('FREQ=WEEKLY;BYDAY=TU,TH');
    expect(formatRRule(parseRRule('FREQ=MONTHLY;BYDAY=-1TU,+1TU'))).toBe('FREQ=MONTHLY;BYDAY=1TU,-1TU');
    expect(parseRRule('FREQ=WEEKLY;UNTIL=20261231T225959Z').until).toBe('2026-12-31');
  });

  it('parse(format(r)) equals r for a hand-built rule', () => {
    const r: Recurrence = {
      frequency: 'monthly',
      interval: 2,
      byDay: [{ weekday: 'WE', ordinal: 3 }],
      byMonthDay: [],
      bySetPos: null,
      count: null,
      until: '2027-06-30',
    };
    expect(formatRRule(r)).toBe('FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE;UNTIL=20270630');
    expect(parseRRule(formatRRule(r))).toEqual(r);
  });

  it.each([
    '',
    'RRULE:',
    'FREQ',
    'FREQ=',
    'BYDAY=TU',
    'FREQ=FORTNIGHTLY',
    'FREQ=WEEKLY;FREQ=WEEKLY',
    'FREQ=WEEKLY;;COUNT=2',
    'FREQ=WEEKLY;FOO=1',
    'FREQ=WEEKLY;COUNT=3;UNTIL=20260101',
    'FREQ=WEEKLY;BYDAY=2TU',
    'FREQ=WEEKLY;BYMONTHDAY=1',
    'FREQ=WEEKLY;BYDAY=TU,',
    'FREQ=WEEKLY;BYDAY=XX',
    'FREQ=WEEKLY;BYDAY=+TU',
    'FREQ=MONTHLY;BYDAY=0TU',
    'FREQ=MONTHLY;BYDAY=6TU',
    'FREQ=MONTHLY;BYMONTHDAY=0',
    'FREQ=MONTHLY;BYMONTHDAY=32',
    'FREQ=MONTHLY;BYSETPOS=1',
    'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=0',
    'FREQ=WEEKLY;COUNT=0',
    'FREQ=WEEKLY;COUNT=x',
    'FREQ=WEEKLY;INTERVAL=0',
    'FREQ=WEEKLY;INTERVAL=-1',
    'FREQ=WEEKLY;UNTIL=20260231',
    'FREQ=WEEKLY;UNTIL=2026-01-01',
    'FREQ=WEEKLY;UNTIL=20260101T250000Z',
    'FREQ=WEEKLY;WKST=XX',
    `FREQ=WEEKLY;BYDAY=${'TU,'.repeat(70)}TU`,
  ])('%s is invalid', (text) => {
    expect(codeOf(() => parseRRule(text))).toBe('invalidRecurrence');
  });

  it.each([
    'FREQ=DAILY',
    'FREQ=YEARLY;BYMONTH=1',
    'FREQ=MONTHLY;BYHOUR=9',
    'FREQ=MONTHLY;BYMONTH=1,7',
    'FREQ=WEEKLY;BYWEEKNO=2',
    'FREQ=WEEKLY;X-MS-OLK=1',
    'FREQ=WEEKLY;INTERVAL=13',
    'FREQ=WEEKLY;COUNT=501',
    'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=1,-1',
    'FREQ=WEEKLY;BYDAY=TU,TH;BYSETPOS=1',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU',
  ])('%s is unsupported', (text) => {
    expect(codeOf(() => parseRRule(text))).toBe('unsupportedRecurrence');
  });

  it('format validates a hand-built rule the same way', () => {
    const base = parseRRule('FREQ=WEEKLY');
    expect(codeOf(() => formatRRule({ ...base, interval: 0 }))).toBe('invalidRecurrence');
    expect(codeOf(() => formatRRule({ ...base, interval: 13 }))).toBe('unsupportedRecurrence');
    expect(codeOf(() => formatRRule({ ...base, count: 2, until: '2026-01-01' }))).toBe('invalidRecurrence');
    expect(codeOf(() => formatRRule({ ...base, until: '2026-13-01' }))).toBe('invalidRecurrence');
  });
});

describe('time zones are the caller’s: 19:30 in Amsterdam', () => {
  const at = (dates: string[]) => dates.map((d) => fromZoned(d, '19:30', 'Europe/Amsterdam').toISOString());

  it('follows wall time across the 2026 transitions (29 March, 25 October)', () => {
    expect(at(expand('FREQ=WEEKLY;BYDAY=SU', '2026-03-22', '2026-04-05'))).toEqual([
      '2026-03-22T18:30:00.000Z', '2026-03-29T17:30:00.000Z', '2026-04-05T17:30:00.000Z',
    ]);
    expect(at(expand('FREQ=WEEKLY;BYDAY=SU', '2026-10-18', '2026-11-01'))).toEqual([
      '2026-10-18T17:30:00.000Z', '2026-10-25T18:30:00.000Z', '2026-11-01T18:30:00.000Z',
    ]);
    const tuesdays = at(expand('FREQ=MONTHLY;BYDAY=2TU', '2026-03-10', '2026-11-30'));
    expect(tuesdays[0]).toBe('2026-03-10T18:30:00.000Z');
    expect(tuesdays[1]).toBe('2026-04-14T17:30:00.000Z');
    expect(tuesdays[7]).toBe('2026-10-13T17:30:00.000Z');
    expect(tuesdays[8]).toBe('2026-11-10T18:30:00.000Z');
  });
});

// A deliberately naive day-by-day reading of the same RFC semantics, to cross-check the fast expansion.
function naive(r: Recurrence, start: string, until: string): string[] {
  const out: string[] = [];
  const startMonday = addDays(start, -isoWeekday(start));
  const months = new Map<string, string[]>();
  const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  const inSet = (d: string): boolean => {
    const wd = WEEKDAYS[isoWeekday(d)];
    if (r.frequency === 'weekly') {
      const weeks = Math.round((Date.parse(addDays(d, -isoWeekday(d))) - Date.parse(startMonday)) / (7 * 86_400_000));
      return weeks % r.interval === 0 && (r.byDay.length === 0 ? isoWeekday(d) === isoWeekday(start) : r.byDay.some((b) => b.weekday === wd));
    }
    if ((monthIndex(d) - monthIndex(start)) % r.interval !== 0) return false;
    const first = `${d.slice(0, 8)}01`;
    const cached = months.get(first);
    if (cached) return cached.includes(d);
    const days: string[] = [];
    for (let x = first; x.slice(0, 7) === first.slice(0, 7); x = addDays(x, 1)) days.push(x);
    const set = days.filter((x) => {
      const dom = Number(x.slice(8));
      const fromEnd = days.length - dom + 1;
      const okDay = r.byDay.some(
        (b) => b.weekday === WEEKDAYS[isoWeekday(x)] && (b.ordinal === null || b.ordinal === Math.ceil(dom / 7) || b.ordinal === -Math.ceil(fromEnd / 7)),
      );
      const okMonthDay = r.byMonthDay.some((n) => n === dom || n === -fromEnd);
      if (r.byDay.length === 0 && r.byMonthDay.length === 0) return dom === Number(start.slice(8));
      return (r.byDay.length === 0 || okDay) && (r.byMonthDay.length === 0 || okMonthDay);
    });
    const picked = r.bySetPos === null ? set : [set.at(r.bySetPos > 0 ? r.bySetPos - 1 : r.bySetPos)].filter((x) => x !== undefined);
    months.set(first, picked);
    return picked.includes(d);
  };
  const last = r.until !== null && r.until < until ? r.until : until;
  for (let d = start; d <= last && (r.count === null || out.length < r.count); d = addDays(d, 1)) if (inSet(d)) out.push(d);
  return out;
}

describe('agrees with a naive day-by-day expansion', () => {
  let seed = 42;
  const rand = (n: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return Math.floor((seed / 2 ** 31) * n);
  };
  const pick = <T,>(xs: readonly T[]): T => xs[rand(xs.length)]!;

  it('for 300 random rules', () => {
    let compared = 0;
    for (let i = 0; i < 300; i++) {
      const monthly = rand(2) === 0;
      const byDay = Array.from({ length: rand(3) }, () => ({
        weekday: pick(WEEKDAYS),
        ordinal: monthly && rand(2) === 0 ? pick([1, 2, 3, 4, 5, -1, -2, -5]) : null,
      }));
      const byMonthDay = monthly ? Array.from({ length: rand(3) }, () => pick([1, 2, 13, 15, 28, 29, 30, 31, -1, -2, -7])) : [];
      const text = [
        `FREQ=${monthly ? 'MONTHLY' : 'WEEKLY'}`,
        `INTERVAL=${1 + rand(4)}`,
        byDay.length ? `BYDAY=${byDay.map((b) => `${b.ordinal ?? ''}${b.weekday}`).join(',')}` : '',
        byMonthDay.length ? `BYMONTHDAY=${byMonthDay.join(',')}` : '',
        monthly && (byDay.length || byMonthDay.length) && rand(3) === 0 ? `BYSETPOS=${pick([1, 2, -1])}` : '',
        rand(3) === 0 ? `COUNT=${1 + rand(20)}` : '',
      ].filter(Boolean).join(';');
      const r = parseRRule(text);
      expect(parseRRule(formatRRule(r))).toEqual(r);
      // Find a matching start within a year of a random date; some rules are too rare for that.
      let start = addDays('2026-01-01', rand(1500));
      for (let k = 0; k < 366 && !matchesStart(r, start); k++) start = addDays(start, 1);
      if (!matchesStart(r, start)) continue;
      const until = addDays(start, 400 + rand(800));
      const all = expandDates(r, start, { until });
      expect(all, `${text} from ${start}`).toEqual(naive(r, start, until));
      const from = addDays(start, rand(600));
      expect(expandDates(r, start, { until, from }), `${text} from ${from}`).toEqual(all.filter((d) => d >= from));
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });
});
