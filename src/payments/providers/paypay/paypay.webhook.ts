import { createHash } from 'node:crypto';
import { WebhookSignatureError, type ProviderEvent, type ProviderWebhooks } from '../provider.ts';
import { FAILED_DECLINE_CODE, STATUS, keyOf, type PayPayStatus } from './paypay.wire.ts';

/**
 * PayPay's transaction notification ("Transaction Events",
 * https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode#tag/Transaction-Events):
 * a POST of this JSON, sent for AUTHORIZED, COMPLETED, CANCELED, EXPIRED and FAILED.
 */
export interface PayPayNotification {
  notification_type: 'Transaction';
  merchant_id: string;
  store_id?: string;
  pos_id?: string;
  /** PayPay's paymentId. */
  order_id: string;
  /** Our merchantPaymentId (PayPay's own example leaves it empty for AUTHORIZED). */
  merchant_order_id: string;
  authorized_at?: string | null;
  expires_at?: string | null;
  paid_at?: string | null;
  order_amount: string;
  state: PayPayStatus;
}

function parse(rawBody: string): PayPayNotification {
  let body: Partial<PayPayNotification>;
  try {
    body = JSON.parse(rawBody) as Partial<PayPayNotification>;
  } catch {
    throw new WebhookSignatureError('bad_body');
  }
  const ok =
    body !== null &&
    typeof body === 'object' &&
    body.notification_type === 'Transaction' &&
    typeof body.order_id === 'string' &&
    typeof body.merchant_order_id === 'string' &&
    typeof body.state === 'string' &&
    body.state in STATUS &&
    typeof body.order_amount === 'string' &&
    /^\d{1,11}$/.test(body.order_amount);
  if (!ok) throw new WebhookSignatureError('bad_body');
  return body as PayPayNotification;
}

/**
 * Reads a notification. PayPay does not sign them (its docs only recommend
 * allowing PayPay's IP addresses), so the body proves nothing: the event is
 * marked `confirmWithPsp` and orderly applies what Get payment details says,
 * never the state claimed here. The id is derived from the bytes (PayPay sends
 * no event id), so a redelivery of the same notification is a duplicate.
 */
function decode(rawBody: string): ProviderEvent {
  const n = parse(rawBody);
  const id = `${n.merchant_order_id || n.order_id}:${n.state}:${createHash('sha256').update(rawBody).digest('hex').slice(0, 16)}`;
  const type = `transaction.${n.state.toLowerCase()}`;
  // Without our merchantPaymentId there is nothing to ask PayPay about: keep it for the record only (polling covers it).
  if (!n.merchant_order_id) return { id, type, confirmWithPsp: true };
  const status = STATUS[n.state];
  const amount = Number(n.order_amount);
  return {
    id,
    type,
    confirmWithPsp: true,
    payment: {
      providerPaymentId: n.merchant_order_id,
      ...keyOf(n.merchant_order_id),
      status,
      amount,
      capturedAmount: status === 'captured' ? amount : 0,
      refundedAmount: 0,
      ...(status === 'declined' ? { declineCode: FAILED_DECLINE_CODE } : {}),
    },
  };
}

/** Reads PayPay's (unsigned) notifications; see {@link decode}. Headers carry nothing to check. */
export function paypayWebhooks(): ProviderWebhooks {
  return { verify: (rawBody) => decode(rawBody), decode };
}
