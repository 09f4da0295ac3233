import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { SimContext } from '../sim.context.ts';
import { runIdempotent, type Answer, type Outcome } from '../sim.idempotency.ts';
import { withTransaction } from '../sim.repository.ts';
import { SimClosingError } from '../sim.timers.ts';
import {
  apiError,
  idempotencyInProgress,
  idempotencyMismatch,
  invalidRequest,
  unauthorized,
  type StripeErrorAnswer,
} from './stripe.errors.ts';
import { FormError, parseStripeForm, type FormParams } from './stripe.form.ts';
import { STRIPE_API_VERSION } from './stripe.objects.ts';
import type { StripeSimOptions } from './stripe.options.ts';
import { StripeParamError } from './stripe.params.ts';

/**
 * The plumbing of the Stripe-compatible scope: its own authentication, form
 * parser, error rendering and Stripe's idempotency semantics
 * (https://docs.stripe.com/api/idempotent_requests). Registered inside an
 * encapsulated Fastify scope, so none of it touches the native API.
 */

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();

/** The key from `Authorization: Bearer <key>` (the SDKs) or `Basic base64(<key>:)` (`curl -u sk_…:`). */
function presentedKey(header: string | undefined): string | undefined {
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  if (header?.startsWith('Basic ')) return Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8').split(':')[0];
  return undefined;
}

/** Constant-time: both sides are hashed first, so lengths never differ. */
export function hasSecretKey(header: string | undefined, secretKey: string): boolean {
  const key = presentedKey(header);
  return key !== undefined && timingSafeEqual(sha256(key), sha256(secretKey));
}

export function sendAnswer(reply: FastifyReply, answer: Answer): FastifyReply {
  return reply.code(answer.status).send(answer.body);
}

/** The request's parameters: the parsed form body (POST) or the bracket-notation query string (GET). */
export function paramsOf(request: FastifyRequest): FormParams {
  if (request.method === 'GET') {
    const q = request.url.indexOf('?');
    return q < 0 ? {} : parseStripeForm(request.url.slice(q + 1));
  }
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as FormParams) : {};
}

/** Sets up the scope: parser, auth hook, Stripe's response headers, error rendering. */
export function setUpStripeScope(scope: FastifyInstance, ctx: SimContext, opts: StripeSimOptions): void {
  // Stripe's v1 API is form-encoded with bracket notation; the app-wide parser flattens it.
  scope.removeContentTypeParser('application/x-www-form-urlencoded');
  scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseStripeForm(String(body)));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  scope.addHook('onRequest', async (request, reply) => {
    reply.header('request-id', `req_${randomBytes(7).toString('hex')}`);
    const version = request.headers['stripe-version'];
    reply.header('stripe-version', typeof version === 'string' && version ? version : STRIPE_API_VERSION);
    if (hasSecretKey(request.headers.authorization, opts.secretKey)) return undefined;
    return sendAnswer(reply, unauthorized());
  });

  scope.setErrorHandler((err: unknown, request, reply) => {
    if (err instanceof StripeParamError) return sendAnswer(reply, err.answer);
    if (err instanceof FormError) return sendAnswer(reply, invalidRequest(err.message, err.param ? { param: err.param } : {}));
    if (err instanceof SimClosingError) return sendAnswer(reply, apiError(503));
    const e = err as { statusCode?: number; message?: string };
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      return sendAnswer(reply, invalidRequest(e.message ?? 'Invalid request', {}, e.statusCode));
    }
    ctx.log.error({ event: 'sim_request_failed', err, method: request.method, route: request.routeOptions.url }, 'psp-sim stripe request failed');
    return sendAnswer(reply, apiError(500));
  });
}

// The native idempotency layer's own answers, recognised to be re-rendered Stripe's way.
const NATIVE_REUSED = 'idempotency_key_reused';
const NATIVE_IN_PROGRESS = 'idempotency_in_progress';

/**
 * Runs a POST's work under Stripe's idempotency rules: the first request with a
 * key runs and its answer (success or error) is saved with its changes in one
 * transaction; the same key and parameters replay that answer with
 * `Idempotent-Replayed: true`; other parameters are a 400 `idempotency_error`;
 * a key whose first request is still running is a 409. Keys are prefixed
 * `stripe:` so they never meet the native API's or PayPay's. Without a key the
 * work simply runs once. Returns the answer to send (headers already set).
 */
export async function idempotent(
  ctx: SimContext,
  request: FastifyRequest,
  reply: FastifyReply,
  endpoint: string,
  params: FormParams,
  work: (tx: pg.PoolClient) => Promise<Outcome>,
): Promise<Answer> {
  const raw = request.headers['idempotency-key'];
  const key = typeof raw === 'string' && raw !== '' ? raw : undefined;
  if (key === undefined) {
    const { status, body } = await withTransaction(ctx.pool, work);
    return { status, body };
  }
  if (key.length > 255) return invalidRequest('Idempotency-Key must be at most 255 characters long.', { param: 'Idempotency-Key' });
  let ran = false;
  const answer = await runIdempotent(ctx.pool, `stripe:${key}`, endpoint, params, (tx) => {
    ran = true;
    return work(tx);
  });
  reply.header('idempotency-key', key);
  const code = (answer.body as { error?: { code?: unknown } } | null)?.error?.code;
  if (code === NATIVE_REUSED) return idempotencyMismatch(key);
  if (code === NATIVE_IN_PROGRESS) return idempotencyInProgress();
  if (!ran) reply.header('idempotent-replayed', 'true');
  return answer;
}

/** An answer to save under the key (Stripe saves every result once the endpoint has started). */
export const saved = (answer: StripeErrorAnswer | Answer): Outcome => ({ ...answer, store: true });
