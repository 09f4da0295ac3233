import { randomBytes, randomInt } from 'node:crypto';
import { findPayments, getPayment, setMeta, type Db } from '../sim.repository.ts';
import type { Payment, Refund } from '../sim.types.ts';
import { epochOf, paypayStatus } from './paypay.wire.ts';

/** The PayPay-specific fields a simulated PayPay payment keeps in `meta`. */
export interface PayPayMeta {
  merchantPaymentId: string;
  codeId: string;
  /** `isAuthorization`: the buyer's approval authorizes (capture later) instead of paying at once. */
  preauth: boolean;
  orderDescription?: string;
  /** Where PayPay sends the buyer after paying (kept for the buyer page; the simulator does not redirect). */
  redirectUrl?: string;
  redirectType?: string;
  requestedAt: number;
  authorizationExpiry?: number;
  /** Unix seconds the payment became AUTHORIZED (recorded when first needed). */
  authorizedAt?: number;
  captures?: CaptureRecord[];
  /** Refunds before they were records of their own (carried over by the migration; read no more). */
  refunds?: RefundRecord[];
  revert?: { acceptedAt: number; merchantRevertId: string; requestedAt: number; reason: string | null };
  /** Voided by "Cancel a payment" (reads FAILED). */
  canceled?: boolean;
  /** The QR code was deleted before payment (Get payment details no longer finds it). */
  qrDeleted?: boolean;
}

export interface CaptureRecord {
  acceptedAt: number;
  merchantCaptureId: string;
  amount: { amount: number; currency: string };
  orderDescription: string;
  requestedAt: number;
  status: 'COMPLETED';
}

/**
 * A refund as PayPay shows it (Get refund details, and `refunds.data` of Get
 * payment details): CREATED while PayPay's batch has yet to pay it out,
 * REFUNDED once done, REFUND_FAILED if the payout failed — which PayPay calls
 * temporary: it retries until the refund is REFUNDED.
 */
export interface RefundRecord {
  status: 'CREATED' | 'REFUNDED' | 'REFUND_FAILED';
  acceptedAt: number;
  merchantRefundId: string;
  paymentId: string;
  amount: { amount: number; currency: string };
  requestedAt: number;
  reason: string | null;
}

export const metaOf = (p: Payment): PayPayMeta => p.meta as unknown as PayPayMeta;

/** The PayPay fields a refund record keeps in its `meta`. */
export interface PayPayRefundMeta {
  acceptedAt: number;
  requestedAt: number;
  reason: string | null;
}

const REFUND_STATUS = { pending: 'CREATED', succeeded: 'REFUNDED', failed: 'REFUND_FAILED' } as const;

/** A refund of PayPay payment `p` in PayPay's words (its merchantRefundId is the refund's idempotency key). */
export function refundRecord(r: Refund, p: Payment): RefundRecord {
  const m = r.meta as Partial<PayPayRefundMeta>;
  return {
    status: REFUND_STATUS[r.status],
    acceptedAt: m.acceptedAt ?? epochOf(r.createdAt),
    merchantRefundId: r.idempotencyKey ?? r.id,
    paymentId: p.id,
    amount: { amount: r.amount, currency: p.currency },
    requestedAt: m.requestedAt ?? epochOf(r.createdAt),
    reason: m.reason ?? null,
  };
}

/** A PayPay-looking paymentId: 19 digits. */
export function newPayPayPaymentId(): string {
  return `${randomInt(1e9, 1e10)}${randomInt(1e8, 1e9)}`;
}

/** A PayPay-looking codeId such as `04-ttsARm7PuT2ElFoO`. */
export function newCodeId(): string {
  return `04-${randomBytes(12).toString('base64url').slice(0, 16)}`;
}

async function newest(db: Db, metaEquals: Record<string, string>, forUpdate: boolean): Promise<Payment | undefined> {
  const found = (await findPayments(db, { provider: 'paypay', metaEquals })).at(-1);
  return found && forUpdate ? await getPayment(db, found.id, true, 'paypay') : found;
}

/** The payment a merchantPaymentId names (`forUpdate` locks it). */
export function byMerchantPaymentId(db: Db, merchantPaymentId: string, forUpdate = false): Promise<Payment | undefined> {
  return newest(db, { merchantPaymentId }, forUpdate);
}

/** The payment a QR code belongs to. */
export function byCodeId(db: Db, codeId: string, forUpdate = false): Promise<Payment | undefined> {
  return newest(db, { codeId }, forUpdate);
}

/** A PayPay payment by PayPay's paymentId (the simulator's payment id). */
export function byPaymentId(db: Db, paymentId: string, forUpdate = false): Promise<Payment | undefined> {
  return getPayment(db, paymentId, forUpdate, 'paypay');
}

/**
 * When the buyer's approval authorized the payment (an instant payment: paid
 * it): the time of that event (the shared buyer page records no PayPay fields).
 * Kept in meta from then on, so later notifications carry it.
 */
export async function authorizedAt(db: Db, p: Payment): Promise<number | undefined> {
  const m = metaOf(p);
  if (m.authorizedAt !== undefined) return m.authorizedAt;
  const res = await db.query<{ at: Date }>(
    `select created_at as at from psp_sim.webhook_events
      where payment_id = $1 and type in ('payment.authorized', 'payment.captured') order by created_at limit 1`,
    [p.id],
  );
  const at = res.rows[0] ? epochOf(res.rows[0].at) : undefined;
  if (at !== undefined) await setMeta(db, p.id, { authorizedAt: at });
  return at;
}

/** `data` of Get payment details (also of a capture's answer). */
export function paymentDetails(p: Payment, acceptedAt: number | undefined): Record<string, unknown> {
  const m = metaOf(p);
  const status = paypayStatus(p);
  const money = { amount: p.amount, currency: p.currency };
  const paid = status !== 'CREATED' && status !== 'FAILED';
  return {
    paymentId: p.id,
    status,
    acceptedAt: paid ? (acceptedAt ?? null) : null,
    refunds: { data: p.refunds.map((r) => refundRecord(r, p)) },
    captures: { data: m.captures ?? [] },
    revert: m.revert ?? null,
    merchantPaymentId: m.merchantPaymentId,
    amount: money,
    requestedAt: m.requestedAt,
    expiresAt: m.authorizationExpiry ?? null,
    canceledAt: null,
    storeId: null,
    terminalId: null,
    orderReceiptNumber: null,
    orderDescription: m.orderDescription ?? null,
    orderItems: null,
    paymentMethods: paid ? [{ amount: money, type: 'WALLET' }] : [],
  };
}
