import type { FastifyReply, FastifyRequest } from 'fastify';
import { APIError } from 'better-auth/api';

/** The request's headers as a Fetch Headers object (for better-auth's API). */
export function toHeaders(req: FastifyRequest): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
    else headers.set(key, String(value));
  }
  return headers;
}

/** Copies better-auth's Set-Cookie headers onto the Fastify reply. */
export function forwardCookies(from: Headers, reply: FastifyReply) {
  const cookies = from.getSetCookie();
  if (cookies.length) reply.header('set-cookie', cookies);
}

export function isAuthError(err: unknown, ...codes: string[]): err is APIError {
  if (!(err instanceof APIError)) return false;
  const code = (err.body as { code?: string } | undefined)?.code;
  return codes.length === 0 || (code !== undefined && codes.includes(code));
}

export const clientIp = (req: FastifyRequest) => req.ip || 'unknown';
