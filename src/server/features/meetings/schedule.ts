import { AppError } from '../../lib/errors';
import { addDays, fromZoned, toZoned } from '../../../contracts/zoned';
import type { SeriesRow } from './meetings.repository';
import { expandDates, parseRRule, RecurrenceError, type Recurrence } from './recurrence';

export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';
export const DEFAULT_INPUT_DEADLINE_DAYS = 3;
/** Meetings of a series exist as rows this far ahead; a daily job extends the window. */
export const HORIZON_DAYS = 400;

const invalid = (path: string, code: string) => new AppError(422, 'validation', {}, [{ path, code }]);

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** Duration from either field: an end time on the same day must come after the start. */
export function resolveDuration(startTime: string, durationMinutes: number | undefined, endTime: string | undefined, fallback?: number): number {
  if (endTime !== undefined) {
    const d = minutesOf(endTime) - minutesOf(startTime);
    if (d <= 0) throw invalid('endTime', 'endBeforeStart');
    if (d < 15) throw new AppError(422, 'validation', {}, [{ path: 'endTime', code: 'numberTooSmall', params: { minimum: 15 } }]);
    return d;
  }
  if (durationMinutes !== undefined) return durationMinutes;
  if (fallback !== undefined) return fallback;
  throw invalid('durationMinutes', 'durationOrEndTime');
}

export function parseRule(rrule: string, path = 'rrule'): Recurrence {
  try {
    return parseRRule(rrule);
  } catch (err) {
    if (err instanceof RecurrenceError) throw invalid(path, err.code);
    throw err;
  }
}

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

/** Room and address as one line, e.g. for a calendar's LOCATION or a mail. */
export function placeOf(m: { room: string; address: string }) {
  return [m.room, m.address].filter(Boolean).join(', ');
}

export function slotFor(date: string, startTime: string, durationMinutes: number, timeZone: string): Slot {
  const startsAt = fromZoned(date, startTime, timeZone);
  return { startsAt, endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000) };
}

/** "N days before" means the same wall-clock time N calendar days earlier, in the meeting's zone. */
export function deadlineFor(date: string, startTime: string, timeZone: string, days: number): Date {
  return fromZoned(addDays(date, -days), startTime, timeZone);
}

export function todayIn(now: Date, timeZone: string): string {
  return toZoned(now, timeZone).date;
}

/** Local dates of the series' meetings in [fromDate, untilDate]. */
export function seriesDates(s: Pick<SeriesRow, 'rrule' | 'startDate' | 'endDate'>, fromDate: string, untilDate: string): string[] {
  const rule = parseRule(s.rrule);
  const until = s.endDate && s.endDate < untilDate ? s.endDate : untilDate;
  if (until < fromDate) return [];
  try {
    return expandDates(rule, s.startDate, { from: fromDate, until, limit: 2000 });
  } catch (err) {
    if (err instanceof RecurrenceError) throw invalid('rrule', err.code);
    throw err;
  }
}

/** The values of one meeting row of a series on a date. */
export function occurrence(s: SeriesRow, date: string) {
  const { startsAt, endsAt } = slotFor(date, s.startTime, s.durationMinutes, s.timeZone);
  return {
    networkId: s.networkId,
    communityId: s.communityId,
    seriesId: s.id,
    seriesDate: date,
    title: s.title,
    startsAt,
    endsAt,
    timeZone: s.timeZone,
    room: s.room,
    address: s.address,
    locationNotes: s.locationNotes,
    onlineUrl: s.onlineUrl,
    inputDeadline: deadlineFor(date, s.startTime, s.timeZone, s.inputDeadlineDays),
  };
}
