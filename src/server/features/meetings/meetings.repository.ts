import { and, asc, desc, eq, gt, gte, inArray, lt, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { actionItems, agendaItems, attendance, communities, communityMembers, meetingInputs, meetingSeries, meetings, networkMembers, organisations, user } from '../../db/schema';
import type { MemberRole } from '../../../contracts/enums';
import type { MeetingAccess } from './meetings.policy';

export type MeetingRow = typeof meetings.$inferSelect;
export type SeriesRow = typeof meetingSeries.$inferSelect;

/** Members who take part in meetings (counted for attendance, input and the rota): not researchers or observers. */
export const takesPart = (roles: SQL | AnyColumn) => sql`(${roles} ?| array['member','chair','coordinator'])`;
const PARTICIPANT = takesPart(sql`cm.roles`);

function accessFrom(row: { roles: string[] | null; membershipId: string | null; coordinator: boolean | null }, chairsMeeting: boolean): MeetingAccess {
  return {
    roles: (row.roles ?? []) as MemberRole[],
    isMember: row.membershipId !== null,
    isNetworkCoordinator: row.coordinator === true,
    chairsMeeting,
  };
}

/** A meeting, its community and the caller's relation to both, in one query. */
export async function findMeetingWithAccess(db: DbOrTx, meetingId: string, userId: string) {
  const rows = await db
    .select({
      meeting: meetings,
      communityName: communities.name,
      chairMode: communities.chairMode,
      membershipId: communityMembers.id,
      roles: communityMembers.roles,
      coordinator: networkMembers.coordinator,
    })
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .leftJoin(communityMembers, and(eq(communityMembers.communityId, meetings.communityId), eq(communityMembers.userId, userId)))
    .leftJoin(networkMembers, and(eq(networkMembers.networkId, meetings.networkId), eq(networkMembers.userId, userId)))
    .where(eq(meetings.id, meetingId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return { meeting: row.meeting, communityName: row.communityName, chairMode: row.chairMode, access: accessFrom(row, row.meeting.chairUserId === userId) };
}

/** Locks the meeting row for the rest of the transaction (edits that must not interleave). */
export async function lockMeeting(db: DbOrTx, meetingId: string) {
  const [row] = await db.select().from(meetings).where(eq(meetings.id, meetingId)).for('update');
  return row ?? null;
}

export interface SummaryRow {
  meeting: MeetingRow;
  communityName: string;
  chairName: string | null;
  myResponse: string | null;
  yes: number;
  no: number;
  maybe: number;
  participants: number;
}

/** Meetings with their chair, my response and the attendance counts of current participants. */
export async function listSummaries(
  db: DbOrTx,
  opts: { userId: string; communityId?: string; meetingIds?: string[]; scope?: 'upcoming' | 'past' | 'all'; now: Date; limit?: number },
): Promise<SummaryRow[]> {
  const where = and(
    opts.communityId ? eq(meetings.communityId, opts.communityId) : undefined,
    opts.meetingIds ? inArray(meetings.id, opts.meetingIds) : undefined,
    opts.scope === 'upcoming' ? gt(meetings.endsAt, opts.now) : undefined,
    opts.scope === 'past' ? lt(meetings.endsAt, opts.now) : undefined,
  );
  const rows = await db
    .select({
      meeting: meetings,
      communityName: communities.name,
      chairName: user.name,
      myResponse: sql<string | null>`(select a.response from ${attendance} a where a.meeting_id = ${meetings.id} and a.user_id = ${opts.userId})`,
      counts: sql<{ yes: number; no: number; maybe: number; participants: number }>`(
        select json_build_object(
          'yes', count(*) filter (where a.response = 'yes'),
          'no', count(*) filter (where a.response = 'no'),
          'maybe', count(*) filter (where a.response = 'maybe'),
          'participants', count(*))
        from ${communityMembers} cm
        left join ${attendance} a on a.meeting_id = ${meetings.id} and a.user_id = cm.user_id
        where cm.community_id = ${meetings.communityId} and ${PARTICIPANT})`,
    })
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .leftJoin(user, eq(user.id, meetings.chairUserId))
    .where(where)
    .orderBy(opts.scope === 'past' ? desc(meetings.startsAt) : asc(meetings.startsAt))
    .limit(opts.limit ?? 1000);
  return rows.map((r) => ({
    meeting: r.meeting,
    communityName: r.communityName,
    chairName: r.chairName,
    myResponse: r.myResponse,
    yes: Number(r.counts.yes),
    no: Number(r.counts.no),
    maybe: Number(r.counts.maybe),
    participants: Number(r.counts.participants),
  }));
}

/** Everyone who takes part in the community, with their answer for one meeting. */
export async function listAttendees(db: DbOrTx, meetingId: string, communityId: string) {
  return db
    .select({
      userId: communityMembers.userId,
      name: user.name,
      email: user.email,
      locale: user.locale,
      organisationName: organisations.name,
      roles: communityMembers.roles,
      response: attendance.response,
      reason: attendance.reason,
      present: attendance.present,
    })
    .from(communityMembers)
    .innerJoin(user, eq(user.id, communityMembers.userId))
    .leftJoin(organisations, eq(organisations.id, communityMembers.organisationId))
    .leftJoin(attendance, and(eq(attendance.meetingId, meetingId), eq(attendance.userId, communityMembers.userId)))
    .where(and(eq(communityMembers.communityId, communityId), takesPart(communityMembers.roles)))
    .orderBy(asc(user.name));
}

export async function neighbours(db: DbOrTx, m: MeetingRow) {
  const [prev] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.communityId, m.communityId), lt(meetings.startsAt, m.startsAt), eq(meetings.status, 'planned')))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  const [next] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.communityId, m.communityId), gt(meetings.startsAt, m.startsAt), eq(meetings.status, 'planned')))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  return { previousId: prev?.id ?? null, nextId: next?.id ?? null };
}

