import type { ProviderPayment, ProviderRefund, ProviderStatus } from '../provider.ts';

/**
 * PayPay Open Payment API wire shapes (Dynamic QR, "The amount will be captured
 * later"): https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode
 */

/** Every answer: `{ resultInfo: { code, message, codeId }, data }`. */
export interface ResultInfo {
  code: string;
  message?: string;
  codeId?: string;
}

export interface Envelope<T> {
  resultInfo?: ResultInfo;
  data?: T | null;
}

export interface MoneyAmount {
  amount: number;
  currency: string;
}

/** `data` of Create a QRCode. */
export interface QrCode {
  codeId: string;
  url: string;
  deeplink?: string;
  expiryDate?: number;
  merchantPaymentId: string;
  amount: MoneyAmount;
  isAuthorization?: boolean;
}

/** PayPay's order statuses (Get payment details `data.status`). */
export type PayPayStatus = 'CREATED' | 'AUTHORIZED' | 'REAUTHORIZING' | 'COMPLETED' | 'REFUNDED' | 'FAILED' | 'CANCELED' | 'EXPIRED';

/** `data` of Get payment details and of Capture a payment authorization. */
export interface PaymentDetails {
  paymentId: string;
  status: PayPayStatus;
  acceptedAt?: number | null;
  merchantPaymentId: string;
  amount: MoneyAmount;
  captures?: { data?: { merchantCaptureId: string; amount: MoneyAmount; status?: string }[] } | null;
  refunds?: { data?: RefundDetails[] } | null;
}

/**
 * A refund's status ("How does the status of refund a payment API change?",
 * PayPay integration FAQ): CREATED once accepted, while PayPay's batch pays it
 * out; REFUNDED when done; REFUND_FAILED only in passing — PayPay retries
 * until the refund is REFUNDED, so it is never final.
 */
export type PayPayRefundStatus = 'CREATED' | 'REFUNDED' | 'REFUND_FAILED';

/** `data` of Refund a payment and of Get refund details, and one of a payment's `refunds.data`. */
export interface RefundDetails {
  status?: PayPayRefundStatus;
  merchantRefundId: string;
  paymentId?: string;
  amount: MoneyAmount;
  acceptedAt?: number;
}

/** `data` of Refund a payment. */
export type RefundResult = RefundDetails & { status: PayPayRefundStatus; paymentId: string };

/**
 * A PayPay refund in the provider interface's terms. CREATED and REFUND_FAILED
 * are both `pending`: PayPay will still pay the refund out, so treating a
 * REFUND_FAILED as failed (and refunding again) would refund twice. A refund
 * listed without a status is read with Get refund details (the adapter).
 */
export function toRefund(r: RefundDetails): ProviderRefund {
  const key = fromPayPayId(r.merchantRefundId);
  return {
    refundId: r.merchantRefundId,
    amount: r.amount.amount,
    status: r.status === 'REFUNDED' ? 'succeeded' : 'pending',
    ...(key ? { idempotencyKey: key } : {}),
    ...(r.status === 'REFUND_FAILED' ? { failureReason: 'REFUND_FAILED (PayPay retries until refunded)' } : {}),
  };
}

/**
 * PayPay's status in orderly's terms. EXPIRED and CANCELED both mean the block
 * was released (voided); FAILED means no money moved (the buyer did not pay, or
 * "Cancel a payment" undid it): declined.
 */
export const STATUS: Record<PayPayStatus, ProviderStatus> = {
  CREATED: 'requires_action',
  AUTHORIZED: 'authorized',
  REAUTHORIZING: 'authorized',
  COMPLETED: 'captured',
  REFUNDED: 'refunded',
  FAILED: 'declined',
  CANCELED: 'voided',
  EXPIRED: 'voided',
};

/** PayPay gives no reason for a FAILED payment. */
export const FAILED_DECLINE_CODE = 'paypay_failed';

// merchantPaymentId, merchantCaptureId, merchantRevertId and merchantRefundId allow only `a-z A-Z 0-9 - _`, at most 64.
const KEPT = /[A-Za-z0-9-]/;
const MAX_ID = 64;

/**
 * Maps an orderly key (`<orderNo>:<n>`, `<orderNo>:<n>:capture` …) to PayPay's
 * id alphabet, reversibly: letters, digits and `-` stay, every other byte
 * becomes `_` + two hex digits (`:` → `_3a`, `_` → `_5f`). Undefined when the
 * result exceeds PayPay's 64 characters.
 */
export function toPayPayId(key: string): string | undefined {
  let out = '';
  for (const ch of key) {
    if (KEPT.test(ch)) out += ch;
    else for (const b of Buffer.from(ch, 'utf8')) out += `_${b.toString(16).padStart(2, '0')}`;
  }
  return out.length > 0 && out.length <= MAX_ID ? out : undefined;
}

/** The inverse of {@link toPayPayId}; undefined for an id it cannot have made. */
export function fromPayPayId(id: string): string | undefined {
  const bytes: number[] = [];
  for (let i = 0; i < id.length; i++) {
    const ch = id[i] as string;
    if (ch === '_') {
      const hex = id.slice(i + 1, i + 3);
      if (!/^[0-9a-f]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (KEPT.test(ch)) {
      bytes.push(ch.charCodeAt(0));
    } else {
      return undefined;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/**
 * The order reference and attempt key a merchantPaymentId stands for: the key
 * is `<reference>:<n>`, so the reference is what precedes the last `:`. An id
 * not made by us is its own reference.
 */
export function keyOf(merchantPaymentId: string): { reference: string; idempotencyKey?: string } {
  const key = fromPayPayId(merchantPaymentId);
  const colon = key?.lastIndexOf(':') ?? -1;
  if (!key || colon <= 0) return { reference: merchantPaymentId };
  return { reference: key.slice(0, colon), idempotencyKey: key };
}

const sum = (items: { amount: MoneyAmount; status?: string }[] | undefined, counts: (s?: string) => boolean): number =>
  (items ?? []).filter((x) => counts(x.status)).reduce((n, x) => n + x.amount.amount, 0);

/** Payment details (or a capture answer) in the provider interface's terms. */
export function toPayment(d: PaymentDetails): ProviderPayment {
  const stated = STATUS[d.status];
  const amount = d.amount.amount;
  // Instant payments have no capture records: COMPLETED took the whole amount.
  const captures = d.captures?.data;
  const paid = stated === 'captured' || stated === 'refunded';
  const capturedAmount = !paid ? 0 : captures?.length ? sum(captures, (s) => s === undefined || s === 'COMPLETED') : amount;
  // Only what PayPay has paid back counts; a refund CREATED is still on its way.
  const refunds = (d.refunds?.data ?? []).map(toRefund);
  const refundedAmount = refunds.filter((r) => r.status === 'succeeded').reduce((n, r) => n + r.amount, 0);
  // Refunded once everything taken is paid back, whatever PayPay's order status says while a payout is pending.
  const status = paid ? (capturedAmount > 0 && refundedAmount >= capturedAmount ? 'refunded' : 'captured') : stated;
  return {
    providerPaymentId: d.merchantPaymentId,
    ...keyOf(d.merchantPaymentId),
    status,
    amount,
    capturedAmount,
    refundedAmount,
    ...(status === 'declined' ? { declineCode: FAILED_DECLINE_CODE } : {}),
    refunds,
  };
}
