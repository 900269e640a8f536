import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { problem } from '../../../contracts/api';
import { notificationPreferences, updateNotificationPreferencesBody } from '../../../contracts/meetings';
import { requireUser } from '../../context';
import { extendSeries } from '../meetings/series.service';
import * as service from './notifications.service';

const tags = ['notifications'];
const errors = { 401: problem, 422: problem };

export const notificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { ctx } = app;
  service.registerNotificationJobs(ctx, (tx) => extendSeries(ctx, tx));

  app.get('/account/notifications', { schema: { tags, summary: 'Which notification mails you receive', response: { 200: notificationPreferences, ...errors } } }, async (req) =>
    service.getPreferences(ctx, requireUser(req)),
  );

  app.put(
    '/account/notifications',
    { schema: { tags, summary: 'Switch notification mails on or off, per kind', body: updateNotificationPreferencesBody, response: { 200: notificationPreferences, ...errors } } },
    async (req) => service.updatePreferences(ctx, requireUser(req), req.body),
  );
};
