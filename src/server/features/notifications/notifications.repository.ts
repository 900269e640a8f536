import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { takesPart } from '../meetings/meetings.repository';
import { agendaItems, actionItems, attendance, communities, communityMembers, harvests, meetingInputs, meetings, user } from '../../db/schema';

export interface Recipient {
  userId: string;
  name: string;
  email: string;
  locale: string;
  preferences: Record<string, boolean>;
  response: string | null;
  hasInput: boolean;
}

/** The participants of a meeting's community, with what decides whether and how to mail them. */
export async function meetingRecipients(db: DbOrTx, meetingId: string): Promise<Recipient[]> {
  const rows = await db
    .select({
      userId: user.id,
      name: user.name,
      email: user.email,
      locale: user.locale,
      preferences: user.notificationPreferences,
      response: attendance.response,
      hasInput: sql<boolean>`exists (select 1 from ${meetingInputs} i where i.meeting_id = ${meetings.id} and i.author_id = ${user.id})`,
    })
    .from(meetings)
    .innerJoin(communityMembers, eq(communityMembers.communityId, meetings.communityId))
    .innerJoin(user, eq(user.id, communityMembers.userId))
    .leftJoin(attendance, and(eq(attendance.meetingId, meetings.id), eq(attendance.userId, user.id)))
    .where(and(eq(meetings.id, meetingId), takesPart(communityMembers.roles)))
    .orderBy(asc(user.name));
  return rows.map((r) => ({ ...r, hasInput: Boolean(r.hasInput) }));
}

export async function findUser(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ userId: user.id, name: user.name, email: user.email, locale: user.locale, preferences: user.notificationPreferences })
    .from(user)
    .where(eq(user.id, userId));
  return row ?? null;
}

export async function chairOf(db: DbOrTx, meetingId: string) {
  const [row] = await db.select({ chairUserId: meetings.chairUserId }).from(meetings).where(eq(meetings.id, meetingId));
  return row?.chairUserId ?? null;
}

export async function meetingWithCommunity(db: DbOrTx, meetingId: string) {
  const [row] = await db
    .select({ meeting: meetings, communityName: communities.name, chairName: user.name })
    .from(meetings)
    .innerJoin(communities, eq(communities.id, meetings.communityId))
    .leftJoin(user, eq(user.id, meetings.chairUserId))
    .where(eq(meetings.id, meetingId));
  return row ?? null;
}

export async function agendaOf(db: DbOrTx, meetingId: string) {
  return db.select().from(agendaItems).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position));
}

export async function actionsOf(db: DbOrTx, meetingId: string) {
  return db
    .select({ title: actionItems.title, dueDate: actionItems.dueDate, ownerName: user.name })
    .from(actionItems)
    .leftJoin(user, eq(user.id, actionItems.ownerUserId))
    .where(eq(actionItems.meetingId, meetingId))
    .orderBy(asc(actionItems.createdAt));
}

/** The harvests of the meeting's harvest round, in the order they were written. */
export async function harvestsOf(db: DbOrTx, meetingId: string) {
  return db
    .select({ text: harvests.text, speakerName: user.name })
    .from(harvests)
    .innerJoin(user, eq(user.id, harvests.speakerId))
    .where(and(eq(harvests.meetingId, meetingId), sql`btrim(${harvests.text}) <> ''`))
    .orderBy(asc(harvests.createdAt));
}

export async function getPreferences(db: DbOrTx, userId: string) {
  const [row] = await db.select({ p: user.notificationPreferences }).from(user).where(eq(user.id, userId));
  return row?.p ?? {};
}

export async function setPreferences(db: DbOrTx, userId: string, prefs: Record<string, boolean>) {
  await db.update(user).set({ notificationPreferences: prefs }).where(eq(user.id, userId));
}
