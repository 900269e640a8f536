/**
 * An experiment, not part of `npm run bench`: what would make the calendar feed fast enough?
 *
 *   npx tsx bench/feed-variants.ts [--db postgres|pglite] [--seconds 5] [--connections 10]
 *
 * Seeds the part 2 data set (bench/lib/seed-calendar.ts) into a fresh database behind the real
 * server, then measures, in the same run and under the same load:
 *
 * - current: the real route, GET /api/calendar/:feedId/:secret.ics (src/server/features/calendar;
 *   since cfdc468 it keeps the built calendar per feed, checked by its own fingerprint query);
 * - hot: the same calendar, but the feed row and the meetings read with two hand-written prepared
 *   statements (`ctx.database.hot`) selecting only the columns the calendar uses, no Drizzle;
 * - cached: one prepared statement returns a fingerprint of every row the calendar is made of
 *   (ids and xmin of the meetings and communities), the built calendar is kept per feed in memory
 *   (as UTF-8 bytes, and gzipped) and sent again while the fingerprint is unchanged, with an ETag;
 * - cached, gzip: the same with `Accept-Encoding: gzip`, as calendar apps send it;
 * - conditional: as cached, with the client sending If-None-Match (answered 304, no body), which
 *   calendar apps that poll do;
 * - bytes only: a route that sends the same calendar bytes from memory without touching the database
 *   (what sending ~430 KB costs on this machine, the floor under any uncompressed full answer).
 *
 * The variants run on a bare Fastify app in the same process, on the server's own database pool,
 * and build the body with the server's own functions (meetingEvent, buildCalendar), so they
 * produce the same bytes; this is checked before measuring.
 */
import crypto from 'node:crypto';
import os from 'node:os';
import zlib from 'node:zlib';
import Fastify from 'fastify';
import { feed as feedService, meetingEvent } from '../src/server/features/calendar/calendar.service';
import { feedMeetings } from '../src/server/features/calendar/calendar.repository';
import { buildCalendar } from '../src/server/features/calendar/ics';
import type { AppContext } from '../src/server/context';
import type { MeetingRow } from '../src/server/features/meetings/meetings.repository';
import { runAutocannon } from './lib/load';
import { timeIt } from './lib/profile';
import { seed } from './lib/seed';
import { seedCalendar } from './lib/seed-calendar';
import { startKring } from './lib/server';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > -1 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const kind = arg('db', 'postgres') as 'postgres' | 'pglite';
const seconds = Number(arg('seconds', '5'));
const connections = Number(arg('connections', '10'));
const log = (msg: string) => console.log(`[variants] ${msg}`);

/** The feed row: who it belongs to and whether it still works. */
const FEED_ROW_SQL = 'select user_id, revoked_at from calendar_feeds where id = $1';

/** The meetings of every community of the user, with only the columns the calendar shows. */
const FEED_MEETINGS_SQL = `
select m.id, m.community_id, m.title, m.starts_at, m.ends_at, m.time_zone, m.status, m.cancel_reason,
       m.room, m.address, m.location_notes, m.online_url, m.sequence, m.created_at, m.updated_at,
       c.name as community_name
  from community_members cm
  join meetings m on m.community_id = cm.community_id
  join communities c on c.id = m.community_id
 where cm.user_id = $1
 order by m.starts_at`;

/**
 * One row: the feed's owner, whether it is revoked, and a fingerprint of every row the calendar is
 * built from. xmin changes with every insert or update of a row, and the set of ids with every
 * insert or delete, so any change to a meeting, a community's name or the user's memberships (which
 * decide which meetings are in) gives a new fingerprint, whichever code path made it.
 */
const FEED_FINGERPRINT_SQL = `
select f.user_id, f.revoked_at,
       (select md5(coalesce(string_agg(m.id::text || ':' || m.xmin::text || ':' || c.xmin::text, ',' order by m.id), ''))
          from community_members cm
          join meetings m on m.community_id = cm.community_id
          join communities c on c.id = m.community_id
         where cm.user_id = f.user_id) as fingerprint
  from calendar_feeds f
 where f.id = $1`;

interface FeedMeetingRow {
  id: string;
  community_id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
  status: string;
  cancel_reason: string | null;
  room: string;
  address: string;
  location_notes: string;
  online_url: string;
  sequence: number;
  created_at: Date;
  updated_at: Date;
  community_name: string;
}

