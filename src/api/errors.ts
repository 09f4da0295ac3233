import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppError, type AppError, type ErrorCode } from '../platform/errors.ts';
import { errorAnswer, sendAnswer as send, type HttpAnswer } from './outcomes.ts';
import { fieldProblems } from './validation.ts';

/**
 * Every error, ours or the framework's, answered in the contract's shape:
 * `{ error: { code, message, retryable, … } }` with a catalogued code. Nothing
 * internal reaches a body; a request's own fault is never a 5xx.
 */

/** Fastify's and Node's own refusals, by their codes, onto the catalogue. */
const FRAMEWORK: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_CTP_INVALID_JSON_BODY: 'BAD_REQUEST',
  FST_ERR_BAD_URL: 'BAD_REQUEST',
  FST_ERR_ASYNC_CONSTRAINT: 'BAD_REQUEST',
  FST_ERR_REQ_INVALID_VALIDATION_INVOCATION: 'BAD_REQUEST',
};

/** Database outages are the service's trouble, said as such (retry later), not an internal error. */
const UNAVAILABLE = /ECONNREFUSED|ECONNRESET|Connection terminated|timeout exceeded when trying to connect|the database system is|Cannot use a pool after calling end/i;
/**
 * The same by code: the socket's (a reset or refused connection to Postgres; provider calls never get
 * here raw, their adapters wrap them) and Postgres's own (class 08, connection exception; 57P01–57P03,
 * the server shutting down or starting).
 */
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', '57P01', '57P02', '57P03']);

function databaseUnreachable(err: FastifyError): boolean {
  const code = typeof err.code === 'string' ? err.code : '';
  return UNAVAILABLE_CODES.has(code) || code.startsWith('08') || UNAVAILABLE.test(String(err.message));
}

/** What an error is to the client, and how much of it to log. */
export function answerFor(err: FastifyError | AppError, req: FastifyRequest): HttpAnswer {
  const lang = req.headers['accept-language'];
  if (isAppError(err)) {
    if (err.status >= 500) req.log.error({ event: 'http_error_answered', err, cause: err.cause }, err.code);
    else req.log.info({ code: err.code }, 'request refused');
    return errorAnswer(err.code, lang, err.extra);
  }
  if (err.validation) {
    const details = fieldProblems(err.validation as never, err.validationContext, lang);
    req.log.info({ code: 'VALIDATION_FAILED', details }, 'request refused');
    return errorAnswer('VALIDATION_FAILED', lang, { details });
  }
  const code = (err.code && FRAMEWORK[err.code]) ?? (err instanceof SyntaxError ? 'BAD_REQUEST' : undefined);
  if (code) {
    req.log.info({ code, err: err.message }, 'request refused');
    return errorAnswer(code, lang);
  }
  // A client error the framework raised that we do not know by name: still the client's, never a 5xx.
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    req.log.info({ code: 'BAD_REQUEST', err: err.message, fastifyCode: err.code }, 'request refused');
    return errorAnswer('BAD_REQUEST', lang);
  }
  // Anything else is ours: log it whole, tell the client nothing internal.
  const unavailable = databaseUnreachable(err);
  req.log.error({ event: unavailable ? 'db_unreachable' : 'http_unhandled_error', err }, 'unhandled error');
  return errorAnswer(unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL', lang);
}

const registered = new WeakMap<FastifyInstance, { method: string; url: string; pattern: RegExp }[]>();

/** Remembers every route's method and URL pattern, so a path another method answers gets 405 with `Allow`, not 404. */
export function trackRoutes(app: FastifyInstance): void {
  const list: { method: string; url: string; pattern: RegExp }[] = [];
  registered.set(app, list);
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const pattern = new RegExp(`^${r.url.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[^/]+/g, '[^/]+').replace(/\*/g, '.*')}/?$`);
    for (const m of methods) list.push({ method: m, url: r.url, pattern });
  });
}

/** Every route's method and URL as declared (`/api/v1/orders/:orderNo`), for tests of the document. */
export function declaredRoutes(app: FastifyInstance): { method: string; url: string }[] {
  return (registered.get(app) ?? []).map((r) => ({ method: r.method, url: r.url }));
}

function allowedMethods(app: FastifyInstance, req: FastifyRequest): string[] {
  const url = req.url.split('?')[0] ?? '/';
  const methods = (registered.get(app) ?? []).filter((r) => r.method !== 'HEAD' && r.pattern.test(url)).map((r) => r.method);
  return [...new Set(methods)];
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => send(reply, answerFor(err, req)));
  app.setNotFoundHandler((req, reply) => {
    const allow = allowedMethods(app, req);
    if (allow.length > 0) return send(reply.header('allow', allow.join(', ')), errorAnswer('METHOD_NOT_ALLOWED', req.headers['accept-language']));
    return send(reply, errorAnswer('NOT_FOUND', req.headers['accept-language']));
  });
}

/** Fastify's refusals before routing (a URL it cannot decode, a parameter over the length limit). */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const code: ErrorCode = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URI_TOO_LONG' : 'BAD_REQUEST';
  req.log.info({ code, fastifyCode: err.code }, 'request refused');
  const a = errorAnswer(code, req.headers['accept-language']);
  void send(reply.headers({ 'x-request-id': req.id, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' }), a);
}

/** Node's own refusals before Fastify sees a request (oversized headers, slow senders, garbage), in the contract's shape. */
const CLIENT_ERRORS: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
};

export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const code = CLIENT_ERRORS[err.code ?? ''] ?? 'BAD_REQUEST';
  const a = errorAnswer(code, undefined);
  const body = JSON.stringify(a.body);
  socket.end(
    `HTTP/1.1 ${a.status} ${code.replaceAll('_', ' ')}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
      `x-content-type-options: nosniff\r\ncache-control: no-store\r\nconnection: close\r\n\r\n${body}`,
  );
}
