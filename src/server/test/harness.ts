import crypto from 'node:crypto';
import pg from 'pg';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app';
import { loadConfig, type AppConfig } from '../config';
import { openDatabase, type Database } from '../db/client';
import { startSmtpSink, type Mailbox } from '../../../e2e/lib/mailbox';
import * as factories from '../db/factories';

export const TEST_ORIGIN = 'http://kring.test';

/** A fresh database for one test file: in-memory PGlite, or a new database on TEST_DATABASE_URL. */
export async function openTestDatabase(): Promise<Database> {
  if (process.env.KRING_TEST_DB !== 'postgres') return openDatabase({ dataDir: 'memory://' });
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('KRING_TEST_DB=postgres needs TEST_DATABASE_URL');
  const name = `kring_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: target.toString(), dataDir: '' });
  return {
    ...database,
    close: async () => {
      await database.close();
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

export interface TestApp {
  app: FastifyInstance;
  ctx: FastifyInstance['ctx'];
  mailbox: Mailbox;
  http: ReturnType<typeof httpClient>;
  /** Creates an account and returns it with a session cookie. */
  signedInUser(opts?: Parameters<typeof factories.createUser>[1]): Promise<Awaited<ReturnType<typeof factories.createUser>> & { cookie: string }>;
  /** The app's clock: real time until set, then frozen at what was set (advance moves it). */
  clock: { set(d: Date | string): void; advance(ms: number): void; reset(): void };
  close(): Promise<void>;
}

/** buildApp on a real database with real SMTP delivery into an in-process smtp-server. */
export async function createTestApp(overrides: Partial<AppConfig> = {}): Promise<TestApp> {
  const sink = await startSmtpSink();
  const database = await openTestDatabase();
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test' } as NodeJS.ProcessEnv),
    publicUrl: TEST_ORIGIN,
    dataDir: 'memory://',
    databaseUrl: undefined,
    smtpUrl: `smtp://127.0.0.1:${sink.port}`,
    webDist: undefined,
    devTools: false,
    rateLimits: true,
    logLevel: 'silent',
    // Tests drive the job runner themselves (ctx.jobs.runDue / deliverMail) with their own clock.
    jobsIntervalMs: 0,
    ...overrides,
  };
  let frozen: Date | null = null;
  const app = await buildApp({ config, database, logger: false, now: () => (frozen ? new Date(frozen) : new Date()) });
  await app.ready();
  const http = httpClient(app);
  return {
    app,
    ctx: app.ctx,
    mailbox: sink.mailbox,
    http,
    async signedInUser(opts) {
      const u = await factories.createUser(app.ctx, opts);
      const res = await (await app.ctx.auth()).api.signInEmail({ body: { email: u.email, password: u.password }, returnHeaders: true });
      return { ...u, cookie: cookieFrom(res.headers.getSetCookie()) };
    },
    clock: {
      set: (d) => {
        frozen = new Date(d);
      },
      advance: (ms) => {
        frozen = new Date((frozen ?? new Date()).getTime() + ms);
      },
      reset: () => {
        frozen = null;
      },
    },
    async close() {
      await app.close();
      await database.close();
      await sink.close();
    },
  };
}

/** Turns Set-Cookie headers into a Cookie header value. */
export function cookieFrom(setCookies: string[] | string | undefined): string {
  const list = Array.isArray(setCookies) ? setCookies : setCookies ? [setCookies] : [];
  return list
    .map((c) => c.split(';')[0]!)
    .filter((c) => !c.endsWith('='))
    .join('; ');
}

export interface RequestOptions {
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
  ip?: string;
}

export function httpClient(app: FastifyInstance) {
  const send = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, opts: RequestOptions = {}): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      payload: opts.body === undefined ? undefined : (opts.body as object),
      remoteAddress: opts.ip,
      headers: {
        ...(method === 'GET' ? {} : { 'x-kring-csrf': '1', origin: TEST_ORIGIN }),
        ...(opts.cookie ? { cookie: opts.cookie } : {}),
        ...opts.headers,
      },
    });
  return {
    send,
    get: (url: string, opts?: RequestOptions) => send('GET', url, opts),
    post: (url: string, opts?: RequestOptions) => send('POST', url, opts),
    patch: (url: string, opts?: RequestOptions) => send('PATCH', url, opts),
    delete: (url: string, opts?: RequestOptions) => send('DELETE', url, opts),
    put: (url: string, opts?: RequestOptions) => send('PUT', url, opts),
  };
}

export const linkIn = (text: string, pathPart: string) => {
  const match = new RegExp(`https?://\\S*${pathPart}\\S*`).exec(text);
  if (!match) throw new Error(`No link containing ${pathPart} in:\n${text}`);
  return match[0];
};

export { factories };