function secretOk(ctx: AppContext, feedId: string, file: string) {
  const secret = file.endsWith('.ics') ? file.slice(0, -4) : file;
  const expected = crypto.createHmac('sha256', ctx.config.authSecret).update(`calendar-feed:${feedId}`).digest('base64url').slice(0, 32);
  return secret.length === expected.length && crypto.timingSafeEqual(Buffer.from(secret), Buffer.from(expected));
}

async function buildHot(ctx: AppContext, userId: string) {
  const rows = await ctx.database.hot<FeedMeetingRow>('kring_feed_meetings', FEED_MEETINGS_SQL, [userId]);
  const events = rows.map((r) =>
    meetingEvent(
      ctx,
      {
        id: r.id,
        communityId: r.community_id,
        title: r.title,
        startsAt: new Date(r.starts_at),
        endsAt: new Date(r.ends_at),
        timeZone: r.time_zone,
        status: r.status,
        cancelReason: r.cancel_reason,
        room: r.room,
        address: r.address,
        locationNotes: r.location_notes,
        onlineUrl: r.online_url,
        sequence: r.sequence,
        createdAt: new Date(r.created_at),
        updatedAt: new Date(r.updated_at),
      } as MeetingRow,
      r.community_name,
    ),
  );
  return buildCalendar({ name: 'Kring', refreshIntervalMinutes: 60, events });
}

async function hotFeed(ctx: AppContext, feedId: string, file: string): Promise<string | null> {
  if (!secretOk(ctx, feedId, file)) return null;
  const [feed] = await ctx.database.hot<{ user_id: string; revoked_at: Date | null }>('kring_feed_row', FEED_ROW_SQL, [feedId]);
  if (!feed || feed.revoked_at) return null;
  return buildHot(ctx, feed.user_id);
}

/** Built calendars by feed id; a real one would bound its size (bytes) and drop the oldest. */
const cache = new Map<string, { fingerprint: string; etag: string; body: Buffer; gzip: Buffer }>();

async function cachedFeed(ctx: AppContext, feedId: string, file: string) {
  if (!secretOk(ctx, feedId, file)) return null;
  const [row] = await ctx.database.hot<{ user_id: string; revoked_at: Date | null; fingerprint: string }>('kring_feed_fingerprint', FEED_FINGERPRINT_SQL, [feedId]);
  if (!row || row.revoked_at) return null;
  const hit = cache.get(feedId);
  if (hit && hit.fingerprint === row.fingerprint) return hit;
  const body = Buffer.from(await buildHot(ctx, row.user_id));
  const entry = { fingerprint: row.fingerprint, etag: `"ics1-${row.fingerprint}"`, body, gzip: zlib.gzipSync(body) };
  cache.set(feedId, entry);
  return entry;
}

