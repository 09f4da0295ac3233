import { randomBytes, randomInt } from 'node:crypto';
import { findPayments, getPayment, setMeta, type Db } from '../sim.repository.ts';
import type { Payment } from '../sim.types.ts';
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

export interface RefundRecord {
  status: 'CREATED' | 'REFUNDED';
  acceptedAt: number;
  merchantRefundId: string;
  paymentId: string;
  amount: { amount: number; currency: string };
  requestedAt: number;
  reason: string | null;
}

export const metaOf = (p: Payment): PayPayMeta => p.meta as unknown as PayPayMeta;

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
    refunds: { data: m.refunds ?? [] },
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
