import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client';
import {
  checkOuts,
  communities,
  communityMembers,
  communityRevisions,
  monitorSummaries,
  networkMembers,
  networks,
  organisations,
  harvests,
  proposals,
  rooms,
  user,
} from '../../db/schema';
import type { AmbitionFact, CheckOutFact, CommunityFacts, ContributionFact, MeetingFact, MemberFact, ProposalFact } from './indicators';

const PARTICIPANT_ROLES = ['member', 'chair', 'coordinator'];
/**
 * Runs independent reads at once on the pool, but one after another inside a transaction: a
 * transaction is one connection, where parallel queries only queue (and pg deprecates them).
 */
export async function reads<T extends unknown[]>(db: DbOrTx, ...fns: { [K in keyof T]: () => Promise<T[K]> }): Promise<T> {
  if (!(db instanceof PgTransaction)) return (await Promise.all(fns.map((f) => f()))) as T;
  const out: unknown[] = [];
  for (const f of fns) out.push(await f());
  return out as T;
}

/** Raw query rows (both drivers answer with `rows`). */
const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export interface MemberRow extends MemberFact {
  organisationName: string | null;
}

/** Everyone in the community, with the organisation's name (researchers and observers marked as not taking part). */
export async function members(db: DbOrTx, communityId: string): Promise<MemberRow[]> {
  const rows = await db
    .select({
      userId: communityMembers.userId,
      name: user.name,
      organisationId: communityMembers.organisationId,
      organisationName: organisations.name,
      stakeholderGroup: communityMembers.stakeholderGroup,
      roles: communityMembers.roles,
      joinedAt: communityMembers.joinedAt,
      chairWilling: communityMembers.chairWilling,
      hoursPerMonth: communityMembers.hoursPerMonth,
      timeOfficial: communityMembers.timeOfficial,
    })
    .from(communityMembers)
    .innerJoin(user, eq(user.id, communityMembers.userId))
    .leftJoin(organisations, eq(organisations.id, communityMembers.organisationId))
    .where(eq(communityMembers.communityId, communityId))
    .orderBy(asc(user.name));
  return rows.map(({ roles, ...r }) => ({ ...r, participant: roles.some((x) => PARTICIPANT_ROLES.includes(x)) }));
}

/**
 * The meetings that started before `now`, with who attended (recorded presence, or the "yes" answers
 * when the chair recorded none) and the programme's item titles. One query, aggregated per meeting.
 */
async function meetingFacts(db: DbOrTx, communityId: string, now: Date): Promise<MeetingFact[]> {
  type Row = {
    id: string;
    starts_at: string | Date;
    ends_at: string | Date;
    status: string;
    chair_user_id: string | null;
    published: boolean;
    present: string[] | null;
    recorded: boolean;
    yes: string[] | null;
    titles: string[] | null;
  };
  const res = await db.execute(sql`
    select m.id, m.starts_at, m.ends_at, m.status, m.chair_user_id, m.programme_published_at is not null as published,
      (select array_agg(a.user_id) from attendance a where a.meeting_id = m.id and a.present) as present,
      exists (select 1 from attendance a where a.meeting_id = m.id and a.present is not null) as recorded,
      (select array_agg(a.user_id) from attendance a where a.meeting_id = m.id and a.response = 'yes') as yes,
      (select array_agg(ai.title order by ai.position) from agenda_items ai where ai.meeting_id = m.id) as titles
    from meetings m
    where m.community_id = ${communityId} and m.starts_at < ${now.toISOString()}
    order by m.starts_at`);
  return rowsOf<Row>(res).map((r) => ({
    id: r.id,
    startsAt: new Date(r.starts_at),
    endsAt: new Date(r.ends_at),
    cancelled: r.status === 'cancelled',
    chairUserId: r.chair_user_id,
    programmePublished: r.published,
    attendedUserIds: (r.recorded ? r.present : r.yes) ?? [],
    agendaTitles: r.titles ?? [],
  }));
}

/**
 * Every contribution: harvest turns (with the speaker's organisation and group as they spoke), input,
 * proposal responses (to the proposer) and comments (replies: to the author replied to). Input,
 * responses and comments take the contributor's current organisation and group.
 */
