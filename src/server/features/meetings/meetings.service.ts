import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError, conflict, notFound, staleVersion } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import type {
  AttendanceResponse,
  CreateMeetingBody,
  MeetingDetail,
  MeetingSummary,
  UpdateMeetingBody,
} from '../../../contracts/meetings';
import { canonicalTimeZone, toZoned } from '../../../contracts/zoned';
import { googleCalendarUrl, outlookCalendarUrl } from '../calendar/ics';
import { cancelMeetingNotifications, scheduleMeetingNotifications } from '../notifications/notifications.service';
import { rebalanceChairs } from '../rota/rota.service';
import { meetingPolicy } from './meetings.policy';
import { requireCommunityMeetings, requireMeeting } from './meetings.access';
import * as repo from './meetings.repository';
import { DEFAULT_INPUT_DEADLINE_DAYS, DEFAULT_TIME_ZONE, deadlineFor, placeOf, resolveDuration, slotFor } from './schedule';

export function toSummary(r: repo.SummaryRow, now: Date): MeetingSummary {
  const m = r.meeting;
  const start = toZoned(m.startsAt, m.timeZone);
  const end = toZoned(m.endsAt, m.timeZone);
  const answered = r.yes + r.no + r.maybe;
  return {
    id: m.id,
    communityId: m.communityId,
    communityName: r.communityName,
    seriesId: m.seriesId,
    title: m.title,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    timeZone: m.timeZone,
    localDate: start.date,
    localStartTime: start.time,
    localEndTime: end.time,
    durationMinutes: Math.round((m.endsAt.getTime() - m.startsAt.getTime()) / 60_000),
    status: m.status as MeetingSummary['status'],
    cancelReason: m.cancelReason,
    moved: m.moved,
    room: m.room,
    address: m.address,
    locationNotes: m.locationNotes,
    onlineUrl: m.onlineUrl,
    chair: m.chairUserId && r.chairName !== null ? { userId: m.chairUserId, name: r.chairName } : null,
    inputDeadline: m.inputDeadline.toISOString(),
    inputOpen: m.status === 'planned' && now < m.inputDeadline,
    held: m.endsAt <= now,
    programmePublishedAt: m.programmePublishedAt?.toISOString() ?? null,
    minutesPublishedAt: m.minutesPublishedAt?.toISOString() ?? null,
    myResponse: (r.myResponse as AttendanceResponse | null) ?? null,
    counts: { yes: r.yes, no: r.no, maybe: r.maybe, unanswered: Math.max(0, r.participants - answered) },
    sequence: m.sequence,
    version: m.version,
  };
}

export async function summariesFor(ctx: AppContext, db: DbOrTx, me: SessionUser, meetingIds: string[]) {
  const rows = await repo.listSummaries(db, { userId: me.id, meetingIds, now: ctx.now() });
  return rows.map((r) => toSummary(r, ctx.now()));
}

export async function listMeetings(ctx: AppContext, me: SessionUser, communityId: string, q: { scope: 'upcoming' | 'past' | 'all'; limit: number }) {
  await requireCommunityMeetings(ctx, me, communityId, 'view');
  const now = ctx.now();
  const rows = await repo.listSummaries(ctx.db, { userId: me.id, communityId, scope: q.scope, now, limit: q.limit });
  return rows.map((r) => toSummary(r, now));
}

