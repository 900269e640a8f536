/**
 * RFC 5545 iCalendar writer for meeting feeds and mail invitations, without dependencies.
 *
 * Time zones: every event is written in the zone it was planned in (DTSTART;TZID=...), so clients
 * show the meeting at its planned wall-clock time and move it along with DST changes. RFC 5545
 * requires a VTIMEZONE for every TZID used; we generate it from the platform's Intl data (the same
 * data src/contracts/zoned.ts uses), so the feed and the web app agree on every offset.
 */
import { offsetMinutes } from '../../../contracts/zoned';

export interface IcsEvent {
  uid: string; // stable per occurrence, e.g. "meeting-<uuid>@kring"
  sequence: number; // raised on every change
  start: Date; // UTC instants
  end: Date;
  timeZone: string; // IANA zone the meeting is planned in (DTSTART;TZID=...)
  summary: string;
  description: string;
  location: string;
  url?: string | null; // the meeting page
  status: 'CONFIRMED' | 'CANCELLED';
  lastModified: Date; // also used for DTSTAMP
  created?: Date;
  categories?: string[];
  /** A whole day (YYYY-MM-DD) rather than a time, e.g. a decision's review date: DTSTART;VALUE=DATE, free time. */
  allDay?: string;
}

export interface CalendarOptions {
  name: string;
  events: IcsEvent[];
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  prodId?: string;
  refreshIntervalMinutes?: number;
  organizer?: { name: string; email: string };
  attendee?: { name: string; email: string };
}

const DEFAULT_ZONE = 'Europe/Amsterdam';
const MINUTE = 60_000;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------
// Content lines

/* eslint-disable no-control-regex -- finding control characters is the point of these */
const NEEDS_ESCAPE = /[\\;,\r\n\x00-\x08\x0b-\x1f\x7f]/;
const ESCAPE_ALL = /\r\n|[\\;,\r\n]|[\x00-\x08\x0b-\x1f\x7f]/g;
const CONTROL = /[\x00-\x1f\x7f]/g;
/* eslint-enable no-control-regex */

/** TEXT value escaping (RFC 5545 3.3.11). Control characters other than TAB are not allowed in TEXT, so they are dropped. */
export function escapeText(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(ESCAPE_ALL, (m) => (m === '\\' || m === ';' || m === ',' ? '\\' + m : m.length === 2 || m === '\n' || m === '\r' ? '\\n' : ''));
}

/** A quoted parameter value (CN=...): quotes and control characters are not allowed inside, so we replace/drop them. */
function quoteParam(s: string): string {
  return '"' + s.replace(CONTROL, ' ').replace(/"/g, "'") + '"';
}

/** URI values are not TEXT-escaped; a line break inside one would end the content line, so drop control characters. */
function cleanUri(s: string): string {
  return s.replace(CONTROL, '').trim();
}

/**
 * Folds a content line at 75 octets of UTF-8 (RFC 5545 3.1), continuation lines starting with a
 * space (which counts towards their 75). Splits only between code points, so a multi-byte character
 * or a surrogate pair (emoji) is never cut in half. Returns the line without a final CRLF.
 */
export function contentLineFold(line: string): string {
  // At most 3 octets per UTF-16 unit, so 25 units always fit; ASCII lines fit up to 75.
  if (line.length <= 25 || (line.length <= 75 && !/[\u0080-\uffff]/.test(line))) return line;
  let out = '';
  let start = 0;
  let octets = 0;
  for (let i = 0; i < line.length; ) {
    const c = line.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < line.length && (line.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
    const units = pair ? 2 : 1;
    const size = c < 0x80 ? 1 : c < 0x800 ? 2 : pair ? 4 : 3; // a lone surrogate is encoded as U+FFFD: 3 octets
    if (octets + size > 75) {
      out += line.slice(start, i) + '\r\n ';
      start = i;
      octets = 1; // the leading space
    }
    octets += size;
    i += units;
  }
  return out + line.slice(start);
}

// ---------------------------------------------------------------------------------------------
// Dates

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

/** YYYYMMDDTHHMMSS of the UTC fields of an epoch-milliseconds value (used for local times shifted by the offset). */
function basicDateTime(ms: number): string {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString(); // 2026-03-24T18:30:00.000Z
  return iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 13) + iso.slice(14, 16) + iso.slice(17, 19);
}
const utcDateTime = (d: Date) => basicDateTime(d.getTime()) + 'Z';

/** +0100, -0330, +054500 (RFC 5545 UTC-OFFSET). */
function utcOffset(minutes: number): string {
  const a = Math.abs(minutes);
  return (minutes < 0 ? '-' : '+') + pad2(Math.floor(a / 60)) + pad2(a % 60);
}

function duration(minutes: number): string {
  const m = Math.max(1, Math.round(minutes));
  if (m % 1440 === 0) return `P${m / 1440}D`;
  const h = Math.floor(m / 60);
  return 'PT' + (h ? `${h}H` : '') + (m % 60 ? `${m % 60}M` : '');
}

// ---------------------------------------------------------------------------------------------
// Time zones

// at: UTC epoch ms of the first instant with the new offset; from/to: offsets in minutes.
type Transition = { at: number; from: number; to: number };

interface ZoneInfo {
  text: string; // the VTIMEZONE component, lines joined with CRLF, no final CRLF
  startOffset: number; // offset at the start of the covered range
  transitions: Transition[];
  rangeStart: number;
  rangeEnd: number;
}

const nameFormatters = new Map<string, Intl.DateTimeFormat>();
function zoneName(tz: string, at: number, locale: string, style: 'short' | 'long'): string {
  const key = `${tz}|${locale}|${style}`;
  let f = nameFormatters.get(key);
  if (!f) nameFormatters.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: tz, timeZoneName: style })));
  return f.formatToParts(new Date(at)).find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/**
 * CET/CEST/EST/BST where Intl knows an abbreviation (ICU gives them only for zones common in the
 * locale, hence en-AU for AEST/NZDT); else "+01", "+0530" as tzdata does.
 */
