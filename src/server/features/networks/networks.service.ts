import type { z } from 'zod';
import type { AppContext } from '../../context';
import { AppError, forbidden, notFound } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import type {
  createNetworkBody,
  createOrganisationBody,
  NetworkDetail,
  Organisation,
  updateNetworkBody,
  updateOrganisationBody,
} from '../../../contracts/api';
import type { OrganisationType } from '../../../contracts/enums';
import { networkPolicy } from './networks.policy';
import * as repo from './networks.repository';
import { listCommunitySummaries } from '../communities/communities.repository';

async function requireAccess(ctx: AppContext, me: SessionUser, networkId: string, action: keyof typeof networkPolicy) {
  const access = await repo.findAccess(ctx.db, networkId, me.id);
  if (!access.exists || !networkPolicy.view(access)) throw notFound();
  if (!networkPolicy[action](access)) throw forbidden();
  return access;
}

const toOrganisation = (row: { id: string; networkId: string; name: string; type: string }): Organisation => ({
  id: row.id,
  networkId: row.networkId,
  name: row.name,
  type: row.type as OrganisationType,
});

function isUniqueViolation(err: unknown) {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

export async function listNetworks(ctx: AppContext, me: SessionUser) {
  const rows = await repo.listForUser(ctx.db, me.id);
  return rows.map((r) => ({ ...r, communityCount: Number(r.communityCount) }));
}

export async function getNetwork(ctx: AppContext, me: SessionUser, networkId: string): Promise<NetworkDetail> {
  const access = await requireAccess(ctx, me, networkId, 'view');
  const network = await repo.findById(ctx.db, networkId);
  if (!network) throw notFound();
  const [orgs, coordinators, communities] = await Promise.all([
    repo.listOrganisations(ctx.db, networkId),
    repo.listCoordinators(ctx.db, networkId),
    listCommunitySummaries(ctx.db, me.id, { networkId }),
  ]);
  return {
    id: network.id,
    name: network.name,
    description: network.description,
    isCoordinator: access.isCoordinator,
    communityCount: communities.length,
    organisations: orgs.map(toOrganisation),
    // Members see who coordinates; only coordinators see each other's addresses.
    coordinators: coordinators.map((c) => ({ ...c, email: access.isCoordinator ? c.email : '' })),
    communities,
  };
}

export async function createNetwork(ctx: AppContext, me: SessionUser, body: z.infer<typeof createNetworkBody>) {
  const network = await ctx.db.transaction((tx) =>
    repo.insertNetwork(tx, { name: body.name, description: body.description ?? '', createdBy: me.id }),
  );
  return getNetwork(ctx, me, network.id);
}

export async function updateNetwork(ctx: AppContext, me: SessionUser, networkId: string, body: z.infer<typeof updateNetworkBody>) {
  await requireAccess(ctx, me, networkId, 'manage');
  await repo.updateNetwork(ctx.db, networkId, body);
  return getNetwork(ctx, me, networkId);
}

export async function createOrganisation(ctx: AppContext, me: SessionUser, networkId: string, body: z.infer<typeof createOrganisationBody>) {
  await requireAccess(ctx, me, networkId, 'manage');
  try {
    return toOrganisation(await repo.insertOrganisation(ctx.db, { networkId, name: body.name, type: body.type }));
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'organisationNameTaken', {}, [{ path: 'name', code: 'organisationNameTaken' }]);
    throw err;
  }
}

export async function updateOrganisation(
  ctx: AppContext,
  me: SessionUser,
  networkId: string,
  organisationId: string,
  body: z.infer<typeof updateOrganisationBody>,
) {
  await requireAccess(ctx, me, networkId, 'manage');
  const existing = await repo.findOrganisation(ctx.db, networkId, organisationId);
  if (!existing) throw notFound();
  if (body.name === undefined && body.type === undefined) return toOrganisation(existing);
  try {
    return toOrganisation(await repo.updateOrganisation(ctx.db, organisationId, body));
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'organisationNameTaken', {}, [{ path: 'name', code: 'organisationNameTaken' }]);
    throw err;
  }
}

export async function deleteOrganisation(ctx: AppContext, me: SessionUser, networkId: string, organisationId: string) {
  await requireAccess(ctx, me, networkId, 'manage');
  const existing = await repo.findOrganisation(ctx.db, networkId, organisationId);
  if (!existing) throw notFound();
  if (await repo.organisationInUse(ctx.db, organisationId)) throw new AppError(409, 'organisationInUse');
  await repo.deleteOrganisation(ctx.db, organisationId);
}

export { requireAccess as requireNetworkAccess };
