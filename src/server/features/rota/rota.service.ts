import type { AppContext } from '../../context';
import type { DbOrTx, Tx } from '../../db/client';
import { AppError, conflict, forbidden, notFound, staleVersion } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import type { ChairMode, Rota } from '../../../contracts/meetings';
import { toZoned } from '../../../contracts/zoned';
import { requireCommunityMeetings, requireMeeting } from '../meetings/meetings.access';
import { meetingPolicy } from '../meetings/meetings.policy';
import { planRota } from '../meetings/rota';
import { scheduleChairTurn } from '../notifications/notifications.service';
import * as repo from './rota.repository';

/**
 * Brings the chairs of upcoming meetings in line with the community's choice: the fixed chair, or
 * the fair rota (see meetings/rota.ts). Pinned meetings (a swap, a hand-picked chair) are kept.
 * Whoever newly chairs a meeting is told two weeks ahead (or at once when it is sooner).
 */
export async function rebalanceChairs(ctx: AppContext, tx: DbOrTx, communityId: string) {
  const settings = await repo.chairSettings(tx, communityId);
  if (!settings) return;
  const now = ctx.now();
  const members = await repo.rotaMembers(tx, communityId);
  const memberIds = new Set(members.map((m) => m.userId));
  const upcoming = await repo.upcomingMeetings(tx, communityId, now, { lock: true });
  let planned: Map<string, string | null>;
  if (settings.chairMode === 'rotating') {
    const plan = planRota({
      members: members.map((m) => ({ userId: m.userId, organisationId: m.organisationId, joinedAt: m.joinedAt, willing: m.willing })),
      slots: upcoming.map((u) => ({ meetingId: u.id, startsAt: u.startsAt, pinnedChair: u.chairPinned ? u.chairUserId : null, skipped: u.chairSkips })),
      history: await repo.pastTurns(tx, communityId, now),
    });
    planned = new Map(plan.map((p) => [p.meetingId, p.chair]));
  } else {
    // Until a fixed chair is chosen, the first member with the chair role chairs.
    const fixed =
      settings.fixedChairUserId && memberIds.has(settings.fixedChairUserId)
        ? settings.fixedChairUserId
        : (members.find((m) => m.roles.includes('chair'))?.userId ?? null);
    planned = new Map(upcoming.map((u) => [u.id, u.chairPinned && u.chairUserId && memberIds.has(u.chairUserId) ? u.chairUserId : fixed]));
  }
  for (const u of upcoming) {
    const chair = planned.get(u.id) ?? null;
    if (chair === u.chairUserId) continue;
    await repo.setChair(tx, u.id, { chairUserId: chair, chairPinned: u.chairPinned && chair === u.chairUserId });
    if (chair) await scheduleChairTurn(tx, { meetingId: u.id, userId: chair, startsAt: u.startsAt }, now);
  }
}

export async function getRota(ctx: AppContext, me: SessionUser, communityId: string, db: DbOrTx = ctx.db): Promise<Rota> {
  const { access } = await requireCommunityMeetings(ctx, me, communityId, 'view', db);
  const settings = (await repo.chairSettings(db, communityId))!;
  const now = ctx.now();
  const members = await repo.rotaMembers(db, communityId);
  const names = new Map(members.map((m) => [m.userId, m.name]));
  const person = (id: string | null) => (id && names.has(id) ? { userId: id, name: names.get(id)! } : null);
  const upcoming = await repo.upcomingMeetings(db, communityId, now);
  const past = await repo.pastTurns(db, communityId, now);
  const count = (list: { userId: string | null }[], id: string) => list.filter((x) => x.userId === id).length;
  const upcomingChairs = upcoming.map((u) => ({ userId: u.chairUserId }));
  return {
    communityId,
    mode: settings.chairMode as ChairMode,
    fixedChair: person(settings.fixedChairUserId) ?? person(members.find((m) => m.roles.includes('chair'))?.userId ?? null),
    version: settings.rotaVersion,
    members: members.map((m) => ({
      userId: m.userId,
      name: m.name,
      organisationName: m.organisationName,
      willing: m.willing,
      turnsTaken: count(past, m.userId),
      turnsPlanned: count(upcomingChairs, m.userId),
    })),
    upcoming: upcoming.map((u) => ({
      meetingId: u.id,
      startsAt: u.startsAt.toISOString(),
      localDate: toZoned(u.startsAt, u.timeZone).date,
      chair: person(u.chairUserId),
      pinned: u.chairPinned,
      skipped: u.chairSkips.map((id) => person(id)).filter((p): p is NonNullable<typeof p> => p !== null),
    })),
    canManage: meetingPolicy.manageRota(access),
  };
}

