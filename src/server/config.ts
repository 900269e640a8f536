import path from 'node:path';

export type Locale = 'nl' | 'en';

export interface AppConfig {
  /** Public origin of the app, e.g. http://localhost:3000. Used in mail links and for CSRF/origin checks. */
  publicUrl: string;
  port: number;
  host: string;
  /** PostgreSQL connection string; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl?: string;
  /** PGlite data directory; `memory://` gives an in-memory database (tests). */
  dataDir: string;
  smtpUrl?: string;
  mailFrom: string;
  authSecret: string;
  /** Serve the built single-page app from this folder when it exists. */
  webDist?: string;
  /** Development-only pages (outbox). Never on in production. */
  devTools: boolean;
  production: boolean;
  logLevel: string;
  /** Turn rate limits off (benchmarks only). */
  rateLimits: boolean;
  /** How often the job runner looks for due jobs and mail (ms); 0 = do not run it (tests drive it). */
  jobsIntervalMs: number;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (else it could be spoofed). */
  trustProxy: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const production = env.NODE_ENV === 'production';
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const dataDir = path.resolve(env.DATA_DIR ?? './data');
  const authSecret = env.AUTH_SECRET ?? (production ? '' : 'kring-development-secret-change-me-please-0000');
  if (!authSecret || authSecret.length < 32) {
    throw new Error('AUTH_SECRET must be set to a random string of at least 32 characters in production.');
  }
  return {
    publicUrl,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'Kring <no-reply@kring.local>',
    authSecret,
    webDist: path.resolve(env.WEB_DIST ?? './dist/web'),
    devTools: !production && !env.SMTP_URL,
    production,
    logLevel: env.LOG_LEVEL ?? 'info',
    rateLimits: env.RATE_LIMITS !== 'off',
    trustProxy: env.TRUST_PROXY === 'true',
    jobsIntervalMs: Number(env.JOBS_INTERVAL_MS ?? 5000),
  };
}
