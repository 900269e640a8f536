import type { AppContext } from '../../context';
import type { DbOrTx } from '../../db/client';
import { forbidden, notFound } from '../../lib/errors';
import type { SessionUser } from '../../plugins/auth';
import { findWithAccess } from '../communities/communities.repository';
import { proposalPolicy, type ProposalAccess, type ProposalAction } from './proposals.policy';
import * as repo from './proposals.repository';

/** Community-level access for proposal use-cases: 404 when the caller cannot see it, 403 when they may not act. */
export async function requireCommunity(ctx: AppContext, me: SessionUser, communityId: string, action: ProposalAction, db: DbOrTx = ctx.db) {
  const found = await findWithAccess(db, communityId, me.id);
  if (!found) throw notFound();
  const access: ProposalAccess = { ...found.access, isProposer: false, chairs: found.community.fixedChairUserId === me.id };
  if (!proposalPolicy.view(access)) throw notFound();
  if (!proposalPolicy[action](access)) throw forbidden();
  return { community: found.community, access };
}

/** The caller's access to one proposal (its community, whether they proposed it or chair its meeting). */
export async function accessTo(db: DbOrTx, me: SessionUser, p: repo.ProposalRow): Promise<ProposalAccess | null> {
  const found = await findWithAccess(db, p.communityId, me.id);
  if (!found) return null;
  const meeting = p.meetingId ? await repo.meetingOf(db, p.meetingId) : null;
  return {
    ...found.access,
    isProposer: p.proposerId === me.id,
    chairs: found.community.fixedChairUserId === me.id || (meeting !== null && meeting.chairUserId === me.id),
  };
}

/**
 * The access check proposal use-cases start with. With `lock`, the proposal's row is locked for the
 * rest of the transaction `db` (responses, amendments and closing take turns on it).
 */
export async function requireProposal(ctx: AppContext, me: SessionUser, proposalId: string, action: ProposalAction, db: DbOrTx = ctx.db, lock = false) {
  const p = await repo.findProposal(db, proposalId);
  if (!p) throw notFound();
  const access = await accessTo(db, me, p);
  if (!access || !proposalPolicy.view(access)) throw notFound();
  if (!proposalPolicy[action](access)) throw forbidden();
  // Locked only after the check, and read again: what the lock's previous holder committed counts.
  const proposal = lock ? ((await repo.lockProposal(db, proposalId)) ?? p) : p;
  return { proposal, access };
}
