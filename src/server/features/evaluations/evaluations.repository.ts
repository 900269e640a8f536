import { and, asc, count, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communityMembers, evaluationAnswers, evaluationParticipations, evaluations, improvementActions } from '../../db/schema';
import { takesPart } from '../meetings/meetings.repository';

export type EvaluationRow = typeof evaluations.$inferSelect;
export type AnswerRow = { evaluationId: string; scores: Record<string, number>; openAnswers: string[] };

export async function insertEvaluation(db: DbOrTx, values: typeof evaluations.$inferInsert): Promise<EvaluationRow> {
  const [row] = await db.insert(evaluations).values(values).returning();
  return row!;
}

export async function findEvaluation(db: DbOrTx, evaluationId: string): Promise<EvaluationRow | null> {
  const [row] = await db.select().from(evaluations).where(eq(evaluations.id, evaluationId));
  return row ?? null;
}

/** Locks the evaluation's row: answers and closing take turns on it. */
export async function lockEvaluation(db: DbOrTx, evaluationId: string): Promise<EvaluationRow | null> {
  const [row] = await db.select().from(evaluations).where(eq(evaluations.id, evaluationId)).for('update');
  return row ?? null;
}

export async function listEvaluations(db: DbOrTx, communityId: string): Promise<EvaluationRow[]> {
  return db.select().from(evaluations).where(eq(evaluations.communityId, communityId)).orderBy(desc(evaluations.opensAt), desc(evaluations.createdAt));
}

/** The answers of these evaluations (nothing in them says whose). */
export async function answersOf(db: DbOrTx, evaluationIds: string[]): Promise<AnswerRow[]> {
  if (evaluationIds.length === 0) return [];
  return db
    .select({ evaluationId: evaluationAnswers.evaluationId, scores: evaluationAnswers.scores, openAnswers: evaluationAnswers.openAnswers })
    .from(evaluationAnswers)
    .where(inArray(evaluationAnswers.evaluationId, evaluationIds));
}

/** How many answered each evaluation, and whether `userId` did. */
export async function participationOf(db: DbOrTx, evaluationIds: string[], userId: string) {
  if (evaluationIds.length === 0) return { counts: new Map<string, number>(), mine: new Set<string>() };
  const rows = await db
    .select({
      evaluationId: evaluationParticipations.evaluationId,
      n: count(),
      mine: sql<boolean>`bool_or(${evaluationParticipations.userId} = ${userId})`,
    })
    .from(evaluationParticipations)
    .where(inArray(evaluationParticipations.evaluationId, evaluationIds))
    .groupBy(evaluationParticipations.evaluationId);
  return { counts: new Map(rows.map((r) => [r.evaluationId, Number(r.n)])), mine: new Set(rows.filter((r) => r.mine).map((r) => r.evaluationId)) };
}

/** Records that `userId` answered; false when they already had (the primary key refuses a second). */
export async function markAnswered(db: DbOrTx, evaluationId: string, networkId: string, userId: string): Promise<boolean> {
  const rows = await db.insert(evaluationParticipations).values({ evaluationId, networkId, userId }).onConflictDoNothing().returning({ userId: evaluationParticipations.userId });
  return rows.length === 1;
}

export async function insertAnswer(db: DbOrTx, values: { evaluationId: string; networkId: string; scores: Record<string, number>; openAnswers: string[] }) {
  await db.insert(evaluationAnswers).values(values);
}

export async function closeEvaluation(db: DbOrTx, evaluationId: string, at: Date, participants: number) {
  await db.update(evaluations).set({ closedAt: at, participants }).where(and(eq(evaluations.id, evaluationId), sql`${evaluations.closedAt} is null`));
}

/** The community's participants: who is asked to answer. */
export async function participantCount(db: DbOrTx, communityId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(communityMembers).where(and(eq(communityMembers.communityId, communityId), takesPart(communityMembers.roles)));
  return Number(row?.n ?? 0);
}

export async function participantIds(db: DbOrTx, communityId: string): Promise<string[]> {
  const rows = await db.select({ userId: communityMembers.userId }).from(communityMembers).where(and(eq(communityMembers.communityId, communityId), takesPart(communityMembers.roles)));
  return rows.map((r) => r.userId);
}

export { userNames } from '../proposals/proposals.repository';

/** Evaluations past their closing time that were not closed yet: close them at their closing time. */
export async function closeDue(db: DbOrTx, communityId: string, now: Date): Promise<number> {
  const rows = await db
    .update(evaluations)
    .set({ closedAt: evaluations.closesAt })
    .where(and(eq(evaluations.communityId, communityId), sql`${evaluations.closedAt} is null`, lt(evaluations.closesAt, now)))
    .returning({ id: evaluations.id });
  return rows.length;
}

/** Closed evaluations whose scores were not taken yet. */
export async function unsnapshotted(db: DbOrTx, communityId: string): Promise<EvaluationRow[]> {
  return db
    .select()
    .from(evaluations)
    .where(and(eq(evaluations.communityId, communityId), sql`${evaluations.closedAt} is not null`, sql`${evaluations.snapshot} is null`));
}

export async function storeSnapshot(db: DbOrTx, evaluationId: string, snapshot: unknown[], participants: number) {
  await db
    .update(evaluations)
    .set({ snapshot, participants: sql`coalesce(${evaluations.participants}, ${participants})` })
    .where(and(eq(evaluations.id, evaluationId), sql`${evaluations.snapshot} is null`));
}

// ----- improvement actions --------------------------------------------------------------------
export type ActionRow = typeof improvementActions.$inferSelect;

export async function insertAction(db: DbOrTx, values: typeof improvementActions.$inferInsert): Promise<ActionRow> {
  const [row] = await db.insert(improvementActions).values(values).returning();
  return row!;
}

export async function findAction(db: DbOrTx, actionId: string): Promise<ActionRow | null> {
  const [row] = await db.select().from(improvementActions).where(eq(improvementActions.id, actionId));
  return row ?? null;
}

/** Marks an action done or not; null when `version` is no longer current (someone else changed it). */
export async function updateAction(db: DbOrTx, actionId: string, version: number, done: boolean, now: Date): Promise<ActionRow | null> {
  const [row] = await db
    .update(improvementActions)
    .set({ done, doneAt: done ? now : null, version: sql`${improvementActions.version} + 1` })
    .where(and(eq(improvementActions.id, actionId), eq(improvementActions.version, version)))
    .returning();
  return row ?? null;
}

export async function listActions(db: DbOrTx, communityId: string): Promise<ActionRow[]> {
  return db.select().from(improvementActions).where(eq(improvementActions.communityId, communityId)).orderBy(asc(improvementActions.createdAt));
}

export async function isMemberOf(db: DbOrTx, communityId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: communityMembers.id })
    .from(communityMembers)
    .where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.userId, userId), takesPart(communityMembers.roles)));
  return row !== undefined;
}
