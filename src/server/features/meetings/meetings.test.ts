import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-01-01T09:00:00Z'));

/** A community with a chair, two members in two organisations, a researcher and an outsider. */
export async function setup(tt: TestApp = t) {
  const coordinator = await tt.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(tt.ctx, coordinator);
  const school = await f.createOrganisation(tt.ctx, coordinator, network.id, { name: `School ${Math.random()}` });
  const college = await f.createOrganisation(tt.ctx, coordinator, network.id, { name: `Pabo ${Math.random()}`, type: 'teacherCollege' });
  const community = await f.createCommunity(tt.ctx, coordinator, network.id, { name: 'Leesbevordering' });
  const chair = await tt.signedInUser({ name: 'Anna Voorzitter' });
  const member = await tt.signedInUser({ name: 'Bram Leraar', locale: 'en' });
  const member2 = await tt.signedInUser({ name: 'Carla Docent' });
  const researcher = await tt.signedInUser({ name: 'Ruben Onderzoeker' });
  const outsider = await tt.signedInUser({ name: 'Olga Buiten' });
  await f.addMember(tt.ctx, community, chair, { organisationId: school.id, roles: ['chair'] });
  await f.addMember(tt.ctx, community, member, { organisationId: school.id });
  await f.addMember(tt.ctx, community, member2, { organisationId: college.id, stakeholderGroup: 'college' });
  await f.addMember(tt.ctx, community, researcher, { organisationId: college.id, stakeholderGroup: 'college', roles: ['researcher'] });
  return { coordinator, network, community, chair, member, member2, researcher, outsider, school, college };
}

const series2ndTuesday = { startDate: '2026-01-13', startTime: '19:30', durationMinutes: 120, room: 'Lokaal 12', address: 'Schoolstraat 1, Utrecht', locationNotes: 'We zitten in een kring' };

