/**
 * Part 3 benchmark, the live meeting room: `npm run bench:room [-- --db postgres|pglite|all] [--write] [--profile]`.
 *
 * One Kring server process, ROOMS rooms of PER_ROOM clients (200 × 8 = 1,600 sockets, all in this
 * process, so every latency is measured on one clock). Each room's chair sends a turn change every
 * second (the rooms spread over the second), and now and then a harvest; latency is the time from
 * the chair's send to each client's receipt of the event, lost = deliveries expected − received.
 * Then a short burst at the highest rate each side sustains (every chair sends its next intent as
 * soon as the previous one is answered). The floor: a bare `ws` server process
 * (lib/room-floor-server.ts) with the same topology, driven by the same clients with the same
 * messages. Memory per client: the server's RSS with 1,600 sockets joined minus its RSS before the
 * first socket, over 1,600. See bench/README.md.
 *
 * Environment: ROOM_BENCH_SECONDS (60), ROOM_BENCH_ROOMS (200), ROOM_BENCH_CLIENTS (8),
 * ROOM_BENCH_BURST_SECONDS (10), ROOM_BENCH_WARMUP_SECONDS (5), BENCH_PG_URL (admin URL).
 * RESULTS.md is updated only by a full run (60 s, 200 × 8; not with --dry) or with --write.
 */
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import WebSocket from 'ws';
import { openDatabase } from '../src/server/db/client';
import { evolve, type RoomEnvelope, type RoomIntent, type RoomState } from '../src/contracts/room-state';
import { ROOM_SOCKET_PATH } from '../src/contracts/room';
import { cpuMsOf, freePort, repoRoot, rssOf, spawnKring, type KringProcess } from './lib/kring-process';
import { intentBreakdown, type Breakdown } from './lib/room-breakdown';
import { seedRooms, type RoomSeeded } from './lib/room-seed';
import { freshDatabase, PG_ADMIN_URL, postgresReachable } from './lib/server';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const SECONDS = env('ROOM_BENCH_SECONDS', 60);
const ROOMS = env('ROOM_BENCH_ROOMS', 200);
const PER_ROOM = env('ROOM_BENCH_CLIENTS', 8);
const BURST_SECONDS = env('ROOM_BENCH_BURST_SECONDS', 10);
const WARMUP_SECONDS = env('ROOM_BENCH_WARMUP_SECONDS', 5);
/** Every HARVEST_EVERY-th second a room's chair also saves a harvest, half a second after the turn change. */
const HARVEST_EVERY = 15;
const BURST_RAMP_MS = 1000;
/** Waiting for late deliveries before counting the missing ones as lost (an overloaded server catches up slowly). */
const DRAIN_MS = 60_000;

