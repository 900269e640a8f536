import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../../db/client';
import {
  communities,
  communityMembers,
  communityRevisions,
  invitations,
  networkMembers,
  networks,
  organisations,
  user,
} from '../../db/schema';
import type { MemberRole } from '../../../contracts/enums';

export type CommunityRow = typeof communities.$inferSelect;

interface DetailRow {
  id: string;
  network_id: string;
  network_name: string;
  name: string;
  topic: string;
  question: string;
  ambition: string;
  end_product: string;
  end_product_variants: { organisationId: string; organisationName: string | null; description: string }[];
  phase: string;
  includes_parents: boolean;
  first_groups: string[];
  version: number;
  updated_at: Date;
  membership_id: string | null;
  my_roles: string[] | null;
  coordinator: boolean | null;
  members: {
    id: string;
    userId: string;
    name: string;
    email: string;
    organisationId: string | null;
    organisationName: string | null;
    stakeholderGroup: string;
    roles: string[];
    joinedAt: string;
  }[];
}

/**
 * The community page in one prepared statement: the community, the caller's relation to it, and
 * (only when the caller may see the community) its members. This is the benchmarked hot path.
 */
export async function findDetailWithAccess(database: Database, communityId: string, userId: string) {
  const [row] = await database.hot<DetailRow>(
    'kring_community_detail',
    `select c.id, c.network_id, n.name as network_name, c.name, c.topic, c.question, c.ambition, c.end_product,
            coalesce((
              select json_agg(json_build_object('organisationId', v.value->>'organisationId', 'organisationName', o.name,
                                                'description', v.value->>'description') order by v.ordinality)
                from jsonb_array_elements(c.end_product_variants) with ordinality as v(value, ordinality)
                left join organisations o on o.id::text = v.value->>'organisationId' and o.network_id = c.network_id
            ), '[]'::json) as end_product_variants,
            c.phase, c.includes_parents, c.first_groups, c.version, c.updated_at,
            me.id as membership_id, me.roles as my_roles, nm.coordinator,
            case when me.id is not null or nm.coordinator then coalesce((
              select json_agg(json_build_object(
                       'id', m.id, 'userId', m.user_id, 'name', u.name, 'email', u.email,
                       'organisationId', m.organisation_id, 'organisationName', o.name,
                       'stakeholderGroup', m.stakeholder_group, 'roles', m.roles, 'joinedAt', m.joined_at)
                     order by u.name, m.id)
                from community_members m
                join "user" u on u.id = m.user_id
                left join organisations o on o.id = m.organisation_id
               where m.community_id = c.id), '[]'::json) else '[]'::json end as members
       from communities c
       join networks n on n.id = c.network_id
       left join community_members me on me.community_id = c.id and me.user_id = $2
       left join network_members nm on nm.network_id = c.network_id and nm.user_id = $2
      where c.id = $1`,
    [communityId, userId],
  );
  if (!row) return null;
  return {
    row,
    access: { roles: (row.my_roles ?? []) as MemberRole[], isMember: row.membership_id !== null, isNetworkCoordinator: row.coordinator === true },
  };
}

/** The community and the caller's relation to it, in one query. */
export async function findWithAccess(db: DbOrTx, communityId: string, userId: string) {
  const rows = await db
    .select({
      community: communities,
      networkName: networks.name,
      membershipId: communityMembers.id,
      roles: communityMembers.roles,
      coordinator: networkMembers.coordinator,
    })
    .from(communities)
    .innerJoin(networks, eq(networks.id, communities.networkId))
    .leftJoin(communityMembers, and(eq(communityMembers.communityId, communities.id), eq(communityMembers.userId, userId)))
    .leftJoin(networkMembers, and(eq(networkMembers.networkId, communities.networkId), eq(networkMembers.userId, userId)))
    .where(eq(communities.id, communityId))
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return {
    community: row.community,
    networkName: row.networkName,
    access: {
      roles: (row.roles ?? []) as MemberRole[],
      isMember: row.membershipId !== null,
      isNetworkCoordinator: row.coordinator === true,
    },
    membershipId: row.membershipId,
  };
}