async function main() {
  const kring = await startKring(kind, log);
  const variants = Fastify({ logger: false });
  try {
    const { app, baseUrl } = kring;
    const ctx = app.ctx;
    log(`${kind}: seeding`);
    const s = await seed(baseUrl, ctx.database.db);
    const cal = await seedCalendar(baseUrl, ctx.database.db, s.cookie);
    log(`${kind}: ${cal.meetingCount} meetings in the feed`);

    variants.get<{ Params: { feedId: string; file: string } }>('/hot/:feedId/:file', async (req, reply) => {
      const body = await hotFeed(ctx, req.params.feedId, req.params.file);
      if (body === null) return reply.code(404).send();
      return reply.type('text/calendar; charset=utf-8').header('cache-control', 'private, max-age=300').send(body);
    });
    variants.get<{ Params: { feedId: string; file: string } }>('/cached/:feedId/:file', async (req, reply) => {
      const entry = await cachedFeed(ctx, req.params.feedId, req.params.file);
      if (entry === null) return reply.code(404).send();
      reply.header('etag', entry.etag).header('cache-control', 'private, max-age=300');
      if (req.headers['if-none-match'] === entry.etag) return reply.code(304).send();
      reply.type('text/calendar; charset=utf-8').header('vary', 'accept-encoding');
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(entry.gzip);
      return reply.send(entry.body);
    });
    let bytes = Buffer.alloc(0);
    variants.get('/bytes', async (_req, reply) => reply.type('text/calendar; charset=utf-8').send(bytes));
    await variants.listen({ port: 0, host: '127.0.0.1' });
    const address = variants.server.address();
    const vBase = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const tail = `${cal.feedId}/${cal.feedFile}`;

    // Same bytes, or the comparison means nothing.
    const current = await (await fetch(`${baseUrl}${cal.feedPath}`)).text();
    bytes = Buffer.from(current);
    for (const v of ['hot', 'cached']) {
      const body = await (await fetch(`${vBase}/${v}/${tail}`)).text();
      if (body !== current) throw new Error(`${v}: the calendar differs from the real feed (${body.length} vs ${current.length} characters)`);
    }
    const etag = (await fetch(`${vBase}/cached/${tail}`)).headers.get('etag')!;
    const entry = cache.get(cal.feedId)!;
    log(`calendar ${(entry.body.length / 1024).toFixed(0)} KB, gzipped ${(entry.gzip.length / 1024).toFixed(0)} KB`);
    const notModified = await fetch(`${vBase}/cached/${tail}`, { headers: { 'if-none-match': etag } });
    if (notModified.status !== 304) throw new Error(`conditional: expected 304, got ${notModified.status}`);

    log('in-process, no load (wall median / Node CPU median):');
    const steps = {
      current: () => feedService(ctx, cal.feedId, cal.feedFile),
      hot: () => hotFeed(ctx, cal.feedId, cal.feedFile),
      cached: () => cachedFeed(ctx, cal.feedId, cal.feedFile),
    };
    for (const [name, fn] of Object.entries(steps)) {
      const t = await timeIt(fn);
      log(`  ${name}: ${t.median.toFixed(2)} ms wall, ${t.cpu.toFixed(2)} ms CPU`);
    }

    const load = async (name: string, url: string, headers?: Record<string, string>) => {
      await runAutocannon({ url, connections, seconds: 2, headers });
      const r = await runAutocannon({ url, connections, seconds, headers });
      const bad = name === 'conditional' ? r.requests - r.non2xx : r.non2xx; // 304 counts as non-2xx for autocannon
      log(`  ${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${bad || r.errors ? ` (${bad} unexpected answers, ${r.errors} errors)` : ''}`);
      return r;
    };
    log(`${kind}: ${connections} connections, ${seconds} s each after 2 s warm-up; load average ${os.loadavg()[0]!.toFixed(1)}:`);
    await load('current', `${baseUrl}${cal.feedPath}`);
    await load('hot', `${vBase}/hot/${tail}`);
    await load('cached', `${vBase}/cached/${tail}`);
    await load('cached, gzip', `${vBase}/cached/${tail}`, { 'accept-encoding': 'gzip' });
    await load('conditional', `${vBase}/cached/${tail}`, { 'if-none-match': etag });
    await load('bytes only', `${vBase}/bytes`);
    log(`load average at the end ${os.loadavg()[0]!.toFixed(1)} (${os.cpus().length} cores)`);

    // The xmin fingerprint follows changes made by any code path: rename a community and cancel a
    // meeting with plain SQL (no updated_at, no sequence), and the cached calendar must equal a
    // calendar freshly built through the repository (Drizzle) again.
    const [one] = await ctx.database.hot<{ id: string; community_id: string }>('bench_one', 'select id, community_id from meetings where status = $1 limit 1', ['planned']);
    await ctx.database.hot('bench_rename', 'update communities set name = name || $2 where id = $1', [one!.community_id, ' (renamed)']);
    await ctx.database.hot('bench_cancel', "update meetings set status = 'cancelled' where id = $1", [one!.id]);
    const fresh = buildCalendar({
      name: 'Kring',
      refreshIntervalMinutes: 60,
      events: (await feedMeetings(ctx.db, cal.userId)).map((r) => meetingEvent(ctx, r.meeting, r.communityName)),
    });
    const cachedAfter = await (await fetch(`${vBase}/cached/${tail}`)).text();
    const etagAfter = (await fetch(`${vBase}/cached/${tail}`)).headers.get('etag');
    if (fresh === current || cachedAfter !== fresh || etagAfter === etag) throw new Error('cached: the calendar did not follow a change');
    log('cached (xmin fingerprint): after a rename and a cancellation by plain SQL it equals a fresh build again, with a new ETag');
    const realAfter = await (await fetch(`${baseUrl}${cal.feedPath}`)).text();
    log(
      realAfter === fresh
        ? 'current route: follows the same plain-SQL changes'
        : 'current route: still serves the previous calendar after those plain-SQL changes (its fingerprint sees only changes that bump updated_at, sequence or memberships)',
    );
  } finally {
    await variants.close().catch(() => {});
    await kring.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
