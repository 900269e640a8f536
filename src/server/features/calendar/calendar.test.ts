import crypto from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

// Every check on the calendars goes through ical.js, an independent reader: its own VTIMEZONE
// expansion turns our DTSTART;TZID=... back into an instant, so a wrong offset shows up as a wrong time.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-01-01T09:00:00Z'));

const AMS = 'Europe/Amsterdam';

function parse(ics: string) {
  // Only the zones in this calendar may be used to resolve its TZIDs.
  ICAL.TimezoneService.reset();
  const cal = new ICAL.Component(ICAL.parse(ics));
  const zones = cal.getAllSubcomponents('vtimezone');
  for (const z of zones) ICAL.TimezoneService.register(new ICAL.Timezone(z));
  const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  /** The event of a meeting, by the meeting id its UID carries. */
  const of = (meetingId: string) => {
    const found = events.filter((e) => e.uid.includes(meetingId));
    expect(found, `one event for meeting ${meetingId}`).toHaveLength(1);
    return found[0]!;
  };
  return { cal, zones, events, of };
}

const statusOf = (e: ICAL.Event) => String(e.component.getFirstPropertyValue('status'));
const utc = (e: ICAL.Event) => e.startDate.toJSDate().toISOString();

interface Meeting {
  id: string;
  localDate: string;
  startsAt: string;
  seriesId: string | null;
  version: number;
  status: string;
}

async function allMeetings(communityId: string, cookie: string): Promise<Meeting[]> {
  const res = await t.http.get(`/api/communities/${communityId}/meetings?scope=all&limit=200`, { cookie });
  expect(res.statusCode).toBe(200);
  return res.json();
}

/**
 * Community A has a monthly series (second Tuesday, 19:30) with a chair, a member, a researcher and
 * an observer; community B has single meetings either side of both 2026 DST changes; the member is
 * in A and B. Community C has a meeting the member must never see.
 */
async function setup() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: `School ${Math.random()}` });
  const a = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Leesbevordering' });
  const b = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Rekenen' });
  const c = await f.createCommunity(t.ctx, coordinator, network.id, { name: 'Burgerschap' });
  const chair = await t.signedInUser({ name: 'Anna Voorzitter' });
  const member = await t.signedInUser({ name: 'Bram Leraar' });
  const researcher = await t.signedInUser({ name: 'Ruben Onderzoeker' });
  const observer = await t.signedInUser({ name: 'Olga Kijker' });
  await f.addMember(t.ctx, a, chair, { organisationId: school.id, roles: ['chair'] });
  await f.addMember(t.ctx, a, member, { organisationId: school.id });
  await f.addMember(t.ctx, a, researcher, { roles: ['researcher'] });
  await f.addMember(t.ctx, a, observer, { roles: ['observer'] });
  await f.addMember(t.ctx, b, member, { organisationId: school.id });
  return { coordinator, network, a, b, c, chair, member, researcher, observer };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function planMeetings(s: Setup) {
  const series = await t.http.post(`/api/communities/${s.a.id}/series`, {
    cookie: s.chair.cookie,
    body: { startDate: '2026-01-13', startTime: '19:30', durationMinutes: 120, rrule: 'FREQ=MONTHLY;BYDAY=2TU', room: 'Lokaal 12' },
  });
  expect(series.statusCode).toBe(201);
  const single: Record<string, Meeting> = {};
  for (const date of ['2026-03-26', '2026-04-02', '2026-10-22', '2026-10-29']) {
    const res = await t.http.post(`/api/communities/${s.b.id}/meetings`, { cookie: s.coordinator.cookie, body: { date, startTime: '19:30', durationMinutes: 90 } });
    expect(res.statusCode).toBe(201);
    single[date] = res.json();
  }
  const other = await t.http.post(`/api/communities/${s.c.id}/meetings`, { cookie: s.coordinator.cookie, body: { date: '2026-03-26', startTime: '19:30', durationMinutes: 90 } });
  expect(other.statusCode).toBe(201);
  return { seriesId: series.json().id as string, single, other: other.json() as Meeting };
}