export async function insertSeries(db: DbOrTx, values: typeof meetingSeries.$inferInsert) {
  const [row] = await db.insert(meetingSeries).values(values).returning();
  return row!;
}

export async function findSeries(db: DbOrTx, seriesId: string, opts: { lock?: boolean } = {}) {
  const q = db.select().from(meetingSeries).where(eq(meetingSeries.id, seriesId));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function listSeries(db: DbOrTx, communityId: string) {
  return db.select().from(meetingSeries).where(eq(meetingSeries.communityId, communityId)).orderBy(asc(meetingSeries.startDate), asc(meetingSeries.createdAt));
}

export async function updateSeries(db: DbOrTx, seriesId: string, set: Partial<typeof meetingSeries.$inferInsert>) {
  const [row] = await db.update(meetingSeries).set(set).where(eq(meetingSeries.id, seriesId)).returning();
  return row!;
}

/** Inserts meetings; a date already materialized for the series is left alone. */
export async function insertMeetings(db: DbOrTx, rows: (typeof meetings.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return db.insert(meetings).values(rows).onConflictDoNothing().returning();
}

export async function seriesMeetingsFrom(db: DbOrTx, seriesId: string, fromDate: string) {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.seriesId, seriesId), gte(meetings.seriesDate, fromDate)))
    .orderBy(asc(meetings.seriesDate))
    .for('update');
}

export async function updateMeeting(db: DbOrTx, meetingId: string, set: Partial<typeof meetings.$inferInsert>) {
  const [row] = await db.update(meetings).set(set).where(eq(meetings.id, meetingId)).returning();
  return row!;
}

/** Bumps version (and sequence when the calendar shows the change) only if the version still matches. */
export async function updateMeetingIfVersion(db: DbOrTx, meetingId: string, version: number, set: Partial<typeof meetings.$inferInsert>, bumpSequence: boolean) {
  const [row] = await db
    .update(meetings)
    .set({ ...set, version: sql`${meetings.version} + 1`, sequence: bumpSequence ? sql`${meetings.sequence} + 1` : meetings.sequence, updatedAt: new Date() })
    .where(and(eq(meetings.id, meetingId), eq(meetings.version, version)))
    .returning();
  return row ?? null;
}

