import type { Db } from './sim.db.ts';
import { toPaymentJson, toRefundJson, type Payment, type PaymentJson, type Refund, type RefundJson, type SimProvider } from './sim.types.ts';

/**
 * The webhook outbox. Every status change writes its event row in the same
 * transaction as the change, so an event exists exactly when the change
 * committed; the delivery loop (sim.webhooks.ts) sends it later.
 */

/** The event body delivered to the webhook URL. */
export interface WebhookEventJson {
  id: string;
  /** `payment.<new status>`. */
  type: string;
  /** Unix seconds. */
  created: number;
  data: { payment: PaymentJson };
}

/** Delivery states of an event. */
export type WebhookState = 'pending' | 'delivered' | 'dropped' | 'failed' | 'held';

/** One line of `GET /__sim/webhooks`. */
export interface WebhookEventInfo {
  id: string;
  type: string;
  paymentId: string;
  reference: string;
  state: WebhookState;
  attempts: number;
  lastStatus: number | null;
  createdAt: string;
  deliveredAt: string | null;
  /** Successful deliveries, duplicate copies included. */
  deliveriesTotal: number;
}

/**
 * Records the event for `p`'s new status. `baseUrl` builds `nextAction` for a
 * `requires_action` payment, exactly as the API shows it.
 */
export async function recordEvent(db: Db, p: Payment, baseUrl: string): Promise<void> {
  await db.query(
    `insert into psp_sim.webhook_events (payment_id, reference, type, payload, provider) values ($1, $2, $3, $4::jsonb, $5)`,
    [p.id, p.reference, `payment.${p.status}`, JSON.stringify({ payment: toPaymentJson(p, baseUrl), meta: p.meta }), p.provider],
  );
}

/**
 * The PSPs whose API notifies refund status changes: Stripe (`refund.updated`,
 * `refund.failed`). PayPay sends no notification for a refund; the native API's
 * events are payment events (`payment.<status>`), which the service reads as a
 * payment observation, so a refund settling there shows only as the
 * `payment.refunded` of the payment it completes.
 */
const REFUND_EVENT_PROVIDERS: ReadonlySet<SimProvider> = new Set(['stripe']);

/**
 * Records the event of a refund that settled (`refund.succeeded` /
 * `refund.failed`), for the PSPs that send one; `p` is its payment after the change.
 */
export async function recordRefundEvent(db: Db, p: Payment, r: Refund): Promise<void> {
  if (!REFUND_EVENT_PROVIDERS.has(p.provider)) return;
  const payload: EventPayload = { payment: toPaymentJson(p, ''), meta: p.meta, refund: { ...toRefundJson(r), meta: r.meta } };
  await db.query(
    `insert into psp_sim.webhook_events (payment_id, reference, type, payload, provider) values ($1, $2, $3, $4::jsonb, $5)`,
    [p.id, p.reference, `refund.${r.status}`, JSON.stringify(payload), p.provider],
  );
}

/**
 * SQL building the same `PaymentJson` as toPaymentJson from a payments row, for
 * statements that change many rows at once (lazy settlement). No `nextAction`
 * and no refunds: those statements settle `processing` payments, which are
 * never `requires_action` and have nothing captured to refund. `createdAt` uses
 * milliseconds, truncated, like the Date pg parses the column into.
 */
export const PAYMENT_JSON_SQL = `jsonb_strip_nulls(jsonb_build_object(
  'id', id, 'reference', reference, 'amount', amount, 'currency', currency, 'status', status,
  'declineCode', decline_code, 'authorizedAmount', authorized_amount, 'capturedAmount', captured_amount,
  'refundedAmount', refunded_amount, 'idempotencyKey', idempotency_key,
  'createdAt', to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'refunds', '[]'::jsonb))`;

/** A refund as an event carries it: its native JSON and its provider-specific fields. */
export type EventRefund = RefundJson & { meta: Record<string, unknown> };

/** What an outbox row holds: the payment as it was at the change, and its provider-specific fields. */
export interface EventPayload {
  payment: PaymentJson;
  meta?: Record<string, unknown>;
  /** Refund events only: the refund after the change. */
  refund?: EventRefund;
}

/** Builds the exact bytes the native API delivers for an event (deterministic, so duplicates are identical). */
export function eventBody(row: { id: string; type: string; created: number; payload: EventPayload }): string {
  const body: WebhookEventJson = { id: row.id, type: row.type, created: row.created, data: { payment: row.payload.payment } };
  return JSON.stringify(body);
}

interface InfoRow {
  id: string;
  type: string;
  payment_id: string;
  reference: string;
  state: WebhookState;
  attempts: number;
  last_status: number | null;
  created_at: Date;
  delivered_at: Date | null;
  deliveries_total: number;
}

/** Events for `reference` (all when undefined), oldest first. */
export async function listEvents(db: Db, reference: string | undefined): Promise<WebhookEventInfo[]> {
  const res = await db.query<InfoRow>(
    `select id, type, payment_id, reference, state, attempts, last_status, created_at, delivered_at, deliveries_total
       from psp_sim.webhook_events
      where $1::text is null or reference = $1
      order by created_at, id`,
    [reference ?? null],
  );
  return res.rows.map((r) => ({
    id: r.id,
    type: r.type,
    paymentId: r.payment_id,
    reference: r.reference,
    state: r.state,
    attempts: r.attempts,
    lastStatus: r.last_status,
    createdAt: r.created_at.toISOString(),
    deliveredAt: r.delivered_at ? r.delivered_at.toISOString() : null,
    deliveriesTotal: r.deliveries_total,
  }));
}
