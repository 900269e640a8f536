import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { id, problem } from '../../../contracts/api';
import { intentId, roomIntent } from '../../../contracts/room';
import { requireUser } from '../../context';
import * as service from './room.service';
import { roomSocket } from './room.socket';

const tags = ['room'];
const errors = { 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const meetingParams = z.object({ meetingId: id });
const viewer = z.object({ userId: z.string(), participant: z.boolean(), mayTakeChair: z.boolean() });

/**
 * The live meeting room. Clients normally use the WebSocket at /api/live (see room.socket.ts); these
 * routes give the same state and take the same intents over plain HTTP, for scripts and fallbacks.
 */
export const roomRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  await roomSocket(app);
  // A proposal on screen follows its responses, amendments and closing (part 4).
  ctx.events.on('proposal.changed', ({ proposalId, communityId, byUserId }) => service.syncProposal(ctx, proposalId, communityId, byUserId));

  app.get(
    '/meetings/:meetingId/room',
    {
      schema: {
        tags,
        summary: "The meeting room's current state (the WebSocket /api/live sends it as a snapshot, then every event)",
        params: meetingParams,
        response: { 200: z.object({ state: z.record(z.string(), z.unknown()), me: viewer }), ...errors },
      },
    },
    async (req) => {
      const { state, viewer: me } = await service.getRoom(ctx, requireUser(req), req.params.meetingId);
      return { state: state as unknown as Record<string, unknown>, me };
    },
  );

  app.post(
    '/meetings/:meetingId/room/intents',
    {
      schema: {
        tags,
        summary: 'Send one intent to the room; a retry with the same id has no second effect',
        params: meetingParams,
        body: z.strictObject({ id: intentId, intent: roomIntent }),
        response: { 200: z.object({ seq: z.number().int(), applied: z.boolean() }), ...errors },
      },
    },
    async (req) => service.applyIntent(ctx, requireUser(req), req.params.meetingId, req.body.id, req.body.intent),
  );
};