async function subscribe(cookie: string) {
  const res = await t.http.post('/api/account/calendar', { cookie });
  expect(res.statusCode).toBe(200);
  const sub = res.json() as { url: string; webcalUrl: string };
  expect(sub.url).toMatch(/^http:\/\/kring\.test\/api\/calendar\/[0-9a-f-]{36}\/[A-Za-z0-9_-]+\.ics$/);
  expect(sub.webcalUrl).toBe(sub.url.replace(/^http:/, 'webcal:'));
  return sub;
}

/** Fetches a feed the way a calendar app does: no cookie, just the URL. */
const fetchFeed = (url: string) => t.http.get(new URL(url).pathname);

describe('private calendar feed', () => {
  it("holds every meeting of all the member's communities at the right instants, with stable UIDs, rising SEQUENCE and STATUS:CANCELLED", async () => {
    const s = await setup();
    const planned = await planMeetings(s);
    const sub = await subscribe(s.member.cookie);

    const res = await fetchFeed(sub.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    const feed = parse(res.body);
    expect(feed.zones.map((z) => z.getFirstPropertyValue('tzid'))).toEqual([AMS]);

    const expected = [...(await allMeetings(s.a.id, s.member.cookie)), ...(await allMeetings(s.b.id, s.member.cookie))];
    expect(expected.length).toBeGreaterThan(12); // the series is materialized a year ahead
    const idsInFeed = feed.events.map((e) => /meeting-([0-9a-f-]{36})@/.exec(e.uid)?.[1]);
    expect(new Set(idsInFeed)).toEqual(new Set(expected.map((m) => m.id)));
    expect(idsInFeed).toHaveLength(expected.length);
    expect(feed.events.some((e) => e.uid.includes(planned.other.id))).toBe(false);
    for (const m of expected) expect(utc(feed.of(m.id))).toBe(new Date(m.startsAt).toISOString());

    // 19:30 in Amsterdam either side of 29 March and 25 October 2026.
    const a = await allMeetings(s.a.id, s.member.cookie);
    const byDate = new Map([...a, ...Object.values(planned.single)].map((m) => [m.localDate, m]));
    const cases: [string, string][] = [
      ['2026-03-10', '2026-03-10T18:30:00.000Z'],
      ['2026-03-26', '2026-03-26T18:30:00.000Z'],
      ['2026-04-02', '2026-04-02T17:30:00.000Z'],
      ['2026-04-14', '2026-04-14T17:30:00.000Z'],
      ['2026-10-13', '2026-10-13T17:30:00.000Z'],
      ['2026-10-22', '2026-10-22T17:30:00.000Z'],
      ['2026-10-29', '2026-10-29T18:30:00.000Z'],
      ['2026-11-10', '2026-11-10T18:30:00.000Z'],
    ];
    for (const [date, instant] of cases) {
      const e = feed.of(byDate.get(date)!.id);
      expect(e.startDate.zone?.tzid, date).toBe(AMS);
      expect(e.startDate.toString(), date).toBe(`${date}T19:30:00`);
      expect(utc(e), date).toBe(instant);
      expect(e.sequence).toBe(0);
      expect(statusOf(e)).toBe('CONFIRMED');
    }
    expect(res.body).toContain('DTSTART;TZID=Europe/Amsterdam:20260402T193000\r\n');

    // Move one meeting across the DST change, cancel another, restore it: same UIDs, SEQUENCE rises.
    const feb = byDate.get('2026-02-10')!;
    const uid = feed.of(feb.id).uid;
    const moved = await t.http.patch(`/api/meetings/${feb.id}`, { cookie: s.chair.cookie, body: { version: feb.version, date: '2026-03-31' } });
    expect(moved.statusCode).toBe(200);
    const april = planned.single['2026-04-02']!;
    const cancelled = await t.http.post(`/api/meetings/${april.id}/cancel`, { cookie: s.coordinator.cookie, body: { version: april.version, reason: 'Meivakantie' } });
    expect(cancelled.statusCode).toBe(200);

    const after = parse((await fetchFeed(sub.url)).body);
    expect(after.events).toHaveLength(feed.events.length);
    const movedEvent = after.of(feb.id);
    expect(movedEvent.uid).toBe(uid);
    expect(movedEvent.sequence).toBe(1);
    expect(movedEvent.startDate.toString()).toBe('2026-03-31T19:30:00');
    expect(utc(movedEvent)).toBe('2026-03-31T17:30:00.000Z');
    const cancelledEvent = after.of(april.id);
    expect(cancelledEvent.uid).toBe(feed.of(april.id).uid);
    expect(statusOf(cancelledEvent)).toBe('CANCELLED');
    expect(cancelledEvent.sequence).toBe(1);
    expect(cancelledEvent.description).toContain('Meivakantie');
    // Untouched meetings keep their SEQUENCE.
    expect(after.of(byDate.get('2026-03-10')!.id).sequence).toBe(0);

    const restored = await t.http.post(`/api/meetings/${april.id}/restore`, { cookie: s.coordinator.cookie, body: { version: cancelled.json().version } });
    expect(restored.statusCode).toBe(200);
    const again = parse((await fetchFeed(sub.url)).body).of(april.id);
    expect(statusOf(again)).toBe('CONFIRMED');
    expect(again.sequence).toBe(2);
  });

  it('stops working when revoked or renewed, and answers a forged or malformed URL with 404', async () => {
    const s = await setup();
    await t.http.post(`/api/communities/${s.b.id}/meetings`, { cookie: s.coordinator.cookie, body: { date: '2026-02-05', startTime: '16:00', durationMinutes: 60 } });
    expect((await t.http.get('/api/account/calendar', { cookie: s.member.cookie })).json()).toEqual({ url: null, webcalUrl: null, createdAt: null });
    const first = await subscribe(s.member.cookie);
    expect((await t.http.get('/api/account/calendar', { cookie: s.member.cookie })).json().url).toBe(first.url);
    expect((await fetchFeed(first.url)).statusCode).toBe(200);

    const revoke = await t.http.delete('/api/account/calendar', { cookie: s.member.cookie });
    expect(revoke.statusCode).toBe(204);
    expect((await fetchFeed(first.url)).statusCode).toBe(404);
    expect((await t.http.get('/api/account/calendar', { cookie: s.member.cookie })).json().url).toBeNull();

    const second = await subscribe(s.member.cookie);
    expect(second.url).not.toBe(first.url);
    const ok = await fetchFeed(second.url);
    expect(ok.statusCode).toBe(200);
    expect(parse(ok.body).events).toHaveLength(1);
    const third = await subscribe(s.member.cookie);
    expect((await fetchFeed(second.url)).statusCode).toBe(404);
    expect((await fetchFeed(third.url)).statusCode).toBe(200);
    expect((await fetchFeed(first.url)).statusCode).toBe(404);

    const path = new URL(third.url).pathname;
    const [, , , feedId, file] = path.split('/');
    const secret = file!.replace(/\.ics$/, '');
    const forged = secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A');
    const chairsFile = new URL((await subscribe(s.chair.cookie)).url).pathname.split('/')[4]!;
    for (const url of [
      `/api/calendar/${feedId}/${forged}.ics`,
      `/api/calendar/${feedId}/${secret.slice(0, 10)}.ics`,
      `/api/calendar/${feedId}/${chairsFile}`, // someone else's secret
      `/api/calendar/${crypto.randomUUID()}/${secret}.ics`,
      `/api/calendar/not-a-uuid/${secret}.ics`,
      `/api/calendar/${feedId}/${secret}.txt`,
      `/api/calendar/${feedId}`,
    ]) {
      const res = await t.http.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/problem\+json/);
    }
    expect((await t.http.post('/api/account/calendar')).statusCode).toBe(401);
  });
});

