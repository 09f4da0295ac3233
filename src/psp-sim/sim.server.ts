import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import pg from 'pg';
import type { Logger } from 'pino';
import { registerAdminRoutes } from './sim.admin.routes.ts';
import type { SimContext } from './sim.context.ts';
import { FaultRules, replaceAfterActing } from './sim.faults.ts';
import { migratePspSim } from './sim.migrate.ts';
import { registerPages } from './sim.pages.ts';
import { registerApiRoutes } from './sim.routes.ts';
import { PendingTimers, SimClosingError } from './sim.timers.ts';
import { errorBody } from './sim.types.ts';
import { WEBHOOK_DEFAULTS, WebhookDispatcher } from './sim.webhooks.ts';
import type { PayPaySimOptions } from './paypay/paypay.options.ts';
import { registerPayPayApi } from './paypay/paypay.routes.ts';
import { paypayWebhookFormat } from './paypay/paypay.webhook.ts';
import type { StripeSimOptions } from './stripe/stripe.options.ts';
import { registerStripeApi } from './stripe/stripe.routes.ts';
import { stripeWebhookFormat } from './stripe/stripe.webhook.ts';
import type { SimProvider } from './sim.types.ts';

const BODY_LIMIT = 1024 * 1024;

/** Options of {@link startPspSim}. */
export interface PspSimOptions {
  /** Postgres; the simulator uses only schema `psp_sim` in it. */
  databaseUrl: string;
  /** 0 = any free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Required Bearer token for `/v1/*`. */
  apiKey: string;
  /** `tok_pending` settles to authorized after this. */
  pendingSettleMs: number;
  /** `tok_timeout` answers only after this. */
  timeoutDelayMs: number;
  logger: Logger;
  /** Signs every webhook (`psp-sim-signature`); never logged. */
  webhookSecret: string;
  /** Where the native API's webhooks go; unset = events wait until {@link PspSim.setWebhookUrl}. */
  webhookUrl?: string;
  /** Where each compatible API's webhooks go (`stripe`, `paypay`). */
  webhookUrls?: Partial<Record<SimProvider, string>>;
  /** Serve the Stripe-compatible API (`/v1/payment_intents…`) with these credentials. */
  stripe?: StripeSimOptions;
  /** Serve the PayPay-compatible API (`/v2/…`) with these credentials. */
  paypay?: PayPaySimOptions;
  /** Backoff base of webhook retries (full jitter). Default 1000. */
  webhookRetryBaseMs?: number;
  /** Backoff cap of webhook retries. Default 60000. */
  webhookRetryMaxMs?: number;
  /** Attempts before an event is `failed`. Default 25. */
  webhookMaxAttempts?: number;
  /** Timeout of one webhook request. Default 5000. */
  webhookTimeoutMs?: number;
}

/** A running simulator. */
export interface PspSim {
  /** `http://host:port`, without a trailing slash. */
  url: string;
  port: number;
  /** Sets (or clears) where a provider's webhooks go (default the native API's); events written meanwhile wait and go out once set. */
  setWebhookUrl(url: string | undefined, provider?: SimProvider): void;
  /** Stops listening and delivering, ends delayed answers and closes the database pool. */
  close(): Promise<void>;
}

function sha256(s: string): Buffer {
  return createHash('sha256').update(s).digest();
}

/** Constant-time check of `Authorization: Bearer <apiKey>` (hashing equalises lengths). */
function hasApiKey(header: string | undefined, apiKey: string): boolean {
  if (!header?.startsWith('Bearer ')) return false;
  return timingSafeEqual(sha256(header.slice('Bearer '.length)), sha256(apiKey));
}

/** `/v1/payments`, `/v1/payments/…`, `/v1/payments?…` (not `/v1/payment_intents`, Stripe's). */
function isNativeApi(url: string): boolean {
  return /^\/v1\/payments(?:[/?]|$)/.test(url) || url === '/v1' || url === '/v1/';
}

/** Maps any error to the simulator's error body; bad input is never a 500. */
function registerErrorHandling(app: FastifyInstance, log: Logger): void {
  app.setErrorHandler((err: unknown, request, reply) => {
    if (err instanceof SimClosingError) {
      return reply.code(503).send(errorBody('service_unavailable'));
    }
    const e = err as { validation?: unknown; statusCode?: number; code?: string; message?: string };
    if (e.validation) {
      return reply.code(400).send(errorBody('invalid_request', { message: e.message }));
    }
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      const code =
        e.statusCode === 413 ? 'payload_too_large' : e.statusCode === 415 ? 'unsupported_media_type' : 'invalid_request';
      return reply.code(e.statusCode).send(errorBody(code, { message: e.message }));
    }
    log.error({ event: 'sim_request_failed', err, method: request.method, url: request.url }, 'psp-sim request failed');
    return reply.code(500).send(errorBody('internal_error'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('not_found')));
}

function registerParsers(app: FastifyInstance): void {
  // Clients often send `content-type: application/json` with no body on void or
  // capture; Fastify's parser rejects that, ours treats it as "no body".
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    defaultJson(request, text, done);
  });
  // The 3-D Secure page posts an ordinary HTML form.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });
}

