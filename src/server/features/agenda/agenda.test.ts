import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';
import { frameDurations } from './agenda.service';

let t: TestApp;
let people: Awaited<ReturnType<typeof createPeople>>;
beforeAll(async () => {
  t = await createTestApp();
  people = await createPeople();
}, 180_000);
afterAll(async () => t?.close());
beforeEach(() => t.clock.set('2026-01-01T09:00:00Z'));

type User = Awaited<ReturnType<TestApp['signedInUser']>>;
interface Item {
  id: string;
  kind: string;
  title: string;
  position: number;
  version: number;
}

/** Accounts are costly (password hashing): made once, then seated in a fresh community per test. */
async function createPeople() {
  const coordinator = await t.signedInUser({ name: 'Coördinator', locale: 'en' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const chair = await t.signedInUser({ name: 'Anna Voorzitter' });
  const member = await t.signedInUser({ name: 'Bram Leraar', locale: 'en' });
  const member2 = await t.signedInUser({ name: 'Carla Docent' });
  const researcher = await t.signedInUser({ name: 'Ruben Onderzoeker' });
  const observer = await t.signedInUser({ name: 'Olaf Kijker' });
  const outsider = await t.signedInUser({ name: 'Olga Buiten' });
  return { coordinator, network, chair, member, member2, researcher, observer, outsider };
}

/** A community with a chair, two members, a researcher and an observer (not the outsider), and a meeting of two hours. */
async function setup() {
  const { coordinator, network, chair, member, member2, researcher, observer } = people;
  const community = await f.createCommunity(t.ctx, coordinator, network.id, { name: `Rekenen ${Math.random().toString(36).slice(2, 8)}` });
  await f.addMember(t.ctx, community, chair, { roles: ['chair'] });
  await f.addMember(t.ctx, community, member);
  await f.addMember(t.ctx, community, member2);
  await f.addMember(t.ctx, community, researcher, { roles: ['researcher'] });
  await f.addMember(t.ctx, community, observer, { roles: ['observer'] });
  const s = { ...people, community };
  return { ...s, meeting: await plan(s, '2026-01-20') };
}

async function plan(s: { community: { id: string }; chair: User }, date: string, durationMinutes = 120) {
  const res = await t.http.post(`/api/communities/${s.community.id}/meetings`, { cookie: s.chair.cookie, body: { date, startTime: '19:30', durationMinutes } });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; startsAt: string; version: number };
}

const agendaUrl = (meetingId: string) => `/api/meetings/${meetingId}/agenda`;
const start = (meetingId: string, who: User) => t.http.post(`${agendaUrl(meetingId)}/start`, { cookie: who.cookie });
const addItem = (meetingId: string, who: User, body: object) => t.http.post(`${agendaUrl(meetingId)}/items`, { cookie: who.cookie, body });
const getAgenda = async (meetingId: string, who: User) => (await t.http.get(agendaUrl(meetingId), { cookie: who.cookie })).json();
const discussion = { kind: 'discussion', title: 'Rekenen in groep 3', durationMinutes: 30 };

describe('frame of a new programme', () => {
  it.each([
    [240, 30, 10],
    [120, 30, 10],
    [90, 20, 10],
    [60, 15, 10],
    [45, 10, 5],
    [15, 5, 5],
  ])('a %i-minute meeting gets a %i-minute harvest round and a %i-minute check-out', (minutes, harvestRound, checkOut) => {
    expect(frameDurations(minutes)).toEqual({ harvestRound, checkOut });
  });
});

describe('programme', () => {
  it('opens with a harvest round and closes with a check-out; starting again changes nothing', async () => {
    const s = await setup();
    expect(await getAgenda(s.meeting.id, s.member)).toMatchObject({ started: false, visible: false, items: [], canEdit: false });
    const early = await addItem(s.meeting.id, s.chair, discussion);
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('agendaNotStarted');
    expect((await start(s.meeting.id, s.member)).statusCode).toBe(403);

    const res = await start(s.meeting.id, s.chair);
    expect(res.statusCode).toBe(200);
    const agenda = res.json();
    expect(agenda).toMatchObject({ started: true, visible: true, canEdit: true, publishedAt: null, totalMinutes: 40, meetingMinutes: 120, openActions: [] });
    expect(agenda.items).toMatchObject([
      { position: 0, kind: 'harvestRound', title: 'Rondje kennisoogst', durationMinutes: 30, owner: null, inputIds: [], notes: '', version: 1 },
      { position: 1, kind: 'checkOut', title: 'Check-out', durationMinutes: 10 },
    ]);
    const again = (await start(s.meeting.id, s.chair)).json();
    expect(again.items.map((i: Item) => i.id)).toEqual(agenda.items.map((i: Item) => i.id));
    // Members see nothing of the draft.
    expect(await getAgenda(s.meeting.id, s.member)).toMatchObject({ started: true, visible: false, items: [], totalMinutes: 0 });
  });

  it("uses the starter's language and a shorter harvest round in a short meeting", async () => {
    const s = await setup();
    const short = await plan(s, '2026-01-27', 60);
    const agenda = (await start(short.id, s.coordinator)).json();
    expect(agenda.items).toMatchObject([
      { kind: 'harvestRound', title: 'Harvest round', durationMinutes: 15 },
      { kind: 'checkOut', title: 'Check-out', durationMinutes: 10 },
    ]);
    expect(agenda.meetingMinutes).toBe(60);
  });

  it('builds items from input, before the check-out unless a position is given, and checks owners and inputs', async () => {
    const s = await setup();
    const inputA = (await t.http.post(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member.cookie, body: { kind: 'question', title: 'Hoe oefenen jullie splitsen?' } })).json();
    const inputB = (await t.http.post(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member2.cookie, body: { kind: 'practice', title: 'Rekenmuur' } })).json();
    const other = await plan(s, '2026-02-17');
    const foreign = (await t.http.post(`/api/meetings/${other.id}/inputs`, { cookie: s.member.cookie, body: { kind: 'topic', title: 'Volgende keer' } })).json();
    await start(s.meeting.id, s.chair);

    const res = await addItem(s.meeting.id, s.chair, { ...discussion, ownerUserId: s.member.id, inputIds: [inputA.id, inputA.id] });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ position: 1, owner: { userId: s.member.id, name: 'Bram Leraar' }, inputIds: [inputA.id], version: 1 });
    const first = (await addItem(s.meeting.id, s.chair, { kind: 'productWork', title: 'Eerst dit', durationMinutes: 15, position: 0 })).json();
    const agenda = await getAgenda(s.meeting.id, s.chair);
    expect(agenda.items.map((i: Item) => [i.position, i.kind])).toEqual([
      [0, 'productWork'],
      [1, 'harvestRound'],
      [2, 'discussion'],
      [3, 'checkOut'],
    ]);
    expect(agenda.totalMinutes).toBe(85);

    // The chair sees which items took which input; members only once the programme is published.
    const seen = (who: User) => t.http.get(`/api/meetings/${s.meeting.id}/inputs`, { cookie: who.cookie }).then((r) => r.json().inputs.find((i: { id: string }) => i.id === inputA.id).agendaItemIds);
    expect(await seen(s.chair)).toEqual([res.json().id]);
    expect(await seen(s.member)).toEqual([]);

    const outsiderOwner = await addItem(s.meeting.id, s.chair, { ...discussion, ownerUserId: s.outsider.id });
    expect(outsiderOwner.statusCode).toBe(422);
    expect(outsiderOwner.json().errors).toEqual([expect.objectContaining({ path: 'ownerUserId', code: 'notAMember' })]);
    expect((await addItem(s.meeting.id, s.chair, { ...discussion, ownerUserId: s.researcher.id })).json().errors[0].code).toBe('notAMember');
    const wrongInput = await addItem(s.meeting.id, s.chair, { ...discussion, inputIds: [inputB.id, foreign.id] });
    expect(wrongInput.statusCode).toBe(422);
    expect(wrongInput.json().errors).toEqual([expect.objectContaining({ path: 'inputIds.1', code: 'inputNotInMeeting' })]);
    const patchWrong = await t.http.patch(`/api/agenda-items/${first.id}`, { cookie: s.chair.cookie, body: { version: 1, inputIds: [foreign.id] } });
    expect(patchWrong.json().errors).toEqual([expect.objectContaining({ path: 'inputIds.0', code: 'inputNotInMeeting' })]);

    expect((await t.http.delete(`/api/agenda-items/${first.id}`, { cookie: s.member.cookie })).statusCode).toBe(403);
    expect((await t.http.delete(`/api/agenda-items/${first.id}`, { cookie: s.chair.cookie })).statusCode).toBe(204);
    const after = await getAgenda(s.meeting.id, s.chair);
    expect(after.items.map((i: Item) => [i.position, i.kind])).toEqual([
      [0, 'harvestRound'],
      [1, 'discussion'],
      [2, 'checkOut'],
    ]);
  });

  it('refuses the second of two saves of the same item with 409 and the current item, never overwriting silently', async () => {
    const s = await setup();
    await start(s.meeting.id, s.chair);
    const item = (await addItem(s.meeting.id, s.chair, discussion)).json();
    const url = `/api/agenda-items/${item.id}`;
    const chairSave = await t.http.patch(url, { cookie: s.chair.cookie, body: { version: 1, title: 'Rekenen: splitsen' } });
    expect(chairSave.statusCode).toBe(200);
    expect(chairSave.json()).toMatchObject({ title: 'Rekenen: splitsen', durationMinutes: 30, version: 2 });
    const coordinatorSave = await t.http.patch(url, { cookie: s.coordinator.cookie, body: { version: 1, durationMinutes: 45 } });
    expect(coordinatorSave.statusCode).toBe(409);
    expect(coordinatorSave.json()).toMatchObject({ code: 'conflict', current: { id: item.id, title: 'Rekenen: splitsen', durationMinutes: 30, version: 2 } });
    expect((await getAgenda(s.meeting.id, s.chair)).items[1]).toMatchObject({ title: 'Rekenen: splitsen', durationMinutes: 30, version: 2 });

    const both = await Promise.all([
      t.http.patch(url, { cookie: s.chair.cookie, body: { version: 2, notes: 'Van de voorzitter' } }),
      t.http.patch(url, { cookie: s.coordinator.cookie, body: { version: 2, notes: 'Van de coördinator' } }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = both.find((r) => r.statusCode === 200)!.json();
    expect(both.find((r) => r.statusCode === 409)!.json().current).toEqual(winner);

    expect((await t.http.patch(url, { cookie: s.member.cookie, body: { version: 3, title: 'x' } })).statusCode).toBe(403);
    expect((await t.http.patch(url, { cookie: s.outsider.cookie, body: { version: 3, title: 'x' } })).statusCode).toBe(404);
  });

  it('reorders only with exactly the current items', async () => {
    const s = await setup();
    await start(s.meeting.id, s.chair);
    await addItem(s.meeting.id, s.chair, discussion);
    const ids = (await getAgenda(s.meeting.id, s.chair)).items.map((i: Item) => i.id) as string[];
    const order = (itemIds: string[], who = s.chair) => t.http.put(`${agendaUrl(s.meeting.id)}/order`, { cookie: who.cookie, body: { itemIds } });
    for (const wrong of [ids.slice(1), [...ids, crypto.randomUUID()], [ids[0]!, ids[0]!, ids[1]!]]) {
      const res = await order(wrong);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: 'itemIds', code: 'itemsDiffer' })]);
    }
    expect((await order([...ids].reverse(), s.member)).statusCode).toBe(403);
    const res = await order([...ids].reverse());
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: Item) => [i.position, i.id])).toEqual([...ids].reverse().map((id, i) => [i, id]));
  });

  it('publishes: members see the programme from then on and are told once', async () => {
    const s = await setup();
    const notStarted = await t.http.post(`${agendaUrl(s.meeting.id)}/publish`, { cookie: s.chair.cookie });
    expect(notStarted.json().code).toBe('agendaNotStarted');
    const input = (await t.http.post(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member.cookie, body: { kind: 'wish', title: 'Meer oefenen' } })).json();
    await start(s.meeting.id, s.chair);
    const item = (await addItem(s.meeting.id, s.chair, { ...discussion, inputIds: [input.id] })).json();
    expect((await t.http.post(`${agendaUrl(s.meeting.id)}/publish`, { cookie: s.member.cookie })).statusCode).toBe(403);

    const published = await t.http.post(`${agendaUrl(s.meeting.id)}/publish`, { cookie: s.chair.cookie });
    expect(published.statusCode).toBe(200);
    expect(published.json().publishedAt).toBe('2026-01-01T09:00:00.000Z');
    t.clock.advance(60_000);
    const again = await t.http.post(`${agendaUrl(s.meeting.id)}/publish`, { cookie: s.chair.cookie });
    expect(again.json().publishedAt).toBe('2026-01-01T09:00:00.000Z');

    const forMember = await getAgenda(s.meeting.id, s.member);
    expect(forMember).toMatchObject({ visible: true, canEdit: false, totalMinutes: 70 });
    expect(forMember.items.map((i: Item) => i.kind)).toEqual(['harvestRound', 'discussion', 'checkOut']);
    expect((await getAgenda(s.meeting.id, s.researcher)).visible).toBe(true);
    const inputs = (await t.http.get(`/api/meetings/${s.meeting.id}/inputs`, { cookie: s.member.cookie })).json();
    expect(inputs.inputs[0].agendaItemIds).toEqual([item.id]);

    await t.ctx.jobs.deliverMail();
    const mails = t.mailbox.all().filter((m) => m.subject.includes(s.community.name));
    expect(mails.filter((m) => m.to.includes(s.member.email)).map((m) => m.subject)).toEqual([expect.stringMatching(/^Programme for ".*" on 20 January$/)]);
    expect(mails.filter((m) => m.to.includes(s.member2.email))).toHaveLength(1);
    expect(mails.find((m) => m.to.includes(s.member2.email))!.text).toContain('Rekenen in groep 3 (30 min)');
    expect(mails.filter((m) => m.to.includes(s.researcher.email))).toHaveLength(0);
  });

  it('answers bad items with field errors: a 0-minute item, a 10,000-character title', async () => {
    const s = await setup();
    await start(s.meeting.id, s.chair);
    const bad = await addItem(s.meeting.id, s.chair, { kind: 'lecture', title: 'x'.repeat(10_000), durationMinutes: 0 });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`).sort()).toEqual(['durationMinutes:numberTooSmall', 'kind:invalidChoice', 'title:tooLong']);
    const item = (await addItem(s.meeting.id, s.chair, discussion)).json();
    const patch = await t.http.patch(`/api/agenda-items/${item.id}`, { cookie: s.chair.cookie, body: { version: 1, durationMinutes: 0, title: 'y'.repeat(10_000) } });
    expect(patch.statusCode).toBe(422);
    expect(patch.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['durationMinutes', 'title']);
    expect((await getAgenda(s.meeting.id, s.chair)).items[1]).toMatchObject({ title: discussion.title, version: 1 });
  });

  it('is hidden from outsiders and read-only for researchers and observers', async () => {
    const s = await setup();
    await start(s.meeting.id, s.chair);
    const item = (await addItem(s.meeting.id, s.chair, discussion)).json();
    const action = (await t.http.post(`/api/meetings/${s.meeting.id}/actions`, { cookie: s.chair.cookie, body: { title: 'Iets' } })).json();
    const id = s.meeting.id;
    const writes: [string, string, object?][] = [
      ['post', `/api/meetings/${id}/agenda/start`],
      ['post', `/api/meetings/${id}/agenda/items`, discussion],
      ['patch', `/api/agenda-items/${item.id}`, { version: 1, notes: 'x' }],
      ['delete', `/api/agenda-items/${item.id}`],
      ['put', `/api/meetings/${id}/agenda/order`, { itemIds: [item.id] }],
      ['post', `/api/meetings/${id}/agenda/publish`],
      ['post', `/api/meetings/${id}/actions`, { title: 'x' }],
      ['patch', `/api/actions/${action.id}`, { version: 1, done: true }],
      ['delete', `/api/actions/${action.id}`],
      ['post', `/api/meetings/${id}/minutes/publish`],
    ];
    for (const [method, url, body] of writes) {
      for (const [who, status] of [[s.researcher, 403], [s.observer, 403], [s.member, 403], [s.outsider, 404]] as const) {
        const res = await t.http.send(method.toUpperCase() as 'POST', url, { cookie: who.cookie, body });
        expect(`${method} ${url} as ${who.name}: ${res.statusCode}`).toBe(`${method} ${url} as ${who.name}: ${status}`);
      }
    }
    for (const url of [agendaUrl(id), `/api/meetings/${id}/minutes`]) {
      expect((await t.http.get(url, { cookie: s.observer.cookie })).statusCode).toBe(200);
      expect((await t.http.get(url, { cookie: s.outsider.cookie })).statusCode).toBe(404);
    }
  });
});

describe('minutes and action items', () => {
  async function heldMeeting() {
    const s = await setup();
    await start(s.meeting.id, s.chair);
    const item = (await addItem(s.meeting.id, s.chair, discussion)).json();
    const notes = await t.http.patch(`/api/agenda-items/${item.id}`, { cookie: s.chair.cookie, body: { version: 1, notes: 'We oefenen splitsen met de rekenmuur.' } });
    expect(notes.json()).toMatchObject({ notes: 'We oefenen splitsen met de rekenmuur.', version: 2 });
    const res = await t.http.post(`/api/meetings/${s.meeting.id}/actions`, {
      cookie: s.chair.cookie,
      body: { title: 'Rekenmuur delen met het team', ownerUserId: s.member.id, dueDate: '2026-02-01', agendaItemId: item.id },
    });
    expect(res.statusCode).toBe(201);
    return { ...s, item, action: res.json() };
  }

  it('keeps notes and action items, records presence, and publishes once to the members', async () => {
    const s = await heldMeeting();
    expect(s.action).toMatchObject({ meetingId: s.meeting.id, meetingDate: '2026-01-20', agendaItemId: s.item.id, owner: { name: 'Bram Leraar' }, dueDate: '2026-02-01', done: false, version: 1 });
    const url = `/api/meetings/${s.meeting.id}/minutes`;
    expect((await t.http.get(url, { cookie: s.member.cookie })).json()).toMatchObject({ visible: false, items: [], actions: [], present: [], absent: [], publishedAt: null });

    t.clock.set('2026-01-20T21:00:00Z');
    const presence = await t.http.put(`/api/meetings/${s.meeting.id}/presence`, { cookie: s.chair.cookie, body: { presentUserIds: [s.chair.id, s.member.id] } });
    expect(presence.statusCode).toBe(200);
    const published = await t.http.post(`${url}/publish`, { cookie: s.chair.cookie });
    expect(published.statusCode).toBe(200);
    await t.http.post(`${url}/publish`, { cookie: s.chair.cookie });
    const minutes = (await t.http.get(url, { cookie: s.member.cookie })).json();
    expect(minutes).toMatchObject({ visible: true, canEdit: false, publishedAt: '2026-01-20T21:00:00.000Z', actions: [{ id: s.action.id }] });
    expect(minutes.items.map((i: { notes: string }) => i.notes)).toEqual(['', 'We oefenen splitsen met de rekenmuur.', '']);
    expect(minutes.present.map((p: { name: string }) => p.name)).toEqual(['Anna Voorzitter', 'Bram Leraar']);
    expect(minutes.absent.map((p: { name: string }) => p.name)).toEqual(['Carla Docent']);

    await t.ctx.jobs.deliverMail();
    const toCarla = t.mailbox.all().filter((m) => m.subject.includes(s.community.name) && m.to.includes(s.member2.email));
    expect(toCarla.map((m) => m.subject)).toEqual([expect.stringMatching(/^Verslag van/)]);
    expect(toCarla[0]!.text).toContain('Rekenmuur delen met het team');
  });

  it('lets the owner tick off their own action item, and nothing else; stale saves get 409 with the current one', async () => {
    const s = await heldMeeting();
    const url = `/api/actions/${s.action.id}`;
    expect((await t.http.patch(url, { cookie: s.member.cookie, body: { version: 1, title: 'Anders' } })).statusCode).toBe(403);
    expect((await t.http.patch(url, { cookie: s.member2.cookie, body: { version: 1, done: true } })).statusCode).toBe(403);
    const done = await t.http.patch(url, { cookie: s.member.cookie, body: { version: 1, done: true } });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ done: true, version: 2, title: 'Rekenmuur delen met het team' });
    const stale = await t.http.patch(url, { cookie: s.chair.cookie, body: { version: 1, dueDate: '2026-03-01' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ id: s.action.id, done: true, dueDate: '2026-02-01', version: 2 });
    const moved = await t.http.patch(url, { cookie: s.chair.cookie, body: { version: 2, dueDate: null, ownerUserId: s.member2.id } });
    expect(moved.json()).toMatchObject({ dueDate: null, owner: { name: 'Carla Docent' }, done: true, version: 3 });
    expect((await t.http.delete(url, { cookie: s.member2.cookie })).statusCode).toBe(403);
    expect((await t.http.delete(url, { cookie: s.chair.cookie })).statusCode).toBe(204);
    expect((await t.http.get(`/api/meetings/${s.meeting.id}/minutes`, { cookie: s.chair.cookie })).json().actions).toEqual([]);
  });

  it('answers bad action items with field errors', async () => {
    const s = await heldMeeting();
    const other = await plan(s, '2026-02-17');
    await start(other.id, s.chair);
    const foreignItem = (await getAgenda(other.id, s.chair)).items[0];
    const create = (body: object) => t.http.post(`/api/meetings/${s.meeting.id}/actions`, { cookie: s.chair.cookie, body });
    const cases: [object, string][] = [
      [{ title: 'x', ownerUserId: s.outsider.id }, 'ownerUserId:notAMember'],
      [{ title: 'x', dueDate: '2026-02-30' }, 'dueDate:invalidDate'],
      [{ title: 'x', agendaItemId: foreignItem.id }, 'agendaItemId:invalid'],
      [{ title: 'x'.repeat(10_000) }, 'title:tooLong'],
    ];
    for (const [body, expected] of cases) {
      const res = await create(body);
      expect(res.statusCode).toBe(422);
      expect(res.json().errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)).toEqual([expected]);
    }
  });

  it("brings the previous meeting's open action items into the next programme", async () => {
    const s = await heldMeeting();
    const done = (await t.http.post(`/api/meetings/${s.meeting.id}/actions`, { cookie: s.chair.cookie, body: { title: 'Al gedaan' } })).json();
    await t.http.patch(`/api/actions/${done.id}`, { cookie: s.chair.cookie, body: { version: 1, done: true } });
    const next = await plan(s, '2026-02-17');
    await start(next.id, s.chair);
    await t.http.post(`${agendaUrl(next.id)}/publish`, { cookie: s.chair.cookie });
    const open = (who: User) => getAgenda(next.id, who).then((a) => a.openActions);
    expect(await open(s.chair)).toEqual([expect.objectContaining({ id: s.action.id, meetingId: s.meeting.id, meetingDate: '2026-01-20', done: false })]);
    // Draft minutes stay with the chair until they are published.
    expect(await open(s.member)).toEqual([]);
    await t.http.post(`/api/meetings/${s.meeting.id}/minutes/publish`, { cookie: s.chair.cookie });
    expect((await open(s.member)).map((a: { id: string }) => a.id)).toEqual([s.action.id]);
    // The earlier meeting itself does not list its own actions as "open from before".
    expect((await getAgenda(s.meeting.id, s.chair)).openActions).toEqual([]);
    await t.http.patch(`/api/actions/${s.action.id}`, { cookie: s.member.cookie, body: { version: 1, done: true } });
    expect(await open(s.member)).toEqual([]);
  });
});
