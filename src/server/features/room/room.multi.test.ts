/**
 * Two Kring server instances on one PostgreSQL database, with scripted clients on each: events
 * travel between the processes through LISTEN/NOTIFY, and the row lock on `rooms` orders intents
 * that arrive at both at once. Every client must end with the same events in the same order as the
 * database holds them, and the same state. PostgreSQL only (PGlite is one process by design).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app';
import { openDatabase, type Database } from '../../db/client';
import { harvests, roomEvents, rooms } from '../../db/schema';
import { createTestApp, factories as f, type TestApp } from '../../test/harness';
import { listenUrl, RoomTestClient, type IntentResult } from '../../test/room-client';
import type { RoomEnvelope, RoomIntent, RoomState } from '../../../contracts/room-state';
import { eventsAfter } from './room.repository';
import { RoomHub } from '../../plugins/realtime';

const onPostgres = process.env.KRING_TEST_DB === 'postgres';

let t: TestApp;
let second: { app: FastifyInstance; database: Database };
const urls = { a: '', b: '' };
const clients: RoomTestClient[] = [];
let people: Awaited<ReturnType<typeof createPeople>>;

async function createPeople() {
  const coordinator = await t.signedInUser({ name: 'Coördinator' });
  const network = await f.createNetwork(t.ctx, coordinator);
  const orgs = [
    await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'De Regenboog' }),
    await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Pabo Noord', type: 'teacherCollege' }),
    await f.createOrganisation(t.ctx, coordinator, network.id, { name: 'Jeugdhulp Oost' }),
  ];
  const chair = await t.signedInUser({ name: 'Anna Voorzitter' });
  const members = [];
  for (const name of ['Bram', 'Carla', 'Dirk', 'Eva', 'Frits']) members.push(await t.signedInUser({ name: `${name} Lid` }));
  const observer = await t.signedInUser({ name: 'Olaf Kijker' });
  return { coordinator, network, orgs, chair, members, observer };
}

/** A community with the chair, five members and an observer, and one meeting everyone attends. */
async function meeting() {
  const { coordinator, network, orgs, chair, members, observer } = people;
  const community = await f.createCommunity(t.ctx, coordinator, network.id, { name: `Kring ${Math.random().toString(36).slice(2, 8)}` });
  await f.addMember(t.ctx, community, chair, { organisationId: orgs[0]!.id, roles: ['chair'] });
  for (const [i, m] of members.entries()) await f.addMember(t.ctx, community, m, { organisationId: orgs[i % orgs.length]!.id });
  await f.addMember(t.ctx, community, observer, { roles: ['observer'] });
  const res = await t.http.post(`/api/communities/${community.id}/meetings`, {
    cookie: chair.cookie,
    body: { date: '2027-03-10', startTime: '19:30', durationMinutes: 120 },
  });
  expect(res.statusCode).toBe(201);
  const { id } = res.json() as { id: string };
  expect((await t.http.put(`/api/meetings/${id}/chair`, { cookie: coordinator.cookie, body: { userId: chair.id } })).statusCode).toBe(200);
  for (const u of [chair, ...members]) {
    expect((await t.http.put(`/api/meetings/${id}/attendance`, { cookie: u.cookie, body: { response: 'yes' } })).statusCode).toBe(200);
  }
  return id;
}

