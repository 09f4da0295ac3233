import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { SimContext } from './sim.context.ts';
import { faultHook, takenFault } from './sim.faults.ts';
import { runIdempotent, type Outcome } from './sim.idempotency.ts';
import {
  capturePayment,
  findPayments,
  getPayment,
  insertPayment,
  voidPayment,
} from './sim.repository.ts';
import { createRefund } from './sim.refunds.repository.ts';
import {
  captureSchema,
  createPaymentSchema,
  findSchema,
  refundSchema,
  type CaptureBody,
  type CreatePaymentBody,
  type FindQuery,
  type IdParams,
  type RefundBody,
} from './sim.schemas.ts';
import { isListQuery, listPage } from './sim.list.ts';
import { planAuthorization, planPayPay } from './sim.tokens.ts';
import { errorBody, toPaymentJson, type Payment } from './sim.types.ts';

/** preValidation hook: every POST under /v1 needs an `Idempotency-Key` of 1–255 characters. */
async function requireIdempotencyKey(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  const key = request.headers['idempotency-key'];
  if (typeof key === 'string' && key.length >= 1 && key.length <= 255) return undefined;
  return reply.code(400).send(errorBody('idempotency_key_missing', { message: 'Idempotency-Key header (1-255 characters) is required' }));
}

function idempotencyKeyOf(request: FastifyRequest): string {
  // requireIdempotencyKey has already guaranteed a string.
  return String(request.headers['idempotency-key']);
}

/**
 * A state conflict is not stored under the idempotency key: it changed nothing,
 * and a retry with the same key must be able to succeed once the payment moves
 * on (e.g. a capture or void retried until a `processing` charge settles).
 */
function conflict(code: string, extra: Record<string, unknown> = {}): Outcome {
  return { status: 409, body: errorBody(code, extra), store: false };
}

function stateConflict(p: Payment): Outcome {
  if (p.status === 'processing') return conflict('payment_processing');
  return conflict('invalid_state', { status: p.status });
}