async function contributionFacts(db: DbOrTx, communityId: string): Promise<ContributionFact[]> {
  type Row = {
    kind: ContributionFact['kind'];
    user_id: string;
    organisation_id: string | null;
    stakeholder_group: string | null;
    at: string | Date;
    meeting_id: string | null;
    to_user_id: string | null;
  };
  const res = await db.execute(sql`
    select 'harvest' as kind, h.speaker_id as user_id, h.organisation_id, h.stakeholder_group, h.created_at as at, h.meeting_id, null as to_user_id
      from harvests h where h.community_id = ${communityId}
    union all
    select 'input', i.author_id, cm.organisation_id, cm.stakeholder_group, i.created_at, i.meeting_id, null
      from meeting_inputs i join meetings m on m.id = i.meeting_id
      left join community_members cm on cm.community_id = m.community_id and cm.user_id = i.author_id
      where m.community_id = ${communityId}
    union all
    select 'response', r.user_id, cm.organisation_id, cm.stakeholder_group, r.created_at, null, p.proposer_id
      from proposal_responses r join proposals p on p.id = r.proposal_id
      left join community_members cm on cm.community_id = p.community_id and cm.user_id = r.user_id
      where p.community_id = ${communityId}
    union all
    select 'comment', c.author_id, cm.organisation_id, cm.stakeholder_group, c.created_at, null, parent.author_id
      from proposal_comments c join proposals p on p.id = c.proposal_id
      left join proposal_comments parent on parent.id = c.parent_id
      left join community_members cm on cm.community_id = p.community_id and cm.user_id = c.author_id
      where p.community_id = ${communityId} and c.author_id is not null`);
  return rowsOf<Row>(res).map((r) => ({
    kind: r.kind,
    userId: r.user_id,
    organisationId: r.organisation_id,
    stakeholderGroup: r.stakeholder_group ?? 'other',
    at: new Date(r.at),
    meetingId: r.meeting_id,
    toUserId: r.to_user_id,
  }));
}

/**
 * Check-outs of meetings whose room has closed: while the check-out is still open, a figure that
 * changes with every score would give each one away by difference (the knowledge log hides it too).
 */
async function checkOutFacts(db: DbOrTx, communityId: string): Promise<CheckOutFact[]> {
  return db
    .select({ meetingId: checkOuts.meetingId, score: checkOuts.score })
    .from(checkOuts)
    .innerJoin(rooms, eq(rooms.meetingId, checkOuts.meetingId))
    .where(and(eq(checkOuts.communityId, communityId), sql`${rooms.state}->>'closedAt' is not null`));
}

async function proposalFacts(db: DbOrTx, communityId: string): Promise<ProposalFact[]> {
  return db.select({ title: proposals.title, body: proposals.body, createdAt: proposals.createdAt }).from(proposals).where(eq(proposals.communityId, communityId));
}

async function ambitionFact(db: DbOrTx, community: { id: string; question: string; ambition: string; endProduct: string; createdAt: Date }): Promise<AmbitionFact> {
  const rows = await db
    .select({ field: communityRevisions.field, at: sql<string>`max(${communityRevisions.changedAt})` })
    .from(communityRevisions)
    .where(and(eq(communityRevisions.communityId, community.id), inArray(communityRevisions.field, ['ambition', 'endProduct'])))
    .groupBy(communityRevisions.field);
  const at = (f: string) => {
    const r = rows.find((x) => x.field === f);
    return r?.at ? new Date(r.at) : null;
  };
  return {
    question: community.question,
    ambition: community.ambition,
    endProduct: community.endProduct,
    ambitionRevisedAt: at('ambition'),
    endProductRevisedAt: at('endProduct'),
    createdAt: community.createdAt,
  };
}

/** All a community's facts the indicators read, loaded in parallel. */
export async function loadFacts(
  db: DbOrTx,
  community: { id: string; question: string; ambition: string; endProduct: string; createdAt: Date },
  now: Date,
): Promise<CommunityFacts & { members: MemberRow[] }> {
  const [m, meetings, contributions, co, props, ambition] = await reads(
    db,
    () => members(db, community.id),
    () => meetingFacts(db, community.id, now),
    () => contributionFacts(db, community.id),
    () => checkOutFacts(db, community.id),
    () => proposalFacts(db, community.id),
    () => ambitionFact(db, community),
  );
  return { members: m, meetings, contributions, checkOuts: co, proposals: props, ambition };
}

// ----- time statements ------------------------------------------------------------------------
export async function setMyTime(db: DbOrTx, communityId: string, userId: string, hoursPerMonth: number, official: boolean) {
  await db
    .update(communityMembers)
    .set({ hoursPerMonth, timeOfficial: official })
    .where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.userId, userId)));
}

