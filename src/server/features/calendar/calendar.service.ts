import crypto from 'node:crypto';
import zlib from 'node:zlib';
import type { AppContext } from '../../context';
import { notFound } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import type { CalendarSubscription } from '../../../contracts/meetings';
import { toZoned } from '../../../contracts/zoned';
import type { MeetingRow } from '../meetings/meetings.repository';
import { requireMeeting } from '../meetings/meetings.access';
import { placeOf } from '../meetings/schedule';
import * as repo from './calendar.repository';
import { buildCalendar, type IcsEvent } from './ics';

/** Calendar apps refresh a subscription about this often. */
const REFRESH_MINUTES = 60;

/** One meeting as an iCalendar event: its UID never changes, its SEQUENCE rises with every change. */
export function meetingEvent(ctx: AppContext, m: MeetingRow, communityName: string): IcsEvent {
  const url = `${ctx.config.publicUrl}/communities/${m.communityId}/meetings/${m.id}`;
  const description = [m.cancelReason && m.status === 'cancelled' ? m.cancelReason : '', m.locationNotes, m.onlineUrl, url].filter(Boolean).join('\n\n');
  return {
    uid: `meeting-${m.id}@kring`,
    sequence: m.sequence,
    start: m.startsAt,
    end: m.endsAt,
    timeZone: m.timeZone,
    summary: m.title === communityName ? communityName : `${m.title} · ${communityName}`,
    description,
    location: placeOf(m) || m.onlineUrl,
    url,
    status: m.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED',
    lastModified: m.updatedAt,
    created: m.createdAt,
  };
}

/** A decision's review date as a whole-day event: "look back on the decision". */
export function reviewEvent(ctx: AppContext, r: Awaited<ReturnType<typeof repo.feedReviews>>[number]): IcsEvent {
  const url = `${ctx.config.publicUrl}/communities/${r.communityId}/proposals/${r.id}`;
  const day = new Date(`${r.reviewDate}T12:00:00Z`);
  return {
    uid: `decision-review-${r.id}@kring`,
    sequence: r.outcomeVersion,
    start: day,
    end: day,
    timeZone: 'Europe/Amsterdam',
    allDay: r.reviewDate ?? undefined,
    summary: `${r.locale === 'en' ? 'Decision review' : 'Terugblik op besluit'}: ${r.title} · ${r.communityName}`,
    description: [r.statement ?? '', url].filter(Boolean).join('\n\n'),
    location: '',
    url,
    status: 'CONFIRMED',
    lastModified: r.outcomeAt ?? day,
  };
}

/**
 * The secret in a feed URL is an HMAC of the feed's id under AUTH_SECRET: nothing secret is
 * stored, the URL can be shown again, and revoking the feed row kills it.
 */
function feedSecret(ctx: AppContext, feedId: string) {
  return crypto.createHmac('sha256', ctx.config.authSecret).update(`calendar-feed:${feedId}`).digest('base64url').slice(0, 32);
}

function toSubscription(ctx: AppContext, feed: { id: string; createdAt: Date } | null): CalendarSubscription {
  if (!feed) return { url: null, webcalUrl: null, createdAt: null };
  const url = `${ctx.config.publicUrl}/api/calendar/${feed.id}/${feedSecret(ctx, feed.id)}.ics`;
  return { url, webcalUrl: url.replace(/^https?:/, 'webcal:'), createdAt: feed.createdAt.toISOString() };
}

export async function getSubscription(ctx: AppContext, me: SessionUser) {
  return toSubscription(ctx, await repo.activeFeed(ctx.db, me.id));
}

/** A new private URL; any previous one stops working. */
export async function renewSubscription(ctx: AppContext, me: SessionUser) {
  return toSubscription(ctx, await ctx.db.transaction((tx) => repo.replaceFeed(tx, me.id, true)));
}

export async function revokeSubscription(ctx: AppContext, me: SessionUser) {
  await repo.replaceFeed(ctx.db, me.id, false);
}

export interface BuiltFeed {
  etag: string;
  body: Buffer;
  gzipped: Buffer;
}

/**
 * Calendar apps poll feeds; most polls find nothing changed. The built feed is kept per feed and
 * fingerprint (one cheap aggregate query), so a repeat costs that query, not 600 events again.
 */
const built = new Map<string, { fingerprint: string; feed: BuiltFeed }>();
/** Bounded by bytes (a 5-year feed is ~0.5 MB): the oldest entries go first. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;
let cachedBytes = 0;
const sizeOf = (f: BuiltFeed) => f.body.length + f.gzipped.length;

/** The private feed; an unknown, revoked or forged URL is simply not found. */
export async function feed(ctx: AppContext, feedId: string, file: string): Promise<BuiltFeed> {
  const secret = file.endsWith('.ics') ? file.slice(0, -4) : file;
  const expected = feedSecret(ctx, feedId);
  if (secret.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(secret), Buffer.from(expected))) throw notFound();
  const row = await repo.findFeed(ctx.db, feedId);
  if (!row || row.revokedAt) throw notFound();
  const fingerprint = `${ctx.config.publicUrl}|${await repo.feedFingerprint(ctx.database, row.userId)}`;
  const cached = built.get(feedId);
  if (cached && cached.fingerprint === fingerprint) return cached.feed;
  const [rows, reviews] = await Promise.all([repo.feedMeetings(ctx.db, row.userId), repo.feedReviews(ctx.db, row.userId)]);
  const events = [...rows.map((r) => meetingEvent(ctx, r.meeting, r.communityName)), ...reviews.map((r) => reviewEvent(ctx, r))];
  const text = buildCalendar({ name: 'Kring', refreshIntervalMinutes: REFRESH_MINUTES, events });
  const body = Buffer.from(text, 'utf8');
  const result: BuiltFeed = {
    body,
    etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
    gzipped: zlib.gzipSync(body),
  };
  if (cached) {
    cachedBytes -= sizeOf(cached.feed);
    built.delete(feedId);
  }
  while (built.size > 0 && cachedBytes + sizeOf(result) > MAX_CACHED_BYTES) {
    const [oldestId, oldest] = built.entries().next().value!;
    cachedBytes -= sizeOf(oldest.feed);
    built.delete(oldestId);
  }
  built.set(feedId, { fingerprint, feed: result });
  cachedBytes += sizeOf(result);
  return result;
}

/** One meeting as an .ics download ("add to calendar"). */
export async function meetingIcs(ctx: AppContext, me: SessionUser, meetingId: string) {
  const { meeting, communityName } = await requireMeeting(ctx, me, meetingId, 'view');
  // Named after the local date: a meeting just after midnight is not filed under the day before.
  return { filename: `kring-${toZoned(meeting.startsAt, meeting.timeZone).date}.ics`, body: buildCalendar({ name: communityName, method: 'PUBLISH', events: [meetingEvent(ctx, meeting, communityName)] }) };
}
