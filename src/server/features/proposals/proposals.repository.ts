import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import {
  agendaItems,
  communities,
  communityMembers,
  jobs,
  meetings,
  organisations,
  proposalComments,
  proposalResponseHistory,
  proposalResponses,
  proposalRevisions,
  proposals,
  user,
} from '../../db/schema';
import { takesPart } from '../meetings/meetings.repository';

export type ProposalRow = typeof proposals.$inferSelect;
export type ResponseRow = typeof proposalResponses.$inferSelect;

export interface ParticipantRow {
  userId: string;
  name: string;
  organisationId: string | null;
  organisationName: string | null;
  stakeholderGroup: string;
}

/** Who is expected to respond: the community's members, chairs and coordinators (not observers or researchers). */
export async function participants(db: DbOrTx, communityId: string): Promise<ParticipantRow[]> {
  return db
    .select({
      userId: communityMembers.userId,
      name: user.name,
      organisationId: communityMembers.organisationId,
      organisationName: organisations.name,
      stakeholderGroup: communityMembers.stakeholderGroup,
    })
    .from(communityMembers)
    .innerJoin(user, eq(user.id, communityMembers.userId))
    .leftJoin(organisations, eq(organisations.id, communityMembers.organisationId))
    .where(and(eq(communityMembers.communityId, communityId), takesPart(communityMembers.roles)))
    .orderBy(asc(user.name), asc(communityMembers.userId));
}

export async function communityQuorum(db: DbOrTx, communityId: string) {
  const [row] = await db.select({ quorum: communities.decisionQuorum }).from(communities).where(eq(communities.id, communityId));
  return row?.quorum ?? 'groups';
}

export async function setCommunityQuorum(db: DbOrTx, communityId: string, quorum: string, now: Date) {
  await db.update(communities).set({ decisionQuorum: quorum, updatedAt: now }).where(eq(communities.id, communityId));
}

export async function findProposal(db: DbOrTx, proposalId: string): Promise<ProposalRow | null> {
  const [row] = await db.select().from(proposals).where(eq(proposals.id, proposalId));
  return row ?? null;
}

/** The proposal's row, locked: responses, amendments and closing take turns on it. */
export async function lockProposal(db: DbOrTx, proposalId: string): Promise<ProposalRow | null> {
  const [row] = await db.select().from(proposals).where(eq(proposals.id, proposalId)).for('update');
  return row ?? null;
}

export async function insertProposal(db: DbOrTx, values: typeof proposals.$inferInsert): Promise<ProposalRow> {
  const [row] = await db.insert(proposals).values(values).returning();
  return row!;
}

/** `bump`: the change is one a client edits against (wording, status), so the proposal's version rises. */
export async function updateProposal(db: DbOrTx, proposalId: string, set: Partial<typeof proposals.$inferInsert>, bump = true) {
  await db
    .update(proposals)
    .set(bump ? { ...set, version: sql`${proposals.version} + 1` } : set)
    .where(eq(proposals.id, proposalId));
}

/**
 * Cancels a proposal's pending jobs, skipping one the job runner is running right now: that runner
 * holds the job's row and waits for the proposal's lock (which the caller holds), so waiting for the
 * job's row here would deadlock. The running job finds the proposal settled and does nothing.
 */
export async function cancelIdleJobs(db: DbOrTx, keys: string[]) {
  const idle = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(inArray(jobs.key, keys), eq(jobs.status, 'pending')))
    .for('update', { skipLocked: true });
  await db.update(jobs).set({ status: 'cancelled' }).where(inArray(jobs.id, idle));
}

/** Whether a pending job's row is locked by a runner right now (without waiting for it). */
export async function jobRunning(db: DbOrTx, key: string) {
  const [exists] = await db.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.key, key), eq(jobs.status, 'pending')));
  if (!exists) return false;
  const [free] = await db.select({ id: jobs.id }).from(jobs).where(eq(jobs.id, exists.id)).for('update', { skipLocked: true });
  return !free;
}

