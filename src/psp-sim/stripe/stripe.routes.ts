import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { SimContext } from '../sim.context.ts';
import { faultHook, type FaultOperation } from '../sim.faults.ts';
import type { Outcome } from '../sim.idempotency.ts';
import { capturePayment, getPayment, insertPayment, setMeta, voidPayment } from '../sim.repository.ts';
import { toPaymentJson, toRefundJson, type Payment } from '../sim.types.ts';
import { readCreate } from './stripe.create.ts';
import { apiError, cardDeclined, injectedError, invalidRequest, resourceMissing } from './stripe.errors.ts';
import type { FormParams } from './stripe.form.ts';
import { paymentIntentJson, paymentIntentStatus, type Expand, type StripeSource } from './stripe.objects.ts';
import type { StripeSimOptions } from './stripe.options.ts';
import { amountParam, enumParam, expandParam, onlyKnown } from './stripe.params.ts';
import { registerList } from './stripe.list.routes.ts';
import { registerRefunds } from './stripe.refunds.ts';
import { registerSearch } from './stripe.search.routes.ts';
import { idempotent, paramsOf, saved, sendAnswer, setUpStripeScope } from './stripe.scope.ts';

/**
 * The Stripe-compatible subset orderly uses (https://docs.stripe.com/api/payment_intents):
 * create (confirm + manual capture), retrieve, capture, cancel, search, list,
 * and refunds — same paths, form encoding, objects, statuses, errors and
 * idempotency as Stripe, over the simulator's one payment store.
 */

interface IdParams {
  id: string;
}

/** What a PaymentIntent answer can inline: its latest charge, and that charge's refunds with their statuses. */
export const CHARGE_EXPANDS = ['latest_charge', 'latest_charge.refunds'] as const;

/** Helpers every Stripe route shares. */
export interface StripeRouteKit {
  ctx: SimContext;
  /** `faultHook` for an operation, rendering injected errors as Stripe's. */
  faults: (op: Exclude<FaultOperation, 'webhook'>) => ReturnType<typeof faultHook>;
  /** A payment as its Stripe source (the API's buyer link included). */
  source: (p: Payment) => StripeSource;
}

/** Registers the Stripe-compatible API in its own scope (own auth, parser and error shapes). */
export function registerStripeApi(app: FastifyInstance, ctx: SimContext, opts: StripeSimOptions): void {
  app.register(async (scope) => {
    setUpStripeScope(scope, ctx, opts);
    const kit: StripeRouteKit = {
      ctx,
      faults: (op) => faultHook(op, ctx.faults, ctx.timers, 'stripe', injectedError),
      source: (p) => ({ payment: toPaymentJson(p, ctx.baseUrl), meta: p.meta, refunds: p.refunds.map((r) => ({ ...toRefundJson(r), meta: r.meta })) }),
    };
    registerPaymentIntents(scope, kit);
    registerSearch(scope, kit);
    registerList(scope, kit);
    registerRefunds(scope, kit);
  });
}

