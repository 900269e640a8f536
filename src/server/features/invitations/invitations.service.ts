import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

/** Gives the invitation a fresh link, mails it, and records the sending. */
async function issueAndSend(ctx: AppContext, invitationId: string) {
  const { token, tokenHash } = newToken();
  const current = await repo.findById(ctx.db, invitationId);
  if (!current) throw notFound();
  const row = await repo.update(ctx.db, invitationId, {
    tokenHash,
    status: 'pending',
    expiresAt: expiry(),
    sentAt: new Date(),
    sendCount: current.invitation.sendCount + 1,
  });
  const community = await repo.findCommunityContext(ctx.db, row!.communityId);
  await sendInvitationMail(ctx, {
    to: row!.email,
    name: row!.name,
    locale: row!.locale,
    token,
    communityName: community?.name ?? '',
    networkName: community?.networkName ?? '',
    inviterName: current.inviterName,
    message: row!.message,
    networkId: row!.networkId,
  });
}

export async function listInvitations(ctx: AppContext, me: SessionUser, communityId: string) {
  await requireCommunityAccess(ctx, me, communityId, 'invite');
  return (await repo.listForCommunity(ctx.db, communityId)).map(toInvitation);
}

export async function createInvitation(ctx: AppContext, me: SessionUser, communityId: string, body: z.infer<typeof createInvitationBody>) {
  const { community } = await requireCommunityAccess(ctx, me, communityId, 'invite');
  await ctx.rateLimit({ key: `invite:user:${me.id}`, max: 200, windowSeconds: 3600 });
  if (body.organisationId && !(await organisationBelongsToNetwork(ctx.db, community.networkId, body.organisationId))) {
    throw new AppError(422, 'validation', {}, [{ path: 'organisationId', code: 'organisationNotInNetwork' }]);
  }
  if (await repo.isMemberByEmail(ctx.db, communityId, body.email)) {
    throw new AppError(409, 'alreadyMember', {}, [{ path: 'email', code: 'alreadyMember' }]);
  }
  if (await repo.findOpenForEmail(ctx.db, communityId, body.email)) {
    throw new AppError(409, 'alreadyInvited', {}, [{ path: 'email', code: 'alreadyInvited' }]);
  }
  const held = shouldHold(community, body.stakeholderGroup);
  const { tokenHash } = newToken();
  const row = await repo.insert(ctx.db, {
    networkId: community.networkId,
    communityId,
    email: body.email,
    name: body.name ?? '',
    organisationId: body.organisationId ?? null,
    stakeholderGroup: body.stakeholderGroup,
    roles: [...new Set(body.roles ?? ['member'])],
    locale: body.locale ?? 'nl',
    message: body.message ?? '',
    tokenHash,
    status: held ? 'held' : 'pending',
    expiresAt: expiry(),
    invitedBy: me.id,
  });
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
  await repo.update(ctx.db, invitationId, { status: 'withdrawn' });
}

export async function previewByToken(ctx: AppContext, req: FastifyRequest, token: string): Promise<InvitationPreview> {
  await ctx.rateLimit({ key: `invite-preview:ip:${clientIp(req)}`, max: 120, windowSeconds: 15 * 60 });
  const found = await repo.findByTokenHash(ctx.db, hashToken(token));
  if (!found) throw notFound();
  const i = found.invitation;
  return {
    state: invitationState(i),
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
 * Joins in one step. Signed out, the link itself proves the address: an account is found or
 * created (no password) and a session starts. Signed in, the invitation goes to that account.
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
  const state = invitationState(inv);
  if (state !== 'valid') throw new AppError(409, stateError[state]);

  let userId = req.user?.id;
  if (!userId) {
    const existing = await findUserByEmail(ctx.db, inv.email);
    if (existing) {
      userId = existing.id;
    } else {
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
      } catch {
        // Two tabs racing: the other one created the account.
        userId = (await findUserByEmail(ctx.db, inv.email))?.id;
        if (!userId) throw new AppError(409, 'conflict');
      }
    }
  }

  const accepted = await ctx.db.transaction(async (tx) => {
    const marked = await repo.markAccepted(tx, inv.id, userId!);
    if (!marked) return false;
    await addMember({ db: ctx.db }, {
      networkId: inv.networkId,
      communityId: inv.communityId,
      userId: userId!,
      organisationId: inv.organisationId,
      stakeholderGroup: inv.stakeholderGroup,
      roles: inv.roles,
    }, tx);
    await updateUser(tx, userId!, {
      privacyAcceptedAt: new Date(),
      emailVerified: req.user ? undefined : true,
      ...(body.name && !req.user ? { name: body.name } : {}),
      ...(body.locale ? { locale: body.locale } : {}),
    });
    return true;
  });
  if (!accepted) throw new AppError(409, 'invitationUsed');
  ctx.sessions.forgetUser(userId!); // name or language may have changed

  if (!req.user) {
    const result = await (await ctx.auth()).api.startSessionForUser({ body: { userId: userId! }, headers: toHeaders(req), returnHeaders: true });
    forwardCookies(result.headers, reply);
  }
  return { communityId: inv.communityId, networkId: inv.networkId };
}

/** An expired link: a fresh one goes to the invited address (never elsewhere). */
export async function renewInvitation(ctx: AppContext, req: FastifyRequest, token: string) {
  await ctx.rateLimit({ key: `invite-renew:ip:${clientIp(req)}`, max: 20, windowSeconds: 3600 });
  const found = await repo.findByTokenHash(ctx.db, hashToken(token));
  if (!found) throw new AppError(404, 'invitationInvalid');
  const state = invitationState(found.invitation);
  if (state === 'used' || state === 'withdrawn') throw new AppError(409, stateError[state]);
  await ctx.rateLimit({ key: `invite-renew:${found.invitation.id}`, max: 3, windowSeconds: 3600 });
  await issueAndSend(ctx, found.invitation.id);
}

/** When a community leaves its pre-phase, the invitations that waited for it go out. */
export async function releaseHeldInvitations(ctx: AppContext, communityId: string) {
  for (const held of await repo.listHeld(ctx.db, communityId)) await issueAndSend(ctx, held.id);
}
