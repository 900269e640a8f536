import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { id, problem } from '../../../contracts/api';
import { communityMonitor, communityMonitorQuery, myTimeBody, networkMonitor, type NetworkMonitor } from '../../../contracts/monitor';
import { requireUser } from '../../context';
import * as service from './monitor.service';

const tags = ['monitor'];
const errors = { 401: problem, 403: problem, 404: problem, 422: problem };
const communityParams = z.object({ communityId: id });
const networkParams = z.object({ networkId: id });

/** An ASCII file name from a community's or network's name. */
const fileName = (name: string, suffix: string) =>
  `${
    name
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'kring'
  }-${suffix}.csv`;

export const monitorRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  service.registerMonitorJobs(ctx);

  app.get(
    '/communities/:communityId/monitor',
    {
      schema: {
        tags,
        summary: "The community's conditions: scores and the critical factor (last six months), indicators per quarter and their trend, evaluations, actions and the history of the loop",
        params: communityParams,
        querystring: communityMonitorQuery,
        response: { 200: communityMonitor, ...errors },
      },
    },
    async (req) => service.communityMonitor(ctx, requireUser(req), req.params.communityId, req.query.quarter),
  );

  app.get(
    '/communities/:communityId/monitor.csv',
    { schema: { tags, summary: "The community's indicator table, one row per quarter, as CSV", params: communityParams, response: { 200: z.string().describe('text/csv'), ...errors } } },
    async (req, reply) => {
      const { name, csv } = await service.communityCsv(ctx, requireUser(req), req.params.communityId);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName(name, 'indicators')}"`).send(csv);
    },
  );

  app.put(
    '/communities/:communityId/my-time',
    { schema: { tags, summary: 'State your own hours per month for the community and whether they are an official part of your tasks', params: communityParams, body: myTimeBody, response: { 200: communityMonitor, ...errors } } },
    async (req) => service.setMyTime(ctx, requireUser(req), req.params.communityId, req.body),
  );

  app.get(
    '/networks/:networkId/monitor',
    { schema: { tags, summary: "All communities of a network side by side (coordinators; researchers: the communities they were granted)", params: networkParams, response: { 200: networkMonitor, ...errors } } },
    // Sent as prepared JSON (validated when it was made): see networkMonitorJson.
    async (req, reply) => {
      const json = await service.networkMonitorJson(ctx, requireUser(req), req.params.networkId);
      // A string is sent as is (Fastify serializes only objects); the cast only satisfies the schema's type.
      return reply.type('application/json; charset=utf-8').send(json as unknown as NetworkMonitor);
    },
  );

  app.get(
    '/networks/:networkId/monitor.csv',
    { schema: { tags, summary: "The network's heat map as CSV, one row per community", params: networkParams, response: { 200: z.string().describe('text/csv'), ...errors } } },
    async (req, reply) => {
      const { name, csv } = await service.networkCsv(ctx, requireUser(req), req.params.networkId);
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${fileName(name, 'conditions')}"`).send(csv);
    },
  );
};
