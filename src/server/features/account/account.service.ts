import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { requireUser } from '../../context';
import { AppError, fieldError } from '../../lib/errors';
import { clientIp, forwardCookies, isAuthError, toHeaders } from '../../lib/http';
import type { Me } from '../../../contracts/api';
import type { changePasswordBody, signInBody, signInLinkBody, signUpBody, updateMeBody } from '../../../contracts/api';
import * as repo from './account.repository';
import { sendNoAccountMail } from './account.mails';

const HOUR = 3600;

/** `europe/amsterdam` is accepted by Intl; store the canonical `Europe/Amsterdam`. */
const canonicalTimeZone = (tz: string) => new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;

/**
 * A path inside Kring to send someone to after signing in, or null. Resolving it against a base
 * catches tricks like `/.//evil.example` that a prefix check lets through.
 */
export function localPath(p: string | undefined): string | null {
  if (!p || !p.startsWith('/')) return null;
  const base = 'http://kring.invalid';
  let url: URL;
  try {
    url = new URL(p, base);
  } catch {
    return null;
  }
  const path = `${url.pathname}${url.search}`;
  if (url.origin !== base || path.startsWith('//') || path.startsWith('/\\')) return null;
  return path;
}

export async function getMe(ctx: AppContext, userId: string): Promise<Me> {
  const row = await repo.findUserById(ctx.db, userId);
  if (!row) throw new AppError(401, 'unauthenticated');
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    locale: row.locale === 'en' ? 'en' : 'nl',
    timeZone: row.timeZone,
    hasPassword: await repo.hasPassword(ctx.db, row.id),
  };
}

export async function signUp(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, body: z.infer<typeof signUpBody>) {
  await ctx.rateLimit({ key: `sign-up:ip:${clientIp(req)}`, max: 20, windowSeconds: HOUR });
  try {
    const result = await (await ctx.auth()).api.signUpEmail({
      body: {
        name: body.name,
        email: body.email,
        password: body.password,
        locale: body.locale ?? req.locale,
        timeZone: canonicalTimeZone(body.timeZone ?? 'Europe/Amsterdam'),
      },
      headers: toHeaders(req),
      returnHeaders: true,
    });
    forwardCookies(result.headers, reply);
    return getMe(ctx, result.response.user.id);
  } catch (err) {
    if (isAuthError(err, 'USER_ALREADY_EXISTS', 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL')) {
      throw fieldError('email', 'emailTaken', 409, 'emailTaken');
    }
    if (isAuthError(err, 'PASSWORD_TOO_SHORT')) throw fieldError('password', 'tooShort');
    throw err;
  }
}

export async function signIn(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, body: z.infer<typeof signInBody>) {
  await ctx.rateLimit(
    { key: `sign-in:ip-email:${clientIp(req)}:${body.email}`, max: 10, windowSeconds: 15 * 60 },
    { key: `sign-in:ip:${clientIp(req)}`, max: 60, windowSeconds: 15 * 60 },
    // However many addresses an attacker has, one account gets a bounded number of guesses.
    { key: `sign-in:email:${body.email}`, max: 30, windowSeconds: HOUR },
  );
  try {
    const result = await (await ctx.auth()).api.signInEmail({
      body: { email: body.email, password: body.password },
      headers: toHeaders(req),
      returnHeaders: true,
    });
    forwardCookies(result.headers, reply);
    return getMe(ctx, result.response.user.id);
  } catch (err) {
    if (isAuthError(err)) throw new AppError(401, 'invalidCredentials');
    throw err;
  }
}

export async function requestSignInLink(ctx: AppContext, req: FastifyRequest, body: z.infer<typeof signInLinkBody>) {
  await ctx.rateLimit(
    { key: `sign-in-link:email:${body.email}`, max: 5, windowSeconds: HOUR },
    { key: `sign-in-link:ip:${clientIp(req)}`, max: 30, windowSeconds: HOUR },
  );
  const existing = await repo.findUserByEmail(ctx.db, body.email);
  // Same answer either way, so the form does not reveal who has an account.
  if (!existing) {
    await sendNoAccountMail(ctx, body.email, req.locale);
    return;
  }
  await (await ctx.auth()).api.signInMagicLink({
    body: {
      email: body.email,
      callbackURL: localPath(body.redirectTo) ?? '/',
      errorCallbackURL: '/sign-in?error=linkInvalid',
    },
    headers: toHeaders(req),
  });
}

export async function verifySignInLink(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, query: Record<string, string | undefined>) {
  await ctx.rateLimit({ key: `sign-in-link-verify:ip:${clientIp(req)}`, max: 60, windowSeconds: 15 * 60 });
  try {
    const response = await (await ctx.auth()).api.magicLinkVerify({
      query: {
        token: query.token ?? '',
        callbackURL: localPath(query.callbackURL) ?? '/',
        errorCallbackURL: localPath(query.errorCallbackURL) ?? '/sign-in?error=linkInvalid',
      },
      headers: toHeaders(req),
      asResponse: true,
    });
    forwardCookies(response.headers, reply);
    const location = response.headers.get('location') ?? '/sign-in?error=linkInvalid';
    // Only ever redirect inside Kring.
    const target = new URL(location, ctx.config.publicUrl);
    const sameOrigin = target.origin === new URL(ctx.config.publicUrl).origin;
    return reply.redirect((sameOrigin && localPath(`${target.pathname}${target.search}`)) || '/', 302);
  } catch {
    return reply.redirect('/sign-in?error=linkInvalid', 302);
  }
}

export async function signOut(ctx: AppContext, req: FastifyRequest, reply: FastifyReply) {
  const me = requireUser(req);
  const result = await (await ctx.auth()).api.signOut({ headers: toHeaders(req), returnHeaders: true });
  ctx.sessions.forgetSession(me.sessionId);
  forwardCookies(result.headers, reply);
}

export async function updateMe(ctx: AppContext, req: FastifyRequest, body: z.infer<typeof updateMeBody>) {
  const me = requireUser(req);
  await repo.updateUser(ctx.db, me.id, { ...body, timeZone: body.timeZone && canonicalTimeZone(body.timeZone) });
  ctx.sessions.forgetUser(me.id);
  return getMe(ctx, me.id);
}

export async function changePassword(ctx: AppContext, req: FastifyRequest, reply: FastifyReply, body: z.infer<typeof changePasswordBody>) {
  const me = requireUser(req);
  await ctx.rateLimit({ key: `change-password:user:${me.id}`, max: 10, windowSeconds: 15 * 60 });
  const headers = toHeaders(req);
  if (await repo.hasPassword(ctx.db, me.id)) {
    if (!body.currentPassword) throw fieldError('currentPassword', 'required');
    try {
      const result = await (await ctx.auth()).api.changePassword({
        body: { currentPassword: body.currentPassword, newPassword: body.newPassword, revokeOtherSessions: true },
        headers,
        returnHeaders: true,
      });
      // Other sessions were revoked: forget them here too.
      ctx.sessions.forgetUser(me.id);
      forwardCookies(result.headers, reply);
    } catch (err) {
      if (isAuthError(err, 'INVALID_PASSWORD')) throw fieldError('currentPassword', 'wrongPassword');
      throw err;
    }
    return;
  }
  await (await ctx.auth()).api.setPassword({ body: { newPassword: body.newPassword }, headers });
}
