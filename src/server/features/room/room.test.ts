import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';
import { HandshakeRefused, listenUrl, RoomTestClient } from '../../test/room-client';

let t: TestApp;
let baseUrl: string;
let people: Awaited<ReturnType<typeof createPeople>>;
const clients: RoomTestClient[] = [];

beforeAll(async () => {
  t = await createTestApp();
  baseUrl = await listenUrl(t.app);
  people = await createPeople();
}, 180_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await t?.close();
});

async function createPeople() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const school = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog' });
  const college = await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Pabo Noord', type: 'teacherCollege' });
  const chair = await t.signedInUser({ name: 'Anna Voorzitter' });
  const member = await t.signedInUser({ name: 'Bram Leraar', locale: 'en' });
  const member2 = await t.signedInUser({ name: 'Carla Docent' });
  const absentee = await t.signedInUser({ name: 'Dirk Afwezig' });
  const observer = await t.signedInUser({ name: 'Olaf Kijker' });
  const outsider = await t.signedInUser({ name: 'Olga Buiten' });
  return { coordinator, network, school, college, chair, member, member2, absentee, observer, outsider };
}

async function setup() {
  const { coordinator, network, school, college, chair, member, member2, absentee, observer, outsider } = people;
  const community = await f.createCommunity(t.ctx, coordinator, network.id, { name: `Kring ${Math.random().toString(36).slice(2, 8)}` });
  await f.addMember(t.ctx, community, chair, { organisationId: school.id, roles: ['chair'] });
  await f.addMember(t.ctx, community, member, { organisationId: school.id });
  await f.addMember(t.ctx, community, member2, { organisationId: college.id, stakeholderGroup: 'college' });
  await f.addMember(t.ctx, community, absentee, { organisationId: college.id, stakeholderGroup: 'college' });
  await f.addMember(t.ctx, community, observer, { roles: ['observer'] });
  // A second community in the same network, where the outsider sits.
  const other = await f.createCommunity(t.ctx, coordinator, network.id, { name: `Elders ${Math.random().toString(36).slice(2, 8)}` });
  await f.addMember(t.ctx, other, outsider, { organisationId: school.id });
  const res = await t.http.post(`/api/communities/${community.id}/meetings`, {
    cookie: chair.cookie,
    body: { date: '2027-01-20', startTime: '19:30', durationMinutes: 120 },
  });
  expect(res.statusCode).toBe(201);
  const meeting = res.json() as { id: string };
  expect((await t.http.put(`/api/meetings/${meeting.id}/chair`, { cookie: coordinator.cookie, body: { userId: chair.id } })).statusCode).toBe(200);
  // The absentee gave input beforehand; it is read out in their turn.
  expect((await t.http.post(`/api/meetings/${meeting.id}/inputs`, { cookie: absentee.cookie, body: { kind: 'practice', title: 'Voorlezen in groep 3', body: 'Elke ochtend tien minuten.' } })).statusCode).toBe(201);
  for (const u of [chair, member, member2]) {
    await t.http.put(`/api/meetings/${meeting.id}/attendance`, { cookie: u.cookie, body: { response: 'yes' } });
  }
  return { ...people, community, meeting };
}

function client(cookie: string | undefined, meetingId: string, extra: Partial<ConstructorParameters<typeof RoomTestClient>[0]> = {}) {
  const c = new RoomTestClient({ baseUrl, cookie, meetingId, ...extra });
  clients.push(c);
  return c;
}