function tzName(tz: string, at: number, offset: number): string {
  for (const locale of ['en-GB', 'en-US', 'en-AU']) {
    const name = zoneName(tz, at, locale, 'short');
    if (/^[A-Z]{2,5}$/.test(name) && (name !== 'GMT' || offset === 0)) return name;
  }
  const o = utcOffset(offset);
  return o.endsWith('00') ? o.slice(0, 3) : o;
}

/** Intl has no "is DST" flag; the long name says "Summer"/"Daylight" where ICU knows the zone, else a rising offset counts as daylight. */
function isDaylight(tz: string, at: number, from: number, to: number): boolean {
  const long = zoneName(tz, at, 'en-US', 'long');
  if (/Summer|Daylight/.test(long)) return true;
  return /^GMT[+-]/.test(long) && to > from;
}

const offsetAtSecond = (s: number, tz: string) => offsetMinutes(new Date(s * 1000), tz);

/**
 * All offset changes in [start, end). We sample weekly (no real zone changes twice within a week;
 * Ramadan suspensions last about a month) and binary-search each change down to the second, then
 * continue from there, so several changes inside one step are still found if their offsets differ.
 */
function findTransitions(tz: string, start: number, end: number): Transition[] {
  const out: Transition[] = [];
  const step = 7 * 86_400;
  let lo = Math.floor(start / 1000);
  let loOff = offsetAtSecond(lo, tz);
  const last = Math.floor(end / 1000);
  while (lo < last) {
    const hi = Math.min(lo + step, last);
    const hiOff = offsetAtSecond(hi, tz);
    if (hiOff === loOff) {
      lo = hi;
      continue;
    }
    let a = lo; // offset loOff at a; something else at b
    let b = hi;
    while (b - a > 1) {
      const mid = Math.floor((a + b) / 2);
      if (offsetAtSecond(mid, tz) === loOff) a = mid;
      else b = mid;
    }
    const to = offsetAtSecond(b, tz);
    out.push({ at: b * 1000, from: loOff, to });
    lo = b;
    loOff = to;
  }
  return out;
}

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m + 1, 0)).getUTCDate();

// month 0-11, weekday 0 = Sunday, ordinal 1..4 or -1 for "last", timeMs the wall time of day before the change.
type YearlyRule = { month: number; weekday: number; ordinal: number; timeMs: number; from: number; to: number };

/** Local (wall clock, offset before the change) date of a transition, as UTC fields of a Date. */
const localBefore = (t: Transition) => new Date(t.at + t.from * MINUTE);

