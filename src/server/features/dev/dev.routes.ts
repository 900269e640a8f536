import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { outboxMail } from '../../../contracts/api';
import { listOutbox } from './dev.repository';

/**
 * Development only (no SMTP_URL, not production): the outbox, so that a newcomer can follow a
 * sign-in or invitation link without a mail server. Never registered in production.
 */
export const devRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/dev/outbox',
    { schema: { tags: ['development'], summary: 'Mails written to the outbox (development only)', response: { 200: z.array(outboxMail) } } },
    async () =>
      (await listOutbox(app.ctx.db)).map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, kind: m.kind, createdAt: m.createdAt.toISOString() })),
  );
};
