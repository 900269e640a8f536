import crypto from 'node:crypto';
import type { AppConfig } from '../config';
import type { Database, Db } from '../db/client';
import type { Auth } from './auth-instance';
import type { Locale } from '../../contracts/enums';

export const SIGN_IN_LINK_MINUTES = 15;
export const SESSION_DAYS = 30;

export type { Auth };

/**
 * Starts loading better-auth at once and returns a getter that waits for it. Call early (buildApp
 * does): by the time anyone signs in, it is long loaded.
 */
export function loadAuth(opts: { db: Db; config: AppConfig; sendSignInLink: (email: string, url: string) => Promise<void> }): () => Promise<Auth> {
  const promise = import('./auth-instance').then((m) => m.createAuth(opts));
  promise.catch(() => {}); // reported where it is awaited
  return () => promise;
}

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

/** How long a resolved session is remembered in this process. */
export const SESSION_CACHE_MS = 5_000;
const SESSION_CACHE_MAX = 10_000;

/**
 * Resolves the session cookie. The cookie is better-auth's signed token
 * (`token.base64(hmac-sha256)`); the signature is verified before anything else. A resolved session
 * is remembered for a few seconds (see decision 013), and forgotten at once in this process when it
 * ends (sign-out, password change) or its user changes.
 */
export function createSessions(database: Database, config: AppConfig) {
  const name = sessionCookieName(config);
  const cache = new Map<string, { user: SessionUser; until: number }>();

  const tokenOf = (raw: string | undefined): string | null => {
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
    return token;
  };

  const forgetWhere = (match: (u: SessionUser) => boolean) => {
    for (const [token, entry] of cache) if (match(entry.user)) cache.delete(token);
  };

  return {
    async resolve(cookies: Record<string, string | undefined>): Promise<SessionUser | null> {
      const token = tokenOf(cookies[name]);
      if (!token) return null;
      const now = Date.now();
      const cached = cache.get(token);
      if (cached && cached.until > now) return cached.user;
      const rows = await database.hot<Omit<SessionUser, 'locale'> & { locale: string; expiresAt: Date }>(
        'kring_session_lookup',
        `select u.id, u.name, u.email, u.locale, u.time_zone as "timeZone", s.id as "sessionId", s.expires_at as "expiresAt"
           from session s join "user" u on u.id = s.user_id
          where s.token = $1 and s.expires_at > now() limit 1`,
        [token],
      );
      const row = rows[0];
      if (!row) {
        cache.delete(token);
        return null;
      }
      const { expiresAt, ...rest } = row;
      const user: SessionUser = { ...rest, locale: row.locale === 'en' ? 'en' : 'nl' };
      if (cache.size >= SESSION_CACHE_MAX) cache.delete(cache.keys().next().value!);
      cache.set(token, { user, until: Math.min(now + SESSION_CACHE_MS, new Date(expiresAt).getTime()) });
      return user;
    },
    forgetSession(sessionId: string) {
      forgetWhere((u) => u.sessionId === sessionId);
    },
    forgetUser(userId: string) {
      forgetWhere((u) => u.id === userId);
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
