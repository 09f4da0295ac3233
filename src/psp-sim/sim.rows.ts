import type { Payment, PaymentMethod, PaymentStatus, Refund, RefundStatus, SimProvider } from './sim.types.ts';

/**
 * How payments and refunds are read from their rows. Every payment read
 * carries its refunds (one small correlated query), so whatever renders a
 * payment — an API answer, a webhook snapshot — shows each refund's status.
 */

const iso = (column: string): string => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One refund row as JSON (amounts as numbers, times as ISO text to the millisecond). */
export const REFUND_JSON_SQL = (r: string): string => `jsonb_build_object(
  'id', ${r}.id, 'amount', ${r}.amount, 'status', ${r}.status, 'idempotencyKey', ${r}.idempotency_key,
  'failureReason', ${r}.failure_reason, 'createdAt', ${iso(`${r}.created_at`)}, 'updatedAt', ${iso(`${r}.updated_at`)},
  'meta', ${r}.meta)`;

/** A refund as REFUND_JSON_SQL renders it. */
export interface RefundRowJson {
  id: string;
  amount: number;
  status: RefundStatus;
  idempotencyKey: string | null;
  failureReason: string | null;
  createdAt: string;
  updatedAt: string;
  meta: Record<string, unknown>;
}

export function toRefund(r: RefundRowJson): Refund {
  return {
    id: r.id,
    amount: Number(r.amount),
    status: r.status,
    idempotencyKey: r.idempotencyKey,
    failureReason: r.failureReason,
    createdAt: new Date(r.createdAt),
    updatedAt: new Date(r.updatedAt),
    meta: r.meta,
  };
}

/** A payments row as `COLUMNS` selects it. */
export interface PaymentRow {
  id: string;
  provider: SimProvider;
  reference: string;
  idempotency_key: string;
  amount: string;
  currency: string;
  method: PaymentMethod;
  status: PaymentStatus;
  decline_code: string | null;
  authorized_amount: string;
  captured_amount: string;
  refunded_amount: string;
  created_at: Date;
  meta: Record<string, unknown>;
  refunds: RefundRowJson[];
}

// pg returns bigint as string; amounts stay far below 2^53, so Number is exact.
/** A row selected with `COLUMNS` as a Payment. */
export function toPayment(r: PaymentRow): Payment {
  return {
    id: r.id,
    provider: r.provider,
    reference: r.reference,
    idempotencyKey: r.idempotency_key,
    amount: Number(r.amount),
    currency: r.currency,
    method: r.method,
    status: r.status,
    declineCode: r.decline_code,
    authorizedAmount: Number(r.authorized_amount),
    capturedAmount: Number(r.captured_amount),
    refundedAmount: Number(r.refunded_amount),
    createdAt: r.created_at,
    meta: r.meta,
    refunds: r.refunds.map(toRefund),
  };
}

/**
 * The columns every payment read selects (and every change returns), its
 * refunds included. Statements using it name the table `psp_sim.payments`
 * without an alias: the refunds subquery refers to `payments.id`.
 */
export const COLUMNS = `id, provider, reference, idempotency_key, amount, currency, method, status, decline_code,
  authorized_amount, captured_amount, refunded_amount, created_at, meta,
  (select coalesce(jsonb_agg(${REFUND_JSON_SQL('r')} order by r.created_at, r.id), '[]'::jsonb)
     from psp_sim.refunds r where r.payment_id = payments.id) as refunds`;
