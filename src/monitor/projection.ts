import type { EventData, StreamEvent } from '../events/index.ts';

/**
 * The monitor's picture of one order, folded from the stream's events (and
 * only from them: the monitor watches what the system says, so a bug that
 * writes the tables wrong still shows). Pure: `fold` is easy to test and
 * safe to replay — events come at least once, across streams in any order.
 */

type OrderStatus = EventData<'order-status-changed'>['status'];
type PaymentStatus = EventData<'payment-status-observed'>['status'];

/** What the monitor knows of one payment attempt (or a PSP payment no attempt of ours matches). */
export interface AttemptView {
  provider: string;
  attempt: number;
  providerPaymentId: string | null;
  status: PaymentStatus;
  live: boolean;
  amount: number;
  capturedAmount: number;
  refundedAmount: number;
  /** The observation that last changed it. */
  eventId: string;
  at: string;
  /** The first time the PSP was seen holding money on it. */
  firstSuccess?: { eventId: string; at: string };
}

export interface OrderView {
  orderNo: string;
  status?: OrderStatus;
  statusAt?: string;
  statusEventId?: string;
  /** Seen order-placed or a status event: the order is ours. */
  known: boolean;
  total?: number;
  paymentExpiresAt?: string;
  paidAt?: string;
  paidEventId?: string;
  failedAt?: string;
  attempts: Record<string, AttemptView>;
  deadTasks: Record<string, { task: string; eventId: string; at: string }>;
  /** What operators asked to refund of this order (payment-refund-requested): money given back on purpose. */
  refundsRequested?: number;
}

const RANK: Record<OrderStatus, number> = { PENDING: 0, WAITING_PAYMENT: 1, PAID: 2, FAILED: 2, CANCELLED: 3 };
const ATTEMPT_RANK: Record<PaymentStatus, number> = { PENDING: 0, FAILED: 0, PROCESSING: 1, REQUIRES_ACTION: 1, AUTHORIZED: 2, DECLINED: 2, CAPTURED: 3, VOIDED: 4, REFUNDED: 4 };

/** Money the PSP holds or took and has not given back. */
export const HOLDS_MONEY: ReadonlySet<PaymentStatus> = new Set(['AUTHORIZED', 'CAPTURED']);

export function emptyView(orderNo: string): OrderView {
  return { orderNo, known: false, attempts: {}, deadTasks: {} };
}

function attemptKey(d: EventData<'payment-status-observed'>): string {
  return d.attempt === 0 ? `foreign:${d.provider}:${d.providerPaymentId ?? ''}` : `${d.provider}:${d.attempt}`;
}

/** Folds one event into the view (a copy); events it does not watch leave it as it was. */
export function fold(view: OrderView, e: StreamEvent): OrderView {
  const v: OrderView = structuredClone(view);
  switch (e.type) {
    case 'order-placed': {
      const d = e.data as EventData<'order-placed'>;
      v.known = true;
      v.total = d.total.amount;
      return v;
    }
    case 'order-status-changed': {
      const d = e.data as EventData<'order-status-changed'>;
      v.known = true;
      // A replayed or reordered event never moves the picture back (I7 holds for the monitor's view too).
      if (v.status === undefined || RANK[d.status] > RANK[v.status]) {
        v.status = d.status;
        v.statusAt = d.updatedAt;
        v.statusEventId = e.id;
      }
      if (d.paymentExpiresAt) v.paymentExpiresAt = d.paymentExpiresAt;
      if (d.status === 'PAID' && !v.paidAt) {
        v.paidAt = d.updatedAt;
        v.paidEventId = e.id;
      }
      if (d.status === 'FAILED' && !v.failedAt) v.failedAt = d.updatedAt;
      return v;
    }
    case 'order-awaiting-payment': {
      v.paymentExpiresAt = (e.data as EventData<'order-awaiting-payment'>).paymentExpiresAt;
      return v;
    }
    case 'payment-status-observed': {
      const d = e.data as EventData<'payment-status-observed'>;
      const key = attemptKey(d);
      const before = v.attempts[key];
      // Never backwards (a late or replayed word) — except what reconciliation read from the PSP just now: that is the truth.
      if (before && d.source !== 'reconcile' && ATTEMPT_RANK[d.status] < ATTEMPT_RANK[before.status]) return v;
      const firstSuccess = before?.firstSuccess ?? (HOLDS_MONEY.has(d.status) ? { eventId: d.eventId, at: d.occurredAt } : undefined);
      v.attempts[key] = {
        provider: d.provider,
        attempt: d.attempt,
        providerPaymentId: d.providerPaymentId,
        status: d.status,
        live: d.live,
        amount: d.amount,
        capturedAmount: d.capturedAmount,
        refundedAmount: d.refundedAmount,
        eventId: d.eventId,
        at: d.occurredAt,
        ...(firstSuccess ? { firstSuccess } : {}),
      };
      // A later attempt means the earlier ones are not followed any more (failover).
      if (d.live) for (const a of Object.values(v.attempts)) if (a.attempt > 0 && a.attempt < d.attempt) a.live = false;
      return v;
    }
    case 'payment-refund-requested': {
      v.refundsRequested = (v.refundsRequested ?? 0) + (e.data as EventData<'payment-refund-requested'>).amount;
      return v;
    }
    case 'task-dead': {
      const d = e.data as EventData<'task-dead'>;
      v.deadTasks[String(d.taskId)] = { task: d.task, eventId: e.id, at: e.occurredAt };
      return v;
    }
    case 'task-requeued':
    case 'task-discarded': {
      delete v.deadTasks[String((e.data as { taskId: number }).taskId)];
      return v;
    }
    default:
      return v;
  }
}

/** The attempt the order's payment follows: the live one with the highest number. */
export function liveAttempt(v: OrderView): AttemptView | undefined {
  return Object.values(v.attempts)
    .filter((a) => a.live && a.attempt > 0)
    .sort((a, b) => b.attempt - a.attempt)[0];
}
