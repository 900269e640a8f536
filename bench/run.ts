/**
 * Benchmarks: `npm run bench [-- --db pglite|postgres|all|none] [--seconds 10] [--connections 10] [--no-startup] [--no-calendar]`.
 * Everything runs against 127.0.0.1 and is bounded in time. Writes bench/RESULTS.md. See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildCalendar } from '../src/server/features/calendar/ics';
import { feed as feedService, meetingEvent } from '../src/server/features/calendar/calendar.service';
import { feedMeetings, findFeed } from '../src/server/features/calendar/calendar.repository';
import { pgliteRawClient, pgRawClient, startFloor, type RawClient, type Statement } from './lib/floor';
import { runAutocannon, type LoadResult } from './lib/load';
import { captureStatements, timeIt, type Timing } from './lib/profile';
import { MEMBERS, seed } from './lib/seed';
import { PG_ADMIN_URL, postgresReachable, startKring, type Kring } from './lib/server';
import { COMMUNITIES, OTHERS_PER_COMMUNITY, seedCalendar, type CalendarSeeded } from './lib/seed-calendar';
import { ensureWebBuild, firstLoadJavaScript, timeColdStart, type BundleFile } from './lib/startup';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TARGETS = {
  ratio: 0.5, // PostgreSQL, 10 connections: the full stack keeps at least half the floor's throughput
  p99Ms: 25, // PostgreSQL, 10 connections
  coldStartMs: 2000,
  firstLoadGzipBytes: 200 * 1024,
  feedP99Ms: 50, // part 2 (issue 3): the calendar feed of a member in 10 communities, PostgreSQL, 10 connections
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
const withCalendar = !process.argv.includes('--no-calendar');

interface CalendarResult {
  seeded: CalendarSeeded;
  seedMs: number;
  feedBytes: number;
  floorBytes: number;
  feed: LoadResult;
  feedFloor: LoadResult;
  rhythm: LoadResult;
  meetings: LoadResult;
  pageFloor: LoadResult;
  /** SQL statements one request runs (captured at the driver, one request without load); feedBuild: the feed's first request. */
  statements: { feedBuild: number; feed: number; rhythm: number; meetings: number };
  breakdown: { label: string; t: Timing }[];
}

interface DbResult {
  kind: 'pglite' | 'postgres';
  target: LoadResult;
  floor: LoadResult;
  ratio: number;
  calendar?: CalendarResult;
  calendarError?: string;
}

const log = (msg: string) => console.log(`[bench] ${msg}`);
// Other work on the machine skews every number here; the report states how busy it was.
const loadAtStart = os.loadavg()[0]!;