describe('meeting series', () => {
  it('plans a monthly series on the second Tuesday with Amsterdam times on both sides of DST', async () => {
    const s = await setup();
    const res = await t.http.post(`/api/communities/${s.community.id}/series`, { cookie: s.chair.cookie, body: series2ndTuesday });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ rrule: 'FREQ=MONTHLY;BYDAY=2TU', timeZone: 'Europe/Amsterdam', recurrence: { frequency: 'monthly', byDay: [{ weekday: 'TU', ordinal: 2 }] } });
    const list = (await t.http.get(`/api/communities/${s.community.id}/meetings?limit=6`, { cookie: s.member.cookie })).json();
    expect(list.map((m: { localDate: string }) => m.localDate)).toEqual(['2026-01-13', '2026-02-10', '2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09']);
    expect(new Set(list.map((m: { localStartTime: string }) => m.localStartTime))).toEqual(new Set(['19:30']));
    expect(list[2].startsAt).toBe('2026-03-10T18:30:00.000Z'); // CET
    expect(list[3].startsAt).toBe('2026-04-14T17:30:00.000Z'); // CEST
    expect(list[0]).toMatchObject({ room: 'Lokaal 12', locationNotes: 'We zitten in een kring', chair: { name: 'Anna Voorzitter' }, inputDeadline: '2026-01-10T18:30:00.000Z', inputOpen: true });
    expect(list[0].counts).toEqual({ yes: 0, no: 0, maybe: 0, unanswered: 3 });
  });

  it('moves and cancels one meeting without touching the rest; a stale edit gets 409 with the current meeting', async () => {
    const s = await setup();
    await t.http.post(`/api/communities/${s.community.id}/series`, { cookie: s.chair.cookie, body: series2ndTuesday });
    const [, feb, mar] = (await t.http.get(`/api/communities/${s.community.id}/meetings`, { cookie: s.chair.cookie })).json();
    const moved = await t.http.patch(`/api/meetings/${feb.id}`, { cookie: s.chair.cookie, body: { version: feb.version, date: '2026-02-17', room: 'Aula' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ localDate: '2026-02-17', localStartTime: '19:30', moved: true, room: 'Aula', sequence: 1, version: 2 });
    const stale = await t.http.patch(`/api/meetings/${feb.id}`, { cookie: s.chair.cookie, body: { version: feb.version, room: 'Kantine' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: feb.id, room: 'Aula', version: 2 });
    const cancel = await t.http.post(`/api/meetings/${mar.id}/cancel`, { cookie: s.chair.cookie, body: { version: mar.version, reason: 'Voorjaarsvakantie' } });
    expect(cancel.json()).toMatchObject({ status: 'cancelled', cancelReason: 'Voorjaarsvakantie', sequence: 1 });
    const after = (await t.http.get(`/api/communities/${s.community.id}/meetings`, { cookie: s.chair.cookie })).json();
    expect(after.slice(0, 4).map((m: { localDate: string; status: string }) => `${m.localDate}:${m.status}`)).toEqual([
      '2026-01-13:planned',
      '2026-02-17:planned',
      '2026-03-10:cancelled',
      '2026-04-14:planned',
    ]);
    const restore = await t.http.post(`/api/meetings/${mar.id}/restore`, { cookie: s.chair.cookie, body: { version: cancel.json().version } });
    expect(restore.json()).toMatchObject({ status: 'planned', cancelReason: null, sequence: 2 });
    const member = await t.http.post(`/api/meetings/${mar.id}/cancel`, { cookie: s.member.cookie, body: { version: 3, reason: 'x' } });
    expect(member.statusCode).toBe(403);
  });

  it('changes the series from a date onward: earlier meetings stay, later ones keep their identity', async () => {
    const s = await setup();
    const created = (await t.http.post(`/api/communities/${s.community.id}/series`, { cookie: s.chair.cookie, body: series2ndTuesday })).json();
    const before = (await t.http.get(`/api/communities/${s.community.id}/meetings?limit=5`, { cookie: s.chair.cookie })).json();
    const res = await t.http.post(`/api/series/${created.id}/change`, {
      cookie: s.chair.cookie,
      body: { ...series2ndTuesday, version: created.version, fromDate: '2026-03-01', startDate: '2026-03-11', rrule: 'FREQ=MONTHLY;BYDAY=2WE', startTime: '15:00', endTime: '17:00' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rrule: 'FREQ=MONTHLY;BYDAY=2WE', previousSeriesId: created.id, durationMinutes: 120 });
    const after = (await t.http.get(`/api/communities/${s.community.id}/meetings?limit=5`, { cookie: s.chair.cookie })).json();
    expect(after.map((m: { localDate: string; localStartTime: string }) => `${m.localDate} ${m.localStartTime}`)).toEqual([
      '2026-01-13 19:30',
      '2026-02-10 19:30',
      '2026-03-11 15:00',
      '2026-04-08 15:00',
      '2026-05-13 15:00',
    ]);
    expect(after.map((m: { id: string }) => m.id)).toEqual(before.map((m: { id: string }) => m.id));
    expect(after[2].sequence).toBe(1);
    const old = (await t.http.get(`/api/series/${created.id}`, { cookie: s.chair.cookie })).json();
    expect(old.endDate).toBe('2026-02-28');
    const again = await t.http.post(`/api/series/${created.id}/change`, { cookie: s.chair.cookie, body: { ...series2ndTuesday, version: old.version, fromDate: '2026-03-15', startDate: '2026-04-14' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('seriesEnded');
  });

  it('adds a single extra meeting and ends a series from a date', async () => {
    const s = await setup();
    const created = (await t.http.post(`/api/communities/${s.community.id}/series`, { cookie: s.coordinator.cookie, body: series2ndTuesday })).json();
    const extra = await t.http.post(`/api/communities/${s.community.id}/meetings`, { cookie: s.chair.cookie, body: { title: 'Extra: eindproduct', date: '2026-01-27', startTime: '16:00', endTime: '17:30' } });
    expect(extra.statusCode).toBe(201);
    expect(extra.json()).toMatchObject({ seriesId: null, durationMinutes: 90, localEndTime: '17:30' });
    const ended = await t.http.post(`/api/series/${created.id}/end`, { cookie: s.chair.cookie, body: { version: created.version, fromDate: '2026-04-01', reason: 'Project afgerond' } });
    expect(ended.json().endDate).toBe('2026-03-31');
    const all = (await t.http.get(`/api/communities/${s.community.id}/meetings?scope=all&limit=200`, { cookie: s.chair.cookie })).json();
    const planned = all.filter((m: { status: string }) => m.status === 'planned').map((m: { localDate: string }) => m.localDate);
    expect(planned).toEqual(['2026-01-13', '2026-01-27', '2026-02-10', '2026-03-10']);
  });

  it('gives clear field errors for bad input', async () => {
    const s = await setup();
    const url = `/api/communities/${s.community.id}/series`;
    const post = (body: object) => t.http.post(url, { cookie: s.chair.cookie, body: { ...series2ndTuesday, ...body } });
    const cases: [object, string, string][] = [
      [{ endTime: '18:00', durationMinutes: undefined }, 'endTime', 'endBeforeStart'],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone', 'invalidTimeZone'],
      [{ title: 'x'.repeat(10_000) }, 'title', 'tooLong'],
      [{ rrule: 'FREQ=MONTHLY;BYDAY=XX' }, 'rrule', 'invalidRecurrence'],
      [{ rrule: 'FREQ=DAILY' }, 'rrule', 'unsupportedRecurrence'],
      [{ startDate: '2026-01-14', rrule: 'FREQ=MONTHLY;BYDAY=2TU' }, 'startDate', 'startDoesNotMatchRecurrence'],
      [{ startDate: '2026-02-30' }, 'startDate', 'invalidDate'],
      [{ startTime: '25:00' }, 'startTime', 'invalidTime'],
      [{ durationMinutes: 0 }, 'durationMinutes', 'numberTooSmall'],
      [{ onlineUrl: 'javascript:alert(1)' }, 'onlineUrl', 'invalid'],
    ];
    for (const [body, path, code] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(422);
      expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ path, code })]));
      expect(res.json().errors[0].message).toBeTruthy();
    }
    const late = await t.http.post(`/api/communities/${s.community.id}/meetings`, {
      cookie: s.chair.cookie,
      body: { date: '2026-02-03', startTime: '19:00', durationMinutes: 60, inputDeadline: '2026-02-03T20:00:00+01:00' },
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors[0]).toMatchObject({ path: 'inputDeadline', code: 'deadlineAfterMeeting' });
    const english = await t.http.post(url, { cookie: s.member.cookie, body: series2ndTuesday });
    expect(english.statusCode).toBe(403);
    expect(english.json().title).toMatch(/not allowed|mag/i);
  });
});

