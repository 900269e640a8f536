import type { Problem } from '../../contracts/api';
import i18n from '../i18n';

type FieldProblem = NonNullable<Problem['errors']>[number];

/** An RFC 9457 problem returned by the API (or a network failure mapped to one). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly type: string;
  readonly title: string;
  readonly errors: FieldProblem[];
  /** On 409 for a stale edit: the object as it is now on the server. */
  readonly current: unknown;

  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code;
    this.type = problem.type;
    this.title = problem.title;
    this.errors = problem.errors ?? [];
    this.current = problem.current;
  }

  /** The message for one field path (e.g. `email` or `endProductVariants.0.description`). */
  fieldError(path: string): string | undefined {
    return this.errors.find((e) => e.path === path)?.message;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** Field message from any error, for forms. */
export function fieldError(err: unknown, path: string): string | undefined {
  return isApiError(err) ? err.fieldError(path) : undefined;
}

const SAFE = new Set(['GET', 'HEAD']);

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'accept-language': i18n.language || 'nl',
  };
  if (!SAFE.has(method)) headers['x-kring-csrf'] = '1';
  if (opts.body !== undefined) headers['content-type'] = 'application/json';

  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError({ type: '/problems/network', title: i18n.t('common.errors.network'), status: 0, code: 'network' });
  }

  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!res.ok) {
    const p = (data ?? {}) as Partial<Problem>;
    throw new ApiError({
      type: p.type ?? `/problems/http-${res.status}`,
      title: p.title ?? i18n.t('common.errors.unexpected'),
      status: p.status ?? res.status,
      code: p.code ?? 'unknown',
      errors: p.errors,
      current: p.current,
    });
  }
  return data as T;
}
