import type { FormattableEvent, WebhookFormat } from '../sim.webhooks.ts';
import type { PayPaySimOptions } from './paypay.options.ts';
import type { PayPayMeta } from './paypay.repository.ts';
import { isoSeconds, paypayStatus } from './paypay.wire.ts';

/**
 * PayPay's transaction notification, as documented under "Transaction Events"
 * (https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode#tag/Transaction-Events),
 * field for field and in the same order.
 */
export function paypayNotification(e: FormattableEvent, merchantId: string): Record<string, unknown> {
  const m = e.meta as Partial<PayPayMeta>;
  const state = paypayStatus({ status: e.payment.status, meta: e.meta });
  const head = {
    notification_type: 'Transaction',
    merchant_id: merchantId,
    store_id: '',
    pos_id: '',
    order_id: e.payment.id,
    merchant_order_id: m.merchantPaymentId ?? '',
  };
  const amount = String(e.payment.amount);
  // PayPay's FAILED notification carries no timestamps.
  if (state === 'FAILED') return { ...head, order_amount: amount, state };
  // The event's time is when its state began; an instant payment is authorized and paid at once.
  const authorizedAt = state === 'AUTHORIZED' || (state === 'COMPLETED' && m.preauth === false) ? e.created : m.authorizedAt;
  return {
    ...head,
    authorized_at: authorizedAt !== undefined ? isoSeconds(authorizedAt) : null,
    expires_at: m.authorizationExpiry !== undefined ? isoSeconds(m.authorizationExpiry) : null,
    paid_at: state === 'COMPLETED' ? isoSeconds(e.created) : null,
    order_amount: amount,
    state,
  };
}

/**
 * Renders outbox events as PayPay sends them: the JSON above, with no signature
 * header — PayPay does not sign notifications (its docs only recommend
 * allowing its IP addresses), so neither does the simulator. The body depends
 * only on the event, so duplicates are byte-identical.
 *
 * PayPay notifies only AUTHORIZED, COMPLETED, CANCELED, EXPIRED and FAILED —
 * not the QR code's creation, a refund, "Cancel a payment" or a deleted code:
 * for those the format returns undefined and the event is not sent.
 */
export function paypayWebhookFormat(opts: PayPaySimOptions): WebhookFormat {
  return (e) => {
    const m = e.meta as Partial<PayPayMeta>;
    const state = paypayStatus({ status: e.payment.status, meta: e.meta });
    if (state === 'CREATED' || state === 'REFUNDED' || m.canceled || m.qrDeleted) return undefined;
    return { body: JSON.stringify(paypayNotification(e, opts.merchantId)), headers: {} };
  };
}
