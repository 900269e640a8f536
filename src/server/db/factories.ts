/**
 * Builders for realistic data, used by the tests and by the demo (`npm run demo`). They go
 * through the same use-cases as the API, so demo data is always valid data.
 */
import type { AppContext } from '../context';
import type { SessionUser } from '../plugins/auth';
import type { MemberRole, OrganisationType, StakeholderGroup, CommunityPhase } from '../../contracts/enums';
import * as networks from '../features/networks/networks.service';
import * as communities from '../features/communities/communities.service';
import { findUserByEmail } from '../features/account/account.repository';
import * as series from '../features/meetings/series.service';
import type { CreateSeriesBody } from '../../contracts/meetings';

let seq = 0;
const next = () => `${Date.now().toString(36)}${(seq++).toString(36)}`;

export async function createUser(
  ctx: AppContext,
  opts: { name?: string; email?: string; password?: string; locale?: 'nl' | 'en' } = {},
): Promise<SessionUser & { password: string }> {
  const email = (opts.email ?? `user-${next()}@example.org`).toLowerCase();
  const password = opts.password ?? 'correct horse battery';
  const name = opts.name ?? `Test User ${seq}`;
  const locale = opts.locale ?? 'nl';
  await (await ctx.auth()).api.signUpEmail({ body: { name, email, password, locale, timeZone: 'Europe/Amsterdam' } });
  const row = (await findUserByEmail(ctx.db, email))!;
  return { id: row.id, name, email, locale, timeZone: row.timeZone, sessionId: '', password };
}

export async function createNetwork(ctx: AppContext, coordinator: SessionUser, opts: { name?: string; description?: string } = {}) {
  return networks.createNetwork(ctx, coordinator, { name: opts.name ?? `Network ${next()}`, description: opts.description });
}

export async function createOrganisation(
  ctx: AppContext,
  coordinator: SessionUser,
  networkId: string,
  opts: { name?: string; type?: OrganisationType } = {},
) {
  return networks.createOrganisation(ctx, coordinator, networkId, { name: opts.name ?? `Organisation ${next()}`, type: opts.type ?? 'primarySchool' });
}

export async function createCommunity(
  ctx: AppContext,
  coordinator: SessionUser,
  networkId: string,
  opts: {
    name?: string;
    topic?: string;
    question?: string;
    ambition?: string;
    endProduct?: string;
    phase?: CommunityPhase;
    includesParents?: boolean;
    firstGroups?: StakeholderGroup[];
  } = {},
) {
  return communities.createCommunity(ctx, coordinator, networkId, { name: opts.name ?? `Community ${next()}`, ...opts });
}

export async function addMember(
  ctx: AppContext,
  community: { id: string; networkId: string },
  member: { id: string },
  opts: { organisationId?: string | null; stakeholderGroup?: StakeholderGroup; roles?: MemberRole[] } = {},
) {
  await communities.addMember(ctx.db, {
    networkId: community.networkId,
    communityId: community.id,
    userId: member.id,
    organisationId: opts.organisationId ?? null,
    stakeholderGroup: opts.stakeholderGroup ?? 'school',
    roles: opts.roles ?? ['member'],
  });
}

/** Plans a series of meetings as `planner` (a chair or coordinator of the community). */
export async function createSeries(ctx: AppContext, planner: SessionUser, communityId: string, body: CreateSeriesBody) {
  return series.createSeries(ctx, planner, communityId, body);
}
