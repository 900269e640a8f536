import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import {
  communityDetail,
  communitySummary,
  createCommunityBody,
  id,
  member,
  problem,
  revision,
  tableView,
  updateCommunityBody,
  updateMemberBody,
} from '../../../contracts/api';
import { requireUser } from '../../context';
import * as service from './communities.service';

const tags = ['communities'];
const errors = { 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const communityParams = z.object({ communityId: id });
const memberParams = z.object({ communityId: id, memberId: id });

export const communityRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.post(
    '/networks/:networkId/communities',
    { schema: { tags, summary: 'Create a community (PLG) in a network (coordinators)', params: z.object({ networkId: id }), body: createCommunityBody, response: { 201: communityDetail, ...errors } } },
    async (req, reply) => {
      const result = await service.createCommunity(ctx, requireUser(req), req.params.networkId, req.body);
      return reply.code(201).send(result);
    },
  );

  app.get('/communities', { schema: { tags, summary: 'The communities I belong to', response: { 200: z.array(communitySummary), ...errors } } }, async (req) =>
    service.listMyCommunities(ctx, requireUser(req)),
  );

  app.get('/communities/:communityId', { schema: { tags, summary: 'A community with its members', params: communityParams, response: { 200: communityDetail, ...errors } } }, async (req) =>
    service.getCommunity(ctx, requireUser(req), req.params.communityId),
  );

  app.patch(
    '/communities/:communityId',
    { schema: { tags, summary: 'Change a community; send the version you edited (409 when someone changed it meanwhile)', params: communityParams, body: updateCommunityBody, response: { 200: communityDetail, ...errors } } },
    async (req) => service.updateCommunity(ctx, requireUser(req), req.params.communityId, req.body),
  );

  app.get(
    '/communities/:communityId/revisions',
    { schema: { tags, summary: 'Revision history of the question, ambition, end product and phase', params: communityParams, response: { 200: z.array(revision), ...errors } } },
    async (req) => service.listRevisions(ctx, requireUser(req), req.params.communityId),
  );

  app.get(
    '/communities/:communityId/table',
    { schema: { tags, summary: 'Who sits at the table, and suggestions about balance', params: communityParams, response: { 200: tableView, ...errors } } },
    async (req) => service.getTable(ctx, requireUser(req), req.params.communityId),
  );

  app.patch(
    '/communities/:communityId/members/:memberId',
    { schema: { tags, summary: "Change a member's roles, organisation or stakeholder group (coordinators)", params: memberParams, body: updateMemberBody, response: { 200: member, ...errors } } },
    async (req) => service.updateMember(ctx, requireUser(req), req.params.communityId, req.params.memberId, req.body),
  );

  app.delete(
    '/communities/:communityId/members/:memberId',
    { schema: { tags, summary: 'Remove a member (coordinators), or yourself', params: memberParams, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await service.removeMember(ctx, requireUser(req), req.params.communityId, req.params.memberId);
      return reply.code(204).send(null);
    },
  );

  app.post('/communities/:communityId/leave', { schema: { tags, summary: 'Leave a community', params: communityParams, response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await service.leave(ctx, requireUser(req), req.params.communityId);
    return reply.code(204).send(null);
  });
};
