import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import { id, problem } from '../../../contracts/api';
import { calendarSubscription } from '../../../contracts/meetings';
import { requireUser } from '../../context';
import * as service from './calendar.service';

const tags = ['calendar'];
const errors = { 401: problem, 403: problem, 404: problem };

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;

  app.get(
    '/calendar/:feedId/:file',
    {
      schema: {
        tags,
        summary: 'Your private calendar feed (iCalendar) with every meeting of your communities; the URL is the key',
        params: z.object({ feedId: id, file: z.string().max(64).regex(/^[A-Za-z0-9_-]+\.ics$/) }),
        response: { 200: z.string().describe('text/calendar (gzip when accepted; 304 with a matching If-None-Match)'), 404: problem },
      },
    },
    async (req, reply) => {
      const feed = await service.feed(ctx, req.params.feedId, req.params.file);
      reply.header('cache-control', 'private, max-age=300').header('referrer-policy', 'no-referrer').header('etag', feed.etag).header('vary', 'accept-encoding');
      // A Buffer or an empty 304 is sent as is (Fastify serializes neither); the casts only satisfy the schema's types.
      if (req.headers['if-none-match'] === feed.etag) return reply.code(304 as 200).send('');
      reply.type('text/calendar; charset=utf-8');
      if (/\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) return reply.header('content-encoding', 'gzip').send(feed.gzipped as unknown as string);
      return reply.send(feed.body as unknown as string);
    },
  );

  app.get(
    '/meetings/:meetingId/calendar.ics',
    { schema: { tags, summary: 'One meeting as an .ics file (add to calendar)', params: z.object({ meetingId: id }), response: { 200: z.string(), ...errors } } },
    async (req, reply) => {
      const { filename, body } = await service.meetingIcs(ctx, requireUser(req), req.params.meetingId);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(body);
    },
  );

  app.get('/account/calendar', { schema: { tags, summary: 'Your private calendar subscription URL', response: { 200: calendarSubscription, ...errors } } }, async (req) =>
    service.getSubscription(ctx, requireUser(req)),
  );

  app.post('/account/calendar', { schema: { tags, summary: 'Make a new private calendar URL (the previous one stops working)', response: { 200: calendarSubscription, ...errors } } }, async (req) =>
    service.renewSubscription(ctx, requireUser(req)),
  );

  app.delete('/account/calendar', { schema: { tags, summary: 'Revoke your calendar subscription URL', response: { 204: z.null(), ...errors } } }, async (req, reply) => {
    await service.revokeSubscription(ctx, requireUser(req));
    return reply.code(204).send(null);
  });
};
