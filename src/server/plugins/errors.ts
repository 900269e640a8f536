import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError, type ProblemCode } from '../lib/errors';
import { isMessageKey, t, type MessageKey } from '../i18n/messages';

/** Maps one zod issue to our stable validation codes (translated per request). */
function fieldErrorsFromIssue(path: string, keyword: string, params: Record<string, unknown>): FieldError[] {
  const trimmed = path.replace(/^\//, '').replace(/\//g, '.');
  switch (keyword) {
    case 'invalid_type':
      return [{ path: trimmed, code: params.input === undefined ? 'required' : 'invalidType' }];
    case 'too_small':
      if (params.origin === 'string') {
        return [{ path: trimmed, code: Number(params.minimum) <= 1 ? 'required' : 'tooShort', params: { minimum: Number(params.minimum) } }];
      }
      if (params.origin === 'array') return [{ path: trimmed, code: 'tooFew', params: { minimum: Number(params.minimum) } }];
      if (params.origin === 'number') return [{ path: trimmed, code: 'numberTooSmall', params: { minimum: Number(params.minimum) } }];
      return [{ path: trimmed, code: 'invalid' }];
    case 'too_big':
      if (params.origin === 'string') return [{ path: trimmed, code: 'tooLong', params: { maximum: Number(params.maximum) } }];
      if (params.origin === 'array') return [{ path: trimmed, code: 'tooMany', params: { maximum: Number(params.maximum) } }];
      if (params.origin === 'number') return [{ path: trimmed, code: 'numberTooLarge', params: { maximum: Number(params.maximum) } }];
      return [{ path: trimmed, code: 'invalid' }];
    case 'invalid_format':
      return [{ path: trimmed, code: params.format === 'email' ? 'invalidEmail' : 'invalid' }];
    case 'invalid_value':
      return [{ path: trimmed, code: 'invalidChoice' }];
    case 'unrecognized_keys': {
      const keys = Array.isArray(params.keys) ? (params.keys as string[]) : [];
      return keys.map((k) => ({ path: trimmed ? `${trimmed}.${k}` : k, code: 'unknownField' }));
    }
    case 'custom': {
      const code = typeof params.params === 'object' && params.params && 'code' in params.params ? String((params.params as { code: unknown }).code) : 'invalid';
      return [{ path: trimmed, code }];
    }
    default:
      return [{ path: trimmed, code: 'invalid' }];
  }
}

function translateField(req: FastifyRequest, f: FieldError) {
  const key = `validation.${f.code}`;
  const errKey = `errors.${f.code}`;
  const message = isMessageKey(key)
    ? t(req.locale, key, f.params)
    : isMessageKey(errKey)
      ? t(req.locale, errKey as MessageKey, f.params)
      : t(req.locale, 'validation.invalid');
  return { path: f.path, code: f.code, message };
}

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: ProblemCode,
  params: Record<string, string | number> = {},
  fields: FieldError[] = [],
  current?: unknown,
) {
  const title = t(req.locale, `errors.${code}` as MessageKey, params);
  const body: Record<string, unknown> = { type: `/problems/${code}`, title, status, code };
  if (fields.length) body.errors = fields.map((f) => translateField(req, f));
  if (current !== undefined) body.current = current;
  return reply.code(status).header('content-type', 'application/problem+json; charset=utf-8').send(body);
}

export async function errorsPlugin(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      for (const [k, v] of Object.entries(err.headers)) reply.header(k, v);
      return sendProblem(req, reply, err.status, err.code, err.params, err.fields, err.current);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.flatMap((v) => fieldErrorsFromIssue(v.instancePath, v.keyword, v.params as Record<string, unknown>));
      // A malformed id in the path cannot name anything the caller may see.
      if (err.validationContext === 'params') return sendProblem(req, reply, 404, 'notFound');
      return sendProblem(req, reply, 422, 'validation', {}, fields);
    }
    const status = err.statusCode ?? 500;
    if (status === 413) return sendProblem(req, reply, 413, 'payloadTooLarge');
    if (status === 415) return sendProblem(req, reply, 415, 'unsupportedMediaType');
    if (status === 429) return sendProblem(req, reply, 429, 'rateLimited', { minutes: 1 });
    if (status >= 400 && status < 500) return sendProblem(req, reply, status, 'badRequest');
    req.log.error({ err }, 'unhandled error');
    return sendProblem(req, reply, 500, 'internal');
  });
}
