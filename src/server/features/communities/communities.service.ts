import type { z } from 'zod';
import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { AppError, conflict, forbidden, notFound } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import type {
  CommunityDetail,
  createCommunityBody,
  Member,
  Revision,
  TableView,
  updateCommunityBody,
  updateMemberBody,
} from '../../../contracts/api';
import type { CommunityPhase, MemberRole, OrganisationType, StakeholderGroup } from '../../../contracts/enums';
import { communityPolicy, type CommunityAction } from './communities.policy';
import * as repo from './communities.repository';
import { assessTable } from './table';
import { requireNetworkAccess } from '../networks/networks.service';
import { ensureNetworkMember, pruneNetworkMember } from '../networks/networks.repository';

/** The access check every use-case starts with: 404 when the caller cannot see it, 403 when they may not act. */
export async function requireCommunityAccess(ctx: AppContext, me: SessionUser, communityId: string, action: CommunityAction) {
  const found = await repo.findWithAccess(ctx.db, communityId, me.id);
  if (!found || !communityPolicy.view(found.access)) throw notFound();
  if (!communityPolicy[action](found.access)) throw forbidden();
  return found;
}

type MemberRow = Awaited<ReturnType<typeof repo.listMembers>>[number];

function toMember(row: MemberRow, showEmail: boolean): Member {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    email: showEmail ? row.email : null,
    organisationId: row.organisationId,
    organisationName: row.organisationName,
    stakeholderGroup: row.stakeholderGroup as StakeholderGroup,
    roles: row.roles as MemberRole[],
    joinedAt: row.joinedAt.toISOString(),
  };
}

async function assertOrganisation(ctx: AppContext, networkId: string, organisationId: string | null | undefined, path: string) {
  if (organisationId && !(await repo.organisationBelongsToNetwork(ctx.db, networkId, organisationId))) {
    throw new AppError(422, 'validation', {}, [{ path, code: 'organisationNotInNetwork' }]);
  }
}

async function assertVariants(ctx: AppContext, networkId: string, variants: { organisationId: string }[] | undefined) {
  for (const [index, v] of (variants ?? []).entries()) {
    await assertOrganisation(ctx, networkId, v.organisationId, `endProductVariants.${index}.organisationId`);
  }
}

export async function getCommunity(ctx: AppContext, me: SessionUser, communityId: string): Promise<CommunityDetail> {
  const found = await repo.findDetailWithAccess(ctx.database, communityId, me.id);
  if (!found || !communityPolicy.view(found.access)) throw notFound();
  const { row: c, access } = found;
  const manages = communityPolicy.invite(access) || communityPolicy.manageMembers(access);
  return {
    id: c.id,
    networkId: c.network_id,
    networkName: c.network_name,
    name: c.name,
    topic: c.topic,
    question: c.question,
    ambition: c.ambition,
    endProduct: c.end_product,
    endProductVariants: c.end_product_variants,
    phase: c.phase as CommunityPhase,
    includesParents: c.includes_parents,
    firstGroups: c.first_groups as StakeholderGroup[],
    version: c.version,
    updatedAt: new Date(c.updated_at).toISOString(),
    members: c.members.map((m) => ({
      id: m.id,
      userId: m.userId,
      name: m.name,
      email: manages || m.userId === me.id ? m.email : null,
      organisationId: m.organisationId,
      organisationName: m.organisationName,
      stakeholderGroup: m.stakeholderGroup as StakeholderGroup,
      roles: m.roles as MemberRole[],
      joinedAt: new Date(m.joinedAt).toISOString(),
    })),
    myMembershipId: c.membership_id,
    myRoles: access.roles,
    permissions: {
      edit: communityPolicy.edit(access),
      invite: communityPolicy.invite(access),
      manageMembers: communityPolicy.manageMembers(access),
      leave: communityPolicy.leave(access),
    },
  };
}

export async function listMyCommunities(ctx: AppContext, me: SessionUser) {
  return repo.listCommunitySummaries(ctx.db, me.id, {});
}

export async function createCommunity(ctx: AppContext, me: SessionUser, networkId: string, body: z.infer<typeof createCommunityBody>) {
  await requireNetworkAccess(ctx, me, networkId, 'manage');
  await assertVariants(ctx, networkId, body.endProductVariants);
  const created = await ctx.db.transaction(async (tx) => {
    const row = await repo.insertCommunity(tx, {
      networkId,
      name: body.name,
      topic: body.topic ?? '',
      question: body.question ?? '',
      ambition: body.ambition ?? '',
      endProduct: body.endProduct ?? '',
      endProductVariants: body.endProductVariants ?? [],
      phase: body.phase ?? 'prePhase',
      includesParents: body.includesParents ?? false,
      firstGroups: body.firstGroups ?? [],
      createdBy: me.id,
    });
    const initial = (['question', 'ambition', 'endProduct', 'endProductVariants'] as const).filter((f) => {
      const v = row[f];
      return Array.isArray(v) ? v.length > 0 : v !== '';
    });
    await repo.insertRevisions(
      tx,
      initial.map((field) => ({ networkId, communityId: row.id, field, before: null, after: row[field], changedBy: me.id })),
    );
    return row;
  });
  return getCommunity(ctx, me, created.id);
}

const TRACKED = ['question', 'ambition', 'endProduct', 'endProductVariants', 'phase'] as const;