/** Communities the user sits in, plus every community of the networks they coordinate. */
export async function listCommunitySummaries(db: DbOrTx, userId: string, opts: { networkId?: string }) {
  const mine = db
    .select({ communityId: communityMembers.communityId, roles: communityMembers.roles })
    .from(communityMembers)
    .where(eq(communityMembers.userId, userId))
    .as('mine');
  const rows = await db
    .select({
      id: communities.id,
      networkId: communities.networkId,
      name: communities.name,
      topic: communities.topic,
      phase: communities.phase,
      roles: mine.roles,
      memberCount: sql<number>`(select count(*)::int from ${communityMembers} cm where cm.community_id = ${communities.id})`,
    })
    .from(communities)
    .leftJoin(mine, eq(mine.communityId, communities.id))
    .where(
      and(
        opts.networkId ? eq(communities.networkId, opts.networkId) : undefined,
        sql`(${mine.communityId} is not null or exists (select 1 from ${networkMembers} nm where nm.network_id = ${communities.networkId} and nm.user_id = ${userId} and nm.coordinator))`,
      ),
    )
    .orderBy(asc(communities.name));
  return rows.map((r) => ({
    id: r.id,
    networkId: r.networkId,
    name: r.name,
    topic: r.topic,
    phase: r.phase as 'prePhase',
    memberCount: Number(r.memberCount),
    myRoles: (r.roles ?? []) as MemberRole[],
  }));
}

export async function listMembers(db: DbOrTx, communityId: string) {
  return db
    .select({
      id: communityMembers.id,
      userId: communityMembers.userId,
      name: user.name,
      email: user.email,
      organisationId: communityMembers.organisationId,
      organisationName: organisations.name,
      organisationType: organisations.type,
      stakeholderGroup: communityMembers.stakeholderGroup,
      roles: communityMembers.roles,
      joinedAt: communityMembers.joinedAt,
    })
    .from(communityMembers)
    .innerJoin(user, eq(user.id, communityMembers.userId))
    .leftJoin(organisations, eq(organisations.id, communityMembers.organisationId))
    .where(eq(communityMembers.communityId, communityId))
    .orderBy(asc(user.name));
}

export async function insertCommunity(db: DbOrTx, values: typeof communities.$inferInsert) {
  const [row] = await db.insert(communities).values(values).returning();
  return row!;
}

/** Optimistic concurrency: updates only when the stored version is the one the edit was based on. */
export async function updateCommunityIfVersion(
  db: DbOrTx,
  communityId: string,
  version: number,
  patch: Partial<typeof communities.$inferInsert>,
) {
  const [row] = await db
    .update(communities)
    .set({ ...patch, version: sql`${communities.version} + 1`, updatedAt: new Date() })
    .where(and(eq(communities.id, communityId), eq(communities.version, version)))
    .returning();
  return row ?? null;
}

export async function insertRevisions(db: DbOrTx, rows: (typeof communityRevisions.$inferInsert)[]) {
  if (rows.length) await db.insert(communityRevisions).values(rows);
}

export async function listRevisions(db: DbOrTx, communityId: string) {
  return db
    .select({
      id: communityRevisions.id,
      field: communityRevisions.field,
      before: communityRevisions.before,
      after: communityRevisions.after,
      changedAt: communityRevisions.changedAt,
      changedById: user.id,
      changedByName: user.name,
    })
    .from(communityRevisions)
    .leftJoin(user, eq(user.id, communityRevisions.changedBy))
    .where(eq(communityRevisions.communityId, communityId))
    .orderBy(desc(communityRevisions.changedAt), desc(communityRevisions.id));
}

export async function findMember(db: DbOrTx, communityId: string, memberId: string) {
  const rows = await db
    .select()
    .from(communityMembers)
    .where(and(eq(communityMembers.id, memberId), eq(communityMembers.communityId, communityId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function findMemberByUser(db: DbOrTx, communityId: string, userId: string) {
  const rows = await db
    .select()
    .from(communityMembers)
    .where(and(eq(communityMembers.communityId, communityId), eq(communityMembers.userId, userId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertMember(db: DbOrTx, values: typeof communityMembers.$inferInsert) {
  const [row] = await db.insert(communityMembers).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function updateMember(
  db: DbOrTx,
  memberId: string,
  patch: { roles?: string[]; organisationId?: string | null; stakeholderGroup?: string },
) {
  const [row] = await db.update(communityMembers).set(patch).where(eq(communityMembers.id, memberId)).returning();
  return row ?? null;
}

export async function deleteMember(db: DbOrTx, memberId: string) {
  await db.delete(communityMembers).where(eq(communityMembers.id, memberId));
}

export async function countOpenInvitations(db: DbOrTx, communityId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(invitations)
    .where(and(eq(invitations.communityId, communityId), inArray(invitations.status, ['pending', 'held'])));
  return Number(row?.n ?? 0);
}

export async function organisationBelongsToNetwork(db: DbOrTx, networkId: string, organisationId: string) {
  const rows = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), eq(organisations.networkId, networkId)))
    .limit(1);
  return rows.length > 0;
}
