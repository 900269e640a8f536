import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { id, problem } from '../../../contracts/api';
import {
  actionItem,
  agenda,
  agendaItem,
  createActionBody,
  createAgendaItemBody,
  minutes,
  reorderAgendaBody,
  updateActionBody,
  updateAgendaItemBody,
} from '../../../contracts/meetings';
import { requireUser } from '../../context';
import * as service from './agenda.service';

const tags = ['programme'];
const errors = { 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const meetingParams = z.object({ meetingId: id });
const itemParams = z.object({ itemId: id });
const actionParams = z.object({ actionId: id });

export const agendaRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  // ----- programme ---------------------------------------------------------------------------------
  app.get(
    '/meetings/:meetingId/agenda',
    { schema: { tags, summary: 'The programme: the draft for the chair, for members once published', params: meetingParams, response: { 200: agenda, ...errors } } },
    async (req) => service.getAgenda(ctx, requireUser(req), req.params.meetingId),
  );

  app.post(
    '/meetings/:meetingId/agenda/start',
    { schema: { tags, summary: 'Start the programme with a harvest round and a check-out (chair; once)', params: meetingParams, response: { 200: agenda, ...errors } } },
    async (req) => service.startAgenda(ctx, requireUser(req), req.params.meetingId, req.locale),
  );

  app.post(
    '/meetings/:meetingId/agenda/items',
    { schema: { tags, summary: 'Add a programme item, before the check-out unless a position is given (chair)', params: meetingParams, body: createAgendaItemBody, response: { 201: agendaItem, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.createItem(ctx, requireUser(req), req.params.meetingId, req.body)),
  );

  app.patch(
    '/agenda-items/:itemId',
    { schema: { tags, summary: 'Change a programme item or its notes; send the version you edited (409 with the current item when it changed)', params: itemParams, body: updateAgendaItemBody, response: { 200: agendaItem, ...errors } } },
    async (req) => service.updateItem(ctx, requireUser(req), req.params.itemId, req.body),
  );

  app.delete(
    '/agenda-items/:itemId',
    { schema: { tags, summary: 'Remove a programme item (chair)', params: itemParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await service.deleteItem(ctx, requireUser(req), req.params.itemId);
      return reply.code(204).send(null);
    },
  );

  app.put(
    '/meetings/:meetingId/agenda/order',
    { schema: { tags, summary: 'Put the programme in a new order, listing exactly its current items (chair)', params: meetingParams, body: reorderAgendaBody, response: { 200: agenda, ...errors } } },
    async (req) => service.reorder(ctx, requireUser(req), req.params.meetingId, req.body),
  );

  app.post(
    '/meetings/:meetingId/agenda/publish',
    { schema: { tags, summary: 'Publish the programme; members are told the first time (chair)', params: meetingParams, response: { 200: agenda, ...errors } } },
    async (req) => service.publishAgenda(ctx, requireUser(req), req.params.meetingId),
  );

  // ----- minutes and action items ------------------------------------------------------------------
  app.get(
    '/meetings/:meetingId/minutes',
    { schema: { tags, summary: 'The minutes: notes per item, action items, who was there; the draft for the chair, for members once published', params: meetingParams, response: { 200: minutes, ...errors } } },
    async (req) => service.getMinutes(ctx, requireUser(req), req.params.meetingId),
  );

  app.post(
    '/meetings/:meetingId/minutes/publish',
    { schema: { tags, summary: 'Publish the minutes; members are told the first time (chair)', params: meetingParams, response: { 200: minutes, ...errors } } },
    async (req) => service.publishMinutes(ctx, requireUser(req), req.params.meetingId),
  );

  app.post(
    '/meetings/:meetingId/actions',
    { schema: { tags, summary: 'Add an action item with an owner and a due date (chair)', params: meetingParams, body: createActionBody, response: { 201: actionItem, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.createAction(ctx, requireUser(req), req.params.meetingId, req.body)),
  );

  app.patch(
    '/actions/:actionId',
    { schema: { tags, summary: 'Change an action item (chair), or tick off your own; send the version you edited (409 with the current one)', params: actionParams, body: updateActionBody, response: { 200: actionItem, ...errors } } },
    async (req) => service.updateAction(ctx, requireUser(req), req.params.actionId, req.body),
  );

  app.delete(
    '/actions/:actionId',
    { schema: { tags, summary: 'Remove an action item (chair)', params: actionParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await service.deleteAction(ctx, requireUser(req), req.params.actionId);
      return reply.code(204).send(null);
    },
  );
};
