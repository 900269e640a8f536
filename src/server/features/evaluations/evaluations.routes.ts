import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { id, problem } from '../../../contracts/api';
import { answerEvaluationBody, createActionBody, evaluation, evaluationList, improvementAction, openEvaluationBody, updateActionBody } from '../../../contracts/monitor';
import { requireUser } from '../../context';
import * as service from './evaluations.service';

const tags = ['monitor'];
const errors = { 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const communityParams = z.object({ communityId: id });
const evaluationParams = z.object({ evaluationId: id });

export const evaluationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/communities/:communityId/evaluations',
    { schema: { tags, summary: "A community's evaluations; answers only in aggregate, once closed and with at least three answers", params: communityParams, response: { 200: evaluationList, ...errors } } },
    async (req) => service.listEvaluations(ctx, requireUser(req), req.params.communityId),
  );

  app.post(
    '/communities/:communityId/evaluations',
    { schema: { tags, summary: 'Open an evaluation (coordinators and researchers): the standard 1–5 items plus open questions', params: communityParams, body: openEvaluationBody, response: { 201: evaluation, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.openEvaluation(ctx, requireUser(req), req.params.communityId, req.body)),
  );

  app.get(
    '/evaluations/:evaluationId',
    { schema: { tags, summary: 'One evaluation, with its aggregate when it may be shown', params: evaluationParams, response: { 200: evaluation, ...errors } } },
    async (req) => service.getEvaluation(ctx, requireUser(req), req.params.evaluationId),
  );

  app.post(
    '/evaluations/:evaluationId/answers',
    { schema: { tags, summary: 'Answer an evaluation, once (members at the table); stored without your name', params: evaluationParams, body: answerEvaluationBody, response: { 200: evaluation, ...errors } } },
    async (req) => service.answerEvaluation(ctx, requireUser(req), req.params.evaluationId, req.body),
  );

  app.post(
    '/evaluations/:evaluationId/close',
    { schema: { tags, summary: 'Close an evaluation before its closing time (coordinators and researchers)', params: evaluationParams, response: { 200: evaluation, ...errors } } },
    async (req) => service.closeEvaluation(ctx, requireUser(req), req.params.evaluationId),
  );

  app.post(
    '/communities/:communityId/improvement-actions',
    { schema: { tags, summary: 'Record an improvement action for a condition: what, who, by when', params: communityParams, body: createActionBody, response: { 201: improvementAction, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.createAction(ctx, requireUser(req), req.params.communityId, req.body)),
  );

  app.put(
    '/improvement-actions/:actionId',
    { schema: { tags, summary: 'Mark an improvement action done or not (send the version you saw)', params: z.object({ actionId: id }), body: updateActionBody, response: { 200: improvementAction, ...errors } } },
    async (req) => service.updateAction(ctx, requireUser(req), req.params.actionId, req.body),
  );
};
