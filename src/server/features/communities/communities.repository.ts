import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
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
