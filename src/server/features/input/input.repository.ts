import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { agendaItems, communityMembers, meetingInputs, meetings, organisations, user } from '../../db/schema';

export type InputRow = typeof meetingInputs.$inferSelect;

export interface InputWithAuthor {
  input: InputRow;
  authorName: string;
  organisationName: string | null;
  /** Programme items (in programme order) that took this input in. */
  agendaItemIds: string[];
}

const authorColumns = {
  input: meetingInputs,
  authorName: user.name,
  organisationName: organisations.name,
  agendaItemIds: sql<string[]>`coalesce((
    select json_agg(ai.id order by ai.position) from ${agendaItems} ai
    where ai.meeting_id = ${meetingInputs.meetingId} and ai.input_ids ? (${meetingInputs.id})::text), '[]'::json)`,
};

/** The author's organisation is the one they have in the meeting's community. */
function withAuthor(db: DbOrTx) {
  return db
    .select(authorColumns)
    .from(meetingInputs)
    .innerJoin(meetings, eq(meetings.id, meetingInputs.meetingId))
    .innerJoin(user, eq(user.id, meetingInputs.authorId))
    .leftJoin(communityMembers, and(eq(communityMembers.communityId, meetings.communityId), eq(communityMembers.userId, meetingInputs.authorId)))
    .leftJoin(organisations, eq(organisations.id, communityMembers.organisationId));
}

export async function listInputs(db: DbOrTx, meetingId: string): Promise<InputWithAuthor[]> {
  return withAuthor(db).where(eq(meetingInputs.meetingId, meetingId)).orderBy(asc(meetingInputs.createdAt), asc(meetingInputs.id));
}

export async function findInputWithAuthor(db: DbOrTx, inputId: string): Promise<InputWithAuthor | null> {
  const [row] = await withAuthor(db).where(eq(meetingInputs.id, inputId));
  return row ?? null;
}

export async function findInput(db: DbOrTx, inputId: string) {
  const [row] = await db.select().from(meetingInputs).where(eq(meetingInputs.id, inputId));
  return row ?? null;
}

export async function insertInput(db: DbOrTx, values: typeof meetingInputs.$inferInsert) {
  const [row] = await db.insert(meetingInputs).values(values).returning();
  return row!;
}

/** Applies the change only when nobody changed the input since `version`; null otherwise. */
export async function updateInputIfVersion(db: DbOrTx, inputId: string, version: number, set: { kind?: string; title?: string; body?: string }, now: Date) {
  const [row] = await db
    .update(meetingInputs)
    .set({ ...set, version: sql`${meetingInputs.version} + 1`, updatedAt: now })
    .where(and(eq(meetingInputs.id, inputId), eq(meetingInputs.version, version)))
    .returning({ id: meetingInputs.id });
  return row ?? null;
}

export async function deleteInput(db: DbOrTx, inputId: string) {
  await db.delete(meetingInputs).where(eq(meetingInputs.id, inputId));
}

/**
 * Marks the meeting's one reminder as sent. The condition makes it a compare-and-set: of two
 * concurrent clicks, the second waits for the first's row lock, sees the column set, and gets null.
 */
export async function claimReminder(db: DbOrTx, meetingId: string, now: Date) {
  const [row] = await db
    .update(meetings)
    .set({ inputReminderSentAt: now })
    .where(and(eq(meetings.id, meetingId), isNull(meetings.inputReminderSentAt)))
    .returning({ id: meetings.id });
  return row !== undefined;
}