function client(instance: 'a' | 'b', cookie: string, meetingId: string, label: string) {
  const c = new RoomTestClient({ baseUrl: urls[instance], cookie, meetingId, label: `${label}@${instance}` });
  clients.push(c);
  return c;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seqOf = (r: IntentResult) => (r.type === 'ack' ? r.seq : null);
const strip = (events: RoomEnvelope[]) => events.map(({ meetingId, seq, at, by, event }) => ({ meetingId, seq, at, by, event }));

/** The room as the database holds it: its events in order, the folded state, and which intent id made which event. */
async function stored(meetingId: string) {
  const events = await eventsAfter(t.ctx.db, meetingId, 0);
  const [room] = await t.ctx.db.select({ seq: rooms.seq, state: rooms.state }).from(rooms).where(eq(rooms.meetingId, meetingId));
  const ids = await t.ctx.db
    .select({ clientId: roomEvents.clientId, seq: roomEvents.seq })
    .from(roomEvents)
    .where(eq(roomEvents.meetingId, meetingId))
    .orderBy(asc(roomEvents.seq));
  return { events, seq: room!.seq, state: room!.state as unknown as RoomState, ids: new Map(ids.map((r) => [r.clientId, r.seq])) };
}

/** Every client caught up with the database: the same events in the same order, and the same state. */
async function expectSameHistory(meetingId: string, watchers: RoomTestClient[]) {
  const db = await stored(meetingId);
  await Promise.all(watchers.map((c) => c.waitForSeq(db.seq, 20_000)));
  expect(db.events.map((e) => e.seq)).toEqual(Array.from({ length: db.seq }, (_, i) => i + 1));
  for (const c of watchers) {
    // Everyone joined before the first intent: each saw every event, live, without a resync.
    expect(c.connects, `${c.label} reconnected`).toBe(1);
    expect(strip(c.events), `${c.label} saw another history`).toEqual(db.events);
    expect(c.state, `${c.label} ended in another state`).toEqual(db.state);
  }
  return db;
}

/**
 * The chair's walk through the round, without a round ever completing: forward to the last turn,
 * back to the first, and so on. `speakingIndex` is the number of turns already taken.
 */
function turnChange(state: RoomState, forward: { value: boolean }): RoomIntent {
  const turns = state.round!.turns;
  const taken = turns.filter((x) => x.status === 'spoke' || x.status === 'passed').length;
  if (forward.value && taken >= turns.length - 1) forward.value = false;
  if (!forward.value && taken === 0) forward.value = true;
  return forward.value ? { kind: 'turn.next' } : { kind: 'turn.previous' };
}

/** Drives `count` turn changes from `driver`, each once its own state shows the previous one. */
async function drive(driver: RoomTestClient, count: number, log: { turnAcks: number[] }) {
  const forward = { value: true };
  for (let i = 0; i < count; i++) {
    const result = await driver.send(turnChange(driver.state!, forward));
    expect(result, `${driver.label} turn change ${i}`).toMatchObject({ type: 'ack' });
    const seq = seqOf(result)!;
    log.turnAcks.push(seq);
    await driver.waitForSeq(seq);
    // Paced, so that the speakers' harvests interleave with the turns however fast the server is.
    await sleep(10 + (i % 3 === 0 ? Math.random() * 8 : 0));
  }
}

/**
 * A speaker writing their own harvest again and again while the turns move on: refused while their
 * turn has not come (or was taken back), accepted with the next version otherwise.
 */
async function writeHarvests(speaker: RoomTestClient, userId: string, until: () => boolean, log: { texts: Map<string, { text: string; version: number }>; acks: number }) {
  let version: number | null = null;
  for (let n = 0; !until(); n++) {
    await sleep(80 + Math.random() * 80);
    const turn = speaker.state?.round?.turns.find((x) => x.userId === userId);
    if (!turn || turn.status === 'waiting') continue;
    const text = `${speaker.label} oogst ${n}`;
    const result = await speaker.send({ kind: 'harvest.save', userId, text, baseVersion: version });
    if (result.type === 'ack') {
      version = (version ?? 0) + 1;
      log.texts.set(userId, { text, version });
      log.acks++;
    } else {
      // Only the speaker writes their harvest: a stale version would mean an intent was lost or doubled.
      expect(result.code, `${speaker.label}: ${result.message}`).toBe('turnNotReached');
    }
  }
}

describe.skipIf(!onPostgres)('two server instances on one PostgreSQL database', () => {
  beforeAll(async () => {
    t = await createTestApp();
    // The second instance: its own pool on the same database, hence its own LISTEN connection.
    const url = t.ctx.database.pool!.options.connectionString!;
    const database = await openDatabase({ databaseUrl: url, dataDir: '' });
    const app = await buildApp({ config: t.ctx.config, database, logger: false });
    await app.ready();
    second = { app, database };
    urls.a = await listenUrl(t.app);
    urls.b = await listenUrl(app);
    people = await createPeople();
  }, 180_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await second?.app.close();
    await second?.database.close();
    await t?.close();
  });

  it('every client on either instance sees every turn change and harvest, in the same order, through a hand-over of the chair', async () => {
    const meetingId = await meeting();
    const { chair, members, observer } = people;
    // The chair on A; members spread over both; the observer watches from B.
    const on = (i: number): 'a' | 'b' => (i % 2 === 0 ? 'b' : 'a');
    const chairA = client('a', chair.cookie, meetingId, 'chair');
    const speakers = members.map((m, i) => client(on(i), m.cookie, meetingId, m.name));
    const olaf = client('b', observer.cookie, meetingId, 'observer');
    const everyone = [chairA, ...speakers, olaf];
    await Promise.all(everyone.map((c) => c.connect()));
    expect(everyone.map((c) => c.state!.seq)).toEqual(everyone.map(() => 0));

    expect(await chairA.send({ kind: 'round.start', turnSeconds: 120 })).toMatchObject({ type: 'ack' });
    await Promise.all(everyone.map((c) => c.waitForSeq(1)));
    const turnCount = chairA.state!.round!.turns.length;
    expect(turnCount).toBe(6);

    const log = { turnAcks: [] as number[], texts: new Map<string, { text: string; version: number }>(), acks: 0 };
    let done = false;
    const writers = [chairA, ...speakers].map((c, i) => writeHarvests(c, i === 0 ? chair.id : members[i - 1]!.id, () => done, log));
    try {
      // Phase 1: the chair drives from instance A.
      await drive(chairA, 60, log);
      // Phase 2: the chair hands over to a member on instance B, who drives from there.
      const next = speakers[0]!;
      expect(await chairA.send({ kind: 'chair.handOver', userId: members[0]!.id })).toMatchObject({ type: 'ack' });
      await next.waitFor(() => next.state!.chairUserId === members[0]!.id);
      expect(await chairA.send({ kind: 'turn.next' })).toMatchObject({ type: 'rejected', code: 'notTheChair' });
      await drive(next, 60, log);
    } finally {
      done = true;
      await Promise.all(writers);
    }

    const db = await expectSameHistory(meetingId, everyone);
    const kinds = db.events.map((e) => e.event.kind);
    expect(kinds.filter((k) => k === 'turn.next' || k === 'turn.previous')).toHaveLength(120);
    expect(kinds.filter((k) => k === 'harvest.save')).toHaveLength(log.acks);
    // Enough harvests went in between the turn changes to make the order worth checking.
    expect(log.acks).toBeGreaterThan(5);
    // Each turn-change ack names the event it made.
    for (const seq of log.turnAcks) expect(['turn.next', 'turn.previous']).toContain(db.events[seq - 1]!.event.kind);
    // The knowledge log holds the last text each speaker had acknowledged.
    const rows = await t.ctx.db.select({ speakerId: harvests.speakerId, text: harvests.text, version: harvests.version }).from(harvests).where(eq(harvests.meetingId, meetingId));
    expect(Object.fromEntries(rows.map((r) => [r.speakerId, { text: r.text, version: r.version }]))).toEqual(Object.fromEntries(log.texts));
  }, 180_000);

  it('orders intents sent at once to both instances into one total order that every client sees', async () => {
    const meetingId = await meeting();
    const { chair, members, observer } = people;
    // The chair is signed in on both instances; everyone else sits on one of them.
    const chairA = client('a', chair.cookie, meetingId, 'chair');
    const chairB = client('b', chair.cookie, meetingId, 'chair');
    const speakers = members.map((m, i) => client(i % 2 === 0 ? 'a' : 'b', m.cookie, meetingId, m.name));
    const watchers = [client('a', observer.cookie, meetingId, 'observer'), client('b', observer.cookie, meetingId, 'observer')];
    const everyone = [chairA, chairB, ...speakers, ...watchers];
    await Promise.all(everyone.map((c) => c.connect()));

    const sent: { client: RoomTestClient; id: string; intent: RoomIntent; result: Promise<IntentResult> }[] = [];
    let n = 0;
    const fire = (c: RoomTestClient, intent: RoomIntent) => {
      const id = `multi-${meetingId.slice(0, 8)}-${(n++).toString().padStart(4, '0')}`;
      const result = c.send(intent, id);
      sent.push({ client: c, id, intent, result });
      return result;
    };

    expect(await fire(chairA, { kind: 'round.start', turnSeconds: null })).toMatchObject({ type: 'ack' });
    await Promise.all(everyone.map((c) => c.waitForSeq(1)));

    // Bursts from both chairs at once, without waiting for answers: turn changes in both directions
    // (some are refused, e.g. "no previous turn", depending on what the other instance did first),
    // while every member saves a harvest for their own turn as soon as they see it reached.
    for (let burst = 0; burst < 6; burst++) {
      for (let i = 0; i < 8; i++) {
        void fire(chairA, { kind: i % 3 === 2 ? 'turn.previous' : 'turn.next' });
        void fire(chairB, { kind: i % 4 === 3 ? 'turn.previous' : 'turn.next' });
      }
      for (const [i, s] of speakers.entries()) {
        const userId = members[i]!.id;
        const turn = s.state!.round!.turns.find((x) => x.userId === userId);
        if (turn && turn.status !== 'waiting' && !s.state!.harvests[userId]) void fire(s, { kind: 'harvest.save', userId, text: `${s.label} ronde ${burst}`, baseVersion: null });
      }
      await sleep(30);
    }
    // Then the check-out, answered by everyone at once on both instances: each summary is counted
    // inside the lock, so the n-th submit event must show n answers.
    const opened = await fire(chairB, { kind: 'checkOut.open' });
    expect(opened).toMatchObject({ type: 'ack' });
    await Promise.all(everyone.map((c) => c.waitForSeq(seqOf(opened)!)));
    const answering = [chairA, ...speakers];
    for (const [i, s] of answering.entries()) void fire(s, { kind: 'checkOut.submit', score: 1 + (i % 5), word: `woord${i}` });

    const results = await Promise.all(sent.map(async (s) => ({ ...s, answer: await s.result })));
    const acked = results.filter((r) => r.answer.type === 'ack');
    const refused = results.filter((r) => r.answer.type === 'rejected');
    expect(acked.length).toBeGreaterThan(40);
    for (const r of refused) expect(['noPreviousTurn', 'roundComplete', 'staleVersion', 'turnNotReached']).toContain((r.answer as { code: string }).code);
    // Both instances applied some of the turn changes.
    expect(acked.some((r) => r.client === chairA && r.intent.kind.startsWith('turn.'))).toBe(true);
    expect(acked.some((r) => r.client === chairB && r.intent.kind.startsWith('turn.'))).toBe(true);

    const db = await expectSameHistory(meetingId, everyone);
    // One total order: every acknowledged intent is exactly one stored event, at the seq its ack
    // named; nothing refused was stored; no seq was acknowledged twice.
    expect(db.ids).toEqual(new Map(acked.map((r) => [r.id, seqOf(r.answer)!])));
    expect(new Set(acked.map((r) => seqOf(r.answer))).size).toBe(acked.length);
    for (const r of acked) expect(db.events[seqOf(r.answer)! - 1]!.event.kind).toBe(r.intent.kind);
    const submits = db.events.filter((e) => e.event.kind === 'checkOut.submit');
    expect(submits.map((e) => (e.event.kind === 'checkOut.submit' ? e.event.summary.answered.length : 0))).toEqual(answering.map((_, i) => i + 1));
    // While open only who answered is shared; the tally is revealed when the meeting closes.
    expect(db.state.checkOut.answered).toHaveLength(answering.length);
    expect(db.state.checkOut.distribution).toEqual([0, 0, 0, 0, 0]);
  }, 180_000);

});

