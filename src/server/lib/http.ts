import type { FastifyReply, FastifyRequest } from 'fastify';

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

interface AuthApiError extends Error {
  body?: { code?: string };
  statusCode: number;
}

/** better-auth's APIError, recognised by shape so this module does not load better-auth. */
export function isAuthError(err: unknown, ...codes: string[]): err is AuthApiError {
  if (!(err instanceof Error) || err.name !== 'APIError') return false;
  const code = (err as AuthApiError).body?.code;
  return codes.length === 0 || (code !== undefined && codes.includes(code));
}

export const clientIp = (req: FastifyRequest) => req.ip || 'unknown';

/** Whether an Origin header names this app: its public origin, or the host the request came to. */
export function isOwnOrigin(origin: string, publicOrigin: string, host: string | undefined): boolean {
  if (origin === publicOrigin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // `null` and other unparseable values
  }
}