export async function getMeeting(ctx: AppContext, me: SessionUser, meetingId: string, db: DbOrTx = ctx.db): Promise<MeetingDetail> {
  const found = await requireMeeting(ctx, me, meetingId, 'view', db);
  const { meeting: m, access } = found;
  const [row] = await repo.listSummaries(db, { userId: me.id, meetingIds: [m.id], now: ctx.now() });
  const summary = toSummary(row!, ctx.now());
  const seeReasons = meetingPolicy.seeAbsenceReasons(access);
  const attendees = await repo.listAttendees(db, m.id, m.communityId);
  const { previousId, nextId } = await repo.neighbours(db, m);
  const mine = attendees.find((a) => a.userId === me.id);
  const description = [m.locationNotes, m.onlineUrl, `${ctx.config.publicUrl}/communities/${m.communityId}/meetings/${m.id}`].filter(Boolean).join('\n');
  const event = { start: m.startsAt, end: m.endsAt, summary: `${m.title} · ${found.communityName}`, description, location: placeOf(m), timeZone: m.timeZone };
  return {
    ...summary,
    permissions: {
      manage: meetingPolicy.plan(access),
      chair: meetingPolicy.chair(access),
      participate: meetingPolicy.participate(access),
      seeAbsenceReasons: seeReasons,
    },
    attendees: attendees.map((a) => ({
      userId: a.userId,
      name: a.name,
      organisationName: a.organisationName,
      response: (a.response as AttendanceResponse | null) ?? null,
      reason: seeReasons || a.userId === me.id ? (a.reason ?? null) : null,
      present: a.present,
    })),
    myReason: mine?.reason ?? null,
    previousMeetingId: previousId,
    nextMeetingId: nextId,
    calendarLinks: { ics: `/api/meetings/${m.id}/calendar.ics`, google: googleCalendarUrl(event), outlook: outlookCalendarUrl(event) },
  };
}

function assertDeadline(deadline: Date, startsAt: Date) {
  if (deadline >= startsAt) throw new AppError(422, 'validation', {}, [{ path: 'inputDeadline', code: 'deadlineAfterMeeting' }]);
}

/** A single extra meeting, outside any series. */
export async function createMeeting(ctx: AppContext, me: SessionUser, communityId: string, body: CreateMeetingBody) {
  const { community } = await requireCommunityMeetings(ctx, me, communityId, 'plan');
  const timeZone = canonicalTimeZone(body.timeZone ?? DEFAULT_TIME_ZONE);
  const duration = resolveDuration(body.startTime, body.durationMinutes, body.endTime);
  const slot = slotFor(body.date, body.startTime, duration, timeZone);
  const inputDeadline = body.inputDeadline ? new Date(body.inputDeadline) : deadlineFor(body.date, body.startTime, timeZone, DEFAULT_INPUT_DEADLINE_DAYS);
  assertDeadline(inputDeadline, slot.startsAt);
  const id = await ctx.db.transaction(async (tx) => {
    const [m] = await repo.insertMeetings(tx, [
      {
        networkId: community.networkId,
        communityId,
        title: body.title ?? community.name,
        ...slot,
        timeZone,
        room: body.room ?? '',
        address: body.address ?? '',
        locationNotes: body.locationNotes ?? '',
        onlineUrl: body.onlineUrl ?? '',
        inputDeadline,
      },
    ]);
    await rebalanceChairs(ctx, tx, communityId);
    await scheduleMeetingNotifications(ctx, tx, m!);
    return m!.id;
  });
  ctx.jobs.kick();
  return getMeeting(ctx, me, id);
}

/** Moves or changes one meeting; the rest of its series stays as it is. */
export async function updateMeeting(ctx: AppContext, me: SessionUser, meetingId: string, body: UpdateMeetingBody) {
  await requireMeeting(ctx, me, meetingId, 'plan');
  await ctx.db.transaction(async (tx) => {
    const m = await repo.lockMeeting(tx, meetingId);
    if (!m) throw notFound();
    if (m.version !== body.version) throw staleVersion(await getMeeting(ctx, me, meetingId, tx));
    const timeZone = body.timeZone ? canonicalTimeZone(body.timeZone) : m.timeZone;
    const current = toZoned(m.startsAt, m.timeZone);
    const date = body.date ?? current.date;
    const startTime = body.startTime ?? current.time;
    const oldDuration = Math.round((m.endsAt.getTime() - m.startsAt.getTime()) / 60_000);
    const duration = resolveDuration(startTime, body.durationMinutes, body.endTime, oldDuration);
    const slot = slotFor(date, startTime, duration, timeZone);
    const timeChanged = slot.startsAt.getTime() !== m.startsAt.getTime() || slot.endsAt.getTime() !== m.endsAt.getTime();
    // A moved meeting keeps its deadline's distance to the start unless a new deadline is given.
    const inputDeadline = body.inputDeadline
      ? new Date(body.inputDeadline)
      : new Date(m.inputDeadline.getTime() + (slot.startsAt.getTime() - m.startsAt.getTime()));
    assertDeadline(inputDeadline, slot.startsAt);
    const set = {
      title: body.title ?? m.title,
      ...slot,
      timeZone,
      inputDeadline,
      room: body.room ?? m.room,
      address: body.address ?? m.address,
      locationNotes: body.locationNotes ?? m.locationNotes,
      onlineUrl: body.onlineUrl ?? m.onlineUrl,
      moved: m.moved || (timeChanged && m.seriesId !== null),
    };
    const calendarVisible = timeChanged || set.title !== m.title || set.room !== m.room || set.address !== m.address || set.locationNotes !== m.locationNotes || set.onlineUrl !== m.onlineUrl;
    const updated = await repo.updateMeetingIfVersion(tx, meetingId, body.version, set, calendarVisible);
    if (!updated) throw conflict();
    if (timeChanged) {
      await rebalanceChairs(ctx, tx, m.communityId);
      await scheduleMeetingNotifications(ctx, tx, updated, { moved: true });
    }
  });
  ctx.jobs.kick();
  return getMeeting(ctx, me, meetingId);
}

