/**
 * A crash during a harvest round: the server runs as its own process (as in production), scripted
 * clients send turn changes and harvests continuously, the process is killed (SIGKILL: no goodbye,
 * transactions cut off), a new one starts on the same port, the clients reconnect and re-send what
 * was not acknowledged with the same ids. Afterwards the stored record must be exactly what was
 * acknowledged: no acknowledged intent lost, none applied twice, the knowledge log holding each
 * speaker's last acknowledged text, and every client in the stored state.
 *
 * PostgreSQL (KRING_TEST_DB=postgres): a fresh database, seeded by an app in this process that stays
 * open. PGlite: a data directory in a temporary folder, seeded by an app in this process that is
 * closed before the server process opens the directory (one process per data directory), and opened
 * again for the checks once the server process has stopped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app';
import { loadConfig, type AppConfig } from '../../config';
import { openDatabase, type Database } from '../../db/client';
import { harvests, roomEvents, rooms } from '../../db/schema';
import { cookieFrom, factories as f, httpClient, openTestDatabase, TEST_ORIGIN } from '../../test/harness';
import { RoomTestClient, type IntentResult } from '../../test/room-client';
import type { RoomIntent, RoomState } from '../../../contracts/room-state';
import { freePort, spawnKring, type KringProcess } from '../../../../bench/lib/kring-process';

const onPostgres = process.env.KRING_TEST_DB === 'postgres';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let tmp = '';
let database: Database | null = null;
let seedApp: FastifyInstance | null = null;
let server: KringProcess | null = null;
const clients: RoomTestClient[] = [];
let config: AppConfig;
/** Where the server process finds the database. */
let serverEnv: Record<string, string>;
let seeded: Awaited<ReturnType<typeof seed>>;

async function openSeedApp(db: Database) {
  const app = await buildApp({ config, database: db, logger: false });
  await app.ready();
  return app;
}

/** The chair, four members and a meeting they all attend (through the same use-cases as the API). */
async function seed(app: FastifyInstance) {
  const ctx = app.ctx;
  const http = httpClient(app);
  const signedIn = async (name: string) => {
    const u = await f.createUser(ctx, { name });
    const res = await (await ctx.auth()).api.signInEmail({ body: { email: u.email, password: u.password }, returnHeaders: true });
    return { ...u, cookie: cookieFrom(res.headers.getSetCookie()) };
  };
  const coordinator = await signedIn('Coördinator');
  const network = await f.createNetwork(ctx, coordinator);
  const school = await f.createOrganisation(ctx, coordinator, network.id, { name: 'De Regenboog' });
  const college = await f.createOrganisation(ctx, coordinator, network.id, { name: 'Pabo Noord', type: 'teacherCollege' });
  const community = await f.createCommunity(ctx, coordinator, network.id, { name: 'Kring Lezen' });
  const chair = await signedIn('Anna Voorzitter');
  await f.addMember(ctx, community, chair, { organisationId: school.id, roles: ['chair'] });
  const members = [];
  for (const [i, name] of ['Bram', 'Carla', 'Dirk', 'Eva'].entries()) {
    const m = await signedIn(`${name} Lid`);
    await f.addMember(ctx, community, m, { organisationId: i % 2 ? school.id : college.id });
    members.push(m);
  }
  const res = await http.post(`/api/communities/${community.id}/meetings`, { cookie: chair.cookie, body: { date: '2027-04-14', startTime: '19:30', durationMinutes: 120 } });
  expect(res.statusCode).toBe(201);
  const meetingId = (res.json() as { id: string }).id;
  expect((await http.put(`/api/meetings/${meetingId}/chair`, { cookie: coordinator.cookie, body: { userId: chair.id } })).statusCode).toBe(200);
  for (const u of [chair, ...members]) expect((await http.put(`/api/meetings/${meetingId}/attendance`, { cookie: u.cookie, body: { response: 'yes' } })).statusCode).toBe(200);
  return { chair, members, meetingId };
}

/** The database for the checks: the seeding app's (PostgreSQL), or the data directory opened again once the server is gone (PGlite). */
async function checkDatabase(): Promise<Database> {
  if (onPostgres) return database!;
  database = await openDatabase({ dataDir: path.join(tmp, 'data') });
  return database;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-fault-'));
  config = {
    ...loadConfig({ NODE_ENV: 'test' } as NodeJS.ProcessEnv),
    publicUrl: TEST_ORIGIN,
    dataDir: path.join(tmp, 'data'),
    databaseUrl: undefined,
    smtpUrl: undefined,
    webDist: undefined,
    devTools: false,
    rateLimits: false,
    logLevel: 'silent',
    jobsIntervalMs: 0,
  };
  database = onPostgres ? await openTestDatabase() : await openDatabase({ dataDir: config.dataDir });
  seedApp = await openSeedApp(database);
  seeded = await seed(seedApp);
  serverEnv = { AUTH_SECRET: config.authSecret, RATE_LIMITS: 'off' };
  if (onPostgres) {
    serverEnv.DATABASE_URL = database.pool!.options.connectionString!;
  } else {
    // One process per data directory: the server process takes it over.
    await seedApp.close();
    await database.close();
    seedApp = null;
    database = null;
    serverEnv.DATA_DIR = config.dataDir;
    serverEnv.DATABASE_URL = '';
  }
}, 180_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await server?.stop();
  await seedApp?.close();
  await database?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

