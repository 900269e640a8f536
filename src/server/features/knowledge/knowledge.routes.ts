import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { id, problem } from '../../../contracts/api';
import { knowledgeLog, knowledgeQuery, voiceSummary } from '../../../contracts/room';
import { requireUser } from '../../context';
import * as service from './knowledge.service';

const tags = ['knowledge'];
const errors = { 401: problem, 403: problem, 404: problem, 422: problem };
const communityParams = z.object({ communityId: id });
const meetingParams = z.object({ meetingId: id });

export const knowledgeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/communities/:communityId/knowledge',
    {
      schema: {
        tags,
        summary: "The community's knowledge log: every harvest, newest meeting first; full-text search (Dutch and English), filters and cursor pages",
        params: communityParams,
        querystring: knowledgeQuery,
        response: { 200: knowledgeLog, ...errors },
      },
    },
    async (req) => service.getKnowledgeLog(ctx, requireUser(req), req.params.communityId, req.query),
  );

  app.get(
    '/meetings/:meetingId/voices',
    { schema: { tags, summary: 'Every voice heard: the harvest round, organisations and groups heard, and the check-out in aggregate, for the minutes', params: meetingParams, response: { 200: voiceSummary, ...errors } } },
    async (req) => service.getVoices(ctx, requireUser(req), req.params.meetingId),
  );
};