export async function updateCommunity(ctx: AppContext, me: SessionUser, communityId: string, body: z.infer<typeof updateCommunityBody>) {
  const { community: before } = await requireCommunityAccess(ctx, me, communityId, 'edit');
  await assertVariants(ctx, before.networkId, body.endProductVariants);
  const { version, ...patch } = body;
  const updated = await ctx.db.transaction(async (tx) => {
    const row = await repo.updateCommunityIfVersion(tx, communityId, version, patch);
    if (!row) return null;
    const changed = TRACKED.filter((f) => patch[f] !== undefined && JSON.stringify(before[f]) !== JSON.stringify(row[f]));
    await repo.insertRevisions(
      tx,
      changed.map((field) => ({ networkId: row.networkId, communityId, field, before: before[field], after: row[field], changedBy: me.id })),
    );
    return row;
  });
  if (!updated) throw conflict();
  if (before.phase !== updated.phase) {
    await ctx.events.emit('community.phaseChanged', {
      communityId,
      networkId: updated.networkId,
      from: before.phase as CommunityPhase,
      to: updated.phase as CommunityPhase,
      byUserId: me.id,
    });
  }
  return getCommunity(ctx, me, communityId);
}

export async function listRevisions(ctx: AppContext, me: SessionUser, communityId: string): Promise<Revision[]> {
  await requireCommunityAccess(ctx, me, communityId, 'view');
  const rows = await repo.listRevisions(ctx.db, communityId);
  return rows.map((r) => ({
    id: r.id,
    field: r.field as Revision['field'],
    before: r.before,
    after: r.after,
    changedBy: r.changedById ? { id: r.changedById, name: r.changedByName ?? '' } : null,
    changedAt: r.changedAt.toISOString(),
  }));
}

export async function getTable(ctx: AppContext, me: SessionUser, communityId: string): Promise<TableView> {
  const { community } = await requireCommunityAccess(ctx, me, communityId, 'view');
  const [members, pending] = await Promise.all([
    repo.listMembers(ctx.db, communityId),
    repo.countOpenInvitations(ctx.db, communityId),
  ]);
  return assessTable({
    communityId,
    includesParents: community.includesParents,
    pendingInvitations: pending,
    members: members.map((m) => ({
      memberId: m.id,
      name: m.name,
      organisationId: m.organisationId,
      organisationName: m.organisationName,
      organisationType: (m.organisationType ?? null) as OrganisationType | null,
      stakeholderGroup: m.stakeholderGroup as StakeholderGroup,
      roles: m.roles as MemberRole[],
    })),
  });
}

export async function updateMember(
  ctx: AppContext,
  me: SessionUser,
  communityId: string,
  memberId: string,
  body: z.infer<typeof updateMemberBody>,
): Promise<Member> {
  const { community } = await requireCommunityAccess(ctx, me, communityId, 'manageMembers');
  const existing = await repo.findMember(ctx.db, communityId, memberId);
  if (!existing) throw notFound();
  await assertOrganisation(ctx, community.networkId, body.organisationId, 'organisationId');
  if (body.roles !== undefined || body.organisationId !== undefined || body.stakeholderGroup !== undefined) {
    await repo.updateMember(ctx.db, memberId, {
      roles: body.roles ? [...new Set(body.roles)] : undefined,
      organisationId: body.organisationId,
      stakeholderGroup: body.stakeholderGroup,
    });
    // Roles decide who takes part in meetings and the chair rota.
    await ctx.events.emit('community.membersChanged', { communityId, networkId: community.networkId });
  }
  const updated = (await repo.listMembers(ctx.db, communityId)).find((m) => m.id === memberId);
  if (!updated) throw notFound(); // removed meanwhile
  return toMember(updated, true);
}

/** Deletes a membership, and the network membership when it was the user's last community there. */
async function deleteMembership(ctx: AppContext, networkId: string, member: { id: string; userId: string }) {
  await ctx.db.transaction(async (tx) => {
    await repo.deleteMember(tx, member.id);
    await pruneNetworkMember(tx, networkId, member.userId);
  });
}

export async function removeMember(ctx: AppContext, me: SessionUser, communityId: string, memberId: string) {
  const found = await requireCommunityAccess(ctx, me, communityId, 'view');
  const existing = await repo.findMember(ctx.db, communityId, memberId);
  if (!existing) throw notFound();
  const self = existing.userId === me.id;
  if (!self && !communityPolicy.manageMembers(found.access)) throw forbidden();
  await deleteMembership(ctx, found.community.networkId, existing);
  await ctx.events.emit('community.membersChanged', { communityId, networkId: found.community.networkId });
}

export async function leave(ctx: AppContext, me: SessionUser, communityId: string) {
  const found = await requireCommunityAccess(ctx, me, communityId, 'leave');
  await deleteMembership(ctx, found.community.networkId, { id: found.membershipId!, userId: me.id });
  await ctx.events.emit('community.membersChanged', { communityId, networkId: found.community.networkId });
}

/** Adds a user to a community (invitation accepted, demo data). Returns false when already a member. */
export async function addMember(
  db: DbOrTx,
  values: { networkId: string; communityId: string; userId: string; organisationId: string | null; stakeholderGroup: string; roles: string[] },
) {
  await ensureNetworkMember(db, values.networkId, values.userId);
  const row = await repo.insertMember(db, values);
  return row !== null;
}
