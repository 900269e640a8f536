import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { outboxMail } from '../../../contracts/api';
import { listOutbox } from './dev.repository';
import { notFound } from '../../lib/errors';

/**
 * Development only (no SMTP_URL, not production, and only from this machine): the outbox, so that a newcomer can follow a
 * sign-in or invitation link without a mail server. Never registered in production.
 */
export const devRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dev/outbox',
    { schema: { tags: ['development'], summary: 'Mails written to the outbox (development only)', response: { 200: z.array(outboxMail) } } },
    async (req) => {
      // Sign-in links are in here: only for someone at this machine, whatever HOST listens on.
      const from = req.socket.remoteAddress ?? '';
      // Through a reverse proxy on this machine the socket is local too: refuse anything proxied.
      if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(from) || req.headers['x-forwarded-for'] || req.headers.forwarded) throw notFound();
      return (await listOutbox(app.ctx.db)).map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, kind: m.kind, createdAt: m.createdAt.toISOString() }));
    },
  );
};