/**
 * If every covered year has exactly two changes that fall on the same weekday rule (e.g. last
 * Sunday of March at 02:00), returns the two rules, so the VTIMEZONE can use the compact RRULE form
 * that Outlook handles best. Otherwise null, and we list every change.
 */
function yearlyRules(transitions: Transition[], fromYear: number, toYear: number): [YearlyRule, YearlyRule] | null {
  if (transitions.length !== 2 * (toYear - fromYear + 1)) return null;
  const rules: YearlyRule[] = [];
  for (let k = 0; k < 2; k++) {
    const own = transitions.filter((_, i) => i % 2 === k);
    const dates = own.map(localBefore);
    const first = dates[0]!;
    const ref = own[0]!;
    const timeMs = (first.getTime() % DAY + DAY) % DAY;
    const sameShape = own.every(
      (t, i) =>
        t.from === ref.from &&
        t.to === ref.to &&
        dates[i]!.getUTCFullYear() === fromYear + i &&
        dates[i]!.getUTCMonth() === first.getUTCMonth() &&
        dates[i]!.getUTCDay() === first.getUTCDay() &&
        (dates[i]!.getTime() % DAY + DAY) % DAY === timeMs,
    );
    if (!sameShape) return null;
    const last = dates.every((d) => d.getUTCDate() > daysInMonth(d.getUTCFullYear(), d.getUTCMonth()) - 7);
    const nth = Math.ceil(first.getUTCDate() / 7);
    if (!last && (nth > 4 || !dates.every((d) => Math.ceil(d.getUTCDate() / 7) === nth))) return null;
    rules.push({ month: first.getUTCMonth(), weekday: first.getUTCDay(), ordinal: last ? -1 : nth, timeMs, from: ref.from, to: ref.to });
  }
  return [rules[0]!, rules[1]!];
}

/** Epoch ms (as UTC fields) of the rule's local wall time in a year, computed arithmetically. */
function ruleDate(r: YearlyRule, year: number): number {
  let day: number;
  if (r.ordinal > 0) {
    const firstWd = new Date(Date.UTC(year, r.month, 1)).getUTCDay();
    day = 1 + ((r.weekday - firstWd + 7) % 7) + 7 * (r.ordinal - 1);
  } else {
    const dim = daysInMonth(year, r.month);
    day = dim - ((new Date(Date.UTC(year, r.month, dim)).getUTCDay() - r.weekday + 7) % 7);
  }
  return Date.UTC(year, r.month, day) + r.timeMs;
}

function observance(kind: 'STANDARD' | 'DAYLIGHT', wallStart: number, from: number, to: number, name: string, rrule?: string): string[] {
  const lines = [`BEGIN:${kind}`, `DTSTART:${basicDateTime(wallStart)}`];
  if (rrule) lines.push(`RRULE:${rrule}`);
  lines.push(`TZOFFSETFROM:${utcOffset(from)}`, `TZOFFSETTO:${utcOffset(to)}`, `TZNAME:${escapeText(name)}`, `END:${kind}`);
  return lines;
}

const zoneCache = new Map<string, ZoneInfo>();