// ----- the network view -----------------------------------------------------------------------
export type SummaryRow = typeof monitorSummaries.$inferSelect;

export async function upsertSummary(db: DbOrTx, row: SummaryRow) {
  await db
    .insert(monitorSummaries)
    .values(row)
    .onConflictDoUpdate({
      target: monitorSummaries.communityId,
      set: { computedAt: row.computedAt, scores: row.scores, previous: row.previous, criticalFactor: row.criticalFactor, groupSize: row.groupSize },
    });
}

export async function networkOf(db: DbOrTx, networkId: string, userId: string) {
  const [row] = await db
    .select({ id: networks.id, name: networks.name, coordinator: networkMembers.coordinator })
    .from(networks)
    .leftJoin(networkMembers, and(eq(networkMembers.networkId, networks.id), eq(networkMembers.userId, userId)))
    .where(eq(networks.id, networkId));
  return row ?? null;
}

/**
 * The communities of a network the caller may compare, with their summary (null when not computed
 * yet): all of them for a network coordinator, else those where the caller holds the researcher or
 * coordinator role.
 */
const visible = (networkId: string, userId: string, all: boolean) =>
  all
    ? eq(communities.networkId, networkId)
    : and(
        eq(communities.networkId, networkId),
        sql`exists (select 1 from ${communityMembers} cm where cm.community_id = ${communities.id} and cm.user_id = ${userId}
          and (cm.roles ? 'researcher' or cm.roles ? 'coordinator'))`,
      );

export async function networkRows(db: DbOrTx, networkId: string, userId: string, all: boolean) {
  return db
    .select({ id: communities.id, name: communities.name, phase: communities.phase, summary: monitorSummaries })
    .from(communities)
    .leftJoin(monitorSummaries, eq(monitorSummaries.communityId, communities.id))
    .where(visible(networkId, userId, all))
    .orderBy(asc(communities.name));
}

/**
 * What the network view shows, in one aggregate row: changes when a summary is computed, a community
 * is added, renamed or changes phase, or the caller's grants change.
 */
export async function networkFingerprint(db: DbOrTx, networkId: string, userId: string, all: boolean) {
  const [row] = await db
    .select({
      n: sql<number>`count(*)::int`,
      ready: sql<number>`count(${monitorSummaries.communityId})::int`,
      oldest: sql<string | null>`min(${monitorSummaries.computedAt})`,
      newest: sql<string | null>`max(${monitorSummaries.computedAt})`,
      changed: sql<string | null>`max(${communities.updatedAt})`,
      ids: sql<string>`md5(string_agg(${communities.id}::text, ',' order by ${communities.id}))`,
    })
    .from(communities)
    .leftJoin(monitorSummaries, eq(monitorSummaries.communityId, communities.id))
    .where(visible(networkId, userId, all));
  return row!;
}

const communityColumns = {
  id: communities.id,
  networkId: communities.networkId,
  question: communities.question,
  ambition: communities.ambition,
  endProduct: communities.endProduct,
  createdAt: communities.createdAt,
};

export async function communityRow(db: DbOrTx, communityId: string) {
  const [row] = await db.select(communityColumns).from(communities).where(eq(communities.id, communityId));
  return row ?? null;
}

/** Communities of a network without a summary or with one computed before `before`, oldest first. */
export async function staleCommunities(db: DbOrTx, networkId: string, before: Date, limit: number) {
  return db
    .select(communityColumns)
    .from(communities)
    .leftJoin(monitorSummaries, eq(monitorSummaries.communityId, communities.id))
    .where(and(eq(communities.networkId, networkId), or(isNull(monitorSummaries.computedAt), lt(monitorSummaries.computedAt, before))))
    .orderBy(sql`${monitorSummaries.computedAt} asc nulls first`)
    .limit(limit);
}

/** The names of the organisations a community's figures can mention: its members' and its harvests' (not the whole network's). */
export async function organisationNames(db: DbOrTx, communityId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ id: organisations.id, name: organisations.name })
    .from(organisations)
    .where(
      sql`${organisations.id} in (select organisation_id from ${communityMembers} where community_id = ${communityId}
        union select organisation_id from ${harvests} where community_id = ${communityId})`,
    );
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Whether the user sits in any community of the network. */
export async function sitsInNetwork(db: DbOrTx, networkId: string, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: communityMembers.id })
    .from(communityMembers)
    .where(and(eq(communityMembers.networkId, networkId), eq(communityMembers.userId, userId)))
    .limit(1);
  return row !== undefined;
}