export async function cancelMeeting(ctx: AppContext, me: SessionUser, meetingId: string, body: { version: number; reason: string }) {
  await requireMeeting(ctx, me, meetingId, 'plan');
  await ctx.db.transaction(async (tx) => {
    const m = await repo.lockMeeting(tx, meetingId);
    if (!m) throw notFound();
    if (m.version !== body.version) throw staleVersion(await getMeeting(ctx, me, meetingId, tx));
    if (m.status === 'cancelled') return;
    await repo.updateMeetingIfVersion(tx, meetingId, body.version, { status: 'cancelled', cancelReason: body.reason }, true);
    await cancelMeetingNotifications(tx, m.id);
    await rebalanceChairs(ctx, tx, m.communityId);
  });
  return getMeeting(ctx, me, meetingId);
}

export async function restoreMeeting(ctx: AppContext, me: SessionUser, meetingId: string, body: { version: number }) {
  await requireMeeting(ctx, me, meetingId, 'plan');
  await ctx.db.transaction(async (tx) => {
    const m = await repo.lockMeeting(tx, meetingId);
    if (!m) throw notFound();
    if (m.version !== body.version) throw staleVersion(await getMeeting(ctx, me, meetingId, tx));
    if (m.status === 'planned') return;
    const updated = await repo.updateMeetingIfVersion(tx, meetingId, body.version, { status: 'planned', cancelReason: null }, true);
    await rebalanceChairs(ctx, tx, m.communityId);
    await scheduleMeetingNotifications(ctx, tx, updated!, { moved: true });
  });
  ctx.jobs.kick();
  return getMeeting(ctx, me, meetingId);
}

export async function respond(ctx: AppContext, me: SessionUser, meetingId: string, body: { response: AttendanceResponse; reason?: string }) {
  const { meeting: m } = await requireMeeting(ctx, me, meetingId, 'participate');
  if (m.status === 'cancelled') throw conflict('meetingCancelled');
  await repo.upsertAttendance(ctx.db, { meetingId, userId: me.id, networkId: m.networkId, response: body.response, reason: body.reason?.trim() || null });
  return getMeeting(ctx, me, meetingId);
}

/** After the meeting has started, the chair records who was actually there. */
export async function recordPresence(ctx: AppContext, me: SessionUser, meetingId: string, body: { presentUserIds: string[] }) {
  const { meeting: m } = await requireMeeting(ctx, me, meetingId, 'chair');
  if (m.status === 'cancelled') throw conflict('meetingCancelled');
  if (m.startsAt > ctx.now()) throw conflict('meetingNotStarted');
  const participants = await repo.participantIds(ctx.db, m.communityId);
  const known = new Set(participants);
  const unknown = body.presentUserIds.findIndex((id) => !known.has(id));
  if (unknown >= 0) throw new AppError(422, 'validation', {}, [{ path: `presentUserIds.${unknown}`, code: 'notAMember' }]);
  const present = new Set(body.presentUserIds);
  await repo.recordPresence(ctx.db, meetingId, m.networkId, [...present], participants.filter((id) => !present.has(id)));
  return getMeeting(ctx, me, meetingId);
}
