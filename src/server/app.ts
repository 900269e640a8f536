import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { AppConfig } from './config';
import { openDatabase, type Database } from './db/client';
import { createSessions, loadAuth } from './plugins/auth';
import { errorsPlugin, sendProblem } from './plugins/errors';
import { createRateLimiter } from './plugins/rate-limit';
import { createMailer } from './lib/mailer';
import { createJobRunner } from './lib/jobs';
import { DomainEventBus } from './lib/events';
import { localeFromHeader } from './i18n/messages';
import { AppError } from './lib/errors';
import { isOwnOrigin } from './lib/http';
import type { AppContext } from './context';
import { sendSignInLinkMail } from './features/account/account.mails';
import { accountRoutes } from './features/account/account.routes';
import { networkRoutes } from './features/networks/networks.routes';
import { communityRoutes } from './features/communities/communities.routes';
import { invitationRoutes } from './features/invitations/invitations.routes';
import { devRoutes } from './features/dev/dev.routes';
import { meetingRoutes } from './features/meetings/meetings.routes';
import { rotaRoutes } from './features/rota/rota.routes';
import { inputRoutes } from './features/input/input.routes';
import { agendaRoutes } from './features/agenda/agenda.routes';
import { calendarRoutes } from './features/calendar/calendar.routes';
import { notificationRoutes } from './features/notifications/notifications.routes';
import { knowledgeRoutes } from './features/knowledge/knowledge.routes';
import { armDailyJobs } from './features/notifications/notifications.service';
import { roomRoutes } from './features/room/room.routes';
import { proposalRoutes } from './features/proposals/proposals.routes';
import { monitorRoutes } from './features/monitor/monitor.routes';
import { evaluationRoutes } from './features/evaluations/evaluations.routes';
import { eventsAfter } from './features/room/room.repository';
import { createLive } from './plugins/realtime';