async function benchDatabase(kind: 'pglite' | 'postgres'): Promise<DbResult> {
  const kring = await startKring(kind, log);
  const { app, baseUrl, databaseUrl } = kring;
  let floor: Awaited<ReturnType<typeof startFloor>> | undefined;
  let floorPool: pg.Pool | undefined;
  try {
    log(`${kind}: Kring at ${baseUrl}; seeding`);
    const seeded = await seed(baseUrl, app.ctx.database.db);

    // The floor queries the same database: the same PGlite instance, or its own pool on the same PostgreSQL.
    floorPool = kind === 'postgres' ? new pg.Pool({ connectionString: databaseUrl, max: 20 }) : undefined;
    const pglite = (app.ctx.database.db as unknown as { $client: Parameters<typeof pgliteRawClient>[0] }).$client;
    const rawClient: RawClient = floorPool ? pgRawClient(floorPool) : pgliteRawClient(pglite);
    const statements: Record<string, Statement> = {};
    floor = await startFloor(rawClient, statements);
    const floorUrl = floor.url(seeded.communityId);
    const targetUrl = `${baseUrl}/api/communities/${seeded.communityId}`;
    const headers = { cookie: seeded.cookie };

    const measure: Measure = async (label, url, h) => {
      log(`${kind}: ${label} warm-up ${warmupSeconds}s`);
      await runAutocannon({ url, connections, seconds: warmupSeconds, headers: h });
      log(`${kind}: ${label} ${seconds}s at ${connections} connections`);
      const r = await runAutocannon({ url, connections, seconds, headers: h });
      if (r.non2xx > 0 || r.errors > 0) throw new Error(`${label}: ${r.non2xx} non-2xx answers and ${r.errors} errors`);
      if (r.requests === 0) throw new Error(`${label}: no request completed in ${seconds} s`);
      log(`${kind}: ${label} ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
      return r;
    };
    const target = await measure('target GET /api/communities/:id', targetUrl, headers);
    const floorResult = await measure('floor (bare Fastify + one query)', floorUrl);

    // Part 2: the calendar feed and the community page of a member in 10 long-running communities.
    let calendar: CalendarResult | undefined;
    let calendarError: string | undefined;
    if (withCalendar) {
      try {
        calendar = await benchCalendar({ kind, app, baseUrl, coordinatorCookie: seeded.cookie, floor, statements, rawClient, measure });
      } catch (err) {
        // Part 1's numbers stand; the report says part 2 was not measured.
        console.error(err);
        calendarError = (err as Error).message;
      }
    }
    return { kind, target, floor: floorResult, ratio: target.rps / floorResult.rps, calendar, calendarError };
  } finally {
    await floorPool?.end().catch(() => {});
    await floor?.app.close().catch(() => {});
    await kring.close();
  }
}

type Measure = (label: string, url: string, headers?: Record<string, string>) => Promise<LoadResult>;

/** Part 2 on a running server: seed, record the feed's SQL for its floor, measure, then time each step of a feed request. */
async function benchCalendar(opts: {
  kind: 'pglite' | 'postgres';
  app: Kring['app'];
  baseUrl: string;
  coordinatorCookie: string;
  floor: Awaited<ReturnType<typeof startFloor>>;
  statements: Record<string, Statement>;
  rawClient: RawClient;
  measure: Measure;
}): Promise<CalendarResult> {
  const { kind, app, baseUrl, coordinatorCookie, floor, statements, rawClient, measure } = opts;
  const t0 = performance.now();
  log(`${kind}: part 2: seeding ${COMMUNITIES} communities with 5 years of monthly meetings`);
  const cal = await seedCalendar(baseUrl, app.ctx.database.db, coordinatorCookie);
  const seedMs = performance.now() - t0;
  log(`${kind}: seeded ${cal.meetingCount} meetings (${cal.cancelled} cancelled, ${cal.moved} moved), ${JSON.stringify(cal.rows)} in ${seedMs.toFixed(0)} ms`);
  const feedUrl = `${baseUrl}${cal.feedPath}`;
  const rhythmUrl = `${baseUrl}/api/communities/${cal.communityId}/rhythm`;
  const meetingsUrl = `${baseUrl}/api/communities/${cal.communityId}/meetings?scope=past`;
  const calHeaders = { cookie: cal.cookie };

  // The first request of a new feed builds its calendar: watch it, and give the floor the statement
  // it ran to read the meetings. Later requests of an unchanged calendar may be answered from the
  // server's cache (since cfdc468) and run fewer statements; both counts are reported.
  let feedBytes = 0;
  const buildSql = await captureStatements(app.ctx.database, async () => {
    const res = await fetch(feedUrl);
    const body = await res.text();
    const events = body.split('BEGIN:VEVENT').length - 1;
    if (!res.ok || events !== cal.meetingCount) throw new Error(`feed check failed: ${res.status}, ${events} events for ${cal.meetingCount} meetings`);
    feedBytes = Buffer.byteLength(body);
  });
  const main = [...buildSql].sort((a, b) => b.rows - a.rows)[0];
  if (!main || main.rows !== cal.meetingCount) throw new Error(`could not find the feed's meetings query (statements: ${buildSql.map((q) => q.rows).join(', ')} rows)`);
  statements.feed = { text: main.text, values: main.values };
  const floorBytes = Buffer.byteLength(await (await fetch(floor.statementUrl('feed'))).text());
  const count = async (url: string, h?: Record<string, string>) => {
    await (await fetch(url, { headers: h })).arrayBuffer(); // the session lookup is remembered for 5 s: not counted
    return (await captureStatements(app.ctx.database, async () => {
      const res = await fetch(url, { headers: h });
      if (!res.ok) throw new Error(`${url} → ${res.status}`);
      await res.arrayBuffer();
    })).length;
  };
  const counts = { feedBuild: buildSql.length, feed: await count(feedUrl), rhythm: await count(rhythmUrl, calHeaders), meetings: await count(meetingsUrl, calHeaders) };

  const feed = await measure('feed GET /api/calendar/:feedId/:secret.ics', feedUrl);
  const feedFloor = await measure("feed floor (bare Fastify + the feed's SQL, rows as JSON)", floor.statementUrl('feed'));
  const rhythm = await measure('GET /api/communities/:id/rhythm', rhythmUrl, calHeaders);
  const meetings = await measure('GET /api/communities/:id/meetings?scope=past', meetingsUrl, calHeaders);
  const pageFloor = await measure('community page floor (bare Fastify + one query)', floor.url(cal.communityId));

  // Where the feed's time goes, without load: each step on its own, sequentially. "After a change"
  // touches one of the member's meetings (untimed) before every run, so the calendar is rebuilt.
  log(`${kind}: profiling the feed`);
  const ctx = app.ctx;
  const rows = await feedMeetings(ctx.db, cal.userId);
  const raw = await rawClient('kring_bench_feed', main.text, main.values, 'arrays');
  const touch = () => rawClient('kring_bench_touch', 'update meetings set updated_at = now() where id = (select id from meetings where community_id = $1 order by starts_at limit 1)', [cal.communityId]);
  const fetchText = (url: string, h?: Record<string, string>) => async () => (await fetch(url, { headers: h })).text();
  const breakdown = [
    { label: 'HTTP GET feed, unchanged calendar, no load (the fetch client runs in this process: its CPU is included)', t: await timeIt(fetchText(feedUrl)) },
    { label: 'HTTP GET feed after a change, no load (client included)', t: await timeIt(fetchText(feedUrl), { before: touch }) },
    { label: '`calendar.service` feed(), unchanged calendar', t: await timeIt(() => feedService(ctx, cal.feedId, cal.feedFile)) },
    { label: '`calendar.service` feed() after a change: lookup + query + iCalendar', t: await timeIt(() => feedService(ctx, cal.feedId, cal.feedFile), { before: touch }) },
    { label: '`findFeed` (feed row lookup, Drizzle)', t: await timeIt(() => findFeed(ctx.db, cal.feedId)) },
    { label: '`feedMeetings` query through Drizzle (incl. row mapping)', t: await timeIt(() => feedMeetings(ctx.db, cal.userId)) },
    { label: 'the same SQL, raw rows (PostgreSQL: named prepared statement)', t: await timeIt(() => rawClient('kring_bench_feed', main.text, main.values, 'arrays')) },
    { label: 'meetingEvent() + buildCalendar() on fetched rows (CPU only)', t: await timeIt(() => buildCalendar({ name: 'Kring', refreshIntervalMinutes: 60, events: rows.map((r) => meetingEvent(ctx, r.meeting, r.communityName)) })) },
    { label: 'JSON.stringify of the raw rows (what the floor sends)', t: await timeIt(() => JSON.stringify(raw.rows)) },
    { label: 'HTTP GET rhythm, no load (client included)', t: await timeIt(fetchText(rhythmUrl, calHeaders)) },
    { label: 'HTTP GET meetings?scope=past, no load (client included)', t: await timeIt(fetchText(meetingsUrl, calHeaders)) },
  ];
  for (const b of breakdown) log(`${kind}:   ${b.label}: median ${b.t.median.toFixed(2)} ms, p90 ${b.t.p90.toFixed(2)} ms, CPU ${b.t.cpu.toFixed(2)} ms`);
  return { seeded: cal, seedMs, feedBytes, floorBytes, feed, feedFloor, rhythm, meetings, pageFloor, statements: counts, breakdown };
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

/** The commit measured, and whether src/ had changes not yet committed (others may be editing). */
function sourceVersion(): string {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: root, encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'an unknown commit';
  const dirty = git('status', '--porcelain', '--', 'src').stdout.trim() !== '';
  return `commit ${head.stdout.trim()}${dirty ? ' with uncommitted changes in src/' : ''}`;
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
    `Measured ${new Date().toISOString()} with \`npm run bench\` at ${sourceVersion()} (see README.md for what is measured).`,
    '',
    `Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, ` +
      `${os.type()} ${os.release()} (${os.arch()}), Node ${process.version}. ` +
      `Load: autocannon in a separate process, ${connections} connections, ${seconds} s after a ${warmupSeconds} s warm-up; ` +
      `community of ${MEMBERS} members. ` +
      `Load average (1 min) ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end (which includes the benchmark's own server, database and load generator)` +
      (loadAtStart > cpus.length / 2 ? ': other work was running on the machine, so treat these numbers as pessimistic.' : '.'),
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
  const withCal = opts.dbs.filter((r) => r.calendar);
  if (withCal.length) lines.push(...calendarReport(withCal));
  if (opts.errors.length) {
    lines.push('## Not measured', '');
    for (const e of opts.errors) lines.push(`- ${e.split('\n')[0]}`);
    lines.push('');
  }
  return lines.join('\n');
}

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : n.toFixed(0)} ms`;

/** Part 2 of RESULTS.md: the calendar feed and the community page (issue 3). */
function calendarReport(dbs: DbResult[]): string[] {
  const first = dbs[0]!.calendar!.seeded;
  const lines = [
    '## Part 2: calendar feed and community page',
    '',
    `Same machine, load and run as above. Data: one member in ${COMMUNITIES} communities (each with ${OTHERS_PER_COMMUNITY} other members, made by a network coordinator), ` +
      `each with a monthly series from four years ago to the 400-day horizon: **${first.meetingCount} meetings** ` +
      `(${first.cancelled} cancelled, ${first.moved} moved), ${first.rows.attendance} attendance answers, ${first.rows.agendaItems} programme items, ` +
      `${first.rows.inputs} inputs, ${first.rows.actionItems} action items; accounts, communities and the feed subscription through the API, ` +
      'the rest with SQL inserts, then ANALYZE.',
    '',
    '- *feed*: `GET /api/calendar/:feedId/:secret.ics`, the URL from `POST /api/account/calendar`, no cookie and no `Accept-Encoding` or `If-None-Match` ' +
      '(the full uncompressed calendar every time, the most a calendar app can ask for), the calendar unchanged during the load, as between two polls.',
    "- *feed floor*: bare Fastify running **the SQL statement the feed runs to read its meetings** (captured at the driver during the feed's first request, which builds the calendar), " +
      'as one named prepared statement (on PostgreSQL), rows as arrays with timestamps as text (as Drizzle reads them), all sent as JSON: ' +
      'no feed lookup, no HMAC check, no Drizzle mapping, no iCalendar. It is what reading the rows on every request costs; a feed that answers an unchanged calendar from a cache can beat it.',
    '- `bench/feed-variants.ts` (not run by `npm run bench`) compares ways to serve the feed on the same data: hand-written prepared SQL, a cached calendar with an ETag, gzip, 304.',
    '- *community page*: `GET /api/communities/:id/rhythm` and `GET /api/communities/:id/meetings?scope=past` (the longer of the two lists the page shows, 50 rows) with the member\'s session cookie.',
    "- *page floor*: part 1's one-statement floor (community, network, members as JSON) for that community.",
    '',
  ];
  for (const r of dbs) {
    const c = r.calendar!;
    const pct = (a: LoadResult, b: LoadResult) => `${((a.rps / b.rps) * 100).toFixed(0)} %`;
    lines.push(`### ${r.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (embedded)'}`, '');
    lines.push('| | SQL statements | requests/s | p50 | p99 | of floor |', '|---|---:|---:|---:|---:|---:|');
    lines.push(`| feed (${c.seeded.meetingCount} events, ${kb(c.feedBytes)}; its first request ran ${c.statements.feedBuild} statements) | ${c.statements.feed} | ${c.feed.rps.toFixed(0)} | ${c.feed.p50} ms | **${c.feed.p99} ms** | ${pct(c.feed, c.feedFloor)} |`);
    lines.push(`| feed floor: the feed's SQL, one prepared statement, rows as JSON (${kb(c.floorBytes)}) | 1 | ${c.feedFloor.rps.toFixed(0)} | ${c.feedFloor.p50} ms | ${c.feedFloor.p99} ms | |`);
    lines.push(`| community page: \`GET …/rhythm\` | ${c.statements.rhythm} | ${c.rhythm.rps.toFixed(0)} | ${c.rhythm.p50} ms | ${c.rhythm.p99} ms | ${pct(c.rhythm, c.pageFloor)} |`);
    lines.push(`| community page: \`GET …/meetings?scope=past\` | ${c.statements.meetings} | ${c.meetings.rps.toFixed(0)} | ${c.meetings.p50} ms | ${c.meetings.p99} ms | ${pct(c.meetings, c.pageFloor)} |`);
    lines.push(`| page floor: one raw SQL query | 1 | ${c.pageFloor.rps.toFixed(0)} | ${c.pageFloor.p50} ms | ${c.pageFloor.p99} ms | |`, '');
    if (r.kind === 'postgres') {
      lines.push(`- feed p99 ≤ ${TARGETS.feedP99Ms} ms: ${ok(c.feed.p99 <= TARGETS.feedP99Ms)} (${c.feed.p99} ms; the floor's p99 is ${c.feedFloor.p99} ms)`);
      lines.push('- community page: issue 3 sets no number; for comparison, part 1 holds `GET /api/communities/:id` to p99 ≤ 25 ms.', '');
    } else {
      lines.push('- No target for PGlite: one embedded connection serialises all queries.', '');
    }
    lines.push('Where a feed request\'s time goes, without load (each step alone, sequentially, 40 runs after 5 warm-up runs; the SQL statement counts above are of one request):', '');
    lines.push('| step | wall, median | wall, p90 | Node CPU, median |', '|---|---:|---:|---:|');
    for (const b of c.breakdown) lines.push(`| ${b.label} | ${ms(b.t.median)} | ${ms(b.t.p90)} | ${ms(b.t.cpu)} |`);
    const get = (prefix: string) => c.breakdown.find((b) => b.label.startsWith(prefix))!.t;
    const unchanged = get('`calendar.service` feed(), unchanged');
    const rebuild = get('`calendar.service` feed() after');
    const ics = get('meetingEvent()');
    const drizzle = get('`feedMeetings`');
    const raw = get('the same SQL');
    lines.push(
      '',
      `In Node CPU time the feed service costs ${ms(unchanged.cpu)} for an unchanged calendar and ${ms(rebuild.cpu)} when it has to rebuild it after a change: ` +
        `the meetings query through Drizzle ${ms(drizzle.cpu)} (the same statement with raw rows ${ms(raw.cpu)}), building the iCalendar ${ms(ics.cpu)}. ` +
        `Node runs one request's CPU work at a time, so with ${connections} connections waiting on one process a request's latency ` +
        `grows towards ${connections} × its CPU time; PostgreSQL's own work (the gap between wall and CPU time of a query) runs in parallel.`,
      '',
    );
  }
  return lines;
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
      const r = await benchDatabase(kind);
      dbs.push(r);
      if (r.calendarError) errors.push(`${kind}, part 2 (calendar feed and community page): ${r.calendarError}`);
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
  // Parts 3 and 5 (`npm run bench:room`, `npm run bench:monitor`) keep their own sections between markers: carried over.
  const resultsFile = path.join(root, 'bench', 'RESULTS.md');
  const old = fs.existsSync(resultsFile) ? fs.readFileSync(resultsFile, 'utf8') : '';
  const kept = ['room', 'monitor'].map((name) => new RegExp(`<!-- bench:${name} start -->[\\s\\S]*<!-- bench:${name} end -->`).exec(old)?.[0]).filter((x): x is string => !!x);
  fs.writeFileSync(resultsFile, [md.trimEnd(), ...kept].join('\n\n') + '\n');
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
