import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import {
  changePasswordBody,
  me,
  problem,
  signInBody,
  signInLinkBody,
  signUpBody,
  updateMeBody,
} from '../../../contracts/api';
import { requireUser } from '../../context';
import * as service from './account.service';

const tags = ['account'];
const errors = { 401: problem, 403: problem, 409: problem, 422: problem, 429: problem };

export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.post('/auth/sign-up', { schema: { tags, summary: 'Create an account with email and password', body: signUpBody, response: { 201: me, ...errors } } }, async (req, reply) => {
    const result = await service.signUp(ctx, req, reply, req.body);
    return reply.code(201).send(result);
  });

  app.post('/auth/sign-in', { schema: { tags, summary: 'Sign in with email and password', body: signInBody, response: { 200: me, ...errors } } }, async (req, reply) =>
    service.signIn(ctx, req, reply, req.body),
  );

  app.post(
    '/auth/sign-in-link',
    { schema: { tags, summary: 'Mail a one-time sign-in link (valid 15 minutes)', body: signInLinkBody, response: { 202: z.object({ sent: z.literal(true) }), ...errors } } },
    async (req, reply) => {
      await service.requestSignInLink(ctx, req, req.body);
      return reply.code(202).send({ sent: true as const });
    },
  );

  app.get(
    '/auth/magic-link/verify',
    {
      schema: {
        tags,
        summary: 'Follow a sign-in link: starts a session and redirects into the app',
        querystring: z.object({ token: z.string().max(200).optional(), callbackURL: z.string().max(500).optional(), errorCallbackURL: z.string().max(500).optional() }),
      },
    },
    async (req, reply) => service.verifySignInLink(ctx, req, reply, req.query),
  );

  app.post('/auth/sign-out', { schema: { tags, summary: 'End the session on the server', response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await service.signOut(ctx, req, reply);
    return reply.code(204).send(null);
  });

  app.get('/me', { schema: { tags, summary: 'The signed-in account', response: { 200: me, ...errors } } }, async (req) =>
    service.getMe(ctx, requireUser(req).id),
  );

  app.patch('/me', { schema: { tags, summary: 'Change name, language or time zone', body: updateMeBody, response: { 200: me, ...errors } } }, async (req) =>
    service.updateMe(ctx, req, req.body),
  );

  app.post(
    '/me/password',
    { schema: { tags, summary: 'Change (or, for a password-less account, set) the password', body: changePasswordBody, response: { 204: z.null(), ...errors } } },
    async (req, reply) => {
      await service.changePassword(ctx, req, reply, req.body);
      return reply.code(204).send(null);
    },
  );
};
