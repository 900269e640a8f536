import crypto from 'node:crypto';
import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { createAuthEndpoint, APIError } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import { magicLink } from 'better-auth/plugins/magic-link';
import * as z from 'zod';
import type { AppConfig } from '../config';
import type { Database, Db } from '../db/client';
import { account, session, user, verification } from '../db/schema';
import type { Locale } from '../../contracts/enums';

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_DAYS = 30;

/** Lets a trusted server use-case (accepting an invitation) start a session for a user. Never exposed over HTTP. */
const kringSessions = () =>
  ({
    id: 'kring-sessions',
    endpoints: {
      startSessionForUser: createAuthEndpoint(
        '/kring/start-session',
        { method: 'POST', body: z.object({ userId: z.string() }), metadata: { SERVER_ONLY: true } },
        async (ctx) => {
          const found = await ctx.context.internalAdapter.findUserById(ctx.body.userId);
          if (!found) throw new APIError('NOT_FOUND');
          const created = await ctx.context.internalAdapter.createSession(found.id);
          await setSessionCookie(ctx, { session: created, user: found });
          return ctx.json({ ok: true });
        },
      ),
    },
  }) satisfies BetterAuthPlugin;

export function createAuth(opts: {
  db: Db;
  config: AppConfig;
  sendSignInLink: (email: string, url: string) => Promise<void>;
}) {
  const secure = opts.config.publicUrl.startsWith('https:');
  return betterAuth({
    appName: 'Kring',
    baseURL: opts.config.publicUrl,
    basePath: '/api/auth',
    secret: opts.config.authSecret,
    database: drizzleAdapter(opts.db, { provider: 'pg', schema: { user, session, account, verification } }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    user: {
      additionalFields: {
        locale: { type: 'string', required: false, defaultValue: 'nl', input: true },
        timeZone: { type: 'string', required: false, defaultValue: 'Europe/Amsterdam', input: true },
      },
    },
    session: { expiresIn: SESSION_DAYS * 24 * 3600, disableSessionRefresh: true },
    // Kring applies its own rate limits (shared through the database), answered as problem+json.
    rateLimit: { enabled: false },
    advanced: {
      cookiePrefix: 'kring',
      useSecureCookies: secure,
      defaultCookieAttributes: { sameSite: 'lax', httpOnly: true, secure },
    },
    trustedOrigins: [opts.config.publicUrl],
    telemetry: { enabled: false },
    logger: { disabled: true },
    plugins: [
      magicLink({
        expiresIn: SIGN_IN_LINK_MINUTES * 60,
        disableSignUp: true,
        storeToken: 'hashed',
        sendMagicLink: async ({ email, url }) => opts.sendSignInLink(email, url),
      }),
      kringSessions(),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

export interface SessionUser {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  timeZone: string;
  sessionId: string;
}

export function sessionCookieName(config: AppConfig) {
  return `${config.publicUrl.startsWith('https:') ? '__Secure-' : ''}kring.session_token`;
}

/**
 * Resolves the session cookie with one query. The cookie is better-auth's signed token
 * (`token.base64(hmac-sha256)`); we verify the signature before touching the database.
 */
export function createSessionResolver(database: Database, config: AppConfig) {
  const name = sessionCookieName(config);
  return async function resolve(cookies: Record<string, string | undefined>): Promise<SessionUser | null> {
    const raw = cookies[name];
    if (!raw) return null;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      return null;
    }
    const dot = value.lastIndexOf('.');
    if (dot < 1) return null;
    const token = value.slice(0, dot);
    const signature = Buffer.from(value.slice(dot + 1), 'base64');
    const expected = crypto.createHmac('sha256', config.authSecret).update(token).digest();
    if (signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) return null;
    const rows = await database.hot<Omit<SessionUser, 'locale'> & { locale: string }>(
      'kring_session_lookup',
      `select u.id, u.name, u.email, u.locale, u.time_zone as "timeZone", s.id as "sessionId"
         from session s join "user" u on u.id = s.user_id
        where s.token = $1 and s.expires_at > now() limit 1`,
      [token],
    );
    const row = rows[0];
    if (!row) return null;
    return { ...row, locale: row.locale === 'en' ? 'en' : 'nl' };
  };
}