describe('the live meeting room', () => {
  it('runs a harvest round: every client follows the turns, the speaker writes the harvest, a member passes, the absent member’s input is read out', async () => {
    const s = await setup();
    const chair = client(s.chair.cookie, s.meeting.id, { label: 'chair' });
    const bram = client(s.member.cookie, s.meeting.id, { label: 'bram' });
    const olaf = client(s.observer.cookie, s.meeting.id, { label: 'observer' });
    await Promise.all([chair.connect(), bram.connect(), olaf.connect()]);

    const st = chair.state!;
    expect(st.chairUserId).toBe(s.chair.id);
    expect(st.members.map((m) => m.name).sort()).toEqual(['Anna Voorzitter', 'Bram Leraar', 'Carla Docent', 'Dirk Afwezig']);
    // Organisations alternate around the circle.
    const orgs = st.seating.map((u) => st.members.find((m) => m.userId === u)!.organisationId);
    expect(orgs[0]).not.toBe(orgs[1]);
    expect(orgs[1]).not.toBe(orgs[2]);
    expect(st.present.sort()).toEqual([s.chair.id, s.member.id, s.member2.id].sort());
    expect(olaf.me).toMatchObject({ participant: false, mayTakeChair: false });

    // Only the chair drives.
    const refused = await bram.send({ kind: 'round.start', turnSeconds: 120 });
    expect(refused).toMatchObject({ type: 'rejected', status: 403, code: 'notTheChair', message: 'Only the chair drives the meeting room.' });

    const order = [s.member.id, s.chair.id, s.member2.id, s.absentee.id];
    expect(await chair.send({ kind: 'seating.set', order })).toMatchObject({ type: 'ack' });
    expect(await chair.send({ kind: 'round.start', turnSeconds: 120 })).toMatchObject({ type: 'ack' });
    await bram.waitFor(() => bram.state?.round?.turns[0]?.status === 'speaking');
    expect(bram.state!.round!.turns.map((x) => [x.userId, x.absent])).toEqual([
      [s.member.id, false],
      [s.chair.id, false],
      [s.member2.id, false],
      [s.absentee.id, true],
    ]);
    expect(bram.state!.inputs[s.absentee.id]).toEqual([{ kind: 'practice', title: 'Voorlezen in groep 3', body: 'Elke ochtend tien minuten.' }]);

    // The speaker writes their own harvest; someone else may not.
    expect(await bram.send({ kind: 'harvest.save', userId: s.member.id, text: 'Leesouders helpen bij stillezen.', baseVersion: null })).toMatchObject({ type: 'ack' });
    const carla = client(s.member2.cookie, s.meeting.id, { label: 'carla' });
    await carla.connect();
    expect(await carla.send({ kind: 'harvest.save', userId: s.member.id, text: 'nee', baseVersion: 1 })).toMatchObject({ type: 'rejected', code: 'notYourHarvest' });
    // Carla's turn has not come yet: she cannot write a harvest for it either.
    expect(await carla.send({ kind: 'harvest.save', userId: s.member2.id, text: 'vooruit', baseVersion: null })).toMatchObject({ type: 'rejected', code: 'turnNotReached' });

    expect(await chair.send({ kind: 'turn.next' })).toMatchObject({ type: 'ack' });
    expect(await chair.send({ kind: 'turn.next' })).toMatchObject({ type: 'ack' });
    // Carla passes her own turn; then the absentee's input is read out and the chair writes that harvest.
    expect(await carla.send({ kind: 'turn.pass', userId: s.member2.id })).toMatchObject({ type: 'ack' });
    expect(await chair.send({ kind: 'harvest.save', userId: s.absentee.id, text: 'Voorlezen werkt.', baseVersion: null })).toMatchObject({ type: 'ack' });
    const last = await chair.send({ kind: 'turn.next' });
    expect(last).toMatchObject({ type: 'ack' });
    const seq = (last as { seq: number }).seq;
    await Promise.all([bram.waitForSeq(seq), olaf.waitForSeq(seq), carla.waitForSeq(seq)]);

    for (const c of [chair, bram, olaf, carla]) {
      expect(c.state!.round!.completedAt).not.toBeNull();
      expect(c.state!.round!.turns.map((x) => x.status)).toEqual(['spoke', 'spoke', 'passed', 'spoke']);
      expect(c.state!.harvests[s.member.id]!.text).toBe('Leesouders helpen bij stillezen.');
    }
    // Everyone who watched from the start saw the same events in the same order.
    expect(bram.events.map((e) => e.seq)).toEqual(olaf.events.map((e) => e.seq));
    expect(await chair.send({ kind: 'turn.next' })).toMatchObject({ type: 'rejected', code: 'roundComplete' });

    // The harvests flow into the minutes mail without retyping.
    expect((await t.http.post(`/api/meetings/${s.meeting.id}/minutes/publish`, { cookie: s.chair.cookie })).statusCode).toBe(200);
    await t.ctx.jobs.runDue();
    await t.ctx.jobs.deliverMail();
    const mail = await t.mailbox.waitFor((m) => m.to.includes(s.member.email) && /^Minutes of/.test(m.subject ?? ''));
    expect(mail.text).toContain('Harvest round:\n- Bram Leraar: Leesouders helpen bij stillezen.\n- Dirk Afwezig: Voorlezen werkt.');
  });

  it('applies a retried intent once, and refuses a stale harvest with the current text', async () => {
    const s = await setup();
    const chair = client(s.chair.cookie, s.meeting.id);
    await chair.connect();
    await chair.send({ kind: 'round.start', turnSeconds: null });
    const first = await chair.send({ kind: 'turn.next' }, 'retry-intent-0001');
    const again = await chair.send({ kind: 'turn.next' }, 'retry-intent-0001');
    expect(again).toEqual({ ...first });
    expect(chair.state!.round!.turns.filter((x) => x.status === 'spoke')).toHaveLength(1);

    const speaker = chair.state!.round!.turns.find((x) => x.status === 'speaking')!.userId;
    expect(await chair.send({ kind: 'harvest.save', userId: speaker, text: 'Eerste versie', baseVersion: null })).toMatchObject({ type: 'ack' });
    const stale = await chair.send({ kind: 'harvest.save', userId: speaker, text: 'Tweede versie', baseVersion: null });
    expect(stale).toMatchObject({ type: 'rejected', status: 409, code: 'staleVersion', current: { text: 'Eerste versie', version: 1 } });
    // A copy of a refused intent stays refused, even when it would fit now (a duplicate in flight around a reconnect).
    const early = await chair.send({ kind: 'harvest.save', userId: speaker, text: 'Te vroeg', baseVersion: 2 }, 'refused-intent-01');
    expect(early).toMatchObject({ type: 'rejected', code: 'staleVersion' });
    expect(await chair.send({ kind: 'harvest.save', userId: speaker, text: 'Tweede versie', baseVersion: 1 })).toMatchObject({ type: 'ack' });
    expect(await chair.send({ kind: 'harvest.save', userId: speaker, text: 'Te vroeg', baseVersion: 2 }, 'refused-intent-01')).toMatchObject({ type: 'rejected', code: 'staleVersion' });
    await chair.waitFor(() => chair.state!.harvests[speaker]?.version === 2);
    expect(chair.state!.harvests[speaker]!.text).toBe('Tweede versie');
    // Over HTTP the same intent id is also answered once.
    const http1 = await t.http.post(`/api/meetings/${s.meeting.id}/room/intents`, { cookie: s.chair.cookie, body: { id: 'http-intent-0001', intent: { kind: 'room.pause' } } });
    const http2 = await t.http.post(`/api/meetings/${s.meeting.id}/room/intents`, { cookie: s.chair.cookie, body: { id: 'http-intent-0001', intent: { kind: 'room.pause' } } });
    expect(http1.json()).toMatchObject({ applied: true });
    expect(http2.json()).toEqual({ seq: http1.json().seq, applied: false });
  });

  it('checks the handshake: no session → 401, another origin → 403; a non-member cannot join', async () => {
    const s = await setup();
    await expect(client(undefined, s.meeting.id).connect()).rejects.toMatchObject({ status: 401 });
    await expect(client(s.member.cookie, s.meeting.id, { origin: 'https://evil.example' }).connect()).rejects.toBeInstanceOf(HandshakeRefused);
    await expect(client(s.member.cookie, s.meeting.id, { origin: null }).connect()).rejects.toMatchObject({ status: 403 });
    const outsider = client(s.outsider.cookie, s.meeting.id);
    const joined = outsider.connect();
    await outsider.waitFor(() => outsider.errors.length > 0).catch(() => {});
    expect(outsider.errors[0]).toMatchObject({ type: 'error', status: 404, code: 'notFound' });
    void joined.catch(() => {});
    outsider.close();
  });

  it('stops sending the room to someone removed from the community while watching', async () => {
    const s = await setup();
    const chair = client(s.chair.cookie, s.meeting.id);
    const olaf = client(s.observer.cookie, s.meeting.id);
    await Promise.all([chair.connect(), olaf.connect()]);
    const detail = (await t.http.get(`/api/communities/${s.community.id}`, { cookie: s.coordinator.cookie })).json() as { members: { id: string; userId: string }[] };
    const membership = detail.members.find((m) => m.userId === s.observer.id)!;
    expect((await t.http.delete(`/api/communities/${s.community.id}/members/${membership.id}`, { cookie: s.coordinator.cookie })).statusCode).toBe(204);
    await olaf.waitFor(() => olaf.errors.some((e) => e.meetingId === s.meeting.id && e.status === 404));
    const seqBefore = olaf.state!.seq;
    const sent = await chair.send({ kind: 'room.pause' });
    expect(sent).toMatchObject({ type: 'ack' });
    // Give a stray event time to arrive: none does.
    await new Promise((r) => setTimeout(r, 200));
    expect(olaf.state!.seq).toBe(seqBefore);
    expect(olaf.messages.filter((m) => m.type === 'event' && m.seq > seqBefore)).toEqual([]);
  });

  it('keeps the circle in step with the community: a newcomer is seated when they open the room, a leaver loses their seat at once', async () => {
    const s = await setup();
    const chair = client(s.chair.cookie, s.meeting.id);
    await chair.connect();
    expect(chair.state!.members).toHaveLength(4);
    const newcomer = await t.signedInUser({ name: 'Eva Nieuw' });
    await f.addMember(t.ctx, s.community, newcomer, { organisationId: s.college.id, stakeholderGroup: 'college' });
    const eva = client(newcomer.cookie, s.meeting.id);
    await eva.connect();
    expect(eva.state!.seating[eva.state!.seating.length - 1]).toBe(newcomer.id);
    await chair.waitFor(() => chair.state!.members.some((m) => m.userId === newcomer.id));
    expect(chair.events.at(-1)!.event.kind).toBe('circle.sync');

    const detail = (await t.http.get(`/api/communities/${s.community.id}`, { cookie: s.coordinator.cookie })).json() as { members: { id: string; userId: string }[] };
    const carla = detail.members.find((m) => m.userId === s.member2.id)!;
    expect((await t.http.delete(`/api/communities/${s.community.id}/members/${carla.id}`, { cookie: s.coordinator.cookie })).statusCode).toBe(204);
    await chair.waitFor(() => !chair.state!.seating.includes(s.member2.id));
    await eva.waitForSeq(chair.state!.seq);
    expect(eva.state!.seating).toEqual(chair.state!.seating);
  });

  it('takes live notes into the programme, action items into the minutes, presence into attendance, and keeps check-outs in aggregate', async () => {
    const s = await setup();
    await t.http.post(`/api/meetings/${s.meeting.id}/agenda/start`, { cookie: s.chair.cookie });
    const chair = client(s.chair.cookie, s.meeting.id);
    const bram = client(s.member.cookie, s.meeting.id);
    await Promise.all([chair.connect(), bram.connect()]);
    const item = chair.state!.items[0]!;
    expect(await chair.send({ kind: 'item.next' })).toMatchObject({ type: 'ack' });
    expect(chair.state!.currentItemId).toBe(item.id);
    // Notes: the note-taker only, until the chair lets anyone write.
    expect(await bram.send({ kind: 'note.save', itemId: item.id, text: 'x', baseVersion: chair.state!.notes[item.id]!.version })).toMatchObject({ code: 'notTheNoteTaker' });
    await chair.send({ kind: 'notes.configure', mode: 'noteTaker', noteTakerUserId: s.member.id });
    await bram.waitFor(() => bram.state!.noteTakerUserId === s.member.id);
    expect(await bram.send({ kind: 'note.save', itemId: item.id, text: 'Iedereen vertelde kort.', baseVersion: bram.state!.notes[item.id]!.version })).toMatchObject({ type: 'ack' });
    expect(await bram.send({ kind: 'action.add', title: 'Leeslijst delen', ownerUserId: s.member2.id, dueDate: '2027-02-01', agendaItemId: item.id })).toMatchObject({ type: 'ack' });
    expect(await chair.send({ kind: 'presence.set', userId: s.absentee.id, present: true })).toMatchObject({ type: 'ack' });

    const agenda = (await t.http.get(`/api/meetings/${s.meeting.id}/agenda`, { cookie: s.chair.cookie })).json();
    expect(agenda.items[0].notes).toBe('Iedereen vertelde kort.');
    const minutes = (await t.http.get(`/api/meetings/${s.meeting.id}/minutes`, { cookie: s.chair.cookie })).json();
    expect(JSON.stringify(minutes)).toContain('Leeslijst delen');

    expect(await bram.send({ kind: 'checkOut.submit', score: 4, word: 'fijn' })).toMatchObject({ code: 'checkOutClosed' });
    await chair.send({ kind: 'checkOut.open' });
    await bram.waitFor(() => bram.state!.checkOut.open);
    expect(await bram.send({ kind: 'checkOut.submit', score: 4, word: 'twee woorden' })).toMatchObject({ type: 'rejected', status: 422, code: 'validation' });
    expect(await bram.send({ kind: 'checkOut.submit', score: 6, word: 'fijn' })).toMatchObject({ type: 'rejected', status: 422 });
    expect(await bram.send({ kind: 'checkOut.submit', score: 4, word: 'fijn' })).toMatchObject({ type: 'ack' });
    const done = await chair.send({ kind: 'checkOut.submit', score: 5, word: 'energiek' });
    await bram.waitForSeq((done as { seq: number }).seq);
    // While it is open only who answered travels: a growing aggregate would give each answer away.
    expect(bram.state!.checkOut).toEqual({ open: true, distribution: [0, 0, 0, 0, 0], words: [], answered: [s.chair.id, s.member.id].sort() });
    expect(JSON.stringify(bram.events)).not.toMatch(/"score"|fijn|energiek/);
    const voicesOpen = (await t.http.get(`/api/meetings/${s.meeting.id}/voices`, { cookie: s.member.cookie })).json();
    expect(voicesOpen.checkOut).toEqual({ count: 2, average: null, distribution: [0, 0, 0, 0, 0], words: [] });

    const closed = await chair.send({ kind: 'room.close' });
    await bram.waitForSeq((closed as { seq: number }).seq);
    expect(bram.state!.checkOut).toEqual({ open: false, distribution: [0, 0, 0, 1, 1], words: ['energiek', 'fijn'], answered: [s.chair.id, s.member.id].sort() });
    const voices = (await t.http.get(`/api/meetings/${s.meeting.id}/voices`, { cookie: s.member.cookie })).json();
    expect(voices.checkOut).toEqual({ count: 2, average: 4.5, distribution: [0, 0, 0, 1, 1], words: ['energiek', 'fijn'] });
    expect(await chair.send({ kind: 'turn.next' })).toMatchObject({ code: 'roomClosed' });
  });
});
