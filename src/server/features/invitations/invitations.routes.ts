import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import {
  acceptInvitationBody,
  acceptInvitationResult,
  createInvitationBody,
  id,
  invitation,
  invitationPreview,
  problem,
  renewInvitationBody,
} from '../../../contracts/api';
import { requireUser } from '../../context';
import * as service from './invitations.service';

const tags = ['invitations'];
const errors = { 401: problem, 403: problem, 404: problem, 409: problem, 422: problem, 429: problem };

export const invitationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  ctx.events.on('community.phaseChanged', async (e) => {
    if (e.from === 'prePhase' && e.to !== 'prePhase') await service.releaseHeldInvitations(ctx, e.communityId);
  });

  app.get(
    '/communities/:communityId/invitations',
    { schema: { tags, summary: 'Invitations of a community (coordinators and chairs)', params: z.object({ communityId: id }), response: { 200: z.array(invitation), ...errors } } },
    async (req) => service.listInvitations(ctx, requireUser(req), req.params.communityId),
  );

  app.post(
    '/communities/:communityId/invitations',
    { schema: { tags, summary: 'Invite someone by email', params: z.object({ communityId: id }), body: createInvitationBody, response: { 201: invitation, ...errors } } },
    async (req, reply) => {
      const result = await service.createInvitation(ctx, requireUser(req), req.params.communityId, req.body);
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/invitations/:invitationId/resend',
    { schema: { tags, summary: 'Send an open invitation again with a fresh link (the old link then explains itself); a held one is sent now', params: z.object({ invitationId: id }), response: { 200: invitation, ...errors } } },
    async (req) => service.resendInvitation(ctx, requireUser(req), req.params.invitationId),
  );

  app.delete(
    '/invitations/:invitationId',
    { schema: { tags, summary: 'Withdraw a pending invitation', params: z.object({ invitationId: id }), response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await service.withdrawInvitation(ctx, requireUser(req), req.params.invitationId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/invitations/by-token/:token',
    { schema: { tags, summary: 'What an invitation link is about (public: the link is the key)', params: z.object({ token: z.string().min(10).max(200) }), response: { 200: invitationPreview, ...errors } } },
    async (req) => service.previewByToken(ctx, req, req.params.token),
  );

  app.post(
    '/invitations/accept',
    { schema: { tags, summary: 'Join through an invitation link in one step (creates the account when needed)', body: acceptInvitationBody, response: { 200: acceptInvitationResult, ...errors } } },
    async (req, reply) => service.acceptInvitation(ctx, req, reply, req.body),
  );

  app.post(
    '/invitations/renew',
    { schema: { tags, summary: 'Mail a fresh link for an expired invitation to the invited address', body: renewInvitationBody, response: { 202: z.object({ sent: z.literal(true) }), ...errors } } },
    async (req, reply) => {
      await service.renewInvitation(ctx, req, req.body.token);
      return reply.code(202).send({ sent: true as const });
    },
  );
};