/** Builds the simulator's Fastify app (not listening yet). */
export function buildSimApp(ctx: SimContext): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    // Delayed (tok_timeout) and hung answers must not keep close() waiting.
    forceCloseConnections: true,
    // A PSP takes `amount: "100"` as an error, not as 100.
    ajv: { customOptions: { coerceTypes: false, removeAdditional: false } },
  });
  registerParsers(app);
  registerErrorHandling(app, ctx.log);

  // The native API's key; the compatible APIs authenticate in their own scopes, as their PSPs do.
  app.addHook('onRequest', async (request, reply) => {
    if (!isNativeApi(request.url)) return undefined;
    if (hasApiKey(request.headers.authorization, ctx.apiKey)) return undefined;
    return reply.code(401).send(errorBody('unauthorized'));
  });

  // Fault rules that act first and answer an error after (every API, its scopes included).
  app.addHook('onSend', replaceAfterActing);

  // Any request may have committed events (a change, or a lazy settlement on a
  // read): wake the delivery loop. Wakes coalesce, so this costs next to nothing.
  app.addHook('onResponse', async () => ctx.webhooks.wake());

  // One line per request. Headers and bodies are never logged: they carry the
  // API key and card tokens.
  app.addHook('onResponse', async (request, reply) => {
    ctx.log.info(
      {
        reqId: request.id,
        method: request.method,
        url: request.url,
        route: request.routeOptions.url,
        statusCode: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'psp-sim request',
    );
  });

  registerApiRoutes(app, ctx);
  if (ctx.stripe) registerStripeApi(app, ctx, ctx.stripe);
  if (ctx.paypay) registerPayPayApi(app, ctx, ctx.paypay);
  registerAdminRoutes(app, ctx);
  registerPages(app, ctx);
  return app;
}

function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts the simulator: migrates schema `psp_sim`, listens, and returns its URL.
 * All payment state is in Postgres, so a killed simulator restarts where it was.
 */
export async function startPspSim(opts: PspSimOptions): Promise<PspSim> {
  // Unsigned webhooks would teach the receiver to accept anything.
  if (!opts.webhookSecret) throw new Error('psp-sim: webhookSecret is required');
  const log = opts.logger.child({ component: 'psp-sim' });
  const host = opts.host ?? '127.0.0.1';
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
  // Without a listener an idle client's error (database restart) would crash the process.
  pool.on('error', (err) => log.warn({ event: 'sim_db_client_error', err }, 'psp-sim idle database client error'));
  // A checked-out client loses the pool's listener: without its own, a dropped connection
  // mid-transaction would be an unhandled 'error' event and take the whole process down.
  pool.on('connect', (client) => client.on('error', (err) => log.warn({ event: 'sim_db_connection_lost', err }, 'psp-sim database connection lost')));

  const faults = new FaultRules();
  const webhooks = new WebhookDispatcher(pool, log, faults, {
    secret: opts.webhookSecret,
    urls: { ...opts.webhookUrls, ...(opts.webhookUrl ? { 'psp-sim': opts.webhookUrl } : {}) },
    formats: {
      ...(opts.stripe ? { stripe: stripeWebhookFormat(opts.stripe) } : {}),
      ...(opts.paypay ? { paypay: paypayWebhookFormat(opts.paypay) } : {}),
    },
    retryBaseMs: opts.webhookRetryBaseMs ?? WEBHOOK_DEFAULTS.retryBaseMs,
    retryMaxMs: opts.webhookRetryMaxMs ?? WEBHOOK_DEFAULTS.retryMaxMs,
    maxAttempts: opts.webhookMaxAttempts ?? WEBHOOK_DEFAULTS.maxAttempts,
    timeoutMs: opts.webhookTimeoutMs ?? WEBHOOK_DEFAULTS.timeoutMs,
  });
  const ctx: SimContext = {
    pool,
    log,
    faults,
    timers: new PendingTimers(),
    webhooks,
    apiKey: opts.apiKey,
    pendingSettleMs: opts.pendingSettleMs,
    timeoutDelayMs: opts.timeoutDelayMs,
    baseUrl: '',
    ...(opts.stripe ? { stripe: opts.stripe } : {}),
    ...(opts.paypay ? { paypay: opts.paypay } : {}),
  };
  let app: FastifyInstance | undefined;
  try {
    await migratePspSim(pool);
    app = buildSimApp(ctx);
    await app.listen({ port: opts.port, host });
  } catch (err) {
    await app?.close().catch(() => undefined);
    await pool.end().catch(() => undefined);
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  ctx.baseUrl = `http://${urlHost(host)}:${port}`;
  log.info({ url: ctx.baseUrl }, 'psp-sim listening');
  webhooks.start();

  const server = app;
  let closing: Promise<void> | undefined;
  const close = async (): Promise<void> => {
    ctx.timers.closeAll();
    // Before the pool ends: aborted deliveries give their events back.
    await webhooks.close();
    await server.close();
    await pool.end();
    log.info('psp-sim closed');
  };
  return {
    url: ctx.baseUrl,
    port,
    setWebhookUrl: (url, provider) => webhooks.setUrl(url, provider),
    close: () => (closing ??= close()),
  };
}
