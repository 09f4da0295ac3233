import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../sim.context.ts';
import { insertPayment, setMeta, voidPayment, withTransaction } from '../sim.repository.ts';
import { buyerPageUrl } from '../sim.types.ts';
import { idempotent, stored } from './paypay.idempotency.ts';
import type { PayPaySimOptions } from './paypay.options.ts';
import { registerPaymentRoutes } from './paypay.payments.routes.ts';
import {
  authorizedAt,
  byCodeId,
  byMerchantPaymentId,
  metaOf,
  newCodeId,
  newPayPayPaymentId,
  paymentDetails,
  type PayPayMeta,
} from './paypay.repository.ts';
import {
  codeIdParams,
  createCodeSchema,
  merchantPaymentIdParams,
  type CodeIdParams,
  type CreateCodeBody,
  type MerchantPaymentIdParams,
} from './paypay.schemas.ts';
import { paypayFaults, send, setUpPayPayScope } from './paypay.scope.ts';
import { answer, referenceOf } from './paypay.wire.ts';

/** How long a QR code says it is valid (not enforced: the order's own expiry decides). */
const QR_LIFETIME_SECONDS = 300;

/**
 * The PayPay-compatible subset orderly uses (Open Payment API, Dynamic QR:
 * https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode): create / delete a QR
 * code, get payment details, cancel a payment, capture and revert a payment
 * authorization, refund and get refund details — same paths, bodies, result
 * codes and OPA-Auth signing as PayPay, over the simulator's one payment store.
 * The QR code's URL is the simulator's buyer page, where the buyer pays
 * (AUTHORIZED with `isAuthorization`, else COMPLETED) or cancels (FAILED).
 */
export function registerPayPayApi(app: FastifyInstance, ctx: SimContext, opts: PayPaySimOptions): void {
  app.register(async (scope) => {
    setUpPayPayScope(scope, ctx, opts);
    registerCodeRoutes(scope, ctx);
    registerPaymentRoutes(scope, ctx);
  });
}

function registerCodeRoutes(scope: FastifyInstance, ctx: SimContext): void {
  scope.post<{ Body: CreateCodeBody }>(
    '/v2/codes',
    { schema: createCodeSchema, onRequest: paypayFaults(ctx, 'authorize') },
    async (request, reply) => {
      const b = request.body;
      const a = await idempotent(ctx, `code:${b.merchantPaymentId}`, 'POST /v2/codes', b, 'DUPLICATE_DYNAMIC_QR_REQUEST', async (tx) => {
        const requestedAt = b.requestedAt ?? Math.floor(Date.now() / 1000);
        const { reference, key } = referenceOf(b.merchantPaymentId);
        const meta: PayPayMeta = {
          merchantPaymentId: b.merchantPaymentId,
          codeId: newCodeId(),
          preauth: b.isAuthorization === true,
          requestedAt,
          ...(b.orderDescription !== undefined ? { orderDescription: b.orderDescription } : {}),
          ...(b.authorizationExpiry !== undefined ? { authorizationExpiry: b.authorizationExpiry } : {}),
          ...(b.redirectUrl !== undefined ? { redirectUrl: b.redirectUrl, redirectType: b.redirectType ?? 'WEB_LINK' } : {}),
        };
        const p = await insertPayment(
          tx,
          {
            provider: 'paypay',
            id: newPayPayPaymentId(),
            reference,
            idempotencyKey: key,
            amount: b.amount.amount,
            currency: b.amount.currency,
            method: 'paypay',
            token: 'paypay',
            // The buyer has yet to scan the code and pay in the app.
            status: 'requires_action',
            declineCode: null,
            settleAfterMs: null,
            meta: { ...meta },
          },
          ctx.baseUrl,
        );
        const url = buyerPageUrl(p, ctx.baseUrl);
        const data = {
          codeId: meta.codeId,
          url,
          deeplink: `paypay://payment?link_key=${encodeURIComponent(url)}`,
          expiryDate: requestedAt + QR_LIFETIME_SECONDS,
          merchantPaymentId: b.merchantPaymentId,
          amount: b.amount,
          orderDescription: b.orderDescription ?? '',
          orderItems: [],
          codeType: 'ORDER_QR',
          requestedAt,
          redirectUrl: b.redirectUrl ?? null,
          redirectType: b.redirectType ?? null,
          isAuthorization: meta.preauth,
          authorizationExpiry: b.authorizationExpiry ?? null,
        };
        return stored(answer('SUCCESS', data, 201));
      });
      // The creation event is committed: let it go out now.
      ctx.webhooks.wake();
      return send(reply, a);
    },
  );

  scope.get<{ Params: MerchantPaymentIdParams }>(
    '/v2/codes/payments/:merchantPaymentId',
    { schema: merchantPaymentIdParams, onRequest: paypayFaults(ctx, 'get') },
    async (request, reply) => {
      const p = await byMerchantPaymentId(ctx.pool, request.params.merchantPaymentId);
      // A QR code deleted before payment leaves nothing PayPay can report.
      if (!p || metaOf(p).qrDeleted) return send(reply, answer('DYNAMIC_QR_PAYMENT_NOT_FOUND'));
      const at = p.status === 'requires_action' ? undefined : await authorizedAt(ctx.pool, p);
      return send(reply, answer('SUCCESS', paymentDetails(p, at)));
    },
  );

  scope.delete<{ Params: CodeIdParams }>(
    '/v2/codes/:codeId',
    { schema: codeIdParams, onRequest: paypayFaults(ctx, 'void') },
    async (request, reply) => {
      const a = await withTransaction(ctx.pool, async (tx) => {
        const p = await byCodeId(tx, request.params.codeId, true);
        if (!p || metaOf(p).qrDeleted) return answer('DYNAMIC_QR_NOT_FOUND');
        if (p.status !== 'requires_action' && !(p.status === 'voided' && metaOf(p).canceled)) return answer('DYNAMIC_QR_ALREADY_PAID');
        // Meta first: the void's event carries it.
        await setMeta(tx, p.id, { qrDeleted: true });
        if (p.status === 'requires_action') await voidPayment(tx, p.id);
        return answer('SUCCESS', { qrStatus: 'DELETED' });
      });
      return send(reply, a);
    },
  );
}
