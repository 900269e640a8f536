import { beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { buildCalendar, contentLineFold, escapeText, googleCalendarUrl, outlookCalendarUrl, vtimezone, type IcsEvent } from './ics';
import { fromZoned, toZoned } from '../../../contracts/zoned';

// ical.js is the independent reader: every check on times goes through its own VTIMEZONE
// expansion, so a wrong offset, rule or DTSTART in our output shows up as a wrong instant.

const AMS = 'Europe/Amsterdam';
const HOUR = 3_600_000;

let n = 0;
function ev(start: Date, timeZone = AMS, extra: Partial<IcsEvent> = {}): IcsEvent {
  n++;
  return {
    uid: `meeting-${n}@kring`,
    sequence: 0,
    start,
    end: new Date(start.getTime() + 2 * HOUR),
    timeZone,
    summary: `Bijeenkomst ${n}`,
    description: '',
    location: '',
    status: 'CONFIRMED',
    lastModified: new Date('2026-01-05T09:00:00Z'),
    ...extra,
  };
}
const local = (date: string, time: string, tz = AMS) => fromZoned(date, time, tz);

function parse(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  const zones = cal.getAllSubcomponents('vtimezone');
  // Registered as the brief asks; ical.js also resolves TZID from the calendar itself, and the
  // service is reset before each test, so the only definitions it can use are ours.
  for (const z of zones) ICAL.TimezoneService.register(new ICAL.Timezone(z));
  const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  return { cal, zones, events };
}

beforeEach(() => ICAL.TimezoneService.reset());

// RFC 5545 3.8.8.2: non-standard properties default to TEXT; ical.js leaves unknown ones raw
// ("unknown" type), so tell it X-WR-CALNAME is TEXT to read it the way calendar clients do.
ICAL.design.icalendar.property['x-wr-calname'] = { defaultType: 'text' };

describe('times across DST changes, read back by ical.js', () => {
  it('keeps 19:30 Amsterdam meetings at their instant in winter and summer', () => {
    const cases: [string, string][] = [
      ['2026-03-24', '2026-03-24T18:30:00Z'],
      ['2026-03-31', '2026-03-31T17:30:00Z'],
      ['2026-10-20', '2026-10-20T17:30:00Z'],
      ['2026-10-27', '2026-10-27T18:30:00Z'],
    ];
    const events = cases.map(([date]) => ev(local(date, '19:30')));
    expect(events.map((e) => e.start.toISOString())).toEqual(cases.map(([, utc]) => utc.replace('Z', '.000Z')));
    const ics = buildCalendar({ name: 'Kring', events });
    const parsed = parse(ics);
    expect(parsed.zones).toHaveLength(1);
    for (const [i, e] of parsed.events.entries()) {
      // Written as planned wall-clock time in the zone, not as UTC.
      expect(e.startDate.zone?.tzid).toBe(AMS);
      expect(e.startDate.toString()).toBe(`${cases[i]![0]}T19:30:00`);
      expect(e.startDate.toJSDate().toISOString()).toBe(events[i]!.start.toISOString());
      expect(e.endDate.toJSDate().toISOString()).toBe(events[i]!.end.toISOString());
    }
    expect(ics).toContain('DTSTART;TZID=Europe/Amsterdam:20260331T193000\r\n');
  });

  it('writes the compact yearly rule for Amsterdam', () => {
    const zone = new ICAL.Component(ICAL.parse(vtimezone(AMS, 2025, 2027)));
    const rules = Object.fromEntries(
      zone.getAllSubcomponents().map((c) => [c.name, [String(c.getFirstPropertyValue('rrule')), String(c.getFirstPropertyValue('tzname'))]]),
    );
    expect(rules).toEqual({ daylight: ['FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'CEST'], standard: ['FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'CET'] });
    expect(vtimezone(AMS, 2025, 2027)).toContain('DTSTART:20250330T020000\r\n');
  });

  it('writes the repeated hour (02:30 on 25 October) so that both occurrences keep their instant', () => {
    const first = new Date('2026-10-25T00:30:00Z'); // 02:30 summer time
    const second = new Date('2026-10-25T01:30:00Z'); // 02:30 winter time, an hour later
    expect(local('2026-10-25', '02:30').toISOString()).toBe(first.toISOString());
    expect([first, second].map((d) => toZoned(d, AMS).time)).toEqual(['02:30', '02:30']);
    const { events } = parse(buildCalendar({ name: 'K', events: [ev(first), ev(second)] }));
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([first.toISOString(), second.toISOString()]);
  });

  it('needs UTC there because ical.js reads a repeated wall time as the second occurrence', () => {
    // RFC 5545 3.3.5 says the first occurrence; ical.js 2.2.1 picks standard time. If this starts
    // failing, ical.js changed and the UTC fallback in zonedValue may be reconsidered.
    const ics = buildCalendar({ name: 'K', events: [ev(local('2026-10-20', '19:30'))] }).replace(
      'DTSTART;TZID=Europe/Amsterdam:20261020T193000',
      'DTSTART;TZID=Europe/Amsterdam:20261025T023000',
    );
    expect(parse(ics).events[0]!.startDate.toJSDate().toISOString()).toBe('2026-10-25T01:30:00.000Z');
  });

  it('agrees with Intl on every third hour of the year, incl. the first covered year', () => {
    for (const tz of [AMS, 'Australia/Sydney', 'America/New_York', 'America/Sao_Paulo']) {
      const zone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(vtimezone(tz, 2026, 2026))));
      for (let t = Date.UTC(2026, 0, 1, 12); t < Date.UTC(2026, 11, 31); t += 3 * HOUR) {
        const z = toZoned(new Date(t), tz);
        const [y, mo, d] = z.date.split('-').map(Number) as [number, number, number];
        const [h, mi] = z.time.split(':').map(Number) as [number, number];
        const wall = new ICAL.Time({ year: y, month: mo, day: d, hour: h, minute: mi, second: 0, isDate: false }, zone);
        // Wall time -> instant, except in the repeated hour (see the two tests above).
        const repeated = [t - HOUR, t + HOUR].some((u) => {
          const o = toZoned(new Date(u), tz);
          return o.date === z.date && o.time === z.time;
        });
        if (!repeated) expect(wall.toUnixTime() * 1000, `${tz} ${z.date} ${z.time}`).toBe(t);
        // Not checked the other way: ical.js convertToZone looks the offset up with the UTC fields
        // as if they were local, so it is off for a few hours after each change whatever the VTIMEZONE.
      }
    }
  });
});

