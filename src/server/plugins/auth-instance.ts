import { betterAuth, type BetterAuthPlugin } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { createAuthEndpoint, APIError } from 'better-auth/api';
import { setSessionCookie } from 'better-auth/cookies';
import { magicLink } from 'better-auth/plugins/magic-link';
import * as z from 'zod';
import type { AppConfig } from '../config';
import type { Db } from '../db/client';
import { account, session, user, verification } from '../db/schema';
import { SESSION_DAYS, SIGN_IN_LINK_MINUTES } from './auth';

/*
 * better-auth is the heaviest module of the server (about half of its start-up). It lives in this
 * file, which is imported lazily (see `loadAuth` in auth.ts), so the server answers requests
 * before it has loaded; only the routes that sign in or out wait for it.
 */

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
