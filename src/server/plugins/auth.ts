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
