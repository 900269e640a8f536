import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import type { AppConfig } from './config';
import type { Database, Db } from './db/client';
import type { Auth, SessionUser, Sessions } from './plugins/auth';
import type { Mailer } from './lib/mailer';
import type { RateLimiter } from './plugins/rate-limit';
import type { Locale } from '../contracts/enums';
import { unauthenticated } from './lib/errors';
import type { DomainEventBus } from './lib/events';
import type { JobRunner } from './lib/jobs';
import type { Live } from './plugins/realtime';

/** Everything a use-case may need, built once in buildApp and handed to every feature. */
export interface AppContext {
  config: AppConfig;
  database: Database;
  db: Db;
  /** better-auth, loaded in the background at start-up (see plugins/auth.ts). */
  auth: () => Promise<Auth>;
  sessions: Sessions;
  mailer: Mailer;
  rateLimit: RateLimiter;
  log: FastifyBaseLogger;
  events: DomainEventBus;
  jobs: JobRunner;
  /** Live rooms: this process's subscribers, and the PostgreSQL listener shared with other processes. */
  live: Live;
  /** The clock every use-case reads (tests move it). */
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    routeList: { method: string; url: string }[];
  }
  interface FastifyRequest {
    user: SessionUser | null;
    locale: Locale;
  }
}

export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw unauthenticated();
  return req.user;
}
