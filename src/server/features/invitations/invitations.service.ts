import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { TransactionRollbackError } from 'drizzle-orm';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { AppError, conflict, notFound } from '../../lib/errors';
import { clientIp, forwardCookies, toHeaders } from '../../lib/http';
import type { SessionUser } from '../../plugins/auth';
import type { acceptInvitationBody, createInvitationBody, Invitation, InvitationPreview } from '../../../contracts/api';
import type { MemberRole, StakeholderGroup } from '../../../contracts/enums';
import * as repo from './invitations.repository';
import { INVITATION_DAYS, invitationState, shouldHold } from './invitations.policy';
import { sendInvitationMail } from './invitations.mails';
import { addMember, requireCommunityAccess } from '../communities/communities.service';
import { communityPolicy } from '../communities/communities.policy';
import { organisationBelongsToNetwork } from '../communities/communities.repository';
import { findUserByEmail, insertUser, updateUser } from '../account/account.repository';

const newToken = () => {
  const token = crypto.randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
};
const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');
const expiry = () => new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000);

type Listed = Awaited<ReturnType<typeof repo.listForCommunity>>[number];

function toInvitation(r: Listed): Invitation {
  const i = r.invitation;
  return {
    id: i.id,
    communityId: i.communityId,
    email: i.email,
    name: i.name,
    organisationId: i.organisationId,
    organisationName: r.organisationName,
    stakeholderGroup: i.stakeholderGroup as StakeholderGroup,
    roles: i.roles as MemberRole[],
    status: i.status as Invitation['status'],
    expired: i.status === 'pending' && i.expiresAt.getTime() <= Date.now(),
    expiresAt: i.expiresAt.toISOString(),
    sentAt: i.sentAt?.toISOString() ?? null,
    sendCount: i.sendCount,
    invitedBy: r.inviterName,
    createdAt: i.createdAt.toISOString(),
  };
}

/**
 * Gives an open invitation a fresh link, mails it, and records the sending. The previous link keeps
 * working as "superseded" so that an old mail can still explain itself and ask for the newest link.
 */
async function issueAndSend(ctx: AppContext, invitationId: string) {
  const { token, tokenHash } = newToken();
  const current = await repo.findById(ctx.db, invitationId);
  if (!current) throw notFound();
  // Guarded: an invitation accepted or withdrawn meanwhile is not reopened.
  const row = await repo.reissue(ctx.db, invitationId, { tokenHash, expiresAt: expiry() });
  if (!row) throw conflict('invitationNotPending');
  const community = await repo.findCommunityContext(ctx.db, row!.communityId);
  try {
    await sendInvitationMail(ctx, {
      to: row.email,
      name: row.name,
      locale: row.locale,
      token,
      communityName: community?.name ?? '',
      networkName: community?.networkName ?? '',
      inviterName: current.inviterName,
      message: row.message,
      networkId: row.networkId,
    });
  } catch {
    // The invitation is saved; only the mail failed. Say so, so that "resend" can be tried later.
    throw new AppError(502, 'mailFailed');
  }
}

export async function listInvitations(ctx: AppContext, me: SessionUser, communityId: string) {
  await requireCommunityAccess(ctx, me, communityId, 'invite');
  return (await repo.listForCommunity(ctx.db, communityId)).map(toInvitation);
}

