import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { id, problem } from '../../../contracts/api';
import {
  amendProposalBody,
  closeProposalBody,
  commentBody,
  createProposalBody,
  decisionLog,
  outcomeBody,
  proposal,
  proposalComment,
  proposalList,
  proposalListQuery,
  quorumBody,
  respondBody,
  withdrawProposalBody,
} from '../../../contracts/decisions';
import { requireUser } from '../../context';
import * as service from './proposals.service';

const tags = ['decisions'];
const errors = { 401: problem, 403: problem, 404: problem, 409: problem, 422: problem };
const communityParams = z.object({ communityId: id });
const proposalParams = z.object({ proposalId: id });

export const proposalRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  service.registerProposalJobs(ctx);

  app.get(
    '/communities/:communityId/proposals',
    { schema: { tags, summary: "A community's proposals, open ones first", params: communityParams, querystring: proposalListQuery, response: { 200: proposalList, ...errors } } },
    async (req) => service.listProposals(ctx, requireUser(req), req.params.communityId, req.query.status),
  );

  app.post(
    '/communities/:communityId/proposals',
    { schema: { tags, summary: 'Open a proposal (members), on its own or from a programme item', params: communityParams, body: createProposalBody, response: { 201: proposal, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.createProposal(ctx, requireUser(req), req.params.communityId, req.body)),
  );

  app.put(
    '/communities/:communityId/quorum',
    { schema: { tags, summary: "Choose the quorum the community's new proposals need (coordinators and chairs)", params: communityParams, body: quorumBody, response: { 200: proposalList, ...errors } } },
    async (req) => service.setQuorum(ctx, requireUser(req), req.params.communityId, req.body.quorum),
  );

  app.get(
    '/communities/:communityId/decisions',
    { schema: { tags, summary: 'The decision log: every closed proposal with its outcome and participation by group', params: communityParams, response: { 200: decisionLog, ...errors } } },
    async (req) => service.decisionLog(ctx, requireUser(req), req.params.communityId),
  );

  app.get(
    '/proposals/:proposalId',
    { schema: { tags, summary: 'A proposal with its responses, standing, history and discussion', params: proposalParams, response: { 200: proposal, ...errors } } },
    async (req) => service.getProposal(ctx, requireUser(req), req.params.proposalId),
  );

  app.put(
    '/proposals/:proposalId/response',
    {
      schema: {
        tags,
        summary: 'Respond or change your response until the proposal closes; send the version you saw (null for none): 409 when another tab got there first',
        params: proposalParams,
        body: respondBody,
        response: { 200: proposal, ...errors },
      },
    },
    async (req) => service.respond(ctx, requireUser(req), req.params.proposalId, req.body),
  );

  app.post(
    '/proposals/:proposalId/amend',
    { schema: { tags, summary: 'Amend the proposal (proposer): every response then needs re-confirmation', params: proposalParams, body: amendProposalBody, response: { 200: proposal, ...errors } } },
    async (req) => service.amendProposal(ctx, requireUser(req), req.params.proposalId, req.body),
  );

  app.post(
    '/proposals/:proposalId/withdraw',
    { schema: { tags, summary: 'Withdraw the proposal (proposer)', params: proposalParams, body: withdrawProposalBody, response: { 200: proposal, ...errors } } },
    async (req) => service.withdrawProposal(ctx, requireUser(req), req.params.proposalId, req.body),
  );

  app.post(
    '/proposals/:proposalId/close',
    { schema: { tags, summary: 'Close now (proposer or chair), once everyone has responded', params: proposalParams, body: closeProposalBody, response: { 200: proposal, ...errors } } },
    async (req) => service.closeProposal(ctx, requireUser(req), req.params.proposalId, req.body),
  );

  app.post(
    '/proposals/:proposalId/remind',
    { schema: { tags, summary: 'One reminder per wording, only to those who have not responded (proposer or chair)', params: proposalParams, response: { 200: proposal, ...errors } } },
    async (req) => service.remind(ctx, requireUser(req), req.params.proposalId),
  );

  app.put(
    '/proposals/:proposalId/outcome',
    { schema: { tags, summary: 'Write the outcome statement and an optional review date (proposer or chair, once closed)', params: proposalParams, body: outcomeBody, response: { 200: proposal, ...errors } } },
    async (req) => service.writeOutcome(ctx, requireUser(req), req.params.proposalId, req.body),
  );

  app.post(
    '/proposals/:proposalId/comments',
    { schema: { tags, summary: 'Add a comment or a reply to the discussion (members)', params: proposalParams, body: commentBody, response: { 201: proposalComment, ...errors } } },
    async (req, reply) => reply.code(201).send(await service.addComment(ctx, requireUser(req), req.params.proposalId, req.body)),
  );
};