export interface BuildOptions {
  config: AppConfig;
  /** Use an already opened database (tests share one per file); otherwise one is opened from config. */
  database?: Database;
  logger?: boolean;
  /** The clock (tests pass their own). */
  now?: () => Date;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const redactTokens = (url: string) =>
  url.replace(/(\/by-token\/)[^/?#]+/, '$1[redacted]').replace(/([?&]token=)[^&#]+/, '$1[redacted]');

/** The first string in a JSON body holding a NUL character (PostgreSQL cannot store it), as a path. */
function pathWithNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = pathWithNul(v, [...path, String(i)]);
      if (found !== null) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = pathWithNul(v, [...path, k]);
      if (found !== null) return found;
    }
  }
  return null;
}
export const CSRF_HEADER = 'x-kring-csrf';

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const { config } = opts;
  const app = Fastify({
    logger:
      opts.logger === false
        ? false
        : {
            level: config.logLevel,
            // Invitation and sign-in links carry their token in the URL: keep them out of the logs.
            serializers: {
              req: (req: { method: string; url: string; ip?: string }) => ({ method: req.method, url: redactTokens(req.url), remoteAddress: req.ip }),
            },
          },
    bodyLimit: 256 * 1024,
    // A loaded machine can take longer than Fastify's 10 s default to register the static plugin.
    pluginTimeout: 60_000,
    trustProxy: config.trustProxy,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  // Every route, for the authorization matrix test (which fails when a route is missing from it).
  const routes: { method: string; url: string }[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  app.setSerializerCompiler(serializerCompiler);

  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const ownsDatabase = !opts.database;
  const db = database.db;
  const mailer = createMailer({ db, smtpUrl: config.smtpUrl, from: config.mailFrom, log: app.log });
  const now = opts.now ?? (() => new Date());
  const jobRunner = createJobRunner({ db, smtpUrl: config.smtpUrl, from: config.mailFrom, publicUrl: config.publicUrl, log: app.log, now });
  const ctx = {
    now,
    jobs: jobRunner,
    config,
    database,
    db,
    mailer,
    rateLimit: createRateLimiter(db, config.rateLimits),
    log: app.log,
    events: new DomainEventBus((err, event) => app.log.error({ err, event }, 'domain event handler failed')),
  } as AppContext;
  ctx.live = createLive({ databaseUrl: database.kind === 'postgres' ? (database.pool?.options.connectionString ?? config.databaseUrl) : undefined, load: (meetingId, after, upTo) => eventsAfter(db, meetingId, after, upTo), log: app.log });
  ctx.auth = loadAuth({ db, config, sendSignInLink: (email, url) => sendSignInLinkMail(ctx, email, url) });
  app.decorate('ctx', ctx);
  app.addHook('onClose', async () => {
    await ctx.live.listener?.stop();
    await jobRunner.stop();
    mailer.close();
    if (ownsDatabase) await database.close();
  });

  await app.register(fastifyCookie);
  await errorsPlugin(app);

  ctx.sessions = createSessions(database, config);
  const publicOrigin = new URL(config.publicUrl).origin;
  app.decorateRequest('user', null);
  app.decorateRequest('locale', 'nl');
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    req.locale = localeFromHeader(req.headers['accept-language']);
    // CSRF: a state-changing request must come from our own origin and carry our header, which a
    // cross-site form or a simple cross-origin fetch cannot add without a (refused) CORS preflight.
    if (!SAFE_METHODS.has(req.method)) {
      const origin = req.headers.origin;
      const sameOrigin = !origin || isOwnOrigin(origin, publicOrigin, req.headers.host);
      if (!sameOrigin || req.headers[CSRF_HEADER] !== '1') return sendProblem(req, reply, 403, 'csrf');
    }
    req.user = await ctx.sessions.resolve(req.cookies);
    if (req.user) req.locale = req.user.locale;
  });
  app.addHook('preValidation', async (req) => {
    const nul = pathWithNul(req.body);
    if (nul !== null) throw new AppError(422, 'validation', {}, [{ path: nul, code: 'invalid' }]);
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kring API',
        description:
          'The API of Kring, the platform for professional learning communities. Errors are RFC 9457 problem+json. ' +
          `State-changing requests need the header \`${CSRF_HEADER}: 1\` and the session cookie.`,
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'kring.session_token' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get(
    '/api/openapi.json',
    { schema: { hide: true } },
    async () => app.swagger(),
  );

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Health of the server and its database',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean() }) }),
          503: z.object({ status: z.literal('degraded'), database: z.object({ kind: z.enum(['pglite', 'postgres']), ok: z.boolean() }) }),
        },
      },
    },
    async (_req, reply) => {
      const ok = await database.ping();
      if (!ok) return reply.code(503).send({ status: 'degraded' as const, database: { kind: database.kind, ok } });
      return { status: 'ok' as const, database: { kind: database.kind, ok } };
    },
  );

  await app.register(accountRoutes, { prefix: '/api' });
  await app.register(networkRoutes, { prefix: '/api' });
  await app.register(communityRoutes, { prefix: '/api' });
  await app.register(invitationRoutes, { prefix: '/api' });
  await app.register(meetingRoutes, { prefix: '/api' });
  await app.register(rotaRoutes, { prefix: '/api' });
  await app.register(inputRoutes, { prefix: '/api' });
  await app.register(agendaRoutes, { prefix: '/api' });
  await app.register(calendarRoutes, { prefix: '/api' });
  await app.register(notificationRoutes, { prefix: '/api' });
  await app.register(knowledgeRoutes, { prefix: '/api' });
  await app.register(roomRoutes, { prefix: '/api' });
  await app.register(proposalRoutes, { prefix: '/api' });
  await app.register(monitorRoutes, { prefix: '/api' });
  await app.register(evaluationRoutes, { prefix: '/api' });
  if (ctx.live.listener) {
    const listener = ctx.live.listener;
    app.addHook('onReady', async () => listener.start());
  }
  if (config.jobsIntervalMs > 0) {
    app.addHook('onReady', async () => {
      await armDailyJobs(ctx);
      jobRunner.start(config.jobsIntervalMs);
    });
  }
  if (config.devTools) await app.register(devRoutes, { prefix: '/api' });

  const webDist = config.webDist;
  const indexHtml = webDist ? path.join(webDist, 'index.html') : undefined;
  if (webDist && indexHtml && fs.existsSync(indexHtml)) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        // Hashed build assets never change; everything else is checked on every load.
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    const html = fs.readFileSync(indexHtml, 'utf8');
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !req.url.startsWith('/api/')) {
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
      }
      return sendProblem(req, reply, 404, 'notFound');
    });
  } else {
    app.setNotFoundHandler((req, reply) => sendProblem(req, reply, 404, 'notFound'));
  }

  return app;
}