const TARGETS = { p99Ms: 50, lost: 0, ratio: 0.5 };

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const dbChoice = arg('db', 'all');
const fullRun = SECONDS >= 60 && ROOMS === 200 && PER_ROOM === 8;
const write = process.argv.includes('--write') || (fullRun && !process.argv.includes('--dry'));
const profile = process.argv.includes('--profile');
const log = (msg: string) => console.log(`[bench:room] ${msg}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadAtStart = os.loadavg()[0]!;
/** Server processes running now: killed if this process exits early. */
const running = new Set<KringProcess>();
process.on('exit', () => {
  for (const p of running) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});
async function start(opts: Parameters<typeof spawnKring>[0]) {
  const p = await spawnKring(opts);
  running.add(p);
  void p.exited.then(() => running.delete(p));
  return p;
}

// ----- the clients ------------------------------------------------------------------------------

type PhaseName = 'warmup' | 'steady' | 'burst';

interface Room {
  index: number;
  meetingId: string;
  clients: Client[];
  chair: Client;
  /** Speakers in turn order (from the round.start event, as the chair's client folds it). */
  turns: string[];
  position: number;
  forward: boolean;
  versions: Map<string, number>;
  /** Intents sent and not answered: id → when and in which phase. */
  pending: Map<string, { t: number; phase: PhaseName }>;
  /** seq → when the intent that made it was sent, and in which phase (from the acks). */
  sentAt: Map<number, { t: number; phase: PhaseName }>;
  /** Receipts: [seq, client, time, seq, client, time, …]. */
  receipts: number[];
  sent: number;
  /** In the burst: send the next intent as soon as one is answered. */
  loop: boolean;
  /** The chair's first events, until the turn order is known. */
  chairEvents: RoomEnvelope[];
}

interface Client {
  room: Room;
  index: number;
  ws: WebSocket;
  userId: string;
  snapshot: { state: RoomState } | null;
  onSnapshot: (() => void) | null;
}

const counters = { rejected: 0, errors: 0, rejections: new Map<string, number>() };
let intentCounter = 0;
let currentPhase: PhaseName = 'warmup';
/** Names the diagnostics files of the server under test (ROOM_BENCH_DUMP). */
let dumpName = '';

function onMessage(c: Client, raw: string) {
  const now = performance.now();
  // Events are most of the traffic: read the seq without parsing the whole envelope (Kring and the
  // floor both write {"type":"event","meetingId":…,"seq":N,…}).
  if (raw.startsWith('{"type":"event"')) {
    const i = raw.indexOf('"seq":');
    const seq = parseInt(raw.slice(i + 6, i + 20), 10);
    c.room.receipts.push(seq, c.index, now);
    if (c === c.room.chair && c.room.turns.length === 0) c.room.chairEvents.push(JSON.parse(raw) as RoomEnvelope);
    return;
  }
  const msg = JSON.parse(raw) as { type: string; id?: string; seq?: number; code?: string; state?: RoomState };
  if (msg.type === 'snapshot') {
    c.snapshot = { state: msg.state! };
    c.onSnapshot?.();
  } else if (msg.type === 'ack' || msg.type === 'rejected' || msg.type === 'error') {
    const room = c.room;
    const p = msg.id ? room.pending.get(msg.id) : undefined;
    if (msg.id) room.pending.delete(msg.id);
    if (msg.type === 'ack' && p) room.sentAt.set(msg.seq!, p);
    if (msg.type !== 'ack') {
      counters[msg.type === 'rejected' ? 'rejected' : 'errors']++;
      counters.rejections.set(msg.code ?? '?', (counters.rejections.get(msg.code ?? '?') ?? 0) + 1);
    }
    if (room.loop && c === room.chair) sendTurn(room);
  }
}

function send(room: Room, intent: RoomIntent) {
  const id = `bench-${room.index}-${(intentCounter++).toString(36).padStart(6, '0')}`;
  room.pending.set(id, { t: performance.now(), phase: currentPhase });
  room.sent++;
  room.chair.ws.send(JSON.stringify({ type: 'intent', id, meetingId: room.meetingId, intent }));
}

/** The chair walks the round forward to the last turn and back, so a round never completes. */
function sendTurn(room: Room) {
  const last = room.turns.length - 1;
  if (room.forward && room.position >= last) room.forward = false;
  if (!room.forward && room.position <= 0) room.forward = true;
  room.position += room.forward ? 1 : -1;
  send(room, { kind: room.forward ? 'turn.next' : 'turn.previous' });
}

/** The chair writes the current speaker's harvest (the chair may write anyone's whose turn has come). */
function sendHarvest(room: Room) {
  const userId = room.turns[room.position]!;
  const base = room.versions.get(userId) ?? null;
  room.versions.set(userId, (base ?? 0) + 1);
  const text = `Oogst ${room.sent}: leesouders helpen bij het stillezen in groep 3 en 4; volgende keer meer tijd voor vragen uit de kring.`;
  send(room, { kind: 'harvest.save', userId, text, baseVersion: base });
}

async function connectAll(baseUrl: string, seeded: RoomSeeded): Promise<Room[]> {
  const wsBase = baseUrl.replace(/^http/, 'ws');
  const rooms: Room[] = seeded.meetingIds.map((meetingId, index) => ({
    index,
    meetingId,
    clients: [],
    chair: null as unknown as Client,
    turns: [],
    position: 0,
    forward: true,
    versions: new Map(),
    pending: new Map(),
    sentAt: new Map(),
    receipts: [],
    sent: 0,
    loop: false,
    chairEvents: [],
  }));
  const jobs = rooms.flatMap((room) => seeded.users.map((u, i) => ({ room, u, i })));
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const { room, u, i } = jobs[next++]!;
      const ws = new WebSocket(`${wsBase}${ROOM_SOCKET_PATH}?u=${encodeURIComponent(u.id)}`, { headers: { cookie: u.cookie, origin: baseUrl }, perMessageDeflate: false });
      const c: Client = { room, index: i, ws, userId: u.id, snapshot: null, onSnapshot: null };
      await new Promise<void>((resolve, reject) => {
        ws.once('open', resolve);
        ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
        ws.once('error', reject);
      });
      ws.on('message', (data) => onMessage(c, data.toString()));
      ws.on('close', () => counters.errors++);
      const snap = new Promise<void>((resolve) => (c.onSnapshot = resolve));
      ws.send(JSON.stringify({ type: 'join', meetingId: room.meetingId }));
      await snap;
      c.onSnapshot = null;
      room.clients[i] = c;
      if (i === 0) room.chair = c;
    }
  };
  await Promise.all(Array.from({ length: 50 }, worker));
  return rooms;
}

/** Starts the round in every room and learns its turn order (Kring: as the chair's client folds the event). */
async function startRounds(rooms: Room[], seeded: RoomSeeded, kind: 'kring' | 'floor') {
  for (const room of rooms) send(room, { kind: 'round.start', turnSeconds: null });
  const deadline = Date.now() + 60_000;
  while (rooms.some((r) => r.pending.size > 0 || (kind === 'kring' && r.chairEvents.length === 0))) {
    if (Date.now() > deadline) throw new Error('round.start was not answered in every room within 60 s');
    await sleep(20);
  }
  for (const room of rooms) {
    if (kind === 'kring') {
      const state = evolve(room.chair.snapshot!.state, room.chairEvents[0]!);
      room.turns = state.round!.turns.map((t) => t.userId);
      if (room.turns.length !== PER_ROOM) throw new Error(`room ${room.index}: ${room.turns.length} turns, expected ${PER_ROOM}`);
    } else {
      room.turns = seeded.users.map((u) => u.id);
    }
  }
  if (counters.rejected || counters.errors) throw new Error(`round.start: ${counters.rejected} refused, ${counters.errors} errors (${JSON.stringify([...counters.rejections])})`);
}

// ----- the phases -------------------------------------------------------------------------------

/** One intent per room per second, the rooms spread evenly over the second; every HARVEST_EVERY-th second also a harvest. */
async function steady(rooms: Room[], seconds: number, phase: PhaseName) {
  currentPhase = phase;
  const t0 = performance.now() + 200;
  const timers: NodeJS.Timeout[] = [];
  await new Promise<void>((resolve) => {
    let running = rooms.length;
    for (const room of rooms) {
      const offset = (room.index / rooms.length) * 1000;
      let k = 0;
      const tick = () => {
        if (k >= seconds) {
          if (--running === 0) resolve();
          return;
        }
        sendTurn(room);
        if ((k + room.index) % HARVEST_EVERY === 0) timers.push(setTimeout(() => sendHarvest(room), 500));
        k++;
        timers.push(setTimeout(tick, Math.max(0, t0 + offset + k * 1000 - performance.now())));
      };
      timers.push(setTimeout(tick, Math.max(0, t0 + offset - performance.now())));
    }
  });
  await sleep(600); // the last harvests
  return { start: t0, end: t0 + seconds * 1000 };
}

async function burst(rooms: Room[], seconds: number) {
  currentPhase = 'burst';
  const start = performance.now();
  for (const room of rooms) {
    room.loop = true;
    sendTurn(room);
  }
  await sleep(BURST_RAMP_MS + seconds * 1000);
  for (const room of rooms) room.loop = false;
  return { start: start + BURST_RAMP_MS, end: performance.now() };
}

/** Waits until every acknowledged event of the phase reached every client (or DRAIN_MS passed). */
async function drain(rooms: Room[]) {
  const deadline = performance.now() + DRAIN_MS;
  for (;;) {
    const answered = rooms.every((r) => r.pending.size === 0);
    const expected = rooms.reduce((s, r) => s + r.sentAt.size, 0) * PER_ROOM;
    const received = rooms.reduce((s, r) => s + r.receipts.length / 3, 0);
    if ((answered && received >= expected) || performance.now() > deadline) return;
    await sleep(50);
  }
}

interface PhaseResult {
  intents: number;
  expected: number;
  received: number;
  lost: number;
  duplicates: number;
  p50: number;
  p99: number;
  max: number;
  /** Deliveries that took longer than the p99 target. */
  over50: number;
  /** p99 per 5-second stretch of the phase (by send time). */
  timeline: number[];
  /** Deliveries per second over the phase (burst: inside the measured window). */
  deliveriesPerSecond: number;
  intentsPerSecond: number;
  serverCpuMs: number;
  /** CPU of the PostgreSQL backends serving the server (NaN for PGlite, which runs inside the server). */
  dbCpuMs: number;
  clientCpuMs: number;
  clientLagP99Ms: number;
  /** /proc/pressure/cpu `some avg10` at the end of the phase: how much runnable work waited for a core. */
  cpuPressure: string;
  seconds: number;
}

function percentile(sorted: Float64Array, p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function analyse(rooms: Room[], phase: PhaseName, window: { start: number; end: number }, extra: { serverCpuMs: number; dbCpuMs: number; clientCpuMs: number; clientLagP99Ms: number; cpuPressure: string }): PhaseResult {
  const latencies: number[] = [];
  let expected = 0;
  let received = 0;
  let duplicates = 0;
  let intents = 0;
  let inWindow = 0;
  let intentsInWindow = 0;
  const buckets: number[][] = [];
  for (const room of rooms) {
    const seen = new Map<number, Set<number>>();
    for (const [seq, p] of room.sentAt) {
      if (p.phase !== phase) continue;
      intents++;
      expected += PER_ROOM;
      seen.set(seq, new Set());
      if (p.t >= window.start && p.t <= window.end) intentsInWindow++;
    }
    const r = room.receipts;
    for (let i = 0; i < r.length; i += 3) {
      const seq = r[i]!;
      const clients = seen.get(seq);
      if (!clients) continue;
      if (clients.has(r[i + 1]!)) {
        duplicates++;
        continue;
      }
      clients.add(r[i + 1]!);
      received++;
      const t = r[i + 2]!;
      const sentAt = room.sentAt.get(seq)!.t;
      latencies.push(t - sentAt);
      const bucket = Math.max(0, Math.floor((sentAt - window.start) / 5000));
      (buckets[bucket] ??= []).push(t - sentAt);
      if (t >= window.start && t <= window.end) inWindow++;
    }
  }
  if (process.env.ROOM_BENCH_DUMP) {
    // Diagnostics: per intent, when it was sent (ms into the phase), and its slowest delivery.
    const rows: string[] = ['room,seq,sent_ms,slowest_ms,sent_epoch_ms'];
    for (const room of rooms) {
      const slowest = new Map<number, number>();
      for (let i = 0; i < room.receipts.length; i += 3) {
        const p = room.sentAt.get(room.receipts[i]!);
        if (p?.phase === phase) slowest.set(room.receipts[i]!, Math.max(slowest.get(room.receipts[i]!) ?? 0, room.receipts[i + 2]! - p.t));
      }
      for (const [seq, ms] of slowest) {
        const t = room.sentAt.get(seq)!.t;
        rows.push(`${room.index},${seq},${(t - window.start).toFixed(1)},${ms.toFixed(1)},${Math.round(performance.timeOrigin + t)}`);
      }
    }
    fs.writeFileSync(`${process.env.ROOM_BENCH_DUMP}-${dumpName}-${phase}.csv`, rows.join('\n'));
  }
  const sorted = Float64Array.from(latencies).sort();
  const seconds = (window.end - window.start) / 1000;
  return {
    intents,
    expected,
    received,
    lost: expected - received,
    duplicates,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
    over50: latencies.filter((l) => l > TARGETS.p99Ms).length,
    timeline: [...buckets].map((b) => percentile(Float64Array.from(b ?? []).sort(), 99)),
    deliveriesPerSecond: inWindow / seconds,
    intentsPerSecond: intentsInWindow / seconds,
    seconds,
    ...extra,
  };
}

// ----- one server under test ----------------------------------------------------------------------

interface RunResult {
  name: string;
  rssBefore: number;
  rssJoined: number;
  rssAfter: number;
  perClientBytes: number;
  connectMs: number;
  steady: PhaseResult;
  burst: PhaseResult;
  counters: { rejected: number; errors: number; rejections: Record<string, number> };
  profile?: string;
  breakdown?: Breakdown;
}

/** The kernel's CPU pressure (share of time some runnable task waited for a CPU, last 10 s), when it tells. */
function cpuPressure(): string {
  try {
    return `${/avg10=([\d.]+)/.exec(fs.readFileSync('/proc/pressure/cpu', 'utf8'))![1]} %`;
  } catch {
    return 'unknown';
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function sampleRss(pid: number) {
  const xs: number[] = [];
  for (let i = 0; i < 3; i++) {
    xs.push(rssOf(pid));
    await sleep(500);
  }
  return median(xs);
}

async function measure(name: string, server: KringProcess, seeded: RoomSeeded, kind: 'kring' | 'floor', dbCpu: () => Promise<number> = async () => NaN): Promise<RunResult> {
  counters.rejected = 0;
  counters.errors = 0;
  counters.rejections.clear();
  dumpName = kind === 'kring' ? name.split(' ').pop()!.toLowerCase() : 'floor';
  await sleep(2000);
  const rssBefore = await sampleRss(server.pid);
  const c0 = performance.now();
  log(`${name}: connecting ${ROOMS} × ${PER_ROOM} clients`);
  const rooms = await connectAll(server.baseUrl, seeded);
  const connectMs = performance.now() - c0;
  await sleep(2000);
  const rssJoined = await sampleRss(server.pid);
  log(`${name}: ${ROOMS * PER_ROOM} sockets joined in ${(connectMs / 1000).toFixed(1)} s; RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssJoined / 2 ** 20).toFixed(0)} MB`);
  await startRounds(rooms, seeded, kind);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const phase = async (label: PhaseName, run: () => Promise<{ start: number; end: number }>) => {
    lag.reset();
    const cpu0 = process.cpuUsage();
    const s0 = cpuMsOf(server.pid);
    const d0 = await dbCpu();
    const window = await run();
    await drain(rooms);
    const cpu = process.cpuUsage(cpu0);
    const extra = { serverCpuMs: cpuMsOf(server.pid) - s0, dbCpuMs: (await dbCpu()) - d0, clientCpuMs: (cpu.user + cpu.system) / 1000, clientLagP99Ms: lag.percentile(99) / 1e6, cpuPressure: cpuPressure() };
    const r = analyse(rooms, label, window, extra);
    log(
      `${name}: ${label}: ${r.intents} intents, ${r.received}/${r.expected} delivered (lost ${r.lost}), p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ` +
        `${r.deliveriesPerSecond.toFixed(0)} deliveries/s, ${r.intentsPerSecond.toFixed(0)} intents/s; server CPU ${(r.serverCpuMs / r.seconds / 10).toFixed(0)} %, PostgreSQL CPU ${(r.dbCpuMs / r.seconds / 10).toFixed(0)} %, ` +
        `bench CPU ${(r.clientCpuMs / r.seconds / 10).toFixed(0)} %, bench loop lag p99 ${r.clientLagP99Ms.toFixed(1)} ms; ` +
        `${r.over50} deliveries over ${TARGETS.p99Ms} ms; p99 per 5 s: ${r.timeline.map((x) => x.toFixed(0)).join(' ')}; CPU pressure ${r.cpuPressure}`,
    );
    return r;
  };
  log(`${name}: warm-up ${WARMUP_SECONDS} s`);
  await phase('warmup', () => steady(rooms, WARMUP_SECONDS, 'warmup'));
  log(`${name}: steady ${SECONDS} s, one turn change per room per second`);
  const steadyResult = await phase('steady', () => steady(rooms, SECONDS, 'steady'));
  const rssAfter = rssOf(server.pid);
  log(`${name}: burst ${BURST_SECONDS} s (after a ${BURST_RAMP_MS} ms ramp)`);
  const burstResult = await phase('burst', () => burst(rooms, BURST_SECONDS));
  lag.disable();
  for (const room of rooms) for (const c of room.clients) c.ws.removeAllListeners('close');
  for (const room of rooms) for (const c of room.clients) c.ws.terminate();
  return {
    name,
    rssBefore,
    rssJoined,
    rssAfter,
    perClientBytes: (rssJoined - rssBefore) / (ROOMS * PER_ROOM),
    connectMs,
    steady: steadyResult,
    burst: burstResult,
    counters: { rejected: counters.rejected, errors: counters.errors, rejections: Object.fromEntries(counters.rejections) },
  };
}

async function benchKring(kind: 'postgres' | 'pglite'): Promise<RunResult> {
  const authSecret = crypto.randomBytes(24).toString('hex');
  const { tmp, dbName, databaseUrl, cleanup } = await freshDatabase(kind, 'kring_bench_room', log);
  const dataDir = path.join(tmp, 'data');
  let server: KringProcess | null = null;
  try {
    const t0 = performance.now();
    const database = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
    const seeded = await seedRooms(database, { rooms: ROOMS, perRoom: PER_ROOM, authSecret });
    await database.close(); // PGlite: one process per data directory
    log(`${kind}: seeded ${ROOMS} communities and meetings of ${PER_ROOM} people in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const profileDir = path.join(repoRoot, 'bench', '.tmp', 'profiles');
    if (profile) fs.mkdirSync(profileDir, { recursive: true });
    server = await start({
      port: await freePort(),
      env: { NODE_ENV: 'production', AUTH_SECRET: authSecret, DATABASE_URL: databaseUrl, DATA_DIR: dataDir, RATE_LIMITS: 'off', LOG_LEVEL: 'warn' },
      nodeArgs: [...(profile ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []), ...(process.env.ROOM_BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)],
    });
    const dbCpu = kind === 'postgres' ? backendsCpu(dbName) : undefined;
    const result = await measure(`Kring on ${kind === 'postgres' ? 'PostgreSQL' : 'PGlite'}`, server, seeded, 'kring', dbCpu?.read).finally(() => dbCpu?.stop());
    const errors = server.output().split('\n').filter((l) => /"level":(50|60)/.test(l));
    if (errors.length) log(`server logged ${errors.length} errors, e.g. ${errors[0]!.slice(0, 300)}`);
    await server.stop();
    if (profile) result.profile = profileDir;
    log(`${kind}: where one intent's time goes (sequential, no load)`);
    const again = await openDatabase({ databaseUrl: databaseUrl || undefined, dataDir });
    try {
      result.breakdown = await intentBreakdown(again, { meetingId: seeded.meetingIds[0]!, chairId: seeded.users[0]!.id, authSecret });
      for (const b of result.breakdown.steps) log(`${kind}:   ${b.label}: median ${b.t.median.toFixed(2)} ms, p90 ${b.t.p90.toFixed(2)} ms, CPU ${b.t.cpu.toFixed(2)} ms`);
      if (result.breakdown.statements !== null) log(`${kind}:   a turn change runs ${result.breakdown.statements} SQL statements`);
    } finally {
      await again.close();
    }
    return result;
  } finally {
    await server?.stop();
    await cleanup();
  }
}

