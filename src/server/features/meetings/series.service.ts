import type { AppContext } from '../../context';
import type { DbOrTx, Tx } from '../../db/client';
import { AppError, conflict, notFound, staleVersion } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import type { ChangeSeriesBody, CreateSeriesBody, Series } from '../../../contracts/meetings';
import { addDays, canonicalTimeZone } from '../../../contracts/zoned';
import { cancelMeetingNotifications, queueSeriesInvitation, scheduleMeetingNotifications } from '../notifications/notifications.service';
import { rebalanceChairs } from '../rota/rota.service';
import * as repo from './meetings.repository';
import { requireCommunityMeetings } from './meetings.access';
import { defaultMonthlyRule, formatRRule, matchesStart } from './recurrence';
import { DEFAULT_INPUT_DEADLINE_DAYS, DEFAULT_TIME_ZONE, HORIZON_DAYS, occurrence, parseRule, resolveDuration, seriesDates, todayIn } from './schedule';

const invalid = (path: string, code: string) => new AppError(422, 'validation', {}, [{ path, code }]);

export function toSeries(s: repo.SeriesRow): Series {
  return {
    id: s.id,
    communityId: s.communityId,
    title: s.title,
    rrule: s.rrule,
    recurrence: parseRule(s.rrule),
    startDate: s.startDate,
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    timeZone: s.timeZone,
    inputDeadlineDays: s.inputDeadlineDays,
    room: s.room,
    address: s.address,
    locationNotes: s.locationNotes,
    onlineUrl: s.onlineUrl,
    endDate: s.endDate,
    previousSeriesId: s.previousSeriesId,
    version: s.version,
    createdAt: s.createdAt.toISOString(),
  };
}

/** Validates the series fields and returns the canonical values to store. */
function seriesValues(body: CreateSeriesBody, communityName: string, inherit?: repo.SeriesRow) {
  const timeZone = canonicalTimeZone(body.timeZone ?? inherit?.timeZone ?? DEFAULT_TIME_ZONE);
  const durationMinutes = resolveDuration(body.startTime, body.durationMinutes, body.endTime, inherit?.durationMinutes);
  const rule = body.rrule ? parseRule(body.rrule) : defaultMonthlyRule(body.startDate);
  if (!matchesStart(rule, body.startDate)) throw invalid('startDate', 'startDoesNotMatchRecurrence');
  return {
    title: body.title ?? inherit?.title ?? communityName,
    rrule: formatRRule(rule),
    startDate: body.startDate,
    startTime: body.startTime,
    durationMinutes,
    timeZone,
    inputDeadlineDays: body.inputDeadlineDays ?? inherit?.inputDeadlineDays ?? DEFAULT_INPUT_DEADLINE_DAYS,
    room: body.room ?? inherit?.room ?? '',
    address: body.address ?? inherit?.address ?? '',
    locationNotes: body.locationNotes ?? inherit?.locationNotes ?? '',
    onlineUrl: body.onlineUrl ?? inherit?.onlineUrl ?? '',
  };
}

/** Creates the meeting rows of a series up to the horizon; returns the new rows. */
async function materialize(ctx: AppContext, tx: DbOrTx, s: repo.SeriesRow, untilDate: string) {
  const from = s.materializedUntil >= s.startDate ? addDays(s.materializedUntil, 1) : s.startDate;
  const dates = seriesDates(s, from, untilDate);
  const rows = await repo.insertMeetings(tx, dates.map((d) => occurrence(s, d)));
  await repo.updateSeries(tx, s.id, { materializedUntil: untilDate });
  for (const m of rows) await scheduleMeetingNotifications(ctx, tx, m);
  return rows;
}

/** Materialize a horizon ahead of today, or of the series' start when that is later. */
function horizon(ctx: AppContext, timeZone: string, startDate: string) {
  const today = todayIn(ctx.now(), timeZone);
  return addDays(startDate > today ? startDate : today, HORIZON_DAYS);
}

export async function listSeries(ctx: AppContext, me: SessionUser, communityId: string) {
  await requireCommunityMeetings(ctx, me, communityId, 'view');
  return (await repo.listSeries(ctx.db, communityId)).map(toSeries);
}

export async function getSeries(ctx: AppContext, me: SessionUser, seriesId: string) {
  const s = await repo.findSeries(ctx.db, seriesId);
  if (!s) throw notFound();
  await requireCommunityMeetings(ctx, me, s.communityId, 'view');
  return toSeries(s);
}

export async function createSeries(ctx: AppContext, me: SessionUser, communityId: string, body: CreateSeriesBody) {
  const { community } = await requireCommunityMeetings(ctx, me, communityId, 'plan');
  const values = seriesValues(body, community.name);
  const created = await ctx.db.transaction(async (tx) => {
    const s = await repo.insertSeries(tx, { ...values, networkId: community.networkId, communityId, createdBy: me.id, materializedUntil: addDays(values.startDate, -1) });
    const rows = await materialize(ctx, tx, s, horizon(ctx, s.timeZone, s.startDate));
    if (rows.length === 0) throw invalid('rrule', 'noMeetings');
    await rebalanceChairs(ctx, tx, communityId);
    await queueSeriesInvitation(ctx, tx, { series: s, meetingIds: rows.map((r) => r.id), plannerName: me.name, communityName: community.name });
    return s;
  });
  ctx.jobs.kick();
  return toSeries((await repo.findSeries(ctx.db, created.id))!);
}