export async function createInvitation(ctx: AppContext, me: SessionUser, communityId: string, body: z.infer<typeof createInvitationBody>) {
  const { community, access } = await requireCommunityAccess(ctx, me, communityId, 'invite');
  await ctx.rateLimit({ key: `invite:user:${me.id}`, max: 200, windowSeconds: 3600 });
  const roles = [...new Set(body.roles ?? ['member'])];
  // Chairs invite members and observers; giving anyone more is for those who manage members.
  if (!communityPolicy.manageMembers(access) && roles.some((r) => r !== 'member' && r !== 'observer')) {
    throw new AppError(403, 'forbidden', {}, [{ path: 'roles', code: 'forbidden' }]);
  }
  if (body.organisationId && !(await organisationBelongsToNetwork(ctx.db, community.networkId, body.organisationId))) {
    throw new AppError(422, 'validation', {}, [{ path: 'organisationId', code: 'organisationNotInNetwork' }]);
  }
  if (await repo.isMemberByEmail(ctx.db, communityId, body.email)) {
    throw new AppError(409, 'alreadyMember', {}, [{ path: 'email', code: 'alreadyMember' }]);
  }
  const held = shouldHold(community, body.stakeholderGroup);
  const { tokenHash } = newToken();
  const row = await repo.insertOpen(ctx.db, {
    networkId: community.networkId,
    communityId,
    email: body.email,
    name: body.name ?? '',
    organisationId: body.organisationId ?? null,
    stakeholderGroup: body.stakeholderGroup,
    roles,
    locale: body.locale ?? 'nl',
    message: body.message ?? '',
    tokenHash,
    status: held ? 'held' : 'pending',
    expiresAt: expiry(),
    invitedBy: me.id,
  });
  // An open invitation to this address exists (or was created a moment ago): the unique index says so.
  if (!row) throw new AppError(409, 'alreadyInvited', {}, [{ path: 'email', code: 'alreadyInvited' }]);
  if (!held) await issueAndSend(ctx, row.id);
  return toInvitation((await repo.findById(ctx.db, row.id))!);
}

async function requireInvitation(ctx: AppContext, me: SessionUser, invitationId: string) {
  const found = await repo.findById(ctx.db, invitationId);
  if (!found) throw notFound();
  // The community's access check decides; someone who cannot see the community gets 404 too.
  await requireCommunityAccess(ctx, me, found.invitation.communityId, 'invite');
  return found;
}

export async function resendInvitation(ctx: AppContext, me: SessionUser, invitationId: string) {
  const found = await requireInvitation(ctx, me, invitationId);
  if (!['pending', 'held'].includes(found.invitation.status)) throw conflict('invitationNotPending');
  await ctx.rateLimit({ key: `invite-resend:${invitationId}`, max: 5, windowSeconds: 3600 });
  await issueAndSend(ctx, invitationId);
  return toInvitation((await repo.findById(ctx.db, invitationId))!);
}

export async function withdrawInvitation(ctx: AppContext, me: SessionUser, invitationId: string) {
  const found = await requireInvitation(ctx, me, invitationId);
  if (!['pending', 'held'].includes(found.invitation.status)) throw conflict('invitationNotPending');
  if (!(await repo.withdraw(ctx.db, invitationId))) throw conflict('invitationNotPending');
}

export async function previewByToken(ctx: AppContext, req: FastifyRequest, token: string): Promise<InvitationPreview> {
  await ctx.rateLimit({ key: `invite-preview:ip:${clientIp(req)}`, max: 120, windowSeconds: 15 * 60 });
  const found = await repo.findByTokenHash(ctx.db, hashToken(token));
  if (!found) throw notFound();
  const i = found.invitation;
  return {
    state: invitationState(i, found.superseded),
    email: i.email,
    name: i.name,
    locale: i.locale === 'en' ? 'en' : 'nl',
    communityName: found.communityName,
    networkName: found.networkName,
    inviterName: found.inviterName,
    organisationName: found.organisationName,
    stakeholderGroup: i.stakeholderGroup as StakeholderGroup,
    roles: i.roles as MemberRole[],
    message: i.message,
    prePhase: found.communityPhase === 'prePhase',
    question: found.question,
    ambition: found.ambition,
    accountExists: (await findUserByEmail(ctx.db, i.email)) !== null,
  };
}

const stateError = { expired: 'invitationExpired', used: 'invitationUsed', withdrawn: 'invitationWithdrawn' } as const;

/**
 * Joins in one step. The invitation always goes to the invited address:
 * - a new address gets a password-less account (name, language, consent) and a session at once;
 * - an existing account joins, but the link does not sign anyone in to it (a 14-day link is no
 *   password): whoever is not already signed in as that account is asked to sign in;
 * - someone signed in as another account neither joins in their place nor is signed out.
 */
