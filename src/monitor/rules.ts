import { HOLDS_MONEY, liveAttempt, type AttemptView, type OrderView } from './projection.ts';

/**
 * The consistency rules. A–C exactly as seed 003's kafka-alert defines them;
 * D–F our own. Each sees one order's picture and says which inconsistencies
 * hold right now; the monitor turns one that lasts past the grace window
 * into an alert and resolves the alert when it ends.
 */
export type RuleId = 'RULE_A' | 'RULE_B' | 'RULE_C' | 'RULE_D' | 'RULE_E' | 'RULE_F';

export const RULES: Record<RuleId, { title: string; action: string }> = {
  RULE_A: {
    title: 'payment succeeded, order not updated: the PSP holds the money, the order is still PENDING or WAITING_PAYMENT',
    action: 'check why the order was not decided (webhook task dead? poll stopped?); reconciliation re-applies the PSP\'s word',
  },
  RULE_B: {
    title: 'order PAID, payment not successful: no success observed, or the latest word is a failure (declined, voided, refunded in full)',
    action: 'confirm the payment with the PSP; if it really failed, cancel the order with refund and tell the buyer, else escalate',
  },
  RULE_C: {
    title: 'late payment: a success observed after payment_expires_at or after the order FAILED, and still held',
    action: 'the money goes back (void or refund); reconciliation does it if the cancel task could not',
  },
  RULE_D: {
    title: 'money does not follow the order: PAID but not captured (or captured ≠ total), or FAILED/CANCELLED with money still held',
    action: 'capture again (PAID) or void/refund (FAILED, CANCELLED); escalate if the PSP refuses',
  },
  RULE_E: {
    title: 'stray money: a PSP payment no order of ours matches, or a second live authorization for one order',
    action: 'void or refund the stray payment',
  },
  RULE_F: {
    title: 'a follow-up task is dead (exhausted its retries)',
    action: 'read its errors in the dead-letter list; retry it once the cause is fixed, or discard it with a reason',
  },
};

/** One inconsistency holding now. `eventId` and `since`: the event that began it (the alert's dedupe key). */
export interface Condition {
  ruleId: RuleId;
  subject: string;
  eventId: string;
  since: string;
  observed: Record<string, unknown>;
  expected: Record<string, unknown>;
}

const later = (a: string, b: string | undefined) => b !== undefined && Date.parse(a) > Date.parse(b);
const holds = (a: AttemptView) => HOLDS_MONEY.has(a.status) && a.refundedAmount < Math.max(a.capturedAmount, 1);

/** Every rule over one order's picture. */
export function evaluate(v: OrderView): Condition[] {
  const out: Condition[] = [];
  const live = liveAttempt(v);
  const status = v.status;

  // A: a success observed, the order still undecided.
  if (live?.firstSuccess && HOLDS_MONEY.has(live.status) && (status === 'PENDING' || status === 'WAITING_PAYMENT')) {
    out.push({
      ruleId: 'RULE_A',
      subject: '',
      eventId: live.firstSuccess.eventId,
      since: live.firstSuccess.at,
      observed: { paymentStatus: live.status, orderStatus: status },
      expected: { orderStatus: 'PAID' },
    });
  }

  // B: PAID, but no success was ever observed, or the latest word is a failure (declined, voided, all given back
  // — unless operators gave it back: an order refunded in full on purpose stays PAID, its goods kept).
  const refundedOnPurpose = live !== undefined && (v.refundsRequested ?? 0) >= live.refundedAmount;
  const gone =
    live !== undefined &&
    (live.status === 'DECLINED' || live.status === 'FAILED' || live.status === 'VOIDED' || (live.status === 'REFUNDED' && live.refundedAmount >= live.capturedAmount && !refundedOnPurpose));
  if (status === 'PAID' && (!live?.firstSuccess || gone)) {
    const latest = live?.firstSuccess ? live : undefined;
    out.push({
      ruleId: 'RULE_B',
      subject: '',
      eventId: latest?.eventId ?? v.paidEventId ?? v.statusEventId ?? v.orderNo,
      since: latest?.at ?? v.paidAt ?? v.statusAt ?? new Date(0).toISOString(),
      observed: { orderStatus: 'PAID', paymentStatus: live?.status ?? null },
      expected: { paymentStatus: 'AUTHORIZED|CAPTURED' },
    });
  }

  for (const [key, a] of Object.entries(v.attempts)) {
    if (!a.firstSuccess || !holds(a)) continue;
    // C: a success after the payment expired or after the order failed, that the order did not take.
    const taken = status === 'PAID' && a === live;
    if (!taken && (later(a.firstSuccess.at, v.paymentExpiresAt) || later(a.firstSuccess.at, v.failedAt))) {
      out.push({
        ruleId: 'RULE_C',
        subject: key,
        eventId: a.firstSuccess.eventId,
        since: a.firstSuccess.at,
        observed: { paymentStatus: a.status, orderStatus: status ?? null, observedAt: a.firstSuccess.at, paymentExpiresAt: v.paymentExpiresAt ?? null, failedAt: v.failedAt ?? null },
        expected: { paymentStatus: 'VOIDED|REFUNDED' },
      });
    }
    // E: money on a PSP payment that is not the order's own (foreign, or an earlier attempt).
    if (a.attempt === 0 || a !== live) {
      out.push({
        ruleId: 'RULE_E',
        subject: key,
        eventId: a.firstSuccess.eventId,
        since: a.firstSuccess.at,
        observed: { paymentStatus: a.status, provider: a.provider, providerPaymentId: a.providerPaymentId, attempt: a.attempt, ourOrder: v.known },
        expected: { paymentStatus: 'VOIDED|REFUNDED' },
      });
    }
  }

  // D: the money does not follow the order (I2) — unless B already says the PAID order has none.
  const b = out.some((c) => c.ruleId === 'RULE_B');
  if (status === 'PAID' && !b && live?.firstSuccess && v.total !== undefined && live.capturedAmount !== v.total) {
    out.push({
      ruleId: 'RULE_D',
      subject: '',
      eventId: v.paidEventId ?? live.firstSuccess.eventId,
      since: v.paidAt ?? live.firstSuccess.at,
      observed: { orderStatus: 'PAID', paymentStatus: live.status, capturedAmount: live.capturedAmount, total: v.total },
      expected: { paymentStatus: 'CAPTURED', capturedAmount: v.total },
    });
  }
  if ((status === 'FAILED' || status === 'CANCELLED') && live && holds(live) && !out.some((c) => c.ruleId === 'RULE_C' && c.subject.endsWith(`:${live.attempt}`))) {
    out.push({
      ruleId: 'RULE_D',
      subject: '',
      eventId: v.statusEventId ?? live.eventId,
      since: v.statusAt ?? live.at,
      observed: { orderStatus: status, paymentStatus: live.status, capturedAmount: live.capturedAmount, refundedAmount: live.refundedAmount },
      expected: { paymentStatus: 'VOIDED|REFUNDED' },
    });
  }

  // F: a dead follow-up task.
  for (const [taskId, t] of Object.entries(v.deadTasks)) {
    out.push({ ruleId: 'RULE_F', subject: taskId, eventId: t.eventId, since: t.at, observed: { task: t.task, taskId: Number(taskId), state: 'dead' }, expected: { state: 'done' } });
  }
  return out;
}