/**
 * Ends the series before `fromDate`. Its meetings from that date on are cancelled rather than
 * deleted, so calendars that subscribed to them see them go (STATUS:CANCELLED).
 */
async function cutSeries(ctx: AppContext, tx: Tx, s: repo.SeriesRow, fromDate: string, reason: string) {
  const later = await repo.seriesMeetingsFrom(tx, s.id, fromDate);
  await repo.updateSeries(tx, s.id, { endDate: addDays(fromDate, -1), version: s.version + 1 });
  return later.map((m) => ({ m, cancel: () => cancelOne(tx, m, reason) }));
}

async function cancelOne(tx: Tx, m: repo.MeetingRow, reason: string) {
  if (m.status === 'cancelled') return;
  await repo.updateMeetingIfVersion(tx, m.id, m.version, { status: 'cancelled', cancelReason: reason }, true);
  await cancelMeetingNotifications(tx, m.id);
}

async function lockedSeries(ctx: AppContext, me: SessionUser, tx: Tx, seriesId: string, version: number, fromDate: string) {
  const s = await repo.findSeries(tx, seriesId, { lock: true });
  if (!s) throw notFound();
  await requireCommunityMeetings(ctx, me, s.communityId, 'plan', tx);
  if (s.version !== version) throw staleVersion(toSeries(s));
  if (s.endDate !== null && s.endDate < fromDate) throw conflict('seriesEnded');
  if (fromDate < s.startDate) throw invalid('fromDate', 'fromDateBeforeStart');
  return s;
}

/**
 * Changes the series from a date onward: the old series ends the day before, a new one starts.
 * Later meetings keep their identity (input, attendance, calendar UID) when the new rule still
 * has a meeting for them: the k-th remaining meeting becomes the k-th meeting of the new rule.
 */
export async function changeSeries(ctx: AppContext, me: SessionUser, seriesId: string, body: ChangeSeriesBody) {
  const created = await ctx.db.transaction(async (tx) => {
    const old = await lockedSeries(ctx, me, tx, seriesId, body.version, body.fromDate);
    const { version: _v, fromDate, ...fields } = body;
    if (fields.startDate < fromDate) throw invalid('startDate', 'fromDateBeforeStart');
    const values = seriesValues(fields, old.title, old);
    const later = await cutSeries(ctx, tx, old, fromDate, '');
    const until = horizon(ctx, values.timeZone, values.startDate);
    const s = await repo.insertSeries(tx, {
      ...values,
      networkId: old.networkId,
      communityId: old.communityId,
      previousSeriesId: old.id,
      createdBy: me.id,
      materializedUntil: until,
    });
    const dates = seriesDates(s, s.startDate, until);
    if (dates.length === 0) throw invalid('rrule', 'noMeetings');
    const keep = later.filter((l) => l.m.status === 'planned' && !l.m.moved);
    for (const [i, date] of dates.entries()) {
      const o = occurrence(s, date);
      const reuse = keep[i];
      if (reuse) {
        const updated = await repo.updateMeetingIfVersion(tx, reuse.m.id, reuse.m.version, { ...o }, true);
        await scheduleMeetingNotifications(ctx, tx, updated!, { moved: true });
      } else {
        const [m] = await repo.insertMeetings(tx, [o]);
        if (m) await scheduleMeetingNotifications(ctx, tx, m);
      }
    }
    const reused = new Set(keep.slice(0, dates.length).map((l) => l.m.id));
    for (const l of later) if (!reused.has(l.m.id) && !(l.m.moved && l.m.status === 'planned')) await l.cancel();
    // Meetings moved by hand are left where they were put; they now belong to no series.
    for (const l of later) if (l.m.moved && l.m.status === 'planned') await repo.updateMeeting(tx, l.m.id, { seriesId: null, seriesDate: null });
    await rebalanceChairs(ctx, tx, old.communityId);
    return s;
  });
  ctx.jobs.kick();
  return toSeries((await repo.findSeries(ctx.db, created.id))!);
}

export async function endSeries(ctx: AppContext, me: SessionUser, seriesId: string, body: { fromDate: string; version: number; reason?: string }) {
  await ctx.db.transaction(async (tx) => {
    const s = await lockedSeries(ctx, me, tx, seriesId, body.version, body.fromDate);
    const later = await cutSeries(ctx, tx, s, body.fromDate, body.reason ?? '');
    for (const l of later) await l.cancel();
    await rebalanceChairs(ctx, tx, s.communityId);
  });
  return toSeries((await repo.findSeries(ctx.db, seriesId))!);
}

/** Daily job: keeps every open series materialized a horizon ahead. */
export async function extendSeries(ctx: AppContext, tx: Tx) {
  const until = addDays(todayIn(ctx.now(), DEFAULT_TIME_ZONE), HORIZON_DAYS);
  const communities = new Set<string>();
  for (const s of await repo.seriesNeedingMaterialization(tx, until)) {
    const rows = await materialize(ctx, tx, s, until);
    if (rows.length > 0) communities.add(s.communityId);
  }
  for (const c of communities) await rebalanceChairs(ctx, tx, c);
}