function zoneInfo(tz: string, fromYear: number, toYear: number): ZoneInfo {
  const key = `${tz}|${fromYear}|${toYear}`;
  const cached = zoneCache.get(key);
  if (cached) return cached;
  // Local years: no zone is more than 14 hours from UTC, so these instants bracket the covered range.
  const rangeStart = Date.UTC(fromYear, 0, 1) - 14 * 3_600_000;
  const rangeEnd = Date.UTC(toYear + 1, 0, 1) + 14 * 3_600_000;
  const startOffset = offsetMinutes(new Date(rangeStart), tz); // throws RangeError for an unknown zone
  const transitions = findTransitions(tz, rangeStart, rangeEnd);
  const lines = ['BEGIN:VTIMEZONE', contentLineFold(`TZID:${tz}`), contentLineFold(`X-LIC-LOCATION:${tz}`)];
  const found = yearlyRules(transitions, fromYear, toYear);
  const rules = found && found[1].to === startOffset ? found : null;
  if (rules) {
    for (let k = 0; k < 2; k++) {
      const r = rules[k]!;
      // The rule that is in force on 1 January (the year's second change) starts one year earlier,
      // so instants in the first covered year before its first change are covered too.
      const wall = k === 1 ? ruleDate(r, fromYear - 1) : localBefore(transitions[0]!).getTime();
      const at = transitions[k]!.at;
      const byday = `${r.ordinal}${WEEKDAYS[r.weekday]}`;
      const kind = isDaylight(tz, at, r.from, r.to) ? 'DAYLIGHT' : 'STANDARD';
      lines.push(...observance(kind, wall, r.from, r.to, tzName(tz, at, r.to), `FREQ=YEARLY;BYMONTH=${r.month + 1};BYDAY=${byday}`));
    }
  } else {
    // The offset in force at the start of the range, then one observance per change. Without the
    // first one, parsers (ical.js) treat instants before the first change as UTC.
    const kind0 = isDaylight(tz, rangeStart, startOffset, startOffset) ? 'DAYLIGHT' : 'STANDARD';
    const wall0 = Date.UTC(fromYear, 0, 1); // local midnight of 1 January, at or after rangeStart in every zone
    lines.push(...observance(kind0, wall0, startOffset, startOffset, tzName(tz, rangeStart, startOffset)));
    for (const t of transitions) {
      const kind = isDaylight(tz, t.at, t.from, t.to) ? 'DAYLIGHT' : 'STANDARD';
      lines.push(...observance(kind, t.at + t.from * MINUTE, t.from, t.to, tzName(tz, t.at, t.to)));
    }
  }
  lines.push('END:VTIMEZONE');
  const info: ZoneInfo = { text: lines.join('\r\n'), startOffset, transitions, rangeStart, rangeEnd };
  if (zoneCache.size > 500) zoneCache.clear(); // feeds use few zones; this only bounds memory
  zoneCache.set(key, info);
  return info;
}

/** A VTIMEZONE component (CRLF line endings, final CRLF) for the zone, covering local years fromYear..toYear. */
export function vtimezone(tz: string, fromYear: number, toYear: number): string {
  return zoneInfo(tz, fromYear, toYear).text + '\r\n';
}

/** Offset in force at an instant, from the cached table (the same data the VTIMEZONE describes). */
function offsetIn(z: ZoneInfo, ms: number, tz: string): number {
  if (ms < z.rangeStart || ms >= z.rangeEnd) return offsetMinutes(new Date(ms), tz);
  let off = z.startOffset;
  for (const t of z.transitions) {
    if (t.at > ms) break;
    off = t.to;
  }
  return off;
}

/**
 * DTSTART/DTEND value. A wall time that occurs twice (the hour repeated when DST ends) cannot be
 * told apart with TZID: RFC 5545 says it means the first occurrence, ical.js takes the second, so
 * for those instants we write UTC, which every client reads the same way.
 */
function zonedValue(name: 'DTSTART' | 'DTEND', d: Date, tz: string, z: ZoneInfo): string {
  const ms = d.getTime();
  const wall = ms + offsetIn(z, ms, tz) * MINUTE;
  for (const t of z.transitions) {
    if (t.to < t.from && Math.abs(t.at - ms) < DAY && wall >= t.at + t.to * MINUTE && wall < t.at + t.from * MINUTE) {
      return `${name}:${utcDateTime(d)}`;
    }
  }
  return contentLineFold(`${name};TZID=${tz}:${basicDateTime(wall)}`);
}

// ---------------------------------------------------------------------------------------------
// Calendar

