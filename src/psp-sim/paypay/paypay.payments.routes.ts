import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../sim.context.ts';
import { takenFault } from '../sim.faults.ts';
import { createRefund } from '../sim.refunds.repository.ts';
import { capturePayment, setMeta, voidPayment, withTransaction } from '../sim.repository.ts';
import { refundable } from '../sim.types.ts';
import { idempotent, refused, stored } from './paypay.idempotency.ts';
import {
  authorizedAt,
  byMerchantPaymentId,
  byPaymentId,
  metaOf,
  paymentDetails,
  refundRecord,
  type CaptureRecord,
  type PayPayRefundMeta,
} from './paypay.repository.ts';
import {
  captureSchema,
  merchantPaymentIdParams,
  refundDetailsSchema,
  refundSchema,
  revertSchema,
  type CaptureBody,
  type MerchantPaymentIdParams,
  type RefundBody,
  type RefundDetailsRequest,
  type RevertBody,
} from './paypay.schemas.ts';
import { paypayFaults, send } from './paypay.scope.ts';
import { answer } from './paypay.wire.ts';

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Cancel, capture, revert, refund and refund details (CREATED → REFUNDED, or REFUND_FAILED). */
export function registerPaymentRoutes(scope: FastifyInstance, ctx: SimContext): void {
  // "Cancel a payment": for a payment whose outcome the merchant could not learn. Accepted
  // before payment too (PayPay then cancels the payment the moment the buyer pays);
  // AUTHORIZED → FAILED, no notification. Asynchronous at PayPay: 202.
  scope.delete<{ Params: MerchantPaymentIdParams }>(
    '/v2/payments/:merchantPaymentId',
    { schema: merchantPaymentIdParams, onRequest: paypayFaults(ctx, 'void') },
    async (request, reply) => {
      const a = await withTransaction(ctx.pool, async (tx) => {
        const p = await byMerchantPaymentId(tx, request.params.merchantPaymentId, true);
        if (p && (p.status === 'captured' || p.status === 'refunded')) return answer('ORDER_NOT_REVERSIBLE');
        if (p && (p.status === 'requires_action' || p.status === 'authorized')) {
          await setMeta(tx, p.id, { canceled: true });
          await voidPayment(tx, p.id);
        }
        return answer('REQUEST_ACCEPTED');
      });
      return send(reply, a);
    },
  );

  scope.post<{ Body: CaptureBody }>(
    '/v2/payments/capture',
    { schema: captureSchema, onRequest: paypayFaults(ctx, 'capture') },
    async (request, reply) => {
      const b = request.body;
      const key = `capture:${b.merchantPaymentId}:${b.merchantCaptureId}`;
      const a = await idempotent(ctx, key, 'POST /v2/payments/capture', { ...b }, 'INVALID_REQUEST_PARAMS', async (tx) => {
        const p = await byMerchantPaymentId(tx, b.merchantPaymentId, true);
        if (!p) return refused('RESOURCE_NOT_FOUND');
        if (p.status === 'captured' || p.status === 'refunded') return refused('ALREADY_CAPTURED');
        if (p.status !== 'authorized') return refused('ORDER_NOT_CAPTURABLE');
        if (b.amount.currency !== p.currency) return refused('INVALID_REQUEST_PARAMS');
        // A higher capture needs the buyer's consent in the app, which the simulator does not play.
        if (b.amount.amount > p.amount) return refused('HIGHER_CAPTURE_NOT_PERMITTED');
        const at = await authorizedAt(tx, p);
        const record: CaptureRecord = {
          acceptedAt: nowSeconds(),
          merchantCaptureId: b.merchantCaptureId,
          amount: b.amount,
          orderDescription: b.orderDescription,
          requestedAt: b.requestedAt,
          status: 'COMPLETED',
        };
        await setMeta(tx, p.id, { captures: [...(metaOf(p).captures ?? []), record] });
        const captured = await capturePayment(tx, p.id, b.amount.amount);
        if (!captured) return refused('ORDER_NOT_CAPTURABLE');
        return stored(answer('SUCCESS', paymentDetails(captured, at)));
      });
      return send(reply, a);
    },
  );

  scope.post<{ Body: RevertBody }>(
    '/v2/payments/preauthorize/revert',
    { schema: revertSchema, onRequest: paypayFaults(ctx, 'void') },
    async (request, reply) => {
      const b = request.body;
      const key = `revert:${b.paymentId}:${b.merchantRevertId}`;
      const a = await idempotent(ctx, key, 'POST /v2/payments/preauthorize/revert', { ...b }, 'INVALID_REQUEST_PARAMS', async (tx) => {
        const p = await byPaymentId(tx, b.paymentId, true);
        if (!p) return refused('RESOURCE_NOT_FOUND');
        if (p.status !== 'authorized') return refused('ORDER_NOT_CANCELABLE');
        await authorizedAt(tx, p);
        const revert = { acceptedAt: nowSeconds(), merchantRevertId: b.merchantRevertId, requestedAt: b.requestedAt, reason: b.reason ?? null };
        // Meta first: the void's event carries it.
        await setMeta(tx, p.id, { revert });
        if (!(await voidPayment(tx, p.id))) return refused('ORDER_NOT_CANCELABLE');
        return stored(answer('SUCCESS', { status: 'CANCELED', acceptedAt: revert.acceptedAt, paymentId: p.id, requestedAt: b.requestedAt, reason: revert.reason }));
      });
      return send(reply, a);
    },
  );

  scope.post<{ Body: RefundBody }>('/v2/refunds', { schema: refundSchema, onRequest: paypayFaults(ctx, 'refund') }, async (request, reply) => {
    const b = request.body;
    const settle = takenFault(request)?.settle;
    // PayPay keys a refund by merchant, merchantRefundId and paymentId.
    const key = `refund:${b.paymentId}:${b.merchantRefundId}`;
    const a = await idempotent(ctx, key, 'POST /v2/refunds', { ...b }, 'INVALID_REQUEST_PARAMS', async (tx) => {
      const p = await byPaymentId(tx, b.paymentId, true);
      if (!p) return refused('RESOURCE_NOT_FOUND');
      if (p.status !== 'captured' && p.status !== 'refunded') return refused('UNACCEPTABLE_OP');
      if (b.amount.currency !== p.currency) return refused('INVALID_REQUEST_PARAMS');
      // "Specifying an amount larger than the refundable amount": refunds still being paid out count against it.
      if (b.amount.amount > refundable(p)) return refused('INVALID_PARAMS');
      const meta: PayPayRefundMeta = { acceptedAt: nowSeconds(), requestedAt: b.requestedAt, reason: b.reason ?? null };
      const made = await createRefund(tx, p, { amount: b.amount.amount, idempotencyKey: b.merchantRefundId, meta: { ...meta }, ...(settle ? { settle } : {}) });
      if (!made) return refused('INVALID_PARAMS');
      // PayPay usually answers CREATED (its batch pays out later) and sometimes REFUNDED (done at once):
      // the simulator answers what the refund is — REFUNDED, or CREATED while a `settle` rule holds it.
      return stored(answer('SUCCESS', refundRecord(made.refund, made.payment)));
    });
    return send(reply, a);
  });

  scope.get<RefundDetailsRequest>(
    '/v2/refunds/:merchantRefundId',
    { schema: refundDetailsSchema, onRequest: paypayFaults(ctx, 'get') },
    async (request, reply) => {
      const p = await byPaymentId(ctx.pool, request.query.paymentId);
      const refund = p?.refunds.find((r) => r.idempotencyKey === request.params.merchantRefundId);
      return send(reply, p && refund ? answer('SUCCESS', refundRecord(refund, p)) : answer('NO_SUCH_REFUND_ORDER'));
    },
  );
}