/** Registers the PSP API: `/v1/payments…`. Authentication is a global hook in the server. */
export function registerApiRoutes(app: FastifyInstance, ctx: SimContext): void {
  const ok = (p: Payment, status = 200): Outcome => ({ status, body: toPaymentJson(p, ctx.baseUrl), store: true });
  const notFound: Outcome = { status: 404, body: errorBody('not_found'), store: true };

  /** Shared shape of capture / void / refund: lock the payment, let `act` decide, store the answer. */
  async function changeState(
    request: FastifyRequest<{ Params: IdParams }>,
    reply: FastifyReply,
    operation: string,
    body: unknown,
    act: (tx: pg.PoolClient, p: Payment) => Promise<Outcome>,
  ): Promise<FastifyReply> {
    const { id } = request.params;
    const endpoint = `POST /v1/payments/${id}/${operation}`;
    const answer = await runIdempotent(ctx.pool, idempotencyKeyOf(request), endpoint, body, async (tx) => {
      // Row lock: concurrent captures/voids of one payment run one after the other.
      const p = await getPayment(tx, id, true, 'psp-sim');
      return p ? act(tx, p) : notFound;
    });
    return reply.code(answer.status).send(answer.body);
  }

  app.post<{ Body: CreatePaymentBody }>(
    '/v1/payments',
    {
      schema: createPaymentSchema,
      onRequest: faultHook('authorize', ctx.faults, ctx.timers),
      preValidation: requireIdempotencyKey,
    },
    async (request, reply) => {
      const key = idempotencyKeyOf(request);
      const body = request.body;
      let answerDelayMs = 0;
      const source = body.source;
      const answer = await runIdempotent(ctx.pool, key, 'POST /v1/payments', body, async (tx) => {
        const plan = source.type === 'paypay' ? planPayPay() : planAuthorization(source.token, ctx);
        if (plan.kind === 'unavailable') {
          return { status: 503, body: errorBody('service_unavailable'), store: false };
        }
        if (plan.kind === 'invalid_token') {
          return { status: 400, body: errorBody('invalid_token'), store: true };
        }
        const payment = await insertPayment(
          tx,
          {
            reference: body.reference,
            idempotencyKey: key,
            amount: body.amount,
            currency: body.currency,
            method: source.type,
            token: source.type === 'paypay' ? 'paypay' : source.token,
            status: plan.status,
            declineCode: plan.declineCode,
            settleAfterMs: plan.settleAfterMs,
          },
          ctx.baseUrl,
        );
        answerDelayMs = plan.answerDelayMs;
        return ok(payment, 201);
      });
      // The creation event is committed: send it now, not after a tok_timeout delay.
      ctx.webhooks.wake();
      // tok_timeout: the payment and its stored answer are committed already; only
      // this first answer is late (a replay answers at once).
      if (answerDelayMs > 0 && answer.status === 201) await ctx.timers.wait(answerDelayMs);
      return reply.code(answer.status).send(answer.body);
    },
  );

  app.post<{ Params: IdParams; Body: CaptureBody | null | undefined }>(
    '/v1/payments/:id/capture',
    {
      schema: captureSchema,
      onRequest: faultHook('capture', ctx.faults, ctx.timers),
      preValidation: requireIdempotencyKey,
    },
    (request, reply) => {
      const requested = request.body?.amount;
      return changeState(request, reply, 'capture', request.body ?? {}, async (tx, p) => {
        if (p.status === 'captured') return ok(p);
        if (p.status !== 'authorized') return stateConflict(p);
        const amount = requested ?? p.amount;
        if (amount > p.amount) {
          return {
            status: 400,
            body: errorBody('invalid_request', { message: 'amount must not exceed the authorized amount' }),
            store: true,
          };
        }
        const captured = await capturePayment(tx, p.id, amount);
        return captured ? ok(captured) : stateConflict(p);
      });
    },
  );

  app.post<{ Params: IdParams }>(
    '/v1/payments/:id/void',
    { onRequest: faultHook('void', ctx.faults, ctx.timers), preValidation: requireIdempotencyKey },
    (request, reply) =>
      changeState(request, reply, 'void', request.body ?? {}, async (tx, p) => {
        if (p.status === 'voided') return ok(p);
        if (p.status !== 'authorized' && p.status !== 'requires_action') return stateConflict(p);
        const voided = await voidPayment(tx, p.id);
        return voided ? ok(voided) : stateConflict(p);
      }),
  );

  app.post<{ Params: IdParams; Body: RefundBody }>(
    '/v1/payments/:id/refund',
    {
      schema: refundSchema,
      onRequest: faultHook('refund', ctx.faults, ctx.timers),
      preValidation: requireIdempotencyKey,
    },
    (request, reply) => {
      const { amount } = request.body;
      const settle = takenFault(request)?.settle;
      return changeState(request, reply, 'refund', request.body, async (tx, p) => {
        if (p.status !== 'captured' && p.status !== 'refunded') return stateConflict(p);
        // Pending refunds count against what is left: they may yet succeed.
        const made = await createRefund(tx, p, { amount, idempotencyKey: idempotencyKeyOf(request), ...(settle ? { settle } : {}) });
        // The payment with every refund: the one just made is found by this request's Idempotency-Key.
        return made ? ok(made.payment) : conflict('refund_exceeds_captured');
      });
    },
  );

  app.get<{ Params: IdParams }>(
    '/v1/payments/:id',
    { onRequest: faultHook('get', ctx.faults, ctx.timers) },
    async (request, reply) => {
      const p = await getPayment(ctx.pool, request.params.id, false, 'psp-sim');
      if (!p) return reply.code(404).send(errorBody('not_found'));
      return reply.send(toPaymentJson(p, ctx.baseUrl));
    },
  );

  const findFaults = faultHook('find', ctx.faults, ctx.timers);
  const listFaults = faultHook('list', ctx.faults, ctx.timers);
  app.get<{ Querystring: FindQuery }>(
    '/v1/payments',
    {
      schema: findSchema,
      // The query is parsed before onRequest: a listing meets the `list` rules, a lookup the `find` ones.
      onRequest: (request, reply) => (isListQuery(request.query as FindQuery) ? listFaults : findFaults)(request, reply),
    },
    async (request, reply) => {
      if (isListQuery(request.query)) {
        const page = await listPage(ctx, request.query);
        return reply.code(page.status).send(page.body);
      }
      const { reference, idempotencyKey } = request.query;
      if (reference === undefined && idempotencyKey === undefined) {
        return reply
          .code(400)
          .send(errorBody('invalid_request', { message: 'reference or idempotencyKey is required' }));
      }
      const payments = await findPayments(ctx.pool, { reference, idempotencyKey, provider: 'psp-sim' });
      return reply.send({ payments: payments.map((p) => toPaymentJson(p, ctx.baseUrl)) });
    },
  );
}
