import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { takenFault } from '../sim.faults.ts';
import { createRefund, getRefund } from '../sim.refunds.repository.ts';
import { getPayment } from '../sim.repository.ts';
import { refundable, toRefundJson, type Payment, type Refund } from '../sim.types.ts';
import { invalidRequest, resourceMissing } from './stripe.errors.ts';
import { chargeId, paymentIntentJson, refundJson } from './stripe.objects.ts';
import { amountParam, enumParam, expandParam, metadataParam, onlyKnown, stringParam, StripeParamError } from './stripe.params.ts';
import type { StripeRouteKit } from './stripe.routes.ts';
import { idempotent, paramsOf, saved, sendAnswer } from './stripe.scope.ts';

/**
 * Refunds (https://docs.stripe.com/api/refunds): create by `payment_intent`
 * (or its `charge`), full or partial; retrieve one; list a PaymentIntent's.
 * Each is a record of its own with Stripe's statuses: `pending` (a refund
 * fault rule's `settle`), then `succeeded` or `failed` with `failure_reason`.
 */

const REFUND_EXPANDS = ['charge', 'payment_intent', 'payment_intent.latest_charge', 'payment_intent.latest_charge.refunds'];

export function registerRefunds(scope: FastifyInstance, kit: StripeRouteKit): void {
  const { ctx } = kit;
  const render = (r: Refund, p: Payment, expand: ReadonlySet<string> = new Set()) => refundJson({ ...toRefundJson(r), meta: r.meta }, kit.source(p), expand);

  scope.post('/v1/refunds', { onRequest: kit.faults('refund') }, async (request, reply) => {
    const params = paramsOf(request);
    onlyKnown(params, ['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand']);
    const byIntent = stringParam(params, 'payment_intent', false, 255);
    const byCharge = stringParam(params, 'charge', false, 255);
    if (!byIntent && !byCharge) {
      throw new StripeParamError(invalidRequest('One of `charge` or `payment_intent` is required.', { code: 'parameter_missing', param: 'payment_intent' }));
    }
    const id = byIntent ?? `pi_${(byCharge as string).replace(/^ch_/, '')}`;
    const requested = amountParam(params, 'amount', false);
    const reason = enumParam(params, 'reason', ['duplicate', 'fraudulent', 'requested_by_customer']) ?? null;
    const metadata = metadataParam(params);
    const expand = expandParam(params, REFUND_EXPANDS);
    const settle = takenFault(request)?.settle;
    const key = request.headers['idempotency-key'];

    const answer = await idempotent(ctx, request, reply, 'POST /v1/refunds', params, async (tx) => {
      const p = await getPayment(tx, id, true, 'stripe');
      if (!p) return saved(byIntent ? resourceMissing('payment_intent', id, 'payment_intent') : resourceMissing('charge', byCharge as string, 'charge'));
      const intent = paymentIntentJson(kit.source(p));
      // Pending refunds are spoken for: a charge whose every yen is refunded or being refunded is "already refunded".
      const left = refundable(p);
      if (p.status === 'refunded' || (p.status === 'captured' && left <= 0)) {
        return saved(invalidRequest(`Charge ${chargeId(p.id)} has already been refunded.`, { code: 'charge_already_refunded', payment_intent: intent }));
      }
      if (p.status !== 'captured') {
        return saved(invalidRequest('This PaymentIntent does not have a successful charge to refund.', { code: 'payment_intent_unexpected_state', payment_intent: intent }));
      }
      const amount = requested ?? left;
      if (amount > left) {
        return saved(invalidRequest(`Refund amount (¥${amount}) is greater than unrefunded amount on charge (¥${left})`, { code: 'amount_too_large', param: 'amount' }));
      }
      const made = await createRefund(tx, p, {
        id: `re_${randomBytes(12).toString('hex')}`,
        amount,
        idempotencyKey: typeof key === 'string' && key !== '' ? key : null,
        meta: { reason, metadata },
        ...(settle ? { settle } : {}),
      });
      if (!made) return saved(invalidRequest('The refund could not be made.', { code: 'amount_too_large', param: 'amount' }));
      return saved({ status: 200, body: render(made.refund, made.payment, expand) });
    });
    return sendAnswer(reply, answer);
  });

  scope.get<{ Params: { id: string } }>('/v1/refunds/:id', { onRequest: kit.faults('get') }, async (request, reply) => {
    const params = paramsOf(request);
    onlyKnown(params, ['expand']);
    const expand = expandParam(params, REFUND_EXPANDS);
    const found = await getRefund(ctx.pool, request.params.id, 'stripe');
    if (!found) return sendAnswer(reply, resourceMissing('refund', request.params.id, 'refund'));
    return reply.send(render(found.refund, found.payment, expand));
  });

  // A PaymentIntent's refunds, newest first, for what a charge's embedded list (10 at most) leaves out.
  scope.get('/v1/refunds', { onRequest: kit.faults('find') }, async (request, reply) => {
    const params = paramsOf(request);
    onlyKnown(params, ['payment_intent', 'charge', 'limit', 'starting_after', 'ending_before', 'expand']);
    const byIntent = stringParam(params, 'payment_intent', false, 255);
    const byCharge = stringParam(params, 'charge', false, 255);
    if (!byIntent && !byCharge) return sendAnswer(reply, invalidRequest('The simulator lists refunds of one `payment_intent` or `charge` only.', { param: 'payment_intent' }));
    const limitText = stringParam(params, 'limit') ?? '10';
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 100)) return sendAnswer(reply, invalidRequest('Invalid limit: must be between 1 and 100', { param: 'limit' }));
    const expand = expandParam(params, REFUND_EXPANDS.map((e) => `data.${e}`));
    const p = await getPayment(ctx.pool, byIntent ?? `pi_${(byCharge as string).replace(/^ch_/, '')}`, false, 'stripe');
    const newestFirst = [...(p?.refunds ?? [])].reverse();
    const startingAfter = stringParam(params, 'starting_after', false, 255);
    const endingBefore = stringParam(params, 'ending_before', false, 255);
    const at = (rid: string | undefined) => (rid === undefined ? -1 : newestFirst.findIndex((r) => r.id === rid));
    if ((startingAfter && at(startingAfter) < 0) || (endingBefore && at(endingBefore) < 0)) {
      return sendAnswer(reply, invalidRequest(`No such refund: '${startingAfter ?? endingBefore}'`, { code: 'resource_missing', param: startingAfter ? 'starting_after' : 'ending_before' }));
    }
    const from = startingAfter ? at(startingAfter) + 1 : endingBefore ? Math.max(0, at(endingBefore) - limit) : 0;
    const to = endingBefore ? at(endingBefore) : from + limit;
    const page = newestFirst.slice(from, to);
    const childExpand = new Set([...expand].map((e) => e.slice('data.'.length)));
    return reply.send({
      object: 'list',
      data: p ? page.map((r) => render(r, p, childExpand)) : [],
      has_more: endingBefore ? from > 0 : to < newestFirst.length,
      url: '/v1/refunds',
    });
  });
}