/**
 * CPU time of the PostgreSQL backends serving `dbName` (the server's pool and listener), from /proc,
 * cumulative: the pool closes idle connections and opens new ones, so every backend seen is sampled
 * every half second and keeps its last value once it is gone. Returns a reader and a stop function.
 */
function backendsCpu(dbName: string): { read(): Promise<number>; stop(): Promise<void> } {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  const last = new Map<number, number>();
  const connected = client.connect();
  const sample = async () => {
    await connected;
    const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName]);
    for (const r of rows) {
      const ms = cpuMsOf(r.pid);
      if (Number.isFinite(ms)) last.set(r.pid, ms);
    }
    return [...last.values()].reduce((a, b) => a + b, 0);
  };
  const timer = setInterval(() => void sample().catch(() => {}), 500);
  return {
    read: sample,
    stop: async () => {
      clearInterval(timer);
      await client.end().catch(() => {});
    },
  };
}

async function benchFloor(): Promise<RunResult> {
  const port = await freePort();
  const server = await start({ port, env: {}, script: ['bench/lib/room-floor-server.ts', String(port)] });
  try {
    // The same people and ids as Kring's rooms: the same sizes on the wire. No database.
    const users = Array.from({ length: PER_ROOM }, (_, i) => ({ id: `bench-room-abcdef-${i}`, cookie: '' }));
    const meetingIds = Array.from({ length: ROOMS }, () => crypto.randomUUID());
    return await measure('floor (bare ws)', server, { users, meetingIds }, 'floor');
  } finally {
    await server.stop();
  }
}

