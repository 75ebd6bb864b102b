import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERROR_CODES, bilingual, type ErrorCode, type ErrorBody } from '@shared/errors';
import { AppError } from '../lib/app-error';

const FIELD_CODES = new Set<ErrorCode>(['INVALID_PHONE', 'INVALID_ID_NUMBER']);

interface FieldIssue {
  instancePath: string;
  message?: string;
  params?: { params?: { appCode?: string } } & Record<string, unknown>;
}

/**
 * Turns request-validation issues into the contract's shape: `details.fields` names each bad
 * field. When every bad field is a phone number or an ID number, the answer carries that
 * specific code (INVALID_PHONE / INVALID_ID_NUMBER) instead of VALIDATION_FAILED.
 */
export function validationBody(issues: FieldIssue[], context: string | undefined): ErrorBody {
  const fields: Record<string, string> = {};
  const codes = new Set<ErrorCode>();
  for (const issue of issues) {
    const field = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || context || '_';
    if (!(field in fields)) fields[field] = issue.message ?? 'invalid';
    const appCode = issue.params?.params?.appCode as ErrorCode | undefined;
    codes.add(appCode && FIELD_CODES.has(appCode) ? appCode : 'VALIDATION_FAILED');
  }
  const code: ErrorCode = codes.size === 1 ? [...codes][0]! : 'VALIDATION_FAILED';
  return { error: { code, message: bilingual(code), details: { fields, in: context ?? 'body' } } };
}

function send(reply: FastifyReply, status: number, body: ErrorBody) {
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

/**
 * Errors the router raises before any route or hook runs (a malformed percent-encoding, a path
 * parameter over the router's length limit): the same shape as every other refusal.
 */
export function frameworkErrors(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  const field = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? '路径参数过长 / A path parameter is too long' : '路径编码有误 / The path is not validly encoded';
  return send(reply, 400, { error: { code: 'VALIDATION_FAILED', message: bilingual('VALIDATION_FAILED'), details: { in: 'params', fields: { _: field }, fastifyCode: err.code } } });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
      if (err.code === 'RATE_LIMITED' && typeof err.details?.retryAfterSeconds === 'number') {
        reply.header('retry-after', String(err.details.retryAfterSeconds));
      }
      // the rest of an oversized body is not waited for: the connection closes after the answer
      if (err.code === 'PAYLOAD_TOO_LARGE') reply.header('connection', 'close');
      return send(reply, err.status, body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      return send(reply, 400, validationBody(err.validation as unknown as FieldIssue[], err.validationContext));
    }
    if (isResponseSerializationError(err as never)) {
      request.log.error({ err }, 'response does not match its schema');
      return send(reply, 500, { error: { code: 'INTERNAL', message: bilingual('INTERNAL') } });
    }
    const status = err.statusCode ?? 500;
    if (status === 429) return send(reply, 429, { error: { code: 'RATE_LIMITED', message: bilingual('RATE_LIMITED') } });
    if (status === 404) return send(reply, 404, { error: { code: 'NOT_FOUND', message: bilingual('NOT_FOUND') } });
    if (status === 413) {
      // Fastify's own parsers (JSON, 1 MB unless the route says more) stop reading at the limit
      const limitBytes = request.routeOptions.bodyLimit;
      reply.header('connection', 'close');
      return send(reply, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: bilingual('PAYLOAD_TOO_LARGE'), details: { limitBytes } } });
    }
    if (status >= 400 && status < 500) {
      // malformed JSON, wrong content type, body too large …: the client's fault, said plainly
      return send(reply, 400, {
        error: { code: 'VALIDATION_FAILED', message: bilingual('VALIDATION_FAILED'), details: { reason: err.message, fastifyCode: err.code } },
      });
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, 500, { error: { code: 'INTERNAL', message: bilingual('INTERNAL') } });
  });
}

export { ERROR_CODES };
