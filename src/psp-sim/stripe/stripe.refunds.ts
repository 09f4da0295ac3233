import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { getPayment, refundPayment } from '../sim.repository.ts';
import { invalidRequest, resourceMissing } from './stripe.errors.ts';
import { chargeId, paymentIntentJson, refundJson } from './stripe.objects.ts';
import { amountParam, enumParam, expandParam, metadataParam, onlyKnown, stringParam, StripeParamError } from './stripe.params.ts';
import type { StripeRouteKit } from './stripe.routes.ts';
import { idempotent, paramsOf, saved, sendAnswer } from './stripe.scope.ts';

/**
 * `POST /v1/refunds` (https://docs.stripe.com/api/refunds/create) by
 * `payment_intent` (or its `charge`), full or partial. The Refund object is not
 * stored on its own: its only copy is the saved idempotent answer, which is all
 * a retry needs.
 */
export function registerRefunds(scope: FastifyInstance, kit: StripeRouteKit): void {
  const { ctx } = kit;
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
    const expand = expandParam(params, ['charge', 'payment_intent', 'payment_intent.latest_charge']);

    const answer = await idempotent(ctx, request, reply, 'POST /v1/refunds', params, async (tx) => {
      const p = await getPayment(tx, id, true, 'stripe');
      if (!p) return saved(byIntent ? resourceMissing('payment_intent', id, 'payment_intent') : resourceMissing('charge', byCharge as string, 'charge'));
      const intent = paymentIntentJson(kit.source(p));
      if (p.status === 'refunded') {
        return saved(invalidRequest(`Charge ${chargeId(p.id)} has already been refunded.`, { code: 'charge_already_refunded', payment_intent: intent }));
      }
      if (p.status !== 'captured') {
        return saved(invalidRequest('This PaymentIntent does not have a successful charge to refund.', { code: 'payment_intent_unexpected_state', payment_intent: intent }));
      }
      const left = p.capturedAmount - p.refundedAmount;
      const amount = requested ?? left;
      if (amount > left) {
        return saved(invalidRequest(`Refund amount (¥${amount}) is greater than unrefunded amount on charge (¥${left})`, { code: 'amount_too_large', param: 'amount' }));
      }
      const refunded = await refundPayment(tx, p.id, amount);
      if (!refunded) return saved(invalidRequest('The refund could not be made.', { code: 'amount_too_large', param: 'amount' }));
      const refund = { id: `re_${randomBytes(12).toString('hex')}`, amount, created: Math.floor(Date.now() / 1000), reason, metadata };
      return saved({ status: 200, body: refundJson(refund, kit.source(refunded), expand) });
    });
    return sendAnswer(reply, answer);
  });
}