// ----- the report ----------------------------------------------------------------------------------

const MARK_START = '<!-- bench:room start -->';
const MARK_END = '<!-- bench:room end -->';
const f0 = (n: number) => (Number.isFinite(n) ? n.toFixed(0) : '–');
const f1 = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : n.toFixed(0)) : '–');
const ok = (met: boolean) => (met ? 'met' : '**not met**');
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

function sourceVersion(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'an unknown commit';
  const dirty = git('status', '--porcelain', '--', 'src/server', 'src/contracts', ':(exclude)*.test.ts').stdout.trim() !== '';
  return `commit ${head.stdout.trim()}${dirty ? ' with uncommitted changes in src/server or src/contracts' : ''}`;
}

function report(results: RunResult[], floor: RunResult | undefined, notes: string[]): string {
  const cpus = os.cpus();
  const sockets = ROOMS * PER_ROOM;
  const lines = [
    MARK_START,
    '## Part 3: live meeting room',
    '',
    `Measured ${new Date().toISOString()} with \`npm run bench:room\` at ${sourceVersion()}. ` +
      `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}; ` +
      `server, PostgreSQL and the ${sockets} client sockets (one bench process) share the cores. Load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end` +
      (loadAtStart > cpus.length / 2 ? ': other work was running, so treat the numbers as pessimistic.' : '.'),
    '',
    `${ROOMS} rooms × ${PER_ROOM} clients = ${sockets} WebSockets on one server process (\`node --import tsx src/server/main.ts\`, NODE_ENV=production). ` +
      `Steady: each room's chair sends a turn change every second (the rooms spread evenly over the second) for ${SECONDS} s after a ${WARMUP_SECONDS} s warm-up, ` +
      `and every ${HARVEST_EVERY}th second also a harvest (≈ 120 characters) half a second later. Latency: from the chair's send to each of the room's ${PER_ROOM} clients receiving the event (the chair included), one clock. ` +
      `Burst: every chair sends its next turn change as soon as the previous one is answered (${ROOMS} in flight), ${BURST_SECONDS} s measured after a ${BURST_RAMP_MS / 1000} s ramp. ` +
      'Floor: a bare `ws` server process with the same rooms, driven by the same clients with the same messages (the same envelope, seq and ack; no session, rules or database).',
    '',
    '| | steady: intents | delivered / expected | lost | p50 | p99 | max | deliveries/s | server CPU | burst: intents/s | burst: deliveries/s | burst p50 | burst p99 | of floor (burst deliveries/s) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const row = (r: RunResult) => {
    const s = r.steady;
    const b = r.burst;
    const ratio = floor ? `${f0((b.deliveriesPerSecond / floor.burst.deliveriesPerSecond) * 100)} %` : '–';
    return `| ${r.name} | ${s.intents} | ${s.received} / ${s.expected} | ${s.lost} | ${f1(s.p50)} ms | **${f1(s.p99)} ms** | ${f1(s.max)} ms | ${f0(s.deliveriesPerSecond)} | ${f0(s.serverCpuMs / s.seconds / 10)} % | ${f0(b.intentsPerSecond)} | ${f0(b.deliveriesPerSecond)} | ${f1(b.p50)} ms | ${f1(b.p99)} ms | ${r === floor ? '' : ratio} |`;
  };
  for (const r of results) lines.push(row(r));
  if (floor) lines.push(row(floor));
  lines.push('', '| memory | RSS before the first socket | with all joined | after the steady phase | per connected client |', '|---|---:|---:|---:|---:|');
  for (const r of [...results, ...(floor ? [floor] : [])]) lines.push(`| ${r.name} | ${mb(r.rssBefore)} | ${mb(r.rssJoined)} | ${mb(r.rssAfter)} | **${f1(r.perClientBytes / 1024)} KB** |`);
  lines.push('');
  for (const r of results) {
    const s = r.steady;
    const b = r.burst;
    const isPg = r.name.includes('PostgreSQL');
    lines.push(`**${r.name}**${isPg ? '' : ' (no target: one embedded connection serialises all queries)'}:`);
    if (isPg) {
      lines.push(
        `- p99 ≤ ${TARGETS.p99Ms} ms: ${ok(s.p99 <= TARGETS.p99Ms)} (${f1(s.p99)} ms)`,
        `- zero lost: ${ok(s.lost === 0)} (${s.lost} of ${s.expected} in the steady phase, ${b.lost} of ${b.expected} in the burst)`,
        floor ? `- at least half the floor's throughput: ${ok(b.deliveriesPerSecond >= TARGETS.ratio * floor.burst.deliveriesPerSecond)} (burst: ${f0(b.deliveriesPerSecond)} vs ${f0(floor.burst.deliveriesPerSecond)} deliveries/s; in the steady phase both deliver what is sent, ${f0(s.deliveriesPerSecond)} vs ${f0(floor.steady.deliveriesPerSecond)}/s)` : '- no floor measured',
      );
    } else {
      lines.push(`- p99 ${f1(s.p99)} ms, lost ${s.lost} (steady) and ${b.lost} (burst)`);
    }
    const pgCpu = Number.isFinite(s.dbCpuMs) ? `; PostgreSQL ${f1(s.dbCpuMs / s.intents)} ms and ${f1(b.dbCpuMs / b.intents)} ms` : '';
    lines.push(
      `- CPU per intent: the server process ${f1(s.serverCpuMs / s.intents)} ms in the steady phase and ${f1(b.serverCpuMs / b.intents)} ms in the burst${pgCpu} (the floor: ${floor ? `${f1(floor.steady.serverCpuMs / floor.steady.intents)} ms and ${f1(floor.burst.serverCpuMs / floor.burst.intents)} ms` : '–'}); ` +
        `the bench process ${f0(b.clientCpuMs / b.seconds / 10)} % CPU, event-loop lag p99 ${f1(b.clientLagP99Ms)} ms in the burst`,
      `- deliveries over ${TARGETS.p99Ms} ms: ${s.over50} of ${s.received} in the steady phase; p99 per 5 s of the steady phase: ${s.timeline.map((x) => f0(x)).join(', ')} ms; ` +
        `CPU pressure (share of time runnable work waited for a core, /proc/pressure/cpu avg10) at the end of the steady phase ${s.cpuPressure}`,
      `- refused intents ${r.counters.rejected}, socket errors or closes ${r.counters.errors}${Object.keys(r.counters.rejections).length ? ` (${JSON.stringify(r.counters.rejections)})` : ''}; ${ROOMS * PER_ROOM} sockets connected and joined in ${(r.connectMs / 1000).toFixed(1)} s`,
      '',
    );
    if (r.breakdown) {
      const count = r.breakdown.statements === null ? '' : `; a turn change runs **${r.breakdown.statements} SQL statements**, BEGIN and COMMIT included`;
      lines.push(`Where one intent's time goes on ${r.name.replace('Kring on ', '')}, without load (sequential, 200 runs after 20${count}):`, '');
      lines.push('| step | wall, median | wall, p90 | Node CPU, median |', '|---|---:|---:|---:|');
      for (const step of r.breakdown.steps) lines.push(`| ${step.label} | ${f1(step.t.median)} ms | ${f1(step.t.p90)} ms | ${f1(step.t.cpu)} ms |`);
      lines.push('');
    }
  }
  if (floor) {
    lines.push(
      `**Floor**: ${f0(floor.burst.intentsPerSecond)} intents/s and ${f0(floor.burst.deliveriesPerSecond)} deliveries/s in the burst with the bench process at ${f0(floor.burst.clientCpuMs / floor.burst.seconds / 10)} % CPU ` +
        `(the ${ROOMS * PER_ROOM} client sockets live in one process: the floor's burst is partly the clients' limit, on the same cores).`,
      '',
    );
  }
  for (const n of notes) lines.push(`- ${n}`);
  if (notes.length) lines.push('');
  lines.push(MARK_END);
  return lines.join('\n');
}

