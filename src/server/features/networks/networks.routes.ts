import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import {
  createNetworkBody,
  createOrganisationBody,
  id,
  networkDetail,
  networkSummary,
  organisation,
  problem,
  updateNetworkBody,
  updateOrganisationBody,
} from '../../../contracts/api';
import { requireUser } from '../../context';
import * as service from './networks.service';

const tags = ['networks'];
const errors = { 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const networkParams = z.object({ networkId: id });
const organisationParams = z.object({ networkId: id, organisationId: id });

export const networkRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get('/networks', { schema: { tags, summary: 'My networks', response: { 200: z.array(networkSummary), ...errors } } }, async (req) =>
    service.listNetworks(ctx, requireUser(req)),
  );

  app.post('/networks', { schema: { tags, summary: 'Create a network; you become its coordinator', body: createNetworkBody, response: { 201: networkDetail, ...errors } } }, async (req, reply) => {
    const result = await service.createNetwork(ctx, requireUser(req), req.body);
    return reply.code(201).send(result);
  });

  app.get('/networks/:networkId', { schema: { tags, summary: 'A network with its organisations and my communities in it', params: networkParams, response: { 200: networkDetail, ...errors } } }, async (req) =>
    service.getNetwork(ctx, requireUser(req), req.params.networkId),
  );

  app.patch('/networks/:networkId', { schema: { tags, summary: 'Rename or describe a network (coordinators)', params: networkParams, body: updateNetworkBody, response: { 200: networkDetail, ...errors } } }, async (req) =>
    service.updateNetwork(ctx, requireUser(req), req.params.networkId, req.body),
  );

  app.post(
    '/networks/:networkId/organisations',
    { schema: { tags, summary: 'Add an organisation (coordinators)', params: networkParams, body: createOrganisationBody, response: { 201: organisation, ...errors } } },
    async (req, reply) => {
      const result = await service.createOrganisation(ctx, requireUser(req), req.params.networkId, req.body);
      return reply.code(201).send(result);
    },
  );

  app.patch(
    '/networks/:networkId/organisations/:organisationId',
    { schema: { tags, summary: 'Change an organisation (coordinators)', params: organisationParams, body: updateOrganisationBody, response: { 200: organisation, ...errors } } },
    async (req) => service.updateOrganisation(ctx, requireUser(req), req.params.networkId, req.params.organisationId, req.body),
  );

  app.delete(
    '/networks/:networkId/organisations/:organisationId',
    { schema: { tags, summary: 'Remove an unused organisation (coordinators)', params: organisationParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await service.deleteOrganisation(ctx, requireUser(req), req.params.networkId, req.params.organisationId);
      return reply.code(204).send(null);
    },
  );
};
