import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { takesPart } from '../meetings/meetings.repository';
import { communities, communityMembers, meetings, organisations, user } from '../../db/schema';

/** Everyone who takes part, with what the rota needs to know about them. */
export async function rotaMembers(db: DbOrTx, communityId: string) {
  return db
    .select({
      userId: communityMembers.userId,
      name: user.name,
      organisationId: communityMembers.organisationId,
      organisationName: organisations.name,
      joinedAt: communityMembers.joinedAt,
      willing: communityMembers.chairWilling,
      roles: communityMembers.roles,
    })
    .from(communityMembers)
    .innerJoin(user, eq(user.id, communityMembers.userId))
    .leftJoin(organisations, eq(organisations.id, communityMembers.organisationId))
    .where(and(eq(communityMembers.communityId, communityId), takesPart(communityMembers.roles)))
    .orderBy(asc(user.name));
}

export async function upcomingMeetings(db: DbOrTx, communityId: string, now: Date, opts: { lock?: boolean } = {}) {
  const q = db
    .select({
      id: meetings.id,
      startsAt: meetings.startsAt,
      timeZone: meetings.timeZone,
      chairUserId: meetings.chairUserId,
      chairPinned: meetings.chairPinned,
      chairSkips: meetings.chairSkips,
    })
    .from(meetings)
    .where(and(eq(meetings.communityId, communityId), eq(meetings.status, 'planned'), gt(meetings.startsAt, now)))
    .orderBy(asc(meetings.startsAt));
  return opts.lock ? q.for('update') : q;
}

/** Who chaired the meetings that have started already (cancelled ones did not happen). */
export async function pastTurns(db: DbOrTx, communityId: string, now: Date) {
  const rows = await db
    .select({ userId: meetings.chairUserId, startsAt: meetings.startsAt, organisationId: communityMembers.organisationId })
    .from(meetings)
    .leftJoin(communityMembers, and(eq(communityMembers.communityId, meetings.communityId), eq(communityMembers.userId, meetings.chairUserId)))
    .where(and(eq(meetings.communityId, communityId), eq(meetings.status, 'planned'), lte(meetings.startsAt, now), sql`${meetings.chairUserId} is not null`))
    .orderBy(asc(meetings.startsAt));
  return rows.map((r) => ({ userId: r.userId!, startsAt: r.startsAt, organisationId: r.organisationId }));
}

export async function chairSettings(db: DbOrTx, communityId: string, opts: { lock?: boolean } = {}) {
  const q = db
    .select({ chairMode: communities.chairMode, fixedChairUserId: communities.fixedChairUserId, rotaVersion: communities.rotaVersion, networkId: communities.networkId })
    .from(communities)
    .where(eq(communities.id, communityId));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function updateChairSettings(db: DbOrTx, communityId: string, set: { chairMode?: string; fixedChairUserId?: string | null }) {
  await db
    .update(communities)
    .set({ ...set, rotaVersion: sql`${communities.rotaVersion} + 1` })
    .where(eq(communities.id, communityId));
}

export async function setChair(db: DbOrTx, meetingId: string, set: { chairUserId?: string | null; chairPinned?: boolean; chairSkips?: string[] }) {
  await db.update(meetings).set(set).where(eq(meetings.id, meetingId));
}

export async function setWilling(db: DbOrTx, communityId: string, userId: string, willing: boolean) {
  await db
    .update(communityMembers)
    .set({ chairWilling: willing })
    .where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.userId, userId)));
}

export async function unpinUpcoming(db: DbOrTx, communityId: string, now: Date) {
  await db
    .update(meetings)
    .set({ chairPinned: false })
    .where(and(eq(meetings.communityId, communityId), eq(meetings.chairPinned, true), gt(meetings.startsAt, now)));
}