export async function upsertAttendance(db: DbOrTx, values: { meetingId: string; userId: string; networkId: string; response: string; reason: string | null }) {
  await db
    .insert(attendance)
    .values({ ...values, updatedAt: new Date() })
    .onConflictDoUpdate({ target: [attendance.meetingId, attendance.userId], set: { response: values.response, reason: values.reason, updatedAt: new Date() } });
}

export async function recordPresence(db: DbOrTx, meetingId: string, networkId: string, present: string[], absent: string[]) {
  const now = new Date();
  for (const [ids, value] of [[present, true], [absent, false]] as const) {
    if (ids.length === 0) continue;
    await db
      .insert(attendance)
      .values(ids.map((userId) => ({ meetingId, userId, networkId, present: value, updatedAt: now })))
      .onConflictDoUpdate({ target: [attendance.meetingId, attendance.userId], set: { present: value, updatedAt: now } });
  }
}

/** Participants' user ids (members, chairs, coordinators) of a community. */
export async function participantIds(db: DbOrTx, communityId: string) {
  const rows = await db
    .select({ userId: communityMembers.userId })
    .from(communityMembers)
    .where(and(eq(communityMembers.communityId, communityId), takesPart(communityMembers.roles)));
  return rows.map((r) => r.userId);
}

/** The held meeting before `before` and the first planned one after it (for the gap warning). */
export async function lastHeldAndNext(db: DbOrTx, communityId: string, now: Date) {
  const [last] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.communityId, communityId), eq(meetings.status, 'planned'), lt(meetings.endsAt, now)))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  const [next] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.communityId, communityId), eq(meetings.status, 'planned'), gte(meetings.endsAt, now)))
    .orderBy(asc(meetings.startsAt))
    .limit(1);
  return { last: last ?? null, next: next ?? null };
}

export async function seriesNeedingMaterialization(db: DbOrTx, untilDate: string) {
  return db
    .select()
    .from(meetingSeries)
    .where(and(lt(meetingSeries.materializedUntil, untilDate), sql`(${meetingSeries.endDate} is null or ${meetingSeries.endDate} > ${meetingSeries.materializedUntil})`));
}

/** Programme items of a meeting (for the community page; the agenda feature owns editing). */
export async function agendaItemsOf(db: DbOrTx, meetingId: string) {
  return db
    .select({ item: agendaItems, ownerName: user.name })
    .from(agendaItems)
    .leftJoin(user, eq(user.id, agendaItems.ownerUserId))
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
}

/** How many participants gave input, and how many inputs are mine. */
export async function inputStatus(db: DbOrTx, meetingId: string, communityId: string, userId: string) {
  const [row] = await db
    .select({
      contributors: sql<number>`count(distinct ${meetingInputs.authorId}) filter (where ${meetingInputs.authorId} in (select cm.user_id from ${communityMembers} cm where cm.community_id = ${communityId} and ${PARTICIPANT}))`,
      mine: sql<number>`count(*) filter (where ${meetingInputs.authorId} = ${userId})`,
    })
    .from(meetingInputs)
    .where(eq(meetingInputs.meetingId, meetingId));
  return { contributors: Number(row?.contributors ?? 0), mine: Number(row?.mine ?? 0) };
}

/** The latest meeting whose minutes are published. */
export async function lastMinutesMeeting(db: DbOrTx, communityId: string) {
  const [row] = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.communityId, communityId), sql`${meetings.minutesPublishedAt} is not null`))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  return row?.id ?? null;
}

export async function openActionsOfCommunity(db: DbOrTx, communityId: string) {
  return db
    .select({ action: actionItems, ownerName: user.name, meetingStartsAt: meetings.startsAt, meetingTimeZone: meetings.timeZone })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .leftJoin(user, eq(user.id, actionItems.ownerUserId))
    .where(and(eq(actionItems.communityId, communityId), sql`${actionItems.doneAt} is null`, sql`${meetings.minutesPublishedAt} is not null`))
    .orderBy(asc(actionItems.dueDate), asc(actionItems.createdAt));
}