describe('one meeting as .ics', () => {
  it('downloads as an attachment with one VEVENT, the same UID as in the feed', async () => {
    const s = await setup();
    const m = (await t.http.post(`/api/communities/${s.b.id}/meetings`, { cookie: s.coordinator.cookie, body: { date: '2026-03-26', startTime: '19:30', durationMinutes: 90, room: 'Aula; achterin' } })).json();
    const res = await t.http.get(`/api/meetings/${m.id}/calendar.ics`, { cookie: s.member.cookie });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar; charset=utf-8/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="kring-2026-03-26.ics"');
    const ics = parse(res.body);
    expect(ics.cal.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(ics.events).toHaveLength(1);
    const e = ics.of(m.id);
    expect(utc(e)).toBe('2026-03-26T18:30:00.000Z');
    expect(e.endDate.toJSDate().toISOString()).toBe('2026-03-26T20:00:00.000Z');
    expect(e.location).toBe('Aula; achterin');
    const feed = parse((await fetchFeed((await subscribe(s.member.cookie)).url)).body);
    expect(feed.of(m.id).uid).toBe(e.uid);

    // Named by the local date, also just after midnight (22:30 UTC the day before).
    const late = (await t.http.post(`/api/communities/${s.b.id}/meetings`, { cookie: s.coordinator.cookie, body: { date: '2026-07-01', startTime: '00:30', durationMinutes: 60 } })).json();
    const lateRes = await t.http.get(`/api/meetings/${late.id}/calendar.ics`, { cookie: s.member.cookie });
    expect(lateRes.headers['content-disposition']).toBe('attachment; filename="kring-2026-07-01.ics"');
    expect(utc(parse(lateRes.body).of(late.id))).toBe('2026-06-30T22:30:00.000Z');

    expect((await t.http.get(`/api/meetings/${m.id}/calendar.ics`)).statusCode).toBe(401);
    expect((await t.http.get(`/api/meetings/${m.id}/calendar.ics`, { cookie: s.chair.cookie })).statusCode).toBe(404); // not in B
    expect((await t.http.get(`/api/meetings/not-a-uuid/calendar.ics`, { cookie: s.member.cookie })).statusCode).toBe(404);
  });
});

describe('series invitation mail', () => {
  it('reaches every participant with a text/calendar PUBLISH part holding each planned meeting; researchers and observers get none', async () => {
    const s = await setup();
    const planned = await planMeetings(s);
    await t.ctx.jobs.deliverMail();
    const meetings = (await allMeetings(s.a.id, s.chair.cookie)).filter((m) => m.seriesId === planned.seriesId);
    expect(meetings.length).toBeGreaterThan(12);
    const mails = (who: { email: string }) => t.mailbox.all().filter((m) => m.to.includes(who.email));
    for (const who of [s.chair, s.member]) {
      const got = mails(who);
      expect(got, who.name).toHaveLength(1);
      const mail = got[0]!;
      expect(mail.subject).toContain('Leesbevordering');
      expect(mail.calendarType).toMatch(/^text\/calendar/i);
      expect(mail.calendarType).toMatch(/method=PUBLISH/i);
      const ics = parse(mail.calendar);
      expect(ics.cal.getFirstPropertyValue('method')).toBe('PUBLISH');
      expect(ics.events).toHaveLength(meetings.length);
      for (const m of meetings) {
        const e = ics.of(m.id);
        expect(utc(e)).toBe(new Date(m.startsAt).toISOString());
        expect(e.startDate.zone?.tzid).toBe(AMS);
      }
      expect(mail.text).toContain('/account/notifications');
    }
    expect(mails(s.researcher)).toEqual([]);
    expect(mails(s.observer)).toEqual([]);
    // Single meetings (community B) come without an invitation mail.
    expect(mails(s.member).every((m) => !m.subject.includes('Rekenen'))).toBe(true);
  });
});