function registerPaymentIntents(scope: FastifyInstance, kit: StripeRouteKit): void {
  const { ctx } = kit;
  const ok = (p: Payment, expand: Expand): Outcome => saved({ status: 200, body: paymentIntentJson(kit.source(p), expand) });
  const missing = (id: string): Outcome => saved(resourceMissing('payment_intent', id, 'intent'));
  /** Stripe's answer to an operation the PaymentIntent's status does not allow; carries the PaymentIntent. */
  const unexpectedState = (p: Payment, message: string): Outcome =>
    saved(invalidRequest(message, { code: 'payment_intent_unexpected_state', payment_intent: paymentIntentJson(kit.source(p)) }));

  /** Locks the PaymentIntent and lets `act` decide, under the request's idempotency key. */
  async function changeState(
    request: FastifyRequest<{ Params: IdParams }>,
    reply: FastifyReply,
    operation: string,
    params: FormParams,
    act: (tx: pg.PoolClient, p: Payment) => Promise<Outcome>,
  ): Promise<FastifyReply> {
    const { id } = request.params;
    const answer = await idempotent(ctx, request, reply, `POST /v1/payment_intents/${id}/${operation}`, params, async (tx) => {
      // Row lock: concurrent captures / cancels of one PaymentIntent run one after the other.
      const p = await getPayment(tx, id, true, 'stripe');
      return p ? act(tx, p) : missing(id);
    });
    return sendAnswer(reply, answer);
  }

  scope.post('/v1/payment_intents', { onRequest: kit.faults('authorize') }, async (request, reply) => {
    const params = paramsOf(request);
    const create = readCreate(params, ctx);
    if (create.kind === 'unavailable') return sendAnswer(reply, apiError(503));
    const key = request.headers['idempotency-key'];
    let answerDelayMs = 0;
    const answer = await idempotent(ctx, request, reply, 'POST /v1/payment_intents', params, async (tx) => {
      const payment = await insertPayment(tx, create.payment(typeof key === 'string' ? key : ''), ctx.baseUrl);
      answerDelayMs = create.plan.answerDelayMs;
      const intent = paymentIntentJson(kit.source(payment), create.expand);
      // A decline is a 402 card_error carrying the PaymentIntent (requires_payment_method).
      if (payment.status === 'declined') return saved(cardDeclined(payment.declineCode ?? 'generic_decline', intent));
      return saved({ status: 200, body: intent });
    });
    // The creation event is committed: send it now, not after a tok_timeout delay.
    ctx.webhooks.wake();
    // tok_timeout: the PaymentIntent and its saved answer are committed; only this first answer is late.
    if (answerDelayMs > 0) await ctx.timers.wait(answerDelayMs);
    return sendAnswer(reply, answer);
  });

  scope.get<{ Params: IdParams }>('/v1/payment_intents/:id', { onRequest: kit.faults('get') }, async (request, reply) => {
    const params = paramsOf(request);
    onlyKnown(params, ['expand', 'client_secret']);
    const expand = expandParam(params, CHARGE_EXPANDS);
    const p = await getPayment(ctx.pool, request.params.id, false, 'stripe');
    if (!p) return sendAnswer(reply, resourceMissing('payment_intent', request.params.id, 'intent'));
    return reply.send(paymentIntentJson(kit.source(p), expand));
  });

  scope.post<{ Params: IdParams }>('/v1/payment_intents/:id/capture', { onRequest: kit.faults('capture') }, (request, reply) => {
    const params = paramsOf(request);
    onlyKnown(params, ['amount_to_capture', 'expand']);
    const requested = amountParam(params, 'amount_to_capture', false);
    const expand = expandParam(params, CHARGE_EXPANDS);
    return changeState(request, reply, 'capture', params, async (tx, p) => {
      if (p.status !== 'authorized') {
        return unexpectedState(
          p,
          `This PaymentIntent could not be captured because it has a status of ${paymentIntentStatus(p.status)}. Only a PaymentIntent with one of the following statuses may be captured: requires_capture.`,
        );
      }
      const amount = requested ?? p.authorizedAmount;
      if (amount > p.authorizedAmount) {
        return saved(invalidRequest(`amount_to_capture must be less than or equal to the PaymentIntent's amount_capturable (${p.authorizedAmount}).`, { code: 'amount_too_large', param: 'amount_to_capture' }));
      }
      const captured = await capturePayment(tx, p.id, amount);
      return captured ? ok(captured, expand) : unexpectedState(p, 'This PaymentIntent could not be captured.');
    });
  });

  scope.post<{ Params: IdParams }>('/v1/payment_intents/:id/cancel', { onRequest: kit.faults('void') }, (request, reply) => {
    const params = paramsOf(request);
    onlyKnown(params, ['cancellation_reason', 'expand']);
    const reason = enumParam(params, 'cancellation_reason', ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned']);
    const expand = expandParam(params, CHARGE_EXPANDS);
    return changeState(request, reply, 'cancel', params, async (tx, p) => {
      if (p.status !== 'authorized' && p.status !== 'requires_action') {
        return unexpectedState(
          p,
          `You cannot cancel this PaymentIntent because it has a status of ${paymentIntentStatus(p.status)}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
        );
      }
      // Before the change, so the canceled event carries them (events snapshot `meta`).
      await setMeta(tx, p.id, { canceled_at: Math.floor(Date.now() / 1000), cancellation_reason: reason ?? 'requested_by_customer' });
      const voided = await voidPayment(tx, p.id);
      return voided ? ok(voided, expand) : unexpectedState(p, 'This PaymentIntent could not be canceled.');
    });
  });
}
