import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { communities, communityMembers, invitations, networks, organisations, user } from '../../db/schema';

export type InvitationRow = typeof invitations.$inferSelect;

const listColumns = {
  invitation: invitations,
  organisationName: organisations.name,
  inviterName: user.name,
};

export async function listForCommunity(db: DbOrTx, communityId: string) {
  return db
    .select(listColumns)
    .from(invitations)
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(user, eq(user.id, invitations.invitedBy))
    .where(eq(invitations.communityId, communityId))
    .orderBy(desc(invitations.createdAt));
}

export async function findById(db: DbOrTx, invitationId: string) {
  const rows = await db
    .select(listColumns)
    .from(invitations)
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(user, eq(user.id, invitations.invitedBy))
    .where(eq(invitations.id, invitationId))
    .limit(1);
  return rows[0] ?? null;
}

/** Everything the invitation page and mail need, found by the token's hash. */
export async function findByTokenHash(db: DbOrTx, tokenHash: string) {
  const rows = await db
    .select({
      invitation: invitations,
      organisationName: organisations.name,
      inviterName: user.name,
      communityName: communities.name,
      communityPhase: communities.phase,
      question: communities.question,
      ambition: communities.ambition,
      networkName: networks.name,
    })
    .from(invitations)
    .innerJoin(communities, eq(communities.id, invitations.communityId))
    .innerJoin(networks, eq(networks.id, invitations.networkId))
    .leftJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(user, eq(user.id, invitations.invitedBy))
    .where(eq(invitations.tokenHash, tokenHash))
    .limit(1);
  return rows[0] ?? null;
}

export async function findOpenForEmail(db: DbOrTx, communityId: string, email: string) {
  const rows = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.communityId, communityId),
        eq(invitations.email, email),
        inArray(invitations.status, ['pending', 'held']),
        sql`(${invitations.status} = 'held' or ${invitations.expiresAt} > now())`,
      ),
    )
    .limit(1);
  return rows[0] ?? null;
}

export async function isMemberByEmail(db: DbOrTx, communityId: string, email: string) {
  const rows = await db
    .select({ id: communityMembers.id })
    .from(communityMembers)
    .innerJoin(user, eq(user.id, communityMembers.userId))
    .where(and(eq(communityMembers.communityId, communityId), eq(user.email, email)))
    .limit(1);
  return rows.length > 0;
}

export async function insert(db: DbOrTx, values: typeof invitations.$inferInsert) {
  const [row] = await db.insert(invitations).values(values).returning();
  return row!;
}

export async function update(db: DbOrTx, invitationId: string, patch: Partial<typeof invitations.$inferInsert>) {
  const [row] = await db.update(invitations).set(patch).where(eq(invitations.id, invitationId)).returning();
  return row ?? null;
}

/** Marks a pending invitation accepted; only one of two racing accepts gets the row back. */
export async function markAccepted(db: DbOrTx, invitationId: string, userId: string) {
  const [row] = await db
    .update(invitations)
    .set({ status: 'accepted', acceptedBy: userId, acceptedAt: new Date() })
    .where(and(eq(invitations.id, invitationId), eq(invitations.status, 'pending'), sql`${invitations.expiresAt} > now()`))
    .returning();
  return row ?? null;
}

export async function listHeld(db: DbOrTx, communityId: string) {
  return db
    .select()
    .from(invitations)
    .where(and(eq(invitations.communityId, communityId), eq(invitations.status, 'held')));
}

export async function findCommunityContext(db: DbOrTx, communityId: string) {
  const rows = await db
    .select({ name: communities.name, networkName: networks.name })
    .from(communities)
    .innerJoin(networks, eq(networks.id, communities.networkId))
    .where(eq(communities.id, communityId))
    .limit(1);
  return rows[0] ?? null;
}