function writeResults(section: string) {
  const file = path.join(repoRoot, 'bench', 'RESULTS.md');
  const old = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
  const a = old.indexOf(MARK_START);
  const b = old.indexOf(MARK_END);
  const next = a > -1 && b > a ? old.slice(0, a) + section + old.slice(b + MARK_END.length) : `${old.trimEnd()}\n\n${section}\n`;
  fs.writeFileSync(file, next);
}

async function main() {
  if (!['all', 'pglite', 'postgres', 'none'].includes(dbChoice)) throw new Error('--db must be postgres, pglite, all or none (the floor only)');
  const kinds: ('postgres' | 'pglite')[] = dbChoice === 'all' ? ['postgres', 'pglite'] : dbChoice === 'none' ? [] : [dbChoice as 'postgres' | 'pglite'];
  const results: RunResult[] = [];
  const notes: string[] = [];
  for (const kind of kinds) {
    if (kind === 'postgres' && !(await postgresReachable())) {
      notes.push(`PostgreSQL not reachable at ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//…@')}: not measured`);
      continue;
    }
    results.push(await benchKring(kind));
  }
  const floor = await benchFloor();
  const md = report(results, floor, notes);
  console.log(`\n${md}`);
  for (const r of results) if (r.profile) log(`CPU profiles of the server in ${r.profile}`);
  if (write) {
    writeResults(md);
    log('bench/RESULTS.md updated');
  } else {
    log('not a full run (60 s, 200 × 8): RESULTS.md left alone (--write to update it anyway)');
  }
  process.exit(0);
}

const hardStop = setTimeout(() => {
  console.error('[bench:room] took longer than 15 minutes; stopping');
  process.exit(2);
}, 15 * 60_000);
hardStop.unref();

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
