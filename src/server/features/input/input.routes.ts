import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { id, problem } from '../../../contracts/api';
import { inputBody, inputOverview, meetingInput, updateInputBody } from '../../../contracts/meetings';
import { requireUser } from '../../context';
import * as service from './input.service';

const tags = ['input'];
const errors = { 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const meetingParams = z.object({ meetingId: id });
const inputParams = z.object({ inputId: id });

export const inputRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/meetings/:meetingId/inputs',
    { schema: { tags, summary: "Everyone's input for a meeting; who has not given any yet only for the chair", params: meetingParams, response: { 200: inputOverview, ...errors } } },
    async (req) => service.getOverview(ctx, requireUser(req), req.params.meetingId),
  );

  app.post(
    '/meetings/:meetingId/inputs',
    { schema: { tags, summary: 'Add input (members, until the input deadline)', params: meetingParams, body: inputBody, response: { 201: meetingInput, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.addInput(ctx, requireUser(req), req.params.meetingId, req.body)),
  );

  app.patch(
    '/inputs/:inputId',
    { schema: { tags, summary: 'Change your own input before the deadline; send the version you edited (409 with the current input when it changed)', params: inputParams, body: updateInputBody, response: { 200: meetingInput, ...errors } } },
    async (req) => service.updateInput(ctx, requireUser(req), req.params.inputId, req.body),
  );

  app.delete(
    '/inputs/:inputId',
    { schema: { tags, summary: 'Withdraw your own input before the deadline', params: inputParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await service.deleteInput(ctx, requireUser(req), req.params.inputId);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/meetings/:meetingId/inputs/remind',
    { schema: { tags, summary: 'Remind members without input, once per meeting (chair)', params: meetingParams, response: { 200: inputOverview, ...errors } } },
    async (req) => service.remind(ctx, requireUser(req), req.params.meetingId),
  );
};
