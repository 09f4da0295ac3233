import { randomUUID } from 'node:crypto';
import websocket from '@fastify/websocket';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { PACKAGE_VERSION as VERSION } from '../platform/package.ts';
import { withLogContext } from '../platform/logging.ts';
import { Authenticator } from './auth.ts';
import type { ApiContext } from './context.ts';
import { clientErrorHandler, frameworkErrors, registerErrorHandling, trackRoutes } from './errors.ts';
import { registerHttpMetrics } from './http.metrics.ts';
import { registerOpenApi } from './openapi.ts';
import { registerRequestSpans } from './tracing.ts';
import { cleanQueryAndParams, registerJsonParser, securityHeaders } from './policy.ts';
import { AuthFailures, RateWindow } from './rate-limits.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { alertRoutes } from './routes/alerts.routes.ts';
import { demoRoutes } from './routes/demo.routes.ts';
import { operationRoutes } from './routes/operations.routes.ts';
import { overviewRoutes } from './routes/overview.routes.ts';
import { subscriptionRoutes } from './routes/subscriptions.routes.ts';
import { triageRoutes } from './routes/triage.routes.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { liveRoutes } from './routes/live.routes.ts';
import { orderRoutes } from './routes/orders.routes.ts';
import { productRoutes } from './routes/products.routes.ts';
import { webhookRoutes } from './routes/webhooks.routes.ts';
import { webRoutes } from './routes/web.routes.ts';
import type { Api, RouteKit } from './types.ts';
import { validatorCompiler } from './validation.ts';

const BODY_LIMIT = 1024 * 1024;
/** Longer request lines are refused with 414 (Node's own header limit would answer 431 only at 16 KiB). */
const MAX_URL_LENGTH = 4096;

/**
 * The one HTTP edge: every route with its schema (validator, types and the
 * OpenAPI document from one declaration), authentication and rate limits in
 * `onRequest` (before anything is read), the input policy, the error
 * catalogue for every refusal, security headers and timeouts. Not listening:
 * the caller listens (tests use `inject`).
 */
export async function buildApp(ctx: ApiContext): Promise<FastifyInstance> {
  const { config, log } = ctx.deps;
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    // Slow senders: the whole request within this, the headers within a tenth of it.
    requestTimeout: config.http.requestTimeoutMs,
    // Node checks those every connectionsCheckingInterval: often enough that a slow sender is cut off on time.
    http: { headersTimeout: Math.max(1_000, Math.floor(config.http.requestTimeoutMs / 3)), connectionsCheckingInterval: 1_000 },
    clientErrorHandler,
    frameworkErrors,
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<TypeBoxTypeProvider>() as Api;

  app.setValidatorCompiler(validatorCompiler);
  registerJsonParser(app);
  trackRoutes(app);
  registerErrorHandling(app);
  registerHttpMetrics(app, ctx.deps.metrics);
  registerRequestSpans(app);

  // Everything the request causes logs its reqId (and, once known, its orderNo), whichever logger writes.
  app.addHook('onRequest', (req, _reply, done) => withLogContext({ reqId: req.id }, done));
  app.addHook('onRequest', async (req) => {
    if (req.url.length > MAX_URL_LENGTH) throw new AppError('URI_TOO_LONG');
  });
  app.addHook('preValidation', cleanQueryAndParams);
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    await securityHeaders(req, reply);
  });

  // Live order status over WebSocket; clients are closed when the server closes.
  await app.register(websocket, { options: { maxPayload: 4096 } });
  await registerOpenApi(app, VERSION, { subjectPrefix: config.events.natsSubjectPrefix });

  const r = config.http.rateLimits;
  const kit: RouteKit = {
    ctx,
    auth: new Authenticator(
      { adminKey: ctx.adminKey, jwtSecret: ctx.deps.jwtSecret, metricsToken: config.metricsToken, jwtMaxAgeSeconds: config.http.jwtMaxAgeSeconds },
      new AuthFailures(new RateWindow(r.authFailures)),
    ),
    limits: {
      purchases: new RateWindow(config.rateLimitPerMinute),
      reads: new RateWindow(r.reads),
      public: new RateWindow(r.public),
      admin: new RateWindow(r.admin),
      webhooks: new RateWindow(r.webhooks),
    },
  };
  await healthRoutes(app, kit);
  await productRoutes(app, kit);
  await orderRoutes(app, kit);
  await liveRoutes(app, kit);
  await webhookRoutes(app, kit);
  await adminRoutes(app, kit);
  await alertRoutes(app, kit);
  await operationRoutes(app, kit);
  await subscriptionRoutes(app, kit);
  await triageRoutes(app, kit);
  await overviewRoutes(app, kit);
  // The demo storefront's sign-in exists only where DEMO_SIGN_IN allows it (never in production).
  if (config.web.demoSignIn) await demoRoutes(app, kit);
  await webRoutes(app, kit);
  return app;
}
