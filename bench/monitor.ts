/**
 * Part 5 benchmark, the conditions monitor: `npm run bench:monitor [-- --sizes 100,1000,5000]
 * [--seconds 10] [--warmup 3] [--connections 4] [--workers 2] [--max-minutes 75] [--dry | --write]`.
 *
 * Per size: a fresh PostgreSQL database, migrated as the server does at start, a generated network
 * of N communities with five years of monthly meetings (lib/monitor-seed.ts, set-based SQL), then
 * the Kring server as its own process (production config, the job runner on its default 5 s tick).
 * A network coordinator signs up through the API; one member per measured community signs in.
 * Measured: the first network view (nothing materialized yet), how long until every community has
 * its summary (the background job `monitor.refresh`, then view requests if it stops), and under load
 * (autocannon in its own process) the warm network view as the coordinator, the community view as
 * members (rotating over up to 8 communities), and three floors in the same run: GET /api/me through
 * Kring (a trivial authenticated route), a bare Fastify app in this process running one SQL
 * statement for each view's data (the summaries joined to the communities; the facts of a community
 * as one JSON document), and the same app sending the network view's bytes from memory (what a
 * cached view could do at best). Then the cost growth between sizes. See bench/README.md.
 *
 * RESULTS.md gets its own section (between `<!-- bench:monitor -->` markers) from a full run (the
 * 1,000 size included, ≥ 10 s per measurement), or with --write; --dry leaves it alone.
 */
import crypto from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { hashPassword } from 'better-auth/crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client';
import { compute } from '../src/server/features/monitor/monitor.service';
import * as monitorRepo from '../src/server/features/monitor/monitor.repository';
import { pgRawClient } from './lib/floor';
import { cpuMsOf, freePort, repoRoot, spawnKring, type KringProcess } from './lib/kring-process';
import { memberOf, seedMonitor, type MonitorSeeded } from './lib/monitor-seed';
import { timeIt, type Timing } from './lib/profile';
import { call, cookieOf } from './lib/seed';
import { adminQuery, freshDatabase, PG_ADMIN_URL, postgresReachable } from './lib/server';

const TARGETS = { networkP95Ms: 300, networkAt: 1000, communityP95Ms: 100 };
/** Growth counts as linear up to this much above the communities ratio: runs on this machine differ by more than that. */
const GROWTH_TOLERANCE = 1.1;
/** The server's job runner tick (its production default; spawnKring turns it off unless told). */
const JOBS_INTERVAL_MS = 5000;
/** The background materialization counts as stopped when no summary was added for this long. */
const STALL_MS = 20_000;
/** After that, a coordinator reloading the network view every POLL_MS drives it on. */
const POLL_MS = 5000;
/** Communities whose view is measured (rotating), each with its own signed-in member. */
const MEASURED_COMMUNITIES = 8;

const thisFile = fileURLToPath(import.meta.url);

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

// ----- load: autocannon in its own process ---------------------------------------------------------

interface LoadSpec {
  url: string;
  /** Each connection goes round these requests in turn. */
  requests: { path: string; headers?: Record<string, string> }[];
  connections: number;
  seconds: number;
}

interface LoadResult {
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** Mean response size in bytes (headers included). */
  bytes: number;
}

/** Runs in the child: autocannon with a list of requests; every response time kept, so p95 can be given (autocannon's own table has p90 and p97.5). */
function loadChild(spec: LoadSpec) {
  const latencies: number[] = [];
  let bytes = 0;
  const instance = autocannon(
    { url: spec.url, connections: spec.connections, duration: spec.seconds, requests: spec.requests.map((r) => ({ method: 'GET' as const, path: r.path, headers: r.headers ?? {} })) },
    (err, result) => {
      if (err) {
        console.error(err);
        process.exit(1);
      }
      const sorted = latencies.sort((a, b) => a - b);
      const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]! : NaN);
      const out: LoadResult = {
        rps: result.requests.average,
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
        max: sorted.at(-1) ?? NaN,
        requests: sorted.length,
        non2xx: result.non2xx,
        errors: result.errors + result.timeouts,
        bytes: sorted.length ? bytes / sorted.length : 0,
      };
      process.stdout.write(`\n${JSON.stringify(out)}\n`);
      process.exit(0);
    },
  );
  instance.on('response', (_client, _status, resBytes, responseTime) => {
    latencies.push(responseTime);
    bytes += resBytes;
  });
}