export async function updateRota(ctx: AppContext, me: SessionUser, communityId: string, body: { version: number; mode: ChairMode; fixedChairUserId?: string | null }) {
  const { access } = await requireCommunityMeetings(ctx, me, communityId, 'view');
  if (!meetingPolicy.manageRota(access)) throw forbidden();
  await ctx.db.transaction(async (tx) => {
    const settings = await repo.chairSettings(tx, communityId, { lock: true });
    if (!settings) throw notFound();
    if (settings.rotaVersion !== body.version) throw staleVersion(await getRota(ctx, me, communityId, tx));
    const fixed = body.fixedChairUserId === undefined ? settings.fixedChairUserId : body.fixedChairUserId;
    if (fixed) {
      const members = await repo.rotaMembers(tx, communityId);
      if (!members.some((m) => m.userId === fixed)) throw new AppError(422, 'validation', {}, [{ path: 'fixedChairUserId', code: 'notAMember' }]);
    }
    await repo.updateChairSettings(tx, communityId, { chairMode: body.mode, fixedChairUserId: fixed });
    // Swaps and hand-picked chairs belonged to the old way of choosing: a new mode starts afresh,
    // so that "fixed chair" really means that chair at every meeting.
    if (body.mode !== settings.chairMode) await repo.unpinUpcoming(tx, communityId, ctx.now());
    await rebalanceChairs(ctx, tx, communityId);
  });
  ctx.jobs.kick();
  return getRota(ctx, me, communityId);
}

/** Whether I am willing to take a turn as chair. */
export async function setWilling(ctx: AppContext, me: SessionUser, communityId: string, willing: boolean) {
  const { access } = await requireCommunityMeetings(ctx, me, communityId, 'view');
  if (!meetingPolicy.participate(access)) throw forbidden();
  await ctx.db.transaction(async (tx) => {
    await repo.chairSettings(tx, communityId, { lock: true });
    await repo.setWilling(tx, communityId, me.id, willing);
    await rebalanceChairs(ctx, tx, communityId);
  });
  ctx.jobs.kick();
  return getRota(ctx, me, communityId);
}

async function lockUpcoming(ctx: AppContext, me: SessionUser, tx: Tx, meetingId: string) {
  const found = await requireMeeting(ctx, me, meetingId, 'view', tx);
  const m = found.meeting;
  // Serialize rota changes per community.
  await repo.chairSettings(tx, m.communityId, { lock: true });
  if (m.status !== 'planned') throw conflict('meetingCancelled');
  if (m.startsAt <= ctx.now()) throw conflict('meetingNotStarted');
  return found;
}

/** The chair of a meeting skips that turn; the rota picks the next fair candidate. */
export async function skipTurn(ctx: AppContext, me: SessionUser, meetingId: string) {
  const communityId = await ctx.db.transaction(async (tx) => {
    const { meeting: m, access } = await lockUpcoming(ctx, me, tx, meetingId);
    if (!access.chairsMeeting && !meetingPolicy.manageRota(access)) throw conflict('notYourTurn');
    const skipper = m.chairUserId;
    if (skipper) await repo.setChair(tx, m.id, { chairPinned: false, chairSkips: [...new Set([...m.chairSkips, skipper])] });
    await rebalanceChairs(ctx, tx, m.communityId);
    return m.communityId;
  });
  ctx.jobs.kick();
  return getRota(ctx, me, communityId);
}

/** Two meetings exchange chairs; both are then kept as they are by the rota. */
export async function swapTurns(ctx: AppContext, me: SessionUser, meetingId: string, otherMeetingId: string) {
  const communityId = await ctx.db.transaction(async (tx) => {
    const a = await lockUpcoming(ctx, me, tx, meetingId);
    const b = await lockUpcoming(ctx, me, tx, otherMeetingId);
    if (a.meeting.communityId !== b.meeting.communityId || a.meeting.id === b.meeting.id) {
      throw new AppError(422, 'validation', {}, [{ path: 'otherMeetingId', code: 'invalid' }]);
    }
    const allowed = a.access.chairsMeeting || b.access.chairsMeeting || meetingPolicy.manageRota(a.access);
    if (!allowed) throw conflict('notYourTurn');
    await repo.setChair(tx, a.meeting.id, { chairUserId: b.meeting.chairUserId, chairPinned: true });
    await repo.setChair(tx, b.meeting.id, { chairUserId: a.meeting.chairUserId, chairPinned: true });
    const now = ctx.now();
    if (b.meeting.chairUserId) await scheduleChairTurn(tx, { meetingId: a.meeting.id, userId: b.meeting.chairUserId, startsAt: a.meeting.startsAt }, now);
    if (a.meeting.chairUserId) await scheduleChairTurn(tx, { meetingId: b.meeting.id, userId: a.meeting.chairUserId, startsAt: b.meeting.startsAt }, now);
    return a.meeting.communityId;
  });
  ctx.jobs.kick();
  return getRota(ctx, me, communityId);
}

/** A coordinator or chair picks the chair of one meeting by hand. */
export async function assignChair(ctx: AppContext, me: SessionUser, meetingId: string, userId: string) {
  const communityId = await ctx.db.transaction(async (tx) => {
    const { meeting: m, access } = await lockUpcoming(ctx, me, tx, meetingId);
    if (!meetingPolicy.manageRota(access)) throw forbidden();
    const members = await repo.rotaMembers(tx, m.communityId);
    if (!members.some((x) => x.userId === userId)) throw new AppError(422, 'validation', {}, [{ path: 'userId', code: 'notAMember' }]);
    await repo.setChair(tx, m.id, { chairUserId: userId, chairPinned: true });
    if (userId !== m.chairUserId) await scheduleChairTurn(tx, { meetingId: m.id, userId, startsAt: m.startsAt }, ctx.now());
    // The pin counts as that member's turn: the later meetings are planned around it, so nobody
    // gets a second turn (and nobody loses theirs) because of a hand-picked chair.
    await rebalanceChairs(ctx, tx, m.communityId);
    return m.communityId;
  });
  ctx.jobs.kick();
  return getRota(ctx, me, communityId);
}