/** Open proposals whose closing time has come (for closing them when the job runner lags). */
export async function overdueIn(db: DbOrTx, communityId: string, now: Date) {
  const rows = await db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.communityId, communityId), eq(proposals.status, 'open'), sql`${proposals.closesAt} <= ${now}`));
  return rows.map((r) => r.id);
}

export async function meetingOf(db: DbOrTx, meetingId: string) {
  const [row] = await db
    .select({ id: meetings.id, communityId: meetings.communityId, title: meetings.title, startsAt: meetings.startsAt, chairUserId: meetings.chairUserId })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  return row ?? null;
}

export async function agendaItemOf(db: DbOrTx, itemId: string) {
  const [row] = await db.select({ id: agendaItems.id, meetingId: agendaItems.meetingId }).from(agendaItems).where(eq(agendaItems.id, itemId));
  return row ?? null;
}

export async function responsesOf(db: DbOrTx, proposalId: string): Promise<ResponseRow[]> {
  return db.select().from(proposalResponses).where(eq(proposalResponses.proposalId, proposalId));
}

export async function findResponse(db: DbOrTx, proposalId: string, userId: string): Promise<ResponseRow | null> {
  const [row] = await db
    .select()
    .from(proposalResponses)
    .where(and(eq(proposalResponses.proposalId, proposalId), eq(proposalResponses.userId, userId)));
  return row ?? null;
}

/** Writes a response (a first one, or a change of the one at `version`) and appends it to the history. */
export async function saveResponse(
  db: DbOrTx,
  r: { networkId: string; proposalId: string; userId: string; position: string; reason: string; round: number; version: number | null; at: Date },
) {
  if (r.version === null) {
    await db.insert(proposalResponses).values({
      proposalId: r.proposalId,
      userId: r.userId,
      networkId: r.networkId,
      position: r.position,
      reason: r.reason,
      round: r.round,
      createdAt: r.at,
      updatedAt: r.at,
    });
  } else {
    await db
      .update(proposalResponses)
      .set({ position: r.position, reason: r.reason, round: r.round, version: r.version + 1, updatedAt: r.at })
      .where(and(eq(proposalResponses.proposalId, r.proposalId), eq(proposalResponses.userId, r.userId)));
  }
  await db.insert(proposalResponseHistory).values({
    networkId: r.networkId,
    proposalId: r.proposalId,
    userId: r.userId,
    round: r.round,
    position: r.position,
    reason: r.reason,
    at: r.at,
  });
}

export async function insertRevision(db: DbOrTx, values: typeof proposalRevisions.$inferInsert) {
  await db.insert(proposalRevisions).values(values);
}

export async function revisionsOf(db: DbOrTx, proposalId: string) {
  return db
    .select({ revision: proposalRevisions, amendedByName: user.name })
    .from(proposalRevisions)
    .leftJoin(user, eq(user.id, proposalRevisions.amendedBy))
    .where(eq(proposalRevisions.proposalId, proposalId))
    .orderBy(asc(proposalRevisions.round));
}

export async function historyOf(db: DbOrTx, proposalId: string) {
  return db
    .select({ entry: proposalResponseHistory, name: user.name })
    .from(proposalResponseHistory)
    .innerJoin(user, eq(user.id, proposalResponseHistory.userId))
    .where(eq(proposalResponseHistory.proposalId, proposalId))
    .orderBy(asc(proposalResponseHistory.at), asc(proposalResponseHistory.id));
}

export async function commentsOf(db: DbOrTx, proposalId: string) {
  return db
    .select({ comment: proposalComments, authorName: user.name })
    .from(proposalComments)
    .leftJoin(user, eq(user.id, proposalComments.authorId))
    .where(eq(proposalComments.proposalId, proposalId))
    .orderBy(asc(proposalComments.createdAt), asc(proposalComments.id));
}

export async function findComment(db: DbOrTx, commentId: string) {
  const [row] = await db.select().from(proposalComments).where(eq(proposalComments.id, commentId));
  return row ?? null;
}