function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', thisFile, '--load-child', JSON.stringify(spec)], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child.pid!);
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), (spec.seconds + 60) * 1000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      children.delete(child.pid!);
      if (code !== 0) return reject(new Error(`autocannon exited with ${code}: ${err.slice(-2000)}`));
      try {
        resolve(JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult);
      } catch (e) {
        reject(new Error(`could not read the load result: ${(e as Error).message}\n${out.slice(-500)}`));
      }
    });
  });
}

// ----- run bookkeeping: everything started is stopped, even on a hard stop ------------------------

const children = new Set<number>();
const cleanups = new Set<() => Promise<unknown>>();
async function cleanupAll() {
  for (const pid of children) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  await Promise.race([Promise.allSettled([...cleanups].map((f) => f())), sleep(30_000)]);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (msg: string) => console.log(`[bench:monitor] ${new Date().toISOString().slice(11, 19)} ${msg}`);
const cpuPressure = () => {
  try {
    return /some avg10=([\d.]+) avg60=([\d.]+)/.exec(fs.readFileSync('/proc/pressure/cpu', 'utf8'))?.slice(1, 3).join(' / ') ?? '–';
  } catch {
    return '–';
  }
};

// ----- one size -----------------------------------------------------------------------------------

interface Measured extends LoadResult {
  /** CPU time (user + system) of the serving process per request, ms. */
  cpuMs: number;
  pressure: string;
}

interface SizeResult {
  n: number;
  seeded: MonitorSeeded;
  migrateMs: number;
  startMs: number;
  cold: { ms: number; pending: number; rows: number; bytes: number };
  materialize: {
    ms: number;
    /** How many summaries the background job had made when it stopped adding any (n: it finished). */
    byJob: number;
    jobMs: number;
    stalled: boolean;
    polls: number;
    pollMaxMs: number;
  };
  firstCommunityMs: number[];
  networkBytes: number;
  network: Measured;
  networkFloor: Measured;
  networkCached: Measured;
  community: Measured;
  communityFloor: Measured;
  me: Measured;
  breakdown: { label: string; t: Timing }[];
  serverErrors: string[];
  totalMs: number;
}

/** The network view's data in one statement: every community with its summary, by name. */
const NETWORK_FLOOR_SQL = `
select c.id as "communityId", c.name, c.phase, s.computed_at as "computedAt", s.scores, s.previous, s.critical_factor as "criticalFactor", s.group_size as "groupSize"
  from communities c join monitor_summaries s on s.community_id = c.id
 where c.network_id = $1
 order by c.name`;

/** The rows the community view reads (members, meetings with attendance and programme, every contribution, check-outs, proposals, evaluations and answers) as one JSON document, nothing computed. */
const COMMUNITY_FLOOR_SQL = `
select json_build_object(
  'members', (select json_agg(json_build_array(cm.user_id, u.name, cm.organisation_id, o.name, cm.stakeholder_group, cm.roles, cm.joined_at, cm.hours_per_month, cm.time_official))
                from community_members cm join "user" u on u.id = cm.user_id left join organisations o on o.id = cm.organisation_id where cm.community_id = $1),
  'meetings', (select json_agg(json_build_array(m.id, m.starts_at, m.ends_at, m.status, m.chair_user_id, m.programme_published_at is not null,
                 (select array_agg(a.user_id) from attendance a where a.meeting_id = m.id and a.present),
                 (select array_agg(ai.title order by ai.position) from agenda_items ai where ai.meeting_id = m.id)) order by m.starts_at)
                from meetings m where m.community_id = $1 and m.starts_at < now()),
  'harvests', (select json_agg(json_build_array(h.speaker_id, h.organisation_id, h.stakeholder_group, h.created_at, h.meeting_id)) from harvests h where h.community_id = $1),
  'inputs', (select json_agg(json_build_array(i.author_id, i.created_at, i.meeting_id)) from meeting_inputs i join meetings m on m.id = i.meeting_id where m.community_id = $1),
  'responses', (select json_agg(json_build_array(r.user_id, r.created_at, p.proposer_id)) from proposal_responses r join proposals p on p.id = r.proposal_id where p.community_id = $1),
  'comments', (select json_agg(json_build_array(pc.author_id, pc.created_at, pc.parent_id)) from proposal_comments pc join proposals p on p.id = pc.proposal_id where p.community_id = $1),
  'checkOuts', (select json_agg(json_build_array(co.meeting_id, co.score)) from check_outs co where co.community_id = $1),
  'proposals', (select json_agg(json_build_array(p.title, p.body, p.created_at)) from proposals p where p.community_id = $1),
  'evaluations', (select json_agg(json_build_array(e.id, e.opens_at, e.closes_at, e.closed_at, e.snapshot)) from evaluations e where e.community_id = $1),
  'answers', (select json_agg(json_build_array(ea.evaluation_id, ea.scores)) from evaluation_answers ea join evaluations e on e.id = ea.evaluation_id where e.community_id = $1)
) as facts`;

async function startFloor(databaseUrl: string, networkBody: Buffer): Promise<{ app: FastifyInstance; pool: pg.Pool; url: string }> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const client = pgRawClient(pool);
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/network/:id', async (req) => (await client('kring_bench_monitor_network', NETWORK_FLOOR_SQL, [req.params.id])).rows);
  // What a cached network view could do at best: the view's own bytes from memory, no database.
  app.get('/network-cached', async (_req, reply) => reply.type('application/json; charset=utf-8').send(networkBody));
  app.get<{ Params: { id: string } }>('/community/:id', async (req) => (await client('kring_bench_monitor_community', COMMUNITY_FLOOR_SQL, [req.params.id])).rows[0]);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { app, pool, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function benchSize(
  n: number,
  opts: { seconds: number; warmup: number; connections: number; workers: number; deadline: number; dbSettings: [string, string][] },
): Promise<SizeResult> {
  const t0 = performance.now();
  const tag = `${n}`;
  const authSecret = crypto.randomBytes(24).toString('hex');
  const { tmp, dbName, databaseUrl, cleanup } = await freshDatabase('postgres', 'kring_bench_monitor', log);
  let server: KringProcess | null = null;
  let floor: Awaited<ReturnType<typeof startFloor>> | null = null;
  let watch: pg.Client | null = null;
  const stopAll = async () => {
    await server?.stop().catch(() => {});
    await floor?.app.close().catch(() => {});
    await floor?.pool.end().catch(() => {});
    await watch?.end().catch(() => {});
    await cleanup();
  };
  cleanups.add(stopAll);
  const overdue = () => {
    if (Date.now() > opts.deadline) throw new Error(`${tag}: out of time (--max-minutes)`);
  };
  try {
    const dataDir = path.join(tmp, 'data');
    // An experiment without touching src/: settings for every session on this database (the server's, the floor's, the breakdown's).
    for (const [name, value] of opts.dbSettings) await adminQuery(`alter database ${dbName} set ${name} = ${value}`);
    const tm = performance.now();
    await (await openDatabase({ databaseUrl, dataDir })).close(); // the migrations, as the server applies them at start
    const migrateMs = performance.now() - tm;
    log(`${tag}: seeding ${n} communities`);
    const seeded = await seedMonitor(databaseUrl, { communities: n, anchor: new Date(), workers: opts.workers, log: (m) => log(`${tag}: ${m}`) });
    log(
      `${tag}: seeded in ${(seeded.seedMs / 1000).toFixed(1)} s (+ vacuum analyze ${(seeded.vacuumMs / 1000).toFixed(1)} s): ` +
        `${seeded.meetings} meetings, ${seeded.contributions} contributions; ${JSON.stringify(seeded.counts)}`,
    );
    overdue();

    // Accounts that sign in through the API: one password for the measured members.
    const measured = Array.from({ length: Math.min(MEASURED_COMMUNITIES, n) }, (_, i) => 1 + Math.floor((i * n) / Math.min(MEASURED_COMMUNITIES, n)));
    const password = `bench-monitor-${crypto.randomBytes(6).toString('hex')}`;
    const hash = await hashPassword(password);
    watch = new pg.Client({ connectionString: databaseUrl });
    await watch.connect();
    const sql = watch;
    for (const c of measured) {
      const m = memberOf(c);
      await sql.query(`insert into account (id, account_id, provider_id, user_id, password, created_at, updated_at) values ($1, $2, 'credential', $2, $3, now(), now())`, [`acc-${m.userId}`, m.userId, hash]);
    }

    const ts = performance.now();
    server = await spawnKring({
      port: await freePort(),
      env: {
        NODE_ENV: 'production',
        AUTH_SECRET: authSecret,
        DATABASE_URL: databaseUrl,
        DATA_DIR: dataDir,
        RATE_LIMITS: 'off',
        LOG_LEVEL: 'warn',
        JOBS_INTERVAL_MS: String(JOBS_INTERVAL_MS),
      },
    });
    const startMs = performance.now() - ts;
    const serverPid = server.pid;
    children.add(serverPid);
    void server.exited.then(() => children.delete(serverPid));
    const base = server.baseUrl;
    log(`${tag}: server up at ${base} in ${(startMs / 1000).toFixed(1)} s`);

    const email = `coordinator-${crypto.randomBytes(4).toString('hex')}@example.test`;
    const signUp = await call<{ id: string }>(base, 'POST', '/api/auth/sign-up', { name: 'Netwerkcoördinator', email, password });
    const coordinatorCookie = cookieOf(signUp.res);
    const coordinatorId = signUp.data.id;
    await sql.query('insert into network_members (network_id, user_id, coordinator) values ($1, $2, true)', [seeded.networkId, coordinatorId]);
    const members: { communityId: string; cookie: string }[] = [];
    for (const c of measured) {
      const signIn = await call(base, 'POST', '/api/auth/sign-in', { email: memberOf(c).email, password });
      members.push({ communityId: seeded.communityIds[c - 1]!, cookie: cookieOf(signIn.res) });
    }

    // The first network view: nothing materialized yet.
    const networkPath = `/api/networks/${seeded.networkId}/monitor`;
    const getNetwork = async () => {
      const t = performance.now();
      const res = await fetch(`${base}${networkPath}`, { headers: { cookie: coordinatorCookie } });
      const text = await res.text();
      if (!res.ok) throw new Error(`GET ${networkPath} → ${res.status}: ${text.slice(0, 500)}`);
      const body = JSON.parse(text) as { pending: number; rows: unknown[] };
      return { ms: performance.now() - t, pending: body.pending, rows: body.rows.length, bytes: Buffer.byteLength(text), text };
    };
    const countSummaries = async () => Number((await sql.query<{ n: string }>('select count(*) as n from monitor_summaries where network_id = $1', [seeded.networkId])).rows[0]!.n);
    const tMat = performance.now();
    const cold = await getNetwork();
    log(`${tag}: cold network view ${cold.ms.toFixed(0)} ms: ${cold.rows} rows, ${cold.pending} pending`);

    // The background job alone, watched in the database; if it stops adding summaries, the view drives it on.
    let count = await countSummaries();
    let lastChange = performance.now();
    let jobMs = 0;
    const progress = setInterval(() => log(`${tag}: ${count}/${n} summaries after ${((performance.now() - tMat) / 1000).toFixed(0)} s`), 15_000);
    let stalled = false;
    let polls = 0;
    let pollMaxMs = 0;
    let materialize: SizeResult['materialize'];
    try {
      while (count < n) {
        overdue();
        await sleep(500);
        const now = await countSummaries();
        if (now > count) {
          count = now;
          lastChange = performance.now();
          jobMs = lastChange - tMat;
        } else if (performance.now() - lastChange > STALL_MS) {
          stalled = true;
          break;
        }
      }
      const byJob = count;
      if (stalled) {
        log(`${tag}: the background job added no summary for ${STALL_MS / 1000} s at ${count}/${n}; reloading the network view every ${POLL_MS / 1000} s`);
        for (;;) {
          overdue();
          const v = await getNetwork();
          polls++;
          pollMaxMs = Math.max(pollMaxMs, v.ms);
          count = v.rows;
          if (v.pending === 0) break;
          await sleep(POLL_MS);
        }
      }
      materialize = { ms: performance.now() - tMat, byJob, jobMs, stalled, polls, pollMaxMs };
    } finally {
      clearInterval(progress);
    }
    log(`${tag}: all ${n} summaries after ${(materialize.ms / 1000).toFixed(1)} s (the job alone: ${materialize.byJob} in ${(materialize.jobMs / 1000).toFixed(1)} s${stalled ? `, then ${polls} view requests` : ''})`);
    const warm = await getNetwork();
    if (warm.pending !== 0 || warm.rows !== n) throw new Error(`${tag}: network view has ${warm.rows} rows and ${warm.pending} pending, expected ${n} and 0`);

    // The first community view of each measured community (it also settles the evaluations' snapshots).
    const firstCommunityMs: number[] = [];
    for (const m of members) {
      const t = performance.now();
      const res = await fetch(`${base}/api/communities/${m.communityId}/monitor`, { headers: { cookie: m.cookie } });
      const body = (await res.json()) as { quarters?: unknown[] };
      if (!res.ok || body.quarters?.length !== 8) throw new Error(`${tag}: community view → ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
      firstCommunityMs.push(performance.now() - t);
    }

    floor = await startFloor(databaseUrl, Buffer.from(warm.text));
    const floorUrl = floor.url;
    const serverCpu = () => cpuMsOf(server!.pid);
    const benchCpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const measure = async (label: string, spec: Omit<LoadSpec, 'seconds' | 'connections'>, cpu: () => number): Promise<Measured> => {
      overdue();
      await runLoad({ ...spec, connections: opts.connections, seconds: opts.warmup });
      const pressure = cpuPressure();
      const c0 = cpu();
      const r = await runLoad({ ...spec, connections: opts.connections, seconds: opts.seconds });
      const cpuMs = (cpu() - c0) / Math.max(1, r.requests);
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${tag}: ${label}: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
      if (r.requests === 0) throw new Error(`${tag}: ${label}: no request completed`);
      log(`${tag}: ${label}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${(r.bytes / 1024).toFixed(1)} KB, CPU ${cpuMs.toFixed(1)} ms/request (CPU pressure ${pressure})`);
      return { ...r, cpuMs, pressure };
    };
    const network = await measure('network view', { url: base, requests: [{ path: networkPath, headers: { cookie: coordinatorCookie } }] }, serverCpu);
    const networkFloor = await measure('network floor (bare Fastify + one SQL statement)', { url: floorUrl, requests: [{ path: `/network/${seeded.networkId}` }] }, benchCpu);
    const networkCached = await measure("network view's bytes from memory (bare Fastify, no database)", { url: floorUrl, requests: [{ path: '/network-cached' }] }, benchCpu);
    const community = await measure(
      `community view (${members.length} communities in turn)`,
      { url: base, requests: members.map((m) => ({ path: `/api/communities/${m.communityId}/monitor`, headers: { cookie: m.cookie } })) },
      serverCpu,
    );
    const communityFloor = await measure('community floor (bare Fastify + one SQL statement)', { url: floorUrl, requests: members.map((m) => ({ path: `/community/${m.communityId}` })) }, benchCpu);
    const me = await measure('GET /api/me (Kring, authenticated, trivial)', { url: base, requests: [{ path: '/api/me', headers: { cookie: coordinatorCookie } }] }, serverCpu);

    const serverErrors = server
      .output()
      .split('\n')
      .filter((l) => /"level":(50|60)/.test(l));
    if (serverErrors.length) log(`${tag}: the server logged ${serverErrors.length} errors, e.g. ${serverErrors[0]!.slice(0, 300)}`);
    await server.stop();

    // Where the time goes, without load, in this process on the same database.
    log(`${tag}: breakdown (sequential, no load)`);
    const database = await openDatabase({ databaseUrl, dataDir });
    const breakdown: { label: string; t: Timing }[] = [];
    try {
      const db = database.db;
      const raw = pgRawClient(database.pool!);
      const one = (await monitorRepo.communityRow(db, members[0]!.communityId))!;
      const now = new Date();
      const step = async (label: string, fn: () => Promise<unknown>, runs = 20) => {
        const t = await timeIt(fn, { runs, warmup: 3 });
        log(`${tag}:   ${label}: median ${t.median.toFixed(1)} ms, p90 ${t.p90.toFixed(1)} ms, CPU ${t.cpu.toFixed(1)} ms`);
        breakdown.push({ label, t });
      };
      await step('network view: `networkRows` (communities + summaries, Drizzle)', () => monitorRepo.networkRows(db, seeded.networkId, coordinatorId, true));
      await step('network view: the floor statement, raw (prepared)', () => raw('kring_bench_monitor_network', NETWORK_FLOOR_SQL, [seeded.networkId]));
      await step('community view: `compute` (facts + indicators and scores for now and 8 quarters)', () => compute(db, one, now));
      await step('community view: `loadFacts` (6 queries in parallel on the pool)', () => monitorRepo.loadFacts(db, one, now));
      await step("community view: `organisationNames` (the community's organisations)", () => monitorRepo.organisationNames(db, one.id));
      await step('community view: the floor statement, raw (prepared)', () => raw('kring_bench_monitor_community', COMMUNITY_FLOOR_SQL, [one.id]));
    } finally {
      await database.close();
    }
    return {
      n,
      seeded,
      migrateMs,
      startMs,
      cold,
      materialize,
      firstCommunityMs,
      networkBytes: warm.bytes,
      network,
      networkFloor,
      networkCached,
      community,
      communityFloor,
      me,
      breakdown,
      serverErrors,
      totalMs: performance.now() - t0,
    };
  } finally {
    await stopAll();
    cleanups.delete(stopAll);
  }
}

// ----- the report ---------------------------------------------------------------------------------

const MARK_START = '<!-- bench:monitor start -->';
const MARK_END = '<!-- bench:monitor end -->';
const ok = (met: boolean) => (met ? 'met' : '**not met**');
const f0 = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : '–');
const f1 = (x: number) => (Number.isFinite(x) ? (Math.abs(x) < 10 ? x.toFixed(1) : x.toFixed(0)) : '–');
const int = (x: number) => x.toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
const kb = (b: number) => (b >= 2 ** 20 ? `${(b / 2 ** 20).toFixed(1)} MB` : `${b < 10 * 1024 ? (b / 1024).toFixed(1) : (b / 1024).toFixed(0)} KB`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function sourceVersion(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'an unknown commit';
  const dirty = git('status', '--porcelain', '--', 'src/server', 'src/contracts', ':(exclude)*.test.ts').stdout.trim() !== '';
  return `commit ${head.stdout.trim()}${dirty ? ' with uncommitted changes in src/server or src/contracts' : ''}`;
}

interface Growth {
  from: number;
  to: number;
  ratio: number;
  networkP50: number;
  networkP95: number;
  networkCpu: number;
  bytes: number;
  materialize: number;
  communityP95: number;
  communityCpu: number;
}

function growthOf(results: SizeResult[]): Growth[] {
  const sorted = [...results].sort((a, b) => a.n - b.n);
  return sorted.slice(1).map((b, i) => {
    const a = sorted[i]!;
    return {
      from: a.n,
      to: b.n,
      ratio: b.n / a.n,
      networkP50: b.network.p50 / a.network.p50,
      networkP95: b.network.p95 / a.network.p95,
      networkCpu: b.network.cpuMs / a.network.cpuMs,
      bytes: b.networkBytes / a.networkBytes,
      materialize: b.materialize.ms / a.materialize.ms,
      communityP95: b.community.p95 / a.community.p95,
      communityCpu: b.community.cpuMs / a.community.cpuMs,
    };
  });
}

function report(
  results: SizeResult[],
  failures: string[],
  run: { seconds: number; warmup: number; connections: number; loadStart: number[]; pressureStart: string; totalMs: number; dbSettings: [string, string][] },
): string {
  const cpus = os.cpus();
  const sorted = [...results].sort((a, b) => a.n - b.n);
  const lines = [
    MARK_START,
    '## Part 5: conditions monitor',
    '',
    `Measured ${new Date().toISOString()} with \`npm run bench:monitor\` at ${sourceVersion()}, in ${secs(run.totalMs)}. ` +
      `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, PostgreSQL on the same machine; ` +
      `the server, PostgreSQL and the load generator share the ${cpus.length} cores. Load average (1 min) ${run.loadStart[0]!.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end; ` +
      `CPU pressure (avg10 / avg60, % of time runnable work waited for a core) ${run.pressureStart} at the start` +
      (run.loadStart[0]! > cpus.length / 2 ? ': other work was running on the machine, so treat the numbers as pessimistic.' : '.'),
    '',
    `Per size a fresh database: one network, N communities of 8 members (3 organisations of the network's ⌈N/4⌉, 5 stakeholder groups), 60 monthly meetings over the last five years each, ` +
      'with attendance, programmes, harvests, input, proposals with responses and comments, check-outs and two evaluations a year (`bench/lib/monitor-seed.ts`). ' +
      `The Kring server runs as its own process (production config, job runner every ${JOBS_INTERVAL_MS / 1000} s). Load: autocannon in a separate process, ${run.connections} connections, ` +
      `${run.seconds} s after a ${run.warmup} s warm-up; the network view as a coordinator, the community view as members of ${MEASURED_COMMUNITIES} communities in turn. ` +
      'Floors, same run and load: `GET /api/me` through Kring (session and a trivial route); a bare Fastify app in the bench process running one prepared SQL statement with each view\'s data ' +
      '(network: the communities joined to their summaries; community: every row the view reads, as one JSON document, nothing computed); and the same app sending the network view\'s own bytes from memory (the best a cached view could do).' +
      (run.dbSettings.length ? ` **Experiment**: database settings ${run.dbSettings.map(([k, v]) => `\`${k} = ${v}\``).join(', ')} for every session (server, floor and breakdown alike).` : ''),
    '',
    '| communities | meetings | contributions | other rows | seed (+ vacuum analyze) | cold network view | all summaries materialized | network view payload |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of sorted) {
    const s = r.seeded;
    const other = s.counts.attendance! + s.counts.agenda_items! + s.counts.check_outs! + s.counts.proposals! + s.counts.evaluations! + s.counts.evaluation_answers!;
    const m = r.materialize;
    const mat = `${secs(m.ms)}${m.stalled ? ` (the job: ${int(m.byJob)} in ${secs(m.jobMs)}, then stopped; the rest by ${m.polls} view reloads every ${POLL_MS / 1000} s)` : ` (by the job)`}`;
    lines.push(
      `| ${int(r.n)} | ${int(s.meetings)} | ${int(s.contributions)} | ${int(other)} | ${secs(s.seedMs)} (+ ${secs(s.vacuumMs)}) | ${f0(r.cold.ms)} ms (${r.cold.rows} ready, ${int(r.cold.pending)} pending) | ${mat} | ${kb(r.networkBytes)} |`,
    );
  }
  lines.push('', '| communities | endpoint | requests/s | p50 | p95 | p99 | CPU per request (serving process) |', '|---:|---|---:|---:|---:|---:|---:|');
  for (const r of sorted) {
    const row = (label: string, x: Measured, bold: boolean) =>
      `| ${int(r.n)} | ${label} | ${f0(x.rps)} | ${f1(x.p50)} ms | ${bold ? `**${f1(x.p95)} ms**` : `${f1(x.p95)} ms`} | ${f1(x.p99)} ms | ${f1(x.cpuMs)} ms |`;
    lines.push(
      row('network view `GET /api/networks/:id/monitor`', r.network, true),
      row('network floor (one statement, bare Fastify)', r.networkFloor, false),
      row("the network view's bytes from memory (bare Fastify, no database: what a cached view could do)", r.networkCached, false),
      row('community view `GET /api/communities/:id/monitor`', r.community, true),
      row('community floor (one statement, bare Fastify)', r.communityFloor, false),
      row('`GET /api/me` (Kring floor)', r.me, false),
    );
  }
  const growth = growthOf(sorted);
  if (growth.length) {
    lines.push('', 'Growth between sizes (cost at the larger size ÷ cost at the smaller; linear = the communities ratio):', '');
    lines.push('| from → to | communities | network p50 | network p95 | network CPU/request | payload | materialization | community p95 | community CPU/request |', '|---|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const g of growth) {
      lines.push(`| ${int(g.from)} → ${int(g.to)} | ×${f1(g.ratio)} | ×${f1(g.networkP50)} | ×${f1(g.networkP95)} | ×${f1(g.networkCpu)} | ×${f1(g.bytes)} | ×${f1(g.materialize)} | ×${f1(g.communityP95)} | ×${f1(g.communityCpu)} |`);
    }
  }
  lines.push('');
  const at = sorted.find((r) => r.n === TARGETS.networkAt);
  lines.push(
    at
      ? `- Network view p95 ≤ ${TARGETS.networkP95Ms} ms at ${int(TARGETS.networkAt)} communities: ${ok(at.network.p95 <= TARGETS.networkP95Ms)} (${f1(at.network.p95)} ms; ${at.seeded.meetings.toLocaleString('en-US')} meetings and ${int(at.seeded.contributions)} contributions).`
      : `- Network view p95 ≤ ${TARGETS.networkP95Ms} ms at ${int(TARGETS.networkAt)} communities: not measured in this run.`,
  );
  if (sorted.length) {
    lines.push(
      `- Community view p95 ≤ ${TARGETS.communityP95Ms} ms: ${ok(sorted.every((r) => r.community.p95 <= TARGETS.communityP95Ms))} (${sorted.map((r) => `${f1(r.community.p95)} ms at ${int(r.n)}`).join(', ')}).`,
    );
  }
  if (growth.length) {
    const limit = (g: Growth) => g.ratio * GROWTH_TOLERANCE;
    const linear = growth.every((g) => g.networkCpu <= limit(g) && g.networkP50 <= limit(g) && g.materialize <= limit(g) && g.communityP95 <= limit(g));
    lines.push(
      `- Growth no worse than linear (each ratio at most the communities ratio + ${f0((GROWTH_TOLERANCE - 1) * 100)} %, for noise): ${ok(linear)} (${growth
        .map((g) => `${int(g.from)} → ${int(g.to)}, ×${f1(g.ratio)} communities: network view CPU ×${f1(g.networkCpu)} and p50 ×${f1(g.networkP50)}, materialization ×${f1(g.materialize)}, community view p95 ×${f1(g.communityP95)}`)
        .join('; ')}).`,
    );
  }
  const stalled = sorted.filter((r) => r.materialize.stalled);
  if (stalled.length) {
    lines.push(
      `- The background job \`monitor.refresh\` stopped adding summaries after its first batch at ${stalled.map((r) => `${int(r.n)} (${int(r.materialize.byJob)} of ${int(r.n)})`).join(', ')}: ` +
        `the rest came from network views, each of which computes up to 10 and plans the job again. See README.md (part 5 findings).`,
    );
  }
  for (const r of sorted) {
    lines.push(
      `- ${int(r.n)}: the whole size took ${secs(r.totalMs)} (migrations ${secs(r.migrateMs)}, seed ${secs(r.seeded.seedMs)} + vacuum analyze ${secs(r.seeded.vacuumMs)}, server start ${secs(r.startMs)}, materialization ${secs(r.materialize.ms)}); ` +
        `first community view of each measured community (settles 10 evaluation snapshots) median ${f0(median(r.firstCommunityMs))} ms; ` +
        `CPU pressure during the measurements ${[r.network, r.community].map((x) => x.pressure).join(', ')}${r.serverErrors.length ? `; the server logged ${r.serverErrors.length} errors` : ''}.`,
    );
  }
  const breakdownSizes = sorted.filter((r) => r.breakdown.length);
  if (breakdownSizes.length) {
    lines.push('', 'Where the time goes, without load (in the bench process on the same database, 20 runs after 3; wall median / Node CPU median):', '');
    lines.push(`| step | ${breakdownSizes.map((r) => int(r.n)).join(' | ')} |`, `|---|${breakdownSizes.map(() => '---:').join('|')}|`);
    for (const [i, b] of breakdownSizes[0]!.breakdown.entries()) {
      lines.push(`| ${b.label} | ${breakdownSizes.map((r) => (r.breakdown[i] ? `${f1(r.breakdown[i]!.t.median)} / ${f1(r.breakdown[i]!.t.cpu)} ms` : '–')).join(' | ')} |`);
    }
  }
  for (const f of failures) lines.push(`- **Not measured**: ${f}`);
  lines.push('', MARK_END);
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
  const sizes = arg('sizes', '100,1000,5000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((x) => Number.isInteger(x) && x > 0);
  if (sizes.length === 0) throw new Error('--sizes: a comma-separated list of community counts, e.g. 100,1000,5000');
  const seconds = Number(arg('seconds', '10'));
  const warmup = Number(arg('warmup', '3'));
  const connections = Number(arg('connections', '4'));
  const workers = Number(arg('workers', '2'));
  const maxMinutes = Number(arg('max-minutes', '75'));
  // --db-setting name=value (repeatable): e.g. max_parallel_workers_per_gather=0, for trying a setting without changing src/.
  const dbSettings = process.argv
    .flatMap((a, i) => (a === '--db-setting' && process.argv[i + 1] ? [process.argv[i + 1]!] : []))
    .map((x) => {
      const m = /^([a-z_]+)=([A-Za-z0-9_.]+)$/.exec(x);
      if (!m) throw new Error(`--db-setting ${x}: expected name=value`);
      return [m[1]!, m[2]!] as [string, string];
    });
  // Experiments (--db-setting) leave RESULTS.md alone unless told otherwise.
  const fullRun = sizes.includes(TARGETS.networkAt) && seconds >= 10;
  const write = process.argv.includes('--write') || (fullRun && dbSettings.length === 0 && !process.argv.includes('--dry'));
  const deadline = Date.now() + maxMinutes * 60_000;
  const hardStop = setTimeout(
    () => {
      console.error(`[bench:monitor] took longer than ${maxMinutes + 5} minutes; stopping`);
      void cleanupAll().finally(() => process.exit(2));
    },
    (maxMinutes + 5) * 60_000,
  );
  hardStop.unref();
  if (!(await postgresReachable())) throw new Error(`PostgreSQL is not reachable at ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//…@')} (BENCH_PG_URL)`);
  const loadStart = os.loadavg();
  const pressureStart = cpuPressure();
  const t0 = performance.now();
  const results: SizeResult[] = [];
  const failures: string[] = [];
  for (const n of [...sizes].sort((a, b) => a - b)) {
    try {
      results.push(await benchSize(n, { seconds, warmup, connections, workers, deadline, dbSettings }));
      log(`${n}: done in ${secs(results.at(-1)!.totalMs)}`);
    } catch (err) {
      console.error(err);
      failures.push(`${int(n)} communities: ${(err as Error).message.split('\n')[0]}`);
      if (Date.now() > deadline) break;
    }
  }
  const md = report(results, failures, { seconds, warmup, connections, loadStart, pressureStart, totalMs: performance.now() - t0, dbSettings });
  console.log(`\n${md}`);
  if (write && results.length) {
    writeResults(md);
    log('bench/RESULTS.md updated');
  } else {
    log(`RESULTS.md left alone (${results.length ? 'not a full run: the 1,000 size and ≥ 10 s per measurement; --write to update it anyway' : 'nothing measured'})`);
  }
  return failures.length ? 1 : 0;
}

if (process.argv[2] === '--load-child') {
  loadChild(JSON.parse(process.argv[3]!) as LoadSpec);
} else {
  // Whatever happens, no server or load generator outlives this process.
  process.on('exit', () => {
    for (const pid of children) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
  });
  const stop = (signal: string) => {
    console.error(`[bench:monitor] ${signal}: cleaning up`);
    void cleanupAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  main()
    .then((code) => process.exit(code))
    .catch(async (err) => {
      console.error(err);
      await cleanupAll();
      process.exit(1);
    });
}
