import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import { sql } from 'kysely';
import { adminRoutes, liveRoutes, orderRoutes, webhookRoutes, type CheckoutDeps, type OrderLiveHub } from './checkout/index.ts';
import { inventoryRoutes } from './inventory/index.ts';
import { providerRoutes } from './payments/index.ts';
import { KNOWN_MIGRATIONS } from './platform/db/migrate.ts';
import { AppError, errorBody, isAppError, type ErrorCode } from './platform/errors.ts';
import { adminAuth, metricsAuth } from './platform/http/auth.ts';
import { registerDeadLetterRoutes } from './platform/jobs/dead-letter.routes.ts';
import type { AppContext } from './platform/http/context.ts';

const BODY_LIMIT = 1024 * 1024;

/** Maps framework errors (validation, body size, JSON) onto the catalogue. */
function catalogueCode(e: FastifyError): ErrorCode | undefined {
  if (e.validation) return 'VALIDATION_FAILED';
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'BAD_REQUEST';
  }
  if (e.statusCode === 429) return 'RATE_LIMITED';
  if (e instanceof SyntaxError || e.statusCode === 400) return 'BAD_REQUEST';
  return undefined;
}

/**
 * Builds the HTTP app (not listening): every route with its schema, auth,
 * the error catalogue, a 1 MiB body limit and a request id on every log line.
 */
export async function buildApp(ctx: AppContext, deps: CheckoutDeps, hub: OrderLiveHub): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });

  await app.register(rateLimit, {
    global: false,
    // After authentication (an onRequest hook), so the limit is per customer, not per token.
    hook: 'preHandler',
    errorResponseBuilder: (_req, context) => Object.assign(new AppError('RATE_LIMITED', { retryAfterSeconds: Math.ceil(context.ttl / 1000) }), { statusCode: 429 }),
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const lang = req.headers['accept-language'];
    if (isAppError(err)) {
      if (err.status >= 500) req.log.error({ err, cause: err.cause }, err.code);
      else req.log.info({ code: err.code }, 'request refused');
      if (err.extra.retryAfterSeconds) reply.header('retry-after', String(err.extra.retryAfterSeconds));
      else if (err.retryable && err.status >= 500) reply.header('retry-after', '5');
      return reply.code(err.status).send(errorBody(err.code, lang, { orderNo: err.extra.orderNo, details: err.extra.details }));
    }
    const code = catalogueCode(err);
    if (code) {
      const details = err.validation?.map((v) => ({ field: v.instancePath || (v.params as { missingProperty?: string }).missingProperty || '', message: v.message }));
      req.log.info({ code, err: err.message }, 'request refused');
      return reply.code(code === 'VALIDATION_FAILED' ? 422 : (err.statusCode ?? 400)).send(errorBody(code, lang, { details }));
    }
    // Anything else is ours: log it whole, tell the client nothing internal.
    const unavailable = /ECONNREFUSED|Connection terminated|timeout exceeded when trying to connect|the database system is/i.test(String(err.message));
    req.log.error({ err }, 'unhandled error');
    if (unavailable) reply.header('retry-after', '5');
    return reply.code(unavailable ? 503 : 500).send(errorBody(unavailable ? 'SERVICE_UNAVAILABLE' : 'INTERNAL', lang));
  });

  // Live order status over WebSocket; clients are closed when the server closes.
  await app.register(websocket, { options: { maxPayload: 4096 } });

  app.setNotFoundHandler((req, reply) => reply.code(404).send(errorBody('NOT_FOUND', req.headers['accept-language'])));

  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_req, reply) => {
    try {
      const r = await sql<{ name: string }>`select name from kysely_migration`.execute(ctx.db);
      const applied = new Set(r.rows.map((x) => x.name));
      const missing = KNOWN_MIGRATIONS.filter((m) => !applied.has(m));
      if (missing.length > 0) return reply.code(503).send({ status: 'migrating', missing });
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', reason: 'database unreachable' });
    }
  });

  app.get('/metrics', { onRequest: metricsAuth(ctx.adminKey, ctx.config.metricsToken) }, async (_req, reply) => {
    reply.type(deps.metrics.registry.contentType);
    return await deps.metrics.registry.metrics();
  });

  await inventoryRoutes(app, ctx);
  await orderRoutes(app, ctx, deps);
  await liveRoutes(app, deps, hub);
  await webhookRoutes(app, deps);
  await adminRoutes(app, ctx);
  await registerDeadLetterRoutes(app, { db: ctx.db, adminAuth: adminAuth(ctx.adminKey) });
  await providerRoutes(app, ctx.payments, ctx.adminKey);
  return app;
}