export async function insertComment(db: DbOrTx, values: typeof proposalComments.$inferInsert) {
  const [row] = await db.insert(proposalComments).values(values).returning();
  return row!;
}

export async function userNames(db: DbOrTx, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A participant asked to respond to this proposal (for advice: not the proposer, who decides). */
const PARTICIPANT = sql`${takesPart(sql`cm.roles`)} and not (${proposals.process} = 'advice' and cm.user_id = ${proposals.proposerId})`;

/**
 * A community's proposals with their counts: participants, current responses, blocks, and whether
 * `userId` has answered the current wording. Newest first within open, then closed.
 */
export async function listProposals(db: DbOrTx, communityId: string, userId: string, status: 'open' | 'closed' | 'all') {
  const where =
    status === 'open'
      ? and(eq(proposals.communityId, communityId), eq(proposals.status, 'open'))
      : status === 'closed'
        ? and(eq(proposals.communityId, communityId), sql`${proposals.status} <> 'open'`)
        : eq(proposals.communityId, communityId);
  return db
    .select({
      proposal: proposals,
      proposerName: user.name,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      participants: sql<number>`(select count(*)::int from ${communityMembers} cm where cm.community_id = ${proposals.communityId} and ${PARTICIPANT})`,
      responded: sql<number>`(select count(*)::int from ${proposalResponses} r join ${communityMembers} cm on cm.community_id = ${proposals.communityId} and cm.user_id = r.user_id and ${PARTICIPANT}
                where r.proposal_id = ${proposals.id} and r.round = ${proposals.round})`,
      blocking: sql<number>`(select count(*)::int from ${proposalResponses} r join ${communityMembers} cm on cm.community_id = ${proposals.communityId} and cm.user_id = r.user_id and ${PARTICIPANT}
                where r.proposal_id = ${proposals.id} and r.round = ${proposals.round} and r.position in ('objection', 'block'))`,
      myRound: sql<number | null>`(select r.round from ${proposalResponses} r where r.proposal_id = ${proposals.id} and r.user_id = ${userId})`,
    })
    .from(proposals)
    .leftJoin(user, eq(user.id, proposals.proposerId))
    .leftJoin(meetings, eq(meetings.id, proposals.meetingId))
    .where(where)
    .orderBy(sql`${proposals.status} = 'open' desc`, desc(proposals.createdAt))
    .limit(500);
}

/** The decision log: every closed proposal (not withdrawn ones), newest decision first. */
export async function closedProposals(db: DbOrTx, communityId: string) {
  return db
    .select({ proposal: proposals, proposerName: user.name, meetingTitle: meetings.title, meetingStartsAt: meetings.startsAt })
    .from(proposals)
    .leftJoin(user, eq(user.id, proposals.proposerId))
    .leftJoin(meetings, eq(meetings.id, proposals.meetingId))
    .where(and(eq(proposals.communityId, communityId), eq(proposals.status, 'closed')))
    .orderBy(desc(proposals.closedAt))
    .limit(1000);
}

export interface ProposalRecipient {
  userId: string;
  name: string;
  email: string;
  locale: string;
  timeZone: string;
  preferences: Record<string, boolean>;
  /** Their roles in the community (chairs and coordinators are stewards of every proposal). */
  roles: string[];
}

/** The participants of a community, with what decides whether and how to mail them. */
export async function recipients(db: DbOrTx, communityId: string): Promise<ProposalRecipient[]> {
  return db
    .select({ userId: user.id, name: user.name, email: user.email, locale: user.locale, timeZone: user.timeZone, preferences: user.notificationPreferences, roles: communityMembers.roles })
    .from(communityMembers)
    .innerJoin(user, eq(user.id, communityMembers.userId))
    .where(and(eq(communityMembers.communityId, communityId), takesPart(communityMembers.roles)))
    .orderBy(asc(user.name));
}

export async function communityName(db: DbOrTx, communityId: string) {
  const [row] = await db.select({ name: communities.name, fixedChairUserId: communities.fixedChairUserId }).from(communities).where(eq(communities.id, communityId));
  return row ?? null;
}
