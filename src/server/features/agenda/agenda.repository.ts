import { and, asc, eq, gte, inArray, isNull, isNotNull, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { actionItems, agendaItems, meetingInputs, meetings, user } from '../../db/schema';

export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type ActionItemRow = typeof actionItems.$inferSelect;
export interface ItemWithOwner {
  item: AgendaItemRow;
  ownerName: string | null;
}
export interface ActionWithContext {
  action: ActionItemRow;
  ownerName: string | null;
  meetingStartsAt: Date;
  meetingTimeZone: string;
}

// ----- programme items ---------------------------------------------------------------------------
function itemsWithOwner(db: DbOrTx) {
  return db.select({ item: agendaItems, ownerName: user.name }).from(agendaItems).leftJoin(user, eq(user.id, agendaItems.ownerUserId));
}

export async function listItems(db: DbOrTx, meetingId: string): Promise<ItemWithOwner[]> {
  return itemsWithOwner(db).where(eq(agendaItems.meetingId, meetingId)).orderBy(asc(agendaItems.position), asc(agendaItems.id));
}

export async function findItemWithOwner(db: DbOrTx, itemId: string): Promise<ItemWithOwner | null> {
  const [row] = await itemsWithOwner(db).where(eq(agendaItems.id, itemId));
  return row ?? null;
}

export async function findItem(db: DbOrTx, itemId: string) {
  const [row] = await db.select().from(agendaItems).where(eq(agendaItems.id, itemId));
  return row ?? null;
}

/** Makes room at `position` by moving that item and the ones after it one place down. */
export async function shiftFrom(db: DbOrTx, meetingId: string, position: number) {
  await db
    .update(agendaItems)
    .set({ position: sql`${agendaItems.position} + 1` })
    .where(and(eq(agendaItems.meetingId, meetingId), gte(agendaItems.position, position)));
}

export async function insertItems(db: DbOrTx, values: (typeof agendaItems.$inferInsert)[]) {
  return db.insert(agendaItems).values(values).returning();
}

/** Applies the change only when nobody saved the item since `version`; null otherwise. */
export async function updateItemIfVersion(db: DbOrTx, itemId: string, version: number, set: Partial<typeof agendaItems.$inferInsert>, now: Date) {
  const [row] = await db
    .update(agendaItems)
    .set({ ...set, version: sql`${agendaItems.version} + 1`, updatedAt: now })
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.version, version)))
    .returning({ id: agendaItems.id });
  return row ?? null;
}

export async function deleteItem(db: DbOrTx, itemId: string) {
  await db.delete(agendaItems).where(eq(agendaItems.id, itemId));
}

/** Positions 0..n-1 in the given order. */
export async function setOrder(db: DbOrTx, itemIds: string[]) {
  for (const [position, id] of itemIds.entries()) await db.update(agendaItems).set({ position }).where(eq(agendaItems.id, id));
}

/** Closes the gaps a deletion leaves, keeping the order. */
export async function renumber(db: DbOrTx, meetingId: string) {
  await db.execute(sql`
    update ${agendaItems} a set position = r.rn - 1
    from (select id, row_number() over (order by position, id) as rn from ${agendaItems} where meeting_id = ${meetingId}) r
    where a.id = r.id and a.position <> r.rn - 1`);
}

/** Which of these ids are inputs of this meeting. */
export async function inputIdsOf(db: DbOrTx, meetingId: string, inputIds: string[]) {
  if (inputIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ id: meetingInputs.id })
    .from(meetingInputs)
    .where(and(eq(meetingInputs.meetingId, meetingId), inArray(meetingInputs.id, inputIds)));
  return new Set(rows.map((r) => r.id));
}

// ----- meeting flags (first time only) ------------------------------------------------------------
type Flag = 'agendaStartedAt' | 'programmePublishedAt' | 'minutesPublishedAt';

/** Sets the flag unless it is set already; true when this call set it. */
export async function setFlagOnce(db: DbOrTx, meetingId: string, flag: Flag, now: Date) {
  const [row] = await db
    .update(meetings)
    .set({ [flag]: now })
    .where(and(eq(meetings.id, meetingId), isNull(meetings[flag])))
    .returning({ id: meetings.id });
  return row !== undefined;
}

// ----- action items ---------------------------------------------------------------------------------
function actionsWithContext(db: DbOrTx) {
  return db
    .select({ action: actionItems, ownerName: user.name, meetingStartsAt: meetings.startsAt, meetingTimeZone: meetings.timeZone })
    .from(actionItems)
    .innerJoin(meetings, eq(meetings.id, actionItems.meetingId))
    .leftJoin(user, eq(user.id, actionItems.ownerUserId));
}

export async function listActions(db: DbOrTx, meetingId: string): Promise<ActionWithContext[]> {
  return actionsWithContext(db).where(eq(actionItems.meetingId, meetingId)).orderBy(asc(actionItems.createdAt), asc(actionItems.id));
}

/**
 * Open action items of the community's earlier meetings, oldest meeting first. `onlyPublished`
 * leaves out those whose minutes are still a draft.
 */
export async function openActionsBefore(db: DbOrTx, communityId: string, before: Date, onlyPublished: boolean): Promise<ActionWithContext[]> {
  return actionsWithContext(db)
    .where(
      and(
        eq(actionItems.communityId, communityId),
        isNull(actionItems.doneAt),
        lt(meetings.startsAt, before),
        onlyPublished ? isNotNull(meetings.minutesPublishedAt) : undefined,
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(actionItems.createdAt), asc(actionItems.id));
}

export async function findActionWithContext(db: DbOrTx, actionId: string): Promise<ActionWithContext | null> {
  const [row] = await actionsWithContext(db).where(eq(actionItems.id, actionId));
  return row ?? null;
}

export async function findAction(db: DbOrTx, actionId: string) {
  const [row] = await db.select().from(actionItems).where(eq(actionItems.id, actionId));
  return row ?? null;
}

export async function insertAction(db: DbOrTx, values: typeof actionItems.$inferInsert) {
  const [row] = await db.insert(actionItems).values(values).returning();
  return row!;
}

/** `done` keeps the first time it was ticked off; undefined leaves it as it is. */
export async function updateActionIfVersion(
  db: DbOrTx,
  actionId: string,
  version: number,
  set: { title?: string; ownerUserId?: string | null; dueDate?: string | null },
  done: boolean | undefined,
  now: Date,
) {
  const doneAt = done === undefined ? {} : { doneAt: done ? sql`coalesce(${actionItems.doneAt}, ${now.toISOString()}::timestamptz)` : null };
  const [row] = await db
    .update(actionItems)
    .set({ ...set, ...doneAt, version: sql`${actionItems.version} + 1` })
    .where(and(eq(actionItems.id, actionId), eq(actionItems.version, version)))
    .returning({ id: actionItems.id });
  return row ?? null;
}

export async function deleteAction(db: DbOrTx, actionId: string) {
  await db.delete(actionItems).where(eq(actionItems.id, actionId));
}

/** Whether the programme item belongs to this meeting (an action may hang under one). */
export async function itemInMeeting(db: DbOrTx, meetingId: string, itemId: string) {
  const [row] = await db
    .select({ id: agendaItems.id })
    .from(agendaItems)
    .where(and(eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
  return row !== undefined;
}
