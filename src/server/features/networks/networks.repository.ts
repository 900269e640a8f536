import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, communityMembers, networkMembers, networks, organisations, user } from '../../db/schema';
import type { NetworkAccess } from './networks.policy';

export async function findAccess(db: DbOrTx, networkId: string, userId: string): Promise<NetworkAccess & { exists: boolean }> {
  const rows = await db
    .select({ id: networks.id, coordinator: networkMembers.coordinator, member: networkMembers.userId })
    .from(networks)
    .leftJoin(networkMembers, and(eq(networkMembers.networkId, networks.id), eq(networkMembers.userId, userId)))
    .where(eq(networks.id, networkId))
    .limit(1);
  const row = rows[0];
  return { exists: !!row, isMember: !!row?.member, isCoordinator: !!row?.coordinator };
}

export async function listForUser(db: DbOrTx, userId: string) {
  return db
    .select({
      id: networks.id,
      name: networks.name,
      description: networks.description,
      isCoordinator: networkMembers.coordinator,
      communityCount: sql<number>`(
        select count(*)::int from ${communities} c where c.network_id = ${networks.id}
        and (${networkMembers.coordinator} or exists (
          select 1 from ${communityMembers} cm where cm.community_id = c.id and cm.user_id = ${userId})))`,
    })
    .from(networkMembers)
    .innerJoin(networks, eq(networks.id, networkMembers.networkId))
    .where(eq(networkMembers.userId, userId))
    .orderBy(asc(networks.name));
}

export async function findById(db: DbOrTx, networkId: string) {
  const rows = await db.select().from(networks).where(eq(networks.id, networkId)).limit(1);
  return rows[0] ?? null;
}

export async function insertNetwork(db: DbOrTx, values: { name: string; description: string; createdBy: string }) {
  const [row] = await db.insert(networks).values(values).returning();
  await db.insert(networkMembers).values({ networkId: row!.id, userId: values.createdBy, coordinator: true });
  return row!;
}

export async function updateNetwork(db: DbOrTx, networkId: string, patch: { name?: string; description?: string }) {
  await db.update(networks).set({ ...patch, updatedAt: new Date() }).where(eq(networks.id, networkId));
}

export async function listCoordinators(db: DbOrTx, networkId: string) {
  return db
    .select({ userId: user.id, name: user.name, email: user.email })
    .from(networkMembers)
    .innerJoin(user, eq(user.id, networkMembers.userId))
    .where(and(eq(networkMembers.networkId, networkId), eq(networkMembers.coordinator, true)))
    .orderBy(asc(user.name));
}

export async function listOrganisations(db: DbOrTx, networkId: string) {
  return db.select().from(organisations).where(eq(organisations.networkId, networkId)).orderBy(asc(organisations.name));
}

export async function findOrganisation(db: DbOrTx, networkId: string, organisationId: string) {
  const rows = await db
    .select()
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), eq(organisations.networkId, networkId)))
    .limit(1);
  return rows[0] ?? null;
}

export async function insertOrganisation(db: DbOrTx, values: { networkId: string; name: string; type: string }) {
  const [row] = await db.insert(organisations).values(values).returning();
  return row!;
}

export async function updateOrganisation(db: DbOrTx, organisationId: string, patch: { name?: string; type?: string }) {
  const [row] = await db.update(organisations).set(patch).where(eq(organisations.id, organisationId)).returning();
  return row!;
}

export async function organisationInUse(db: DbOrTx, organisationId: string) {
  const result = await db.execute<{ used: boolean }>(sql`
    select exists (select 1 from community_members where organisation_id = ${organisationId})
        or exists (select 1 from invitations where organisation_id = ${organisationId} and status in ('pending', 'held'))
        as used`);
  return Boolean((result as unknown as { rows: { used: boolean }[] }).rows[0]?.used);
}

export async function deleteOrganisation(db: DbOrTx, organisationId: string) {
  await db.delete(organisations).where(eq(organisations.id, organisationId));
}

export async function ensureNetworkMember(db: DbOrTx, networkId: string, userId: string) {
  await db.insert(networkMembers).values({ networkId, userId }).onConflictDoNothing();
}

/** Drops network membership when the user no longer sits in any community of it and is no coordinator. */
export async function pruneNetworkMember(db: DbOrTx, networkId: string, userId: string) {
  await db.execute(sql`
    delete from network_members nm
    where nm.network_id = ${networkId} and nm.user_id = ${userId} and not nm.coordinator
      and not exists (select 1 from community_members cm where cm.network_id = ${networkId} and cm.user_id = ${userId})`);
}