interface Sent {
  client: RoomTestClient;
  id: string;
  intent: RoomIntent;
  answer?: IntentResult;
}

describe('a server process killed during a harvest round', () => {
  it('comes back; the clients reconnect and re-send; the record holds exactly the acknowledged intents', async () => {
    const port = await freePort();
    server = await spawnKring({ port, env: serverEnv });
    const { chair, members, meetingId } = seeded;
    const baseUrl = server.baseUrl;
    const make = (cookie: string, label: string) => {
      const c = new RoomTestClient({ baseUrl, cookie, meetingId, reconnect: true, label });
      clients.push(c);
      return c;
    };
    const chairClient = make(chair.cookie, 'chair');
    const speakers = members.map((m) => make(m.cookie, m.name));
    const everyone = [chairClient, ...speakers];
    await Promise.all(everyone.map((c) => c.connect()));

    const sent: Sent[] = [];
    let n = 0;
    const send = async (client: RoomTestClient, intent: RoomIntent) => {
      const s: Sent = { client, id: `fault-${(n++).toString().padStart(5, '0')}-${everyone.indexOf(client)}`, intent };
      sent.push(s);
      s.answer = await client.send(intent, s.id);
      return s.answer;
    };
    /** Waits until the client shows the room at `seq` or later (across a reconnect: from its new snapshot). */
    const caughtUp = (c: RoomTestClient, seq: number) => c.waitFor(() => (c.state?.seq ?? -1) >= seq, 30_000);

    expect(await send(chairClient, { kind: 'round.start', turnSeconds: 120 })).toMatchObject({ type: 'ack' });
    const turnCount = chairClient.state!.round!.turns.length;
    expect(turnCount).toBe(5);

    let stopping = false;
    // The chair walks the round forward and back (it never completes), waiting for each answer and
    // for its own state to show it: across the crash that is the new snapshot.
    const driver = (async () => {
      let forward = true;
      while (!stopping) {
        await caughtUp(chairClient, 0);
        const turns = chairClient.state!.round!.turns;
        const taken = turns.filter((x) => x.status === 'spoke' || x.status === 'passed').length;
        if (forward && taken >= turns.length - 1) forward = false;
        if (!forward && taken === 0) forward = true;
        const answer = await send(chairClient, forward ? { kind: 'turn.next' } : { kind: 'turn.previous' });
        expect(answer, 'a turn change of the only driver').toMatchObject({ type: 'ack' });
        await caughtUp(chairClient, (answer as { seq: number }).seq);
        await sleep(60 + Math.random() * 40); // ≈ 10 a second: well inside the socket's 200 messages per 10 s
      }
    })();
    // Each member writes their own harvest, a new text each time, once their turn was reached.
    const versions = new Map<string, number | null>();
    const writers = speakers.map(async (c, i) => {
      const userId = members[i]!.id;
      versions.set(userId, null);
      for (let k = 0; !stopping; k++) {
        await sleep(80 + Math.random() * 80);
        const turn = c.state?.round?.turns.find((x) => x.userId === userId);
        if (!turn || turn.status === 'waiting') continue;
        const answer = await send(c, { kind: 'harvest.save', userId, text: `${c.label}: oogst ${k}`, baseVersion: versions.get(userId)! });
        if (answer.type === 'ack') versions.set(userId, (versions.get(userId) ?? 0) + 1);
        // The only refusal that can happen: the chair took the turn back meanwhile. A stale version
        // would mean an acknowledged save was lost or a save was applied twice.
        else expect(answer.code, `${c.label}: ${answer.message}`).toBe('turnNotReached');
      }
    });

    // A failed expectation in a loop stops them all (and fails the test where they are awaited).
    for (const loop of [driver, ...writers]) loop.catch(() => (stopping = true));

    // Mid-round, three times: at a moment when intents are in flight, kill the process and start a new one
    // on the same port; the clients reconnect by themselves.
    const inFlight = () => everyone.flatMap((c) => [...c.pending.keys()]);
    const killedWith: string[][] = [];
    /** Per restart: the room's seq when the new process took over (the lowest seq a client's first snapshot from it showed). */
    const restartSeqs: number[] = [];
    for (let kill = 1; kill <= 3; kill++) {
      await sleep(1500);
      const deadline = Date.now() + 5000;
      while (inFlight().length < 2 && Date.now() < deadline) await new Promise((r) => setImmediate(r));
      killedWith.push(inFlight());
      const snapshotsBefore = new Map(everyone.map((c) => [c, c.messages.filter((m) => m.type === 'snapshot').length]));
      await server.kill('SIGKILL');
      server = await spawnKring({ port, env: serverEnv });
      await Promise.all(everyone.map((c) => c.waitFor(() => c.connects >= kill + 1 && c.state !== null, 30_000)));
      restartSeqs.push(Math.min(...everyone.map((c) => (c.messages.filter((m) => m.type === 'snapshot')[snapshotsBefore.get(c)!] as { state: RoomState }).state.seq)));
    }
    const beforeLastKill = sent.filter((s) => s.answer?.type === 'ack').length;
    await sleep(1500);
    stopping = true;
    await Promise.all([driver, ...writers]);
    expect(sent.filter((s) => s.answer?.type === 'ack').length).toBeGreaterThan(beforeLastKill + 5);

    // A retry of an intent the first (killed) process acknowledged: the new process knows it from
    // the database and answers with the first seq, without a second effect.
    const early = sent.find((s) => s.answer?.type === 'ack' && s.intent.kind === 'turn.next')!;
    // First let the chair's screen catch up with every acknowledged change: a member's last save can be
    // acknowledged to the member before its event reaches the chair, and that late event is not the retry's.
    const ackedSeqs = sent.filter((s) => s.answer?.type === 'ack').map((s) => (s.answer as { seq: number }).seq);
    await caughtUp(chairClient, Math.max(...ackedSeqs));
    const seqBeforeRetry = chairClient.state!.seq;
    expect(await chairClient.send(early.intent, early.id)).toEqual(early.answer);
    await sleep(200);
    expect(chairClient.state!.seq).toBe(seqBeforeRetry);

    // Every intent sent was answered: nothing is pending any more.
    for (const c of everyone) expect(c.pending.size, `${c.label} still waits`).toBe(0);
    const acked = sent.filter((s) => s.answer!.type === 'ack');
    const lastSeq = Math.max(...acked.map((s) => (s.answer as { seq: number }).seq));
    await Promise.all(everyone.map((c) => caughtUp(c, lastSeq)));
    const states = new Map(everyone.map((c) => [c.label, c.state!]));
    for (const c of everyone) c.close();
    await server.stop();
    server = null;

    const db = await checkDatabase();
    const stored = await db.db
      .select({ clientId: roomEvents.clientId, seq: roomEvents.seq })
      .from(roomEvents)
      .where(eq(roomEvents.meetingId, meetingId))
      .orderBy(asc(roomEvents.seq));
    const [room] = await db.db.select({ seq: rooms.seq, state: rooms.state }).from(rooms).where(eq(rooms.meetingId, meetingId));
    const unacked = stored.filter((r) => !acked.some((a) => a.id === r.clientId)).map((r) => `${r.seq}:${r.clientId}:${JSON.stringify(sent.find((x) => x.id === r.clientId)?.answer ?? null)}`);
    // The events are numbered without a gap, and the room's snapshot is the last of them.
    expect(stored.map((r) => r.seq)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
    expect(room!.seq, `stored without an ack: ${unacked.join(', ')}`).toBe(lastSeq);
    expect(stored.length).toBe(lastSeq);
    // Exactly the acknowledged intents, each once, at the seq its acknowledgement named; nothing refused.
    expect(new Map(stored.map((r) => [r.clientId, r.seq]))).toEqual(new Map(acked.map((s) => [s.id, (s.answer as { seq: number }).seq])));
    // The knowledge log: each speaker's last acknowledged text, at the version the acknowledgements counted.
    const lastText = new Map<string, { text: string; version: number }>();
    for (const s of acked) if (s.intent.kind === 'harvest.save') lastText.set(s.intent.userId, { text: s.intent.text, version: (lastText.get(s.intent.userId)?.version ?? 0) + 1 });
    const rows = await db.db.select({ speakerId: harvests.speakerId, text: harvests.text, version: harvests.version }).from(harvests).where(eq(harvests.meetingId, meetingId));
    expect(new Map(rows.map((r) => [r.speakerId, { text: r.text, version: r.version }]))).toEqual(lastText);
    expect(lastText.size).toBeGreaterThan(1);
    // Every client ended in the stored state.
    for (const [label, state] of states) expect(state, `${label}'s state`).toEqual(room!.state as unknown as RoomState);

    // What the kills cut off: intents whose transaction had committed but whose ack never left
    // (answered after the restart with their first seq), and intents applied only when re-sent.
    const seqOf = new Map(acked.map((s) => [s.id, (s.answer as { seq: number }).seq]));
    const cut = killedWith.map((ids, i) => ({
      inFlight: ids.length,
      committedAckLost: ids.filter((id) => (seqOf.get(id) ?? Infinity) <= restartSeqs[i]!).length,
      appliedWhenResent: ids.filter((id) => (seqOf.get(id) ?? -1) > restartSeqs[i]!).length,
    }));
    expect(cut.every((k) => k.inFlight > 0)).toBe(true);
    console.log(
      `[fault] ${onPostgres ? 'PostgreSQL' : 'PGlite'}: ${sent.length} intents sent, ${acked.length} acknowledged, ` +
        `${sent.length - acked.length} refused (turn taken back); ${lastSeq} events stored; per kill: ${JSON.stringify(cut)}`,
    );
  }, 120_000);
});