export async function acceptInvitation(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  body: z.infer<typeof acceptInvitationBody>,
) {
  await ctx.rateLimit({ key: `invite-accept:ip:${clientIp(req)}`, max: 30, windowSeconds: 15 * 60 });
  const found = await repo.findByTokenHash(ctx.db, hashToken(body.token));
  if (!found) throw new AppError(404, 'invitationInvalid');
  const inv = found.invitation;
  const state = invitationState(inv, found.superseded);
  if (state !== 'valid') throw new AppError(409, stateError[state]);

  const existing = await findUserByEmail(ctx.db, inv.email);
  const signedInAsInvitee = req.user !== null && existing !== null && req.user.id === existing.id;
  let userId = existing?.id;
  let created = false;
  if (!userId) {
    const name = body.name ?? inv.name;
    if (!name) throw new AppError(422, 'validation', {}, [{ path: 'name', code: 'required' }]);
    try {
      userId = (
        await insertUser(ctx.db, {
          id: crypto.randomUUID(),
          name,
          email: inv.email,
          locale: body.locale ?? inv.locale,
          timeZone: 'Europe/Amsterdam',
          privacyAcceptedAt: new Date(),
        })
      ).id;
      created = true;
    } catch {
      // Two tabs racing: the other one created the account.
      userId = (await findUserByEmail(ctx.db, inv.email))?.id;
      if (!userId) throw new AppError(409, 'conflict');
    }
  }

  const outcome = await ctx.db.transaction(async (tx) => {
    const marked = await repo.markAccepted(tx, inv.id, userId!);
    if (!marked) return 'used' as const;
    const added = await addMember(tx, {
      networkId: inv.networkId,
      communityId: inv.communityId,
      userId: userId!,
      organisationId: inv.organisationId,
      stakeholderGroup: inv.stakeholderGroup,
      roles: inv.roles,
    });
    if (!added) {
      // Already at the table: leave the invitation open and say so, rather than consume it for nothing.
      tx.rollback();
    }
    await updateUser(tx, userId!, { privacyAcceptedAt: new Date(), ...(created ? { emailVerified: true } : {}) });
    return 'joined' as const;
  }).catch((err: unknown) => {
    if (err instanceof TransactionRollbackError) return 'alreadyMember' as const;
    throw err;
  });
  if (outcome === 'used') throw new AppError(409, 'invitationUsed');
  if (outcome === 'alreadyMember') throw new AppError(409, 'alreadyMember');
  await ctx.events.emit('community.membersChanged', { communityId: inv.communityId, networkId: inv.networkId });

  // Only a brand-new account gets a session from the link; its first sign-in is this one.
  let signedIn = signedInAsInvitee;
  if (created && !signedInAsInvitee) {
    const result = await (await ctx.auth()).api.startSessionForUser({ body: { userId: userId! }, headers: toHeaders(req), returnHeaders: true });
    forwardCookies(result.headers, reply);
    signedIn = true;
  }
  return { communityId: inv.communityId, networkId: inv.networkId, signedIn, email: inv.email };
}

/** An expired link: a fresh one goes to the invited address (never elsewhere). */
export async function renewInvitation(ctx: AppContext, req: FastifyRequest, token: string) {
  await ctx.rateLimit({ key: `invite-renew:ip:${clientIp(req)}`, max: 20, windowSeconds: 3600 });
  const found = await repo.findByTokenHash(ctx.db, hashToken(token));
  if (!found) throw new AppError(404, 'invitationInvalid');
  const state = invitationState(found.invitation, found.superseded);
  if (state === 'used' || state === 'withdrawn') throw new AppError(409, stateError[state]);
  await ctx.rateLimit({ key: `invite-renew:${found.invitation.id}`, max: 3, windowSeconds: 3600 });
  await issueAndSend(ctx, found.invitation.id);
}

/** When a community leaves its pre-phase, the invitations that waited for it go out. */
export async function releaseHeldInvitations(ctx: AppContext, communityId: string) {
  for (const held of await repo.listHeld(ctx.db, communityId)) await issueAndSend(ctx, held.id);
}
