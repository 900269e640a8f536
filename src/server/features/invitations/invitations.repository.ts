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
    .where(sql`${invitations.tokenHash} = ${tokenHash} or ${invitations.previousTokenHashes} @> jsonb_build_array(${tokenHash}::text)`)
    .limit(1);
  const row = rows[0];
  return row ? { ...row, superseded: row.invitation.tokenHash !== tokenHash } : null;
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

/**
 * Inserts an open invitation. An expired one for the same address is withdrawn first (its link then
 * says so); a concurrent open one makes this return null (the partial unique index decides).
 */
export async function insertOpen(db: DbOrTx, values: typeof invitations.$inferInsert) {
  await db
    .update(invitations)
    .set({ status: 'withdrawn' })
    .where(
      and(
        eq(invitations.communityId, values.communityId),
        eq(invitations.email, values.email),
        eq(invitations.status, 'pending'),
        sql`${invitations.expiresAt} <= now()`,
      ),
    );
  const [row] = await db.insert(invitations).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

/** A fresh link for an open invitation; null when it was accepted or withdrawn meanwhile. */
export async function reissue(db: DbOrTx, invitationId: string, values: { tokenHash: string; expiresAt: Date }) {
  const [row] = await db
    .update(invitations)
    .set({
      tokenHash: values.tokenHash,
      previousTokenHashes: sql`${invitations.previousTokenHashes} || jsonb_build_array(${invitations.tokenHash})`,
      status: 'pending',
      expiresAt: values.expiresAt,
      sentAt: new Date(),
      sendCount: sql`${invitations.sendCount} + 1`,
    })
    .where(and(eq(invitations.id, invitationId), inArray(invitations.status, ['pending', 'held'])))
    .returning();
  return row ?? null;
}

export async function withdraw(db: DbOrTx, invitationId: string) {
  const rows = await db
    .update(invitations)
    .set({ status: 'withdrawn' })
    .where(and(eq(invitations.id, invitationId), inArray(invitations.status, ['pending', 'held'])))
    .returning({ id: invitations.id });
  return rows.length > 0;
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