/** The whole VCALENDAR (CRLF, folded). Throws RangeError for an unknown time zone (validate zones on input). */
export function buildCalendar(opts: CalendarOptions): string {
  const { events } = opts;
  // Years used per zone, so each VTIMEZONE covers its own events (min year-1 .. max year+1).
  const years = new Map<string, { min: number; max: number }>();
  for (const e of events) {
    const [a, b] = [e.start.getUTCFullYear(), e.end.getUTCFullYear()];
    const y = years.get(e.timeZone) ?? { min: a, max: a };
    years.set(e.timeZone, { min: Math.min(y.min, a, b), max: Math.max(y.max, a, b) });
  }
  const zones = new Map<string, ZoneInfo>();
  for (const [tz, y] of years) zones.set(tz, zoneInfo(tz, y.min - 1, y.max + 1));

  const out = ['BEGIN:VCALENDAR', 'VERSION:2.0', contentLineFold(`PRODID:${escapeText(opts.prodId ?? '-//Kring//Kring//NL')}`), 'CALSCALE:GREGORIAN'];
  if (opts.method) out.push(`METHOD:${opts.method}`);
  out.push(contentLineFold(`X-WR-CALNAME:${escapeText(opts.name)}`), contentLineFold(`X-WR-TIMEZONE:${events[0]?.timeZone ?? DEFAULT_ZONE}`));
  if (opts.refreshIntervalMinutes !== undefined) {
    const d = duration(opts.refreshIntervalMinutes);
    out.push(`REFRESH-INTERVAL;VALUE=DURATION:${d}`, `X-PUBLISHED-TTL:${d}`);
  }
  for (const z of zones.values()) out.push(z.text);

  // Only for mail invitations (METHOD:REQUEST); a subscribed feed has no organizer or attendee.
  const person = (prop: string, p: { name: string; email: string }, params = '') =>
    contentLineFold(`${prop};CN=${quoteParam(p.name)}${params}:mailto:${cleanUri(p.email)}`);
  const organizer = opts.organizer ? person('ORGANIZER', opts.organizer) : null;
  const attendee = opts.attendee ? person('ATTENDEE', opts.attendee, ';ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE') : null;

  for (const e of events) {
    const z = zones.get(e.timeZone)!;
    const modified = utcDateTime(e.lastModified);
    out.push('BEGIN:VEVENT', contentLineFold(`UID:${escapeText(e.uid)}`), `SEQUENCE:${Math.max(0, Math.trunc(e.sequence))}`, `DTSTAMP:${modified}`);
    if (e.created) out.push(`CREATED:${utcDateTime(e.created)}`);
    if (e.allDay) {
      const day = e.allDay.replaceAll('-', '');
      const next = new Date(Date.parse(`${e.allDay}T00:00:00Z`) + DAY).toISOString().slice(0, 10).replaceAll('-', '');
      out.push(`LAST-MODIFIED:${modified}`, `DTSTART;VALUE=DATE:${day}`, `DTEND;VALUE=DATE:${next}`);
    } else out.push(`LAST-MODIFIED:${modified}`, zonedValue('DTSTART', e.start, e.timeZone, z), zonedValue('DTEND', e.end, e.timeZone, z));
    out.push(contentLineFold(`SUMMARY:${escapeText(e.summary)}`)); // cancelled events stay, so clients drop or mark them
    if (e.description) out.push(contentLineFold(`DESCRIPTION:${escapeText(e.description)}`));
    if (e.location) out.push(contentLineFold(`LOCATION:${escapeText(e.location)}`));
    if (e.url) out.push(contentLineFold(`URL:${cleanUri(e.url)}`));
    out.push(`STATUS:${e.status}`, e.allDay ? 'TRANSP:TRANSPARENT' : 'TRANSP:OPAQUE');
    const categories = e.categories?.filter((c) => c !== '').map(escapeText);
    if (categories?.length) out.push(contentLineFold(`CATEGORIES:${categories.join(',')}`));
    if (organizer) out.push(organizer);
    if (attendee) out.push(attendee);
    out.push('END:VEVENT');
  }
  out.push('END:VCALENDAR', '');
  return out.join('\r\n');
}

// ---------------------------------------------------------------------------------------------
// "Add to calendar" links

type LinkEvent = Pick<IcsEvent, 'start' | 'end' | 'summary' | 'description' | 'location' | 'timeZone'>;

const q = encodeURIComponent;

/** Google Calendar template link; dates in UTC, ctz only chooses the zone Google displays them in. */
export function googleCalendarUrl(e: LinkEvent): string {
  return (
    'https://calendar.google.com/calendar/render?action=TEMPLATE' +
    `&text=${q(e.summary)}&dates=${utcDateTime(e.start)}/${utcDateTime(e.end)}` +
    `&details=${q(e.description)}&location=${q(e.location)}&ctz=${q(e.timeZone)}`
  );
}

/** Outlook.com compose link; ISO instants with Z are unambiguous whatever the user's zone. */
export function outlookCalendarUrl(e: LinkEvent): string {
  const iso = (d: Date) => new Date(Math.floor(d.getTime() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  return (
    'https://outlook.live.com/calendar/0/deeplink/compose?path=/calendar/action/compose&rru=addevent' +
    `&subject=${q(e.summary)}&startdt=${q(iso(e.start))}&enddt=${q(iso(e.end))}` +
    `&body=${q(e.description)}&location=${q(e.location)}`
  );
}
