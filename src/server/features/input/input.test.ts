import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';

let t: TestApp;
let people: Awaited<ReturnType<typeof createPeople>>;
beforeAll(async () => {
  t = await createTestApp();
  people = await createPeople();
}, 180_000);
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-01-01T09:00:00Z'));

/** Accounts are costly (password hashing): made once, then seated in a fresh community per test. */
async function createPeople() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog' });
  const college = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Pabo Noord', type: 'teacherCollege' });
  const chair = await t.signedInUser({ name: 'Anna Voorzitter' });
  const member = await t.signedInUser({ name: 'Bram Leraar', locale: 'en' });
  const member2 = await t.signedInUser({ name: 'Carla Docent' });
  const researcher = await t.signedInUser({ name: 'Ruben Onderzoeker' });
  const observer = await t.signedInUser({ name: 'Olaf Kijker' });
  const outsider = await t.signedInUser({ name: 'Olga Buiten' });
  return { coordinator, network, school, college, chair, member, member2, researcher, observer, outsider };
}

/** A community with a chair, two members in two organisations, a researcher and an observer (not the outsider), and a meeting. */
async function setup() {
  const { coordinator, network, school, college, chair, member, member2, researcher, observer } = people;
  const community = await f.createCommunity(t.ctx, coordinator, network.id, { name: `Leesbevordering ${Math.random().toString(36).slice(2, 8)}` });
  await f.addMember(t.ctx, community, chair, { organisationId: school.id, roles: ['chair'] });
  await f.addMember(t.ctx, community, member, { organisationId: school.id });
  await f.addMember(t.ctx, community, member2, { organisationId: college.id, stakeholderGroup: 'college' });
  await f.addMember(t.ctx, community, researcher, { organisationId: college.id, stakeholderGroup: 'college', roles: ['researcher'] });
  await f.addMember(t.ctx, community, observer, { roles: ['observer'] });
  const res = await t.http.post(`/api/communities/${community.id}/meetings`, { cookie: chair.cookie, body: { date: '2026-01-20', startTime: '19:30', durationMinutes: 120 } });
  expect(res.statusCode).toBe(201);
  const meeting = res.json() as { id: string; inputDeadline: string; version: number };
  return { ...people, community, meeting };
}

const topic = { kind: 'topic', title: 'Stillezen in groep 5', body: 'Hoe houden jullie het stil?' };
const question = { kind: 'question', title: 'Wie heeft ervaring met leesouders?' };

