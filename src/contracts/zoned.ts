/**
 * Wall-clock time in a named time zone (IANA, e.g. Europe/Amsterdam) <-> UTC instants, using only
 * Intl. Shared by server (recurrence, iCalendar) and web (forms), so that both convert the same way.
 *
 * A wall time that does not exist (the hour skipped when summer time starts) moves forward by the
 * length of the gap, as calendar programs do; a wall time that exists twice (the hour repeated when
 * summer time ends) means its first occurrence.
 */

export type LocalDate = string; // YYYY-MM-DD
export type LocalTime = string; // HH:MM

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  if (!tz || tz.length > 64) return false;
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export function isLocalDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

export function isLocalTime(s: string): boolean {
  return TIME_RE.test(s);
}

/** Offset of the zone from UTC at the given instant, in minutes (Amsterdam: +60 in winter, +120 in summer). */
export function offsetMinutes(instant: Date, tz: string): number {
  const p = parts(instant, tz);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function parts(instant: Date, tz: string): Parts {
  const out: Record<string, number> = {};
  for (const p of formatter(tz).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return { year: out.year!, month: out.month!, day: out.day!, hour: out.hour! % 24, minute: out.minute!, second: out.second! };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The wall-clock date and time of an instant in a zone. */
export function toZoned(instant: Date, tz: string): { date: LocalDate; time: LocalTime; seconds: number } {
  const p = parts(instant, tz);
  return { date: `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}`, seconds: p.second };
}

/** The UTC instant of a wall-clock date and time in a zone (see the module comment for gaps and overlaps). */
export function fromZoned(date: LocalDate, time: LocalTime, tz: string): Date {
  const dm = DATE_RE.exec(date);
  const tm = TIME_RE.exec(time);
  if (!dm || !tm) throw new RangeError(`invalid local date/time ${date} ${time}`);
  const wall = Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]));
  // Candidate offsets: those in force a day before and a day after cover every real-world transition.
  const before = offsetMinutes(new Date(wall - 86_400_000), tz);
  const after = offsetMinutes(new Date(wall + 86_400_000), tz);
  const candidates = before === after ? [before] : [before, after];
  const matches = candidates
    .map((off) => wall - off * 60_000)
    .filter((t) => offsetMinutes(new Date(t), tz) * 60_000 === wall - t)
    .sort((a, b) => a - b);
  if (matches.length > 0) return new Date(matches[0]!);
  // In the gap: shift forward by the gap, i.e. interpret with the offset from before the transition.
  return new Date(wall - before * 60_000);
}

/** Adds whole days to a local date (calendar arithmetic, no time zone involved). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const m = DATE_RE.exec(date)!;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Day of the week of a local date: 0 = Monday ... 6 = Sunday (ISO order). */
export function isoWeekday(date: LocalDate): number {
  const m = DATE_RE.exec(date)!;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (d.getUTCDay() + 6) % 7;
}

/** The zone's canonical IANA name (e.g. europe/amsterdam → Europe/Amsterdam), as calendars expect it. */
export function canonicalTimeZone(tz: string): string {
  return formatter(tz).resolvedOptions().timeZone;
}
