import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { id, problem } from '../../../contracts/api';
import { assignChairBody, rota, swapChairBody, updateRotaBody, willingBody } from '../../../contracts/meetings';
import { requireUser } from '../../context';
import * as service from './rota.service';

const tags = ['chair rota'];
const errors = { 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const communityParams = z.object({ communityId: id });
const meetingParams = z.object({ meetingId: id });

export const rotaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  // A member joined, left or changed roles: the rota takes them in or out from the next meeting.
  ctx.events.on('community.membersChanged', async (e) => {
    await ctx.db.transaction((tx) => service.rebalanceChairs(ctx, tx, e.communityId));
    ctx.jobs.kick();
  });

  app.get('/communities/:communityId/rota', { schema: { tags, summary: 'Who chairs which meeting, and how the turns are spread', params: communityParams, response: { 200: rota, ...errors } } }, async (req) =>
    service.getRota(ctx, requireUser(req), req.params.communityId),
  );

  app.put(
    '/communities/:communityId/rota',
    { schema: { tags, summary: 'Choose a fixed or a rotating chair (chair or coordinator); send the version you saw', params: communityParams, body: updateRotaBody, response: { 200: rota, ...errors } } },
    async (req) => service.updateRota(ctx, requireUser(req), req.params.communityId, req.body),
  );

  app.put(
    '/communities/:communityId/rota/willing',
    { schema: { tags, summary: 'Whether you are willing to take a turn as chair', params: communityParams, body: willingBody, response: { 200: rota, ...errors } } },
    async (req) => service.setWilling(ctx, requireUser(req), req.params.communityId, req.body.willing),
  );

  app.post('/meetings/:meetingId/chair/skip', { schema: { tags, summary: 'Skip your turn as chair of this meeting', params: meetingParams, response: { 200: rota, ...errors } } }, async (req) =>
    service.skipTurn(ctx, requireUser(req), req.params.meetingId),
  );

  app.post(
    '/meetings/:meetingId/chair/swap',
    { schema: { tags, summary: 'Swap the chairs of two upcoming meetings', params: meetingParams, body: swapChairBody, response: { 200: rota, ...errors } } },
    async (req) => service.swapTurns(ctx, requireUser(req), req.params.meetingId, req.body.otherMeetingId),
  );

  app.put(
    '/meetings/:meetingId/chair',
    { schema: { tags, summary: 'Choose the chair of one meeting by hand (chair or coordinator)', params: meetingParams, body: assignChairBody, response: { 200: rota, ...errors } } },
    async (req) => service.assignChair(ctx, requireUser(req), req.params.meetingId, req.body.userId),
  );
};