describe('input for a meeting', () => {
  it('takes input from two members; everyone sees all of it by whom, only the chair sees who is missing', async () => {
    const s = await setup();
    const url = `/api/meetings/${s.meeting.id}/inputs`;
    const a = await t.http.post(url, { cookie: s.member.cookie, body: topic });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ ...topic, meetingId: s.meeting.id, mine: true, version: 1, agendaItemIds: [], author: { name: 'Bram Leraar', organisationName: 'De Regenboog' } });
    t.clock.advance(60_000);
    expect((await t.http.post(url, { cookie: s.member2.cookie, body: question })).statusCode).toBe(201);

    const forMember = (await t.http.get(url, { cookie: s.member.cookie })).json();
    expect(forMember).toMatchObject({ open: true, deadline: s.meeting.inputDeadline, missing: null, memberCount: 3, contributorCount: 2, reminderSentAt: null });
    expect(forMember.inputs.map((i: { title: string; mine: boolean; author: { organisationName: string } }) => [i.title, i.mine, i.author.organisationName])).toEqual([
      [topic.title, true, 'De Regenboog'],
      [question.title, false, 'Pabo Noord'],
    ]);
    const forChair = (await t.http.get(url, { cookie: s.chair.cookie })).json();
    expect(forChair.missing).toEqual([{ userId: s.chair.id, name: 'Anna Voorzitter' }]);
    // Network coordinators act as chair; researchers read along without the list.
    expect((await t.http.get(url, { cookie: s.coordinator.cookie })).json().missing).toHaveLength(1);
    const forResearcher = await t.http.get(url, { cookie: s.researcher.cookie });
    expect(forResearcher.statusCode).toBe(200);
    expect(forResearcher.json()).toMatchObject({ missing: null, inputs: [{ mine: false }, { mine: false }] });
  });

  it('lets members change and withdraw only their own input, refusing a stale edit with the current input', async () => {
    const s = await setup();
    const mine = (await t.http.post(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member.cookie, body: topic })).json();
    const other = await t.http.patch(`/api/inputs/${mine.id}`, { cookie: s.member2.cookie, body: { version: 1, title: 'Overgenomen' } });
    expect(other.statusCode).toBe(403);
    expect((await t.http.delete(`/api/inputs/${mine.id}`, { cookie: s.member2.cookie })).statusCode).toBe(403);
    expect((await t.http.delete(`/api/inputs/${mine.id}`, { cookie: s.chair.cookie })).statusCode).toBe(403);
    expect((await t.http.patch(`/api/inputs/${mine.id}`, { cookie: s.outsider.cookie, body: { version: 1, title: 'x' } })).statusCode).toBe(404);

    const edit = await t.http.patch(`/api/inputs/${mine.id}`, { cookie: s.member.cookie, body: { version: 1, kind: 'practice', title: 'Stillezen: ons voorbeeld' } });
    expect(edit.statusCode).toBe(200);
    expect(edit.json()).toMatchObject({ kind: 'practice', title: 'Stillezen: ons voorbeeld', body: topic.body, version: 2 });
    const stale = await t.http.patch(`/api/inputs/${mine.id}`, { cookie: s.member.cookie, body: { version: 1, title: 'Van een andere tab' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: mine.id, title: 'Stillezen: ons voorbeeld', version: 2 });

    expect((await t.http.delete(`/api/inputs/${mine.id}`, { cookie: s.member.cookie })).statusCode).toBe(204);
    expect((await t.http.get(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member.cookie })).json().inputs).toEqual([]);
    expect((await t.http.delete(`/api/inputs/${mine.id}`, { cookie: s.member.cookie })).statusCode).toBe(404);
  });

  it('closes input at the deadline: no new input, no changes, no reminder', async () => {
    const s = await setup();
    const mine = (await t.http.post(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member.cookie, body: topic })).json();
    t.clock.set(s.meeting.inputDeadline);
    const late = await t.http.post(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member2.cookie, body: question });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'inputClosed', type: '/problems/inputClosed' });
    expect((await t.http.patch(`/api/inputs/${mine.id}`, { cookie: s.member.cookie, body: { version: 1, title: 'Later' } })).json().code).toBe('inputClosed');
    expect((await t.http.delete(`/api/inputs/${mine.id}`, { cookie: s.member.cookie })).json().code).toBe('inputClosed');
    expect((await t.http.post(`/api/meetings/${s.meeting.id}/inputs/remind`, { cookie: s.chair.cookie })).json().code).toBe('inputClosed');
    const overview = (await t.http.get(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member.cookie })).json();
    expect(overview).toMatchObject({ open: false, inputs: [{ title: topic.title }] });
  });

  it('takes no input for a cancelled meeting', async () => {
    const s = await setup();
    const cancel = await t.http.post(`/api/meetings/${s.meeting.id}/cancel`, { cookie: s.chair.cookie, body: { version: s.meeting.version, reason: 'Studiedag' } });
    expect(cancel.statusCode).toBe(200);
    const res = await t.http.post(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member.cookie, body: topic });
    expect(res.statusCode).toBe(409);
    expect(res.json().code).toBe('meetingCancelled');
  });

  it('lets researchers and observers read only; outsiders do not see the meeting', async () => {
    const s = await setup();
    const url = `/api/meetings/${s.meeting.id}/inputs`;
    expect((await t.http.post(url, { cookie: s.researcher.cookie, body: topic })).statusCode).toBe(403);
    expect((await t.http.post(url, { cookie: s.observer.cookie, body: topic })).statusCode).toBe(403);
    expect((await t.http.get(url, { cookie: s.observer.cookie })).statusCode).toBe(200);
    expect((await t.http.get(url, { cookie: s.outsider.cookie })).statusCode).toBe(404);
    expect((await t.http.post(url, { cookie: s.outsider.cookie, body: topic })).statusCode).toBe(404);
    expect((await t.http.post(`${url}/remind`, { cookie: s.outsider.cookie })).statusCode).toBe(404);
    expect((await t.http.post(`${url}/remind`, { cookie: s.member.cookie })).statusCode).toBe(403);
    expect((await t.http.get(url)).statusCode).toBe(401);
  });

  it('sends one reminder, only to participants without input; a second click gets 409', async () => {
    const s = await setup();
    await t.http.post(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member.cookie, body: topic });
    const first = await t.http.post(`/api/meetings/${s.meeting.id}/inputs/remind`, { cookie: s.chair.cookie });
    expect(first.statusCode).toBe(200);
    expect(first.json().reminderSentAt).toBe('2026-01-01T09:00:00.000Z');
    const second = await t.http.post(`/api/meetings/${s.meeting.id}/inputs/remind`, { cookie: s.coordinator.cookie });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('reminderAlreadySent');

    await t.ctx.jobs.deliverMail();
    const community = s.community.name;
    const reminders = t.mailbox.all().filter((m) => m.subject.includes(community));
    expect(reminders.map((m) => m.to).flat().sort()).toEqual([s.chair.email, s.member2.email].sort());
    const toCarla = reminders.find((m) => m.to.includes(s.member2.email))!;
    expect(toCarla.subject).toBe(`Herinnering: jouw inbreng voor "${community}"`);
    expect(toCarla.text).toContain('Anna Voorzitter');
  });

  it('gives one reminder and one 409 when the chair clicks twice at once', async () => {
    const s = await setup();
    const url = `/api/meetings/${s.meeting.id}/inputs/remind`;
    const results = await Promise.all([t.http.post(url, { cookie: s.chair.cookie }), t.http.post(url, { cookie: s.chair.cookie })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    await t.ctx.jobs.deliverMail();
    const toCarla = t.mailbox.all().filter((m) => m.subject.includes(s.community.name) && m.to.includes(s.member2.email));
    expect(toCarla).toHaveLength(1);
  });

  it('answers bad input with field errors', async () => {
    const s = await setup();
    const url = `/api/meetings/${s.meeting.id}/inputs`;
    const long = await t.http.post(url, { cookie: s.member.cookie, body: { kind: 'topic', title: 'x'.repeat(10_000) } });
    expect(long.statusCode).toBe(422);
    expect(long.json().errors).toEqual([expect.objectContaining({ path: 'title', code: 'tooLong' })]);
    const bad = await t.http.post(url, { cookie: s.member.cookie, body: { kind: 'rant', title: '  ', extra: 1 } });
    expect(bad.statusCode).toBe(422);
    const codes = bad.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`);
    expect(codes).toEqual(expect.arrayContaining(['kind:invalidChoice', 'title:required', 'extra:unknownField']));
    const mine = (await t.http.post(url, { cookie: s.member.cookie, body: topic })).json();
    const noVersion = await t.http.patch(`/api/inputs/${mine.id}`, { cookie: s.member.cookie, body: { title: 'Zonder versie' } });
    expect(noVersion.statusCode).toBe(422);
    expect(noVersion.json().errors[0]).toMatchObject({ path: 'version', code: 'required' });
    expect((await t.http.get('/api/meetings/not-a-uuid/inputs', { cookie: s.member.cookie })).statusCode).toBe(404);
  });
});