describe('other zones', () => {
  const check = (tz: string, cases: [string, string, string][]) => {
    const events = cases.map(([date, time]) => ev(local(date, time, tz), tz));
    const { zones, events: parsed } = parse(buildCalendar({ name: 'K', events }));
    expect(zones).toHaveLength(1);
    expect(parsed.map((e) => e.startDate.toJSDate().toISOString())).toEqual(cases.map(([, , utc]) => utc));
    return zones[0]!;
  };

  it('Asia/Tokyo: one STANDARD without rule', () => {
    const zone = check('Asia/Tokyo', [
      ['2026-03-29', '19:30', '2026-03-29T10:30:00.000Z'],
      ['2026-10-25', '02:30', '2026-10-24T17:30:00.000Z'],
    ]);
    expect(zone.getAllSubcomponents().map((c) => c.name)).toEqual(['standard']);
    expect(zone.getFirstSubcomponent('standard')?.hasProperty('rrule')).toBe(false);
  });

  it('Australia/Sydney: southern summer with a yearly rule', () => {
    const zone = check('Australia/Sydney', [
      ['2026-01-15', '10:00', '2026-01-14T23:00:00.000Z'],
      ['2026-04-05', '02:30', '2026-04-04T15:30:00.000Z'], // repeated hour, first occurrence (+11)
      ['2026-07-15', '10:00', '2026-07-15T00:00:00.000Z'],
      ['2026-10-04', '03:30', '2026-10-03T16:30:00.000Z'], // just after the clocks went forward
    ]);
    expect(zone.getAllSubcomponents().map((c) => String(c.getFirstPropertyValue('rrule'))).sort()).toEqual([
      'FREQ=YEARLY;BYMONTH=10;BYDAY=1SU',
      'FREQ=YEARLY;BYMONTH=4;BYDAY=1SU',
    ]);
  });

  it('America/Sao_Paulo 2018-2019: irregular dates and the end of DST, one observance per change', () => {
    const zone = check('America/Sao_Paulo', [
      ['2018-01-10', '10:00', '2018-01-10T12:00:00.000Z'],
      ['2018-06-10', '10:00', '2018-06-10T13:00:00.000Z'],
      ['2018-11-04', '10:00', '2018-11-04T12:00:00.000Z'], // DST started that midnight
      ['2019-02-16', '23:30', '2019-02-17T01:30:00.000Z'], // repeated hour before DST ended
      ['2019-06-01', '10:00', '2019-06-01T13:00:00.000Z'], // no DST any more
    ]);
    const subs = zone.getAllSubcomponents();
    expect(subs.some((c) => c.hasProperty('rrule'))).toBe(false);
    expect(subs.map((c) => String(c.getFirstPropertyValue('dtstart')))).toContain('2018-11-04T00:00:00');
  });

  it('one VTIMEZONE per zone, X-WR-TIMEZONE from the first event', () => {
    const ics = buildCalendar({ name: 'K', events: [ev(new Date('2026-05-01T10:00:00Z'), 'Asia/Tokyo'), ev(new Date('2026-05-01T10:00:00Z'))] });
    const { cal, zones } = parse(ics);
    expect(zones.map((z) => z.getFirstPropertyValue('tzid')).sort()).toEqual(['Asia/Tokyo', AMS]);
    expect(cal.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Tokyo');
    const empty = parse(buildCalendar({ name: 'K', events: [] }));
    expect(empty.zones).toHaveLength(0);
    expect(empty.cal.getFirstPropertyValue('x-wr-timezone')).toBe(AMS);
  });
});

describe('calendar and event properties', () => {
  it('round-trips UID, SEQUENCE, STATUS and keeps cancelled events', () => {
    const events = [
      ev(local('2026-04-01', '19:30'), AMS, { uid: 'meeting-a@kring', sequence: 3, url: 'https://kring.example/m/a?x=1,2' }),
      ev(local('2026-04-08', '19:30'), AMS, { uid: 'meeting-b@kring', sequence: 7, status: 'CANCELLED', created: new Date('2026-01-01T08:00:00Z') }),
    ];
    const ics = buildCalendar({ name: 'Kring; Utrecht', events, method: 'PUBLISH', refreshIntervalMinutes: 60 });
    const { cal, events: parsed } = parse(ics);
    expect(parsed.map((e) => [e.uid, e.sequence, e.component.getFirstPropertyValue('status')])).toEqual([
      ['meeting-a@kring', 3, 'CONFIRMED'],
      ['meeting-b@kring', 7, 'CANCELLED'],
    ]);
    expect(parsed[0]!.component.getFirstPropertyValue('url')).toBe('https://kring.example/m/a?x=1,2');
    expect(String(parsed[1]!.component.getFirstPropertyValue('created'))).toBe('2026-01-01T08:00:00Z');
    expect(String(parsed[1]!.component.getFirstPropertyValue('dtstamp'))).toBe('2026-01-05T09:00:00Z');
    expect(parsed[0]!.component.hasProperty('location')).toBe(false);
    expect(parsed[0]!.component.hasProperty('organizer')).toBe(false);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('Kring; Utrecht');
    expect(cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(cal.getFirstPropertyValue('prodid')).toBe('-//Kring//Kring//NL');
    expect(String(cal.getFirstPropertyValue('refresh-interval'))).toBe('PT1H');
    expect(ics).toContain('\r\nX-PUBLISHED-TTL:PT1H\r\n');
    // Every line ends in CRLF, including the last; no bare CR or LF anywhere.
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(/[\r\n]/.test(ics.replace(/\r\n/g, ''))).toBe(false);
  });

  it('adds ORGANIZER and ATTENDEE for invitations', () => {
    const ics = buildCalendar({
      name: 'K',
      method: 'REQUEST',
      events: [ev(local('2026-04-01', '19:30'))],
      organizer: { name: 'Kring "Utrecht"', email: 'noreply@kring.example' },
      attendee: { name: 'Jan de Vries, leraar', email: 'jan@school.example' },
    });
    const v = parse(ics).events[0]!.component;
    const org = v.getFirstProperty('organizer')!;
    expect([org.getFirstValue(), org.getParameter('cn')]).toEqual(['mailto:noreply@kring.example', "Kring 'Utrecht'"]);
    const att = v.getFirstProperty('attendee')!;
    expect(att.getFirstValue()).toBe('mailto:jan@school.example');
    expect(['cn', 'role', 'partstat', 'rsvp'].map((p) => att.getParameter(p))).toEqual(['Jan de Vries, leraar', 'REQ-PARTICIPANT', 'NEEDS-ACTION', 'FALSE']);
  });

  it('escapes TEXT so that ical.js reads back the original', () => {
    const text = 'a, b; c\\ d\nnew line';
    const ics = buildCalendar({
      name: text,
      events: [ev(local('2026-04-01', '19:30'), AMS, { summary: text, description: text, location: text, categories: ['a,b', 'c;d', ''] })],
    });
    expect(ics).toContain('SUMMARY:a\\, b\\; c\\\\ d\\nnew line\r\n');
    const { cal, events } = parse(ics);
    expect([events[0]!.summary, events[0]!.description, events[0]!.location]).toEqual([text, text, text]);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe(text);
    expect(events[0]!.component.getFirstProperty('categories')!.getValues()).toEqual(['a,b', 'c;d']);
    expect(escapeText('x\r\ny\rz\u0007')).toBe('x\\ny\\nz');
  });

  it('folds long Dutch text with multi-byte characters at 75 octets and unfolds to the original', () => {
    const text = 'Wij bespreken het leesonderwijs 📚 in groep 5–8: één idee per school, ideeën voor begrijpend lezen, '.repeat(8);
    const ics = buildCalendar({ name: 'K', events: [ev(local('2026-04-01', '19:30'), AMS, { description: text, summary: 'é'.repeat(100) })] });
    // Check the octet stream: every line ≤ 75 octets and valid UTF-8 on its own (nothing split).
    const bytes = Buffer.from(ics, 'utf8');
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let start = 0;
    let folded = 0;
    for (let i = 0; i + 1 < bytes.length; i++) {
      if (bytes[i] !== 0x0d || bytes[i + 1] !== 0x0a) continue;
      const line = bytes.subarray(start, i);
      expect(line.length).toBeLessThanOrEqual(75);
      expect(() => decoder.decode(line)).not.toThrow();
      if (bytes[i + 2] === 0x20) folded++;
      start = i + 2;
    }
    expect(folded).toBeGreaterThan(10);
    const e = parse(ics).events[0]!;
    expect(e.description).toBe(text);
    expect(e.summary).toBe('é'.repeat(100));
  });

  it('contentLineFold uses the full 75 octets and never splits a code point', () => {
    const ascii = 'X'.repeat(200);
    expect(contentLineFold(ascii).split('\r\n').map((l) => l.length)).toEqual([75, 75, 52]);
    expect(contentLineFold('Y'.repeat(75))).toBe('Y'.repeat(75));
    for (const s of ['a'.repeat(74) + 'é' + 'b', 'a'.repeat(73) + '😀' + 'c'.repeat(80), '€'.repeat(60), '😀'.repeat(40)]) {
      const lines = contentLineFold(s).split('\r\n');
      for (const l of lines) expect(Buffer.byteLength(l, 'utf8')).toBeLessThanOrEqual(75);
      expect(lines.join('\r\n').replace(/\r\n /g, '')).toBe(s);
      expect(lines.some((l) => /[\uD800-\uDBFF]$|^ ?[\uDC00-\uDFFF]/.test(l))).toBe(false);
    }
    expect(contentLineFold('a'.repeat(74) + 'é')).toBe('a'.repeat(74) + '\r\n é');
  });
});

describe('speed and size', () => {
  it('builds 600 events in a few milliseconds; ical.js reads 600 VEVENTs and one VTIMEZONE', () => {
    const base = Date.UTC(2026, 0, 6, 18, 30);
    const events = Array.from({ length: 600 }, (_, i) =>
      ev(new Date(base + i * 7 * 24 * HOUR), AMS, { description: 'Agenda: terugblik, lesbezoek; plannen', location: 'Lokaal 12, De Kring' }),
    );
    buildCalendar({ name: 'K', events }); // warm up (VTIMEZONE cache, JIT)
    let best = Infinity;
    let ics = '';
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      ics = buildCalendar({ name: 'K', events });
      best = Math.min(best, performance.now() - t0);
    }
    expect(best).toBeLessThan(10);
    const { zones, events: parsed } = parse(ics);
    expect(zones).toHaveLength(1);
    expect(parsed).toHaveLength(600);
    for (const i of [0, 11, 12, 300, 599]) expect(parsed[i]!.startDate.toJSDate().getTime()).toBe(events[i]!.start.getTime());
  });
});

describe('add-to-calendar links', () => {
  const e = { start: local('2026-03-31', '19:30'), end: local('2026-03-31', '21:30'), summary: 'Kring & co', description: 'Eén, twee', location: 'Utrecht', timeZone: AMS };

  it('Google: UTC dates and the planning zone', () => {
    const u = new URL(googleCalendarUrl(e));
    expect(u.origin + u.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      action: 'TEMPLATE',
      text: 'Kring & co',
      dates: '20260331T173000Z/20260331T193000Z',
      details: 'Eén, twee',
      location: 'Utrecht',
      ctz: AMS,
    });
  });

  it('Outlook: ISO instants', () => {
    const u = new URL(outlookCalendarUrl({ ...e, start: local('2026-03-24', '19:30'), end: local('2026-03-24', '21:30') }));
    expect(u.origin + u.pathname).toBe('https://outlook.live.com/calendar/0/deeplink/compose');
    expect(Object.fromEntries(u.searchParams)).toEqual({
      path: '/calendar/action/compose',
      rru: 'addevent',
      subject: 'Kring & co',
      startdt: '2026-03-24T18:30:00Z',
      enddt: '2026-03-24T20:30:00Z',
      body: 'Eén, twee',
      location: 'Utrecht',
    });
  });
});
