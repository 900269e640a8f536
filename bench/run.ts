/**
 * Benchmarks: `npm run bench [-- --db pglite|postgres|all|none] [--seconds 10] [--connections 10] [--no-startup]`.
 * Everything runs against 127.0.0.1 and is bounded in time. Writes bench/RESULTS.md. See bench/README.md.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { startFloor, type RawClient } from './lib/floor';
import { runAutocannon, type LoadResult } from './lib/load';
import { MEMBERS, seed } from './lib/seed';
import { ensureWebBuild, firstLoadJavaScript, timeColdStart, type BundleFile } from './lib/startup';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const TARGETS = {
  ratio: 0.5, // PostgreSQL, 10 connections: the full stack keeps at least half the floor's throughput
  p99Ms: 25, // PostgreSQL, 10 connections
  coldStartMs: 2000,
  firstLoadGzipBytes: 200 * 1024,
};

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const dbChoice = arg('db', 'all');
const seconds = Number(arg('seconds', '10'));
const connections = Number(arg('connections', '10'));
const warmupSeconds = Number(arg('warmup', '3'));
const withStartup = !process.argv.includes('--no-startup');

interface DbResult {
  kind: 'pglite' | 'postgres';
  target: LoadResult;
  floor: LoadResult;
  ratio: number;
}

const log = (msg: string) => console.log(`[bench] ${msg}`);
// Other work on the machine skews every number here; the report states how busy it was.
const loadAtStart = os.loadavg()[0]!;

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function benchDatabase(kind: 'pglite' | 'postgres'): Promise<DbResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kring-bench-${kind}-`));
  const dbName = `kring_bench_${crypto.randomBytes(4).toString('hex')}`;
  let databaseUrl = '';
  if (kind === 'postgres') {
    await adminQuery(`create database ${dbName}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
  }
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    AUTH_SECRET: crypto.randomBytes(24).toString('hex'),
    PUBLIC_URL: 'http://127.0.0.1',
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: path.join(tmp, 'data'),
    DATABASE_URL: databaseUrl,
    SMTP_URL: '',
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'silent',
    WEB_DIST: path.join(tmp, 'no-web'),
  });
  const app = await buildApp({ config, logger: false });
  let floor: Awaited<ReturnType<typeof startFloor>> | undefined;
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    log(`${kind}: Kring at ${baseUrl}; seeding`);
    const seeded = await seed(baseUrl, app.ctx.database.db);

    // The floor queries the same database: the same PGlite instance, or its own pool on the same PostgreSQL.
    const floorPool = kind === 'postgres' ? new pg.Pool({ connectionString: databaseUrl, max: 20 }) : undefined;
    const pglite = (app.ctx.database.db as unknown as { $client: { query(t: string, p: unknown[]): Promise<{ rows: unknown[] }> } }).$client;
    const rawClient: RawClient = floorPool
      ? (text, values) => floorPool.query({ name: 'kring_bench_floor', text, values })
      : (text, values) => pglite.query(text, values);
    floor = await startFloor(rawClient);
    const floorUrl = floor.url(seeded.communityId);
    const targetUrl = `${baseUrl}/api/communities/${seeded.communityId}`;
    const headers = { cookie: seeded.cookie };

    const measure = async (label: string, url: string, h?: Record<string, string>) => {
      log(`${kind}: ${label} warm-up ${warmupSeconds}s`);
      await runAutocannon({ url, connections, seconds: warmupSeconds, headers: h });
      log(`${kind}: ${label} ${seconds}s at ${connections} connections`);
      const r = await runAutocannon({ url, connections, seconds, headers: h });
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
      log(`${kind}: ${label} ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
      return r;
    };
    const target = await measure('target GET /api/communities/:id', targetUrl, headers);
    const floorResult = await measure('floor (bare Fastify + one query)', floorUrl);
    await floorPool?.end();
    return { kind, target, floor: floorResult, ratio: target.rps / floorResult.rps };
  } finally {
    await floor?.app.close().catch(() => {});
    await app.close().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
    if (kind === 'postgres') await adminQuery(`drop database if exists ${dbName} with (force)`).catch((e) => log(`drop failed: ${e}`));
  }
}

async function benchStartup(): Promise<{ runs: number[]; median: number }> {
  ensureWebBuild(root);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kring-bench-start-'));
  try {
    // The first start builds the web app when it is stale and creates the database; not timed.
    log('cold start: preparing the data directory');
    await timeColdStart({ root, dataDir, timeoutMs: 180_000 });
    const runs: number[] = [];
    for (let attempt = 0; runs.length < 3 && attempt < 6; attempt++) {
      const { ms, rebuilt } = await timeColdStart({ root, dataDir });
      // A web source changed meanwhile (someone is editing): that start included a vite build; not a cold start.
      if (rebuilt) {
        log(`cold start: ${ms} ms included a web rebuild; not counted`);
        continue;
      }
      log(`cold start ${runs.length + 1}: ${ms} ms`);
      runs.push(ms);
    }
    if (runs.length < 3) throw new Error('the web app was rebuilt on every start (sources keep changing)');
    const median = [...runs].sort((a, b) => a - b)[1]!;
    return { runs, median };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const ok = (met: boolean) => (met ? 'met' : '**not met**');
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;

function report(opts: {
  dbs: DbResult[];
  skipped: string[];
  startup?: { runs: number[]; median: number };
  bundle?: BundleFile[];
  errors: string[];
}): string {
  const cpus = os.cpus();
  const lines: string[] = [
    '# Benchmark results',
    '',
    `Measured ${new Date().toISOString()} with \`npm run bench\` (see README.md for what is measured).`,
    '',
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ` +
      `${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}. ` +
      `Load: autocannon in a separate process, ${connections} connections, ${seconds} s after a ${warmupSeconds} s warm-up; ` +
      `community of ${MEMBERS} members. ` +
      `Load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end` +
      (Math.max(loadAtStart, os.loadavg()[0]!) > cpus.length ? ': the machine was busy with other work, so treat these numbers as pessimistic.' : '.'),
    '',
  ];
  for (const r of opts.dbs) {
    lines.push(`## ${r.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)'}`, '');
    lines.push('| | requests/s | p50 | p99 |', '|---|---:|---:|---:|');
    lines.push(`| target: \`GET /api/communities/:id\` (session, access check, query, validation) | ${r.target.rps.toFixed(0)} | ${r.target.p50} ms | ${r.target.p99} ms |`);
    lines.push(`| floor: bare Fastify, one raw SQL query | ${r.floor.rps.toFixed(0)} | ${r.floor.p50} ms | ${r.floor.p99} ms |`);
    lines.push(`| **ratio target / floor** | **${(r.ratio * 100).toFixed(0)} %** | | |`, '');
    if (r.kind === 'postgres') {
      lines.push(`- ratio ≥ ${TARGETS.ratio * 100} %: ${ok(r.ratio >= TARGETS.ratio)}`);
      lines.push(`- p99 ≤ ${TARGETS.p99Ms} ms: ${ok(r.target.p99 <= TARGETS.p99Ms)}`, '');
    } else {
      lines.push('- No target for PGlite: one embedded connection serialises all queries; it is for small installations.', '');
    }
  }
  for (const s of opts.skipped) lines.push(`- Skipped: ${s}`);
  if (opts.skipped.length) lines.push('');
  if (opts.startup) {
    lines.push('## Cold start', '');
    lines.push(
      `\`npm start\` (scripts/start.mjs, existing dist/web and data directory, PGlite) until the first answered \`GET /api/health\`: ` +
        `median **${opts.startup.median} ms** of ${opts.startup.runs.join(', ')} ms. Target ≤ ${TARGETS.coldStartMs} ms: ${ok(opts.startup.median <= TARGETS.coldStartMs)}.`,
      '',
    );
  }
  if (opts.bundle) {
    const total = opts.bundle.reduce((s, f) => s + f.gzipBytes, 0);
    lines.push('## First page load, JavaScript', '');
    lines.push('| file | size | gzip -9 |', '|---|---:|---:|');
    for (const f of opts.bundle) lines.push(`| ${f.file} | ${kb(f.bytes)} | ${kb(f.gzipBytes)} |`);
    lines.push(`| **total** | ${kb(opts.bundle.reduce((s, f) => s + f.bytes, 0))} | **${kb(total)}** |`, '');
    lines.push(`Target ≤ ${kb(TARGETS.firstLoadGzipBytes)} gzipped: ${ok(total <= TARGETS.firstLoadGzipBytes)}.`, '');
  }
  if (opts.errors.length) {
    lines.push('## Not measured', '');
    for (const e of opts.errors) lines.push(`- ${e.split('\n')[0]}`);
    lines.push('');
  }
  return lines.join('\n');
}

async function main() {
  if (!['all', 'pglite', 'postgres', 'none'].includes(dbChoice)) throw new Error(`--db must be pglite, postgres, all or none`);
  const kinds: ('pglite' | 'postgres')[] =
    dbChoice === 'all' ? ['pglite', 'postgres'] : dbChoice === 'none' ? [] : [dbChoice as 'pglite' | 'postgres'];
  const dbs: DbResult[] = [];
  const skipped: string[] = [];
  const errors: string[] = [];
  for (const kind of kinds) {
    if (kind === 'postgres' && !(await postgresReachable())) {
      skipped.push(`PostgreSQL: not reachable at ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//…@')}`);
      continue;
    }
    try {
      dbs.push(await benchDatabase(kind));
    } catch (err) {
      console.error(err);
      errors.push(`${kind}: ${(err as Error).message}`);
    }
  }
  let startup: { runs: number[]; median: number } | undefined;
  let bundle: BundleFile[] | undefined;
  if (withStartup) {
    try {
      startup = await benchStartup();
    } catch (err) {
      console.error(err);
      errors.push(`cold start: ${(err as Error).message}`);
    }
    try {
      ensureWebBuild(root);
      bundle = firstLoadJavaScript(root);
    } catch (err) {
      errors.push(`bundle size: ${(err as Error).message}`);
    }
  }
  const md = report({ dbs, skipped, startup, bundle, errors });
  fs.writeFileSync(path.join(root, 'bench', 'RESULTS.md'), md);
  console.log(`\n${md}`);
  process.exit(errors.length ? 1 : 0);
}

const hardStop = setTimeout(() => {
  console.error('[bench] took longer than 10 minutes; stopping');
  process.exit(2);
}, 10 * 60_000);
hardStop.unref();

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