describe('attendance', () => {
  it('lets members answer with a reason that only the chair and coordinators see', async () => {
    const s = await setup();
    await t.http.post(`/api/communities/${s.community.id}/series`, { cookie: s.chair.cookie, body: series2ndTuesday });
    const [first] = (await t.http.get(`/api/communities/${s.community.id}/meetings`, { cookie: s.chair.cookie })).json();
    const no = await t.http.put(`/api/meetings/${first.id}/attendance`, { cookie: s.member.cookie, body: { response: 'no', reason: 'Ouderavond op school' } });
    expect(no.json()).toMatchObject({ myResponse: 'no', myReason: 'Ouderavond op school', counts: { yes: 0, no: 1, maybe: 0, unanswered: 2 } });
    await t.http.put(`/api/meetings/${first.id}/attendance`, { cookie: s.member2.cookie, body: { response: 'yes' } });
    const byChair = (await t.http.get(`/api/meetings/${first.id}`, { cookie: s.chair.cookie })).json();
    expect(byChair.attendees.find((a: { name: string }) => a.name === 'Bram Leraar')).toMatchObject({ response: 'no', reason: 'Ouderavond op school' });
    const byMember2 = (await t.http.get(`/api/meetings/${first.id}`, { cookie: s.member2.cookie })).json();
    expect(byMember2.attendees.find((a: { name: string }) => a.name === 'Bram Leraar')).toMatchObject({ response: 'no', reason: null });
    expect(byMember2.permissions).toEqual({ manage: false, chair: false, participate: true, seeAbsenceReasons: false });
    const byCoordinator = (await t.http.get(`/api/meetings/${first.id}`, { cookie: s.coordinator.cookie })).json();
    expect(byCoordinator.attendees.find((a: { name: string }) => a.name === 'Bram Leraar').reason).toBe('Ouderavond op school');
    expect((await t.http.put(`/api/meetings/${first.id}/attendance`, { cookie: s.researcher.cookie, body: { response: 'yes' } })).statusCode).toBe(403);
    expect((await t.http.get(`/api/meetings/${first.id}`, { cookie: s.outsider.cookie })).statusCode).toBe(404);
  });

  it('records presence only once the meeting has started', async () => {
    const s = await setup();
    await t.http.post(`/api/communities/${s.community.id}/series`, { cookie: s.chair.cookie, body: series2ndTuesday });
    const [first] = (await t.http.get(`/api/communities/${s.community.id}/meetings`, { cookie: s.chair.cookie })).json();
    const early = await t.http.put(`/api/meetings/${first.id}/presence`, { cookie: s.chair.cookie, body: { presentUserIds: [s.chair.id] } });
    expect(early.statusCode).toBe(409);
    t.clock.set('2026-01-13T21:00:00Z');
    const bad = await t.http.put(`/api/meetings/${first.id}/presence`, { cookie: s.chair.cookie, body: { presentUserIds: [s.outsider.id] } });
    expect(bad.json().errors[0]).toMatchObject({ path: 'presentUserIds.0', code: 'notAMember' });
    const ok = await t.http.put(`/api/meetings/${first.id}/presence`, { cookie: s.chair.cookie, body: { presentUserIds: [s.chair.id, s.member2.id] } });
    expect(ok.statusCode).toBe(200);
    const present = Object.fromEntries(ok.json().attendees.map((a: { name: string; present: boolean }) => [a.name, a.present]));
    expect(present).toEqual({ 'Anna Voorzitter': true, 'Bram Leraar': false, 'Carla Docent': true });
    expect((await t.http.put(`/api/meetings/${first.id}/presence`, { cookie: s.member.cookie, body: { presentUserIds: [] } })).statusCode).toBe(403);
  });
});

describe('community rhythm', () => {
  it('shows the next meeting and warns when it is more than six weeks after the previous one', async () => {
    const s = await setup();
    const a = await t.http.post(`/api/communities/${s.community.id}/meetings`, { cookie: s.chair.cookie, body: { date: '2026-01-06', startTime: '19:00', durationMinutes: 90 } });
    const b = await t.http.post(`/api/communities/${s.community.id}/meetings`, { cookie: s.chair.cookie, body: { date: '2026-03-03', startTime: '19:00', durationMinutes: 90 } });
    expect(a.statusCode).toBe(201);
    t.clock.set('2026-01-20T09:00:00Z');
    const r = (await t.http.get(`/api/communities/${s.community.id}/rhythm`, { cookie: s.member.cookie })).json();
    expect(r.nextMeeting.id).toBe(b.json().id);
    expect(r.gapWarning).toMatchObject({ weeks: 8 });
    expect(r.nextInput).toMatchObject({ open: true, contributorCount: 0, memberCount: 3, mine: 0 });
    expect(r.canPlan).toBe(false);
    expect(r.nextAgenda).toBeNull();
  });
});