describe('delivery to a process where the first client is just joining', () => {
  it('an event another process commits while the first joiner’s snapshot is being read reaches that joiner', async () => {
    // Deterministic form of a race the two-instance tests can hit: B has nobody in the room, a
    // client joins there and B reads the snapshot (seq 0); meanwhile A commits seq 1 and its NOTIFY
    // reaches B before the snapshot does. The hub must not drop it for "nobody is subscribed here".
    const event: RoomEnvelope = { meetingId: 'm1', seq: 1, at: new Date().toISOString(), by: 'u1', event: { kind: 'turn.next' } };
    const log = { error: () => {}, warn: () => {} } as unknown as ConstructorParameters<typeof RoomHub>[1];
    const hub = new RoomHub(async (_m, after) => [event].filter((e) => e.seq > after), log);
    const got: string[] = [];
    let snapshotRead!: (state: { seq: number }) => void;
    const joined = hub.join('m1', { send: (raw) => got.push(JSON.parse(raw).seq) }, () => new Promise<{ seq: number }>((r) => (snapshotRead = r)), (s) => got.push(`snapshot ${s.seq}`));
    await sleep(1);
    const delivered = hub.deliver('m1', 1, event);
    snapshotRead({ seq: 0 });
    await joined;
    await delivered;
    expect(got).toEqual(['snapshot 0', 1]);
  });
});
