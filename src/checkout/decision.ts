import type { NextAction } from '../payments/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { enqueueTask, finishQueuedTasks } from '../platform/jobs/task.repository.ts';
import { addEvent, decide, markWaiting, notifyChanged, type OrderRow } from './order.repository.ts';
import type { FailureReason } from './order.table.ts';
import { TASKS, URGENT } from './followup.names.ts';

/**
 * The decisions. Each is one transaction that changes the order and
 * enqueues every follow-up task it implies, so a decision can never be
 * committed without its consequences, nor the consequences without it.
 * Each returns the changed order, or undefined if it was already decided.
 */
export async function decideSuccess(tx: Tx, order: OrderRow, requestId: string | null, by?: string): Promise<OrderRow | undefined> {
  const decided = await decide(tx, order.id, 'PAID', null);
  if (!decided) return undefined;
  await addEvent(tx, order.id, 'order_paid', by ? { by } : {});
  const ref = { reference: order.order_no, requestId };
  await enqueueTask(tx, { name: TASKS.capturePayment, ...ref });
  await enqueueTask(tx, { name: TASKS.commitStock, ...ref });
  // Mails go out only after the decision (seed 002's first incident).
  await enqueueTask(tx, { name: TASKS.sendMail, ...ref, payload: { kind: 'order_confirmed_buyer' } });
  await enqueueTask(tx, { name: TASKS.sendMail, ...ref, payload: { kind: 'order_received_shop' } });
  await endPolling(tx, order);
  await notifyChanged(tx, order.order_no);
  return decided;
}

/** A decided order needs no more polling: its poll task is finished with the decision. */
async function endPolling(tx: Tx, order: OrderRow): Promise<void> {
  if (order.status === 'WAITING_PAYMENT') await finishQueuedTasks(tx, TASKS.pollPayment, order.order_no);
}

/**
 * `mayBeAuthorized`: the PSP might hold money for this order (timeout, still
 * processing, crash mid-call, a buyer who may still complete a QR payment).
 * Then a cancel task voids or refunds whatever the PSP ends up holding,
 * retrying until it can.
 */
export async function decideFailure(
  tx: Tx,
  order: OrderRow,
  reason: FailureReason,
  opts: { mayBeAuthorized: boolean; requestId: string | null; by?: string },
): Promise<OrderRow | undefined> {
  const decided = await decide(tx, order.id, 'FAILED', reason);
  if (!decided) return undefined;
  await addEvent(tx, order.id, 'order_failed', { reason, ...(opts.by ? { by: opts.by } : {}) });
  const ref = { reference: order.order_no, requestId: opts.requestId };
  await enqueueTask(tx, { name: TASKS.releaseStock, ...ref });
  if (opts.mayBeAuthorized) await enqueueTask(tx, { name: TASKS.cancelPayment, ...ref });
  await enqueueTask(tx, { name: TASKS.sendMail, ...ref, payload: { kind: 'purchase_failed_buyer' } });
  await endPolling(tx, order);
  await notifyChanged(tx, order.order_no);
  return decided;
}

/**
 * Not a decision yet: the buyer must act (QR app, 3-D Secure). The order waits
 * with its stock held until the payment expires; webhooks and a polling task
 * (started here, in the same transaction) will bring the PSP's answer.
 */
export async function decideWaiting(
  tx: Tx,
  order: OrderRow,
  opts: { nextAction: NextAction; expiresAt: Date; firstPollAt: Date; requestId: string | null },
): Promise<OrderRow | undefined> {
  const waiting = await markWaiting(tx, order.id, opts.expiresAt);
  if (!waiting) return undefined;
  await addEvent(tx, order.id, 'waiting_for_payment', { nextAction: opts.nextAction.type, expiresAt: opts.expiresAt.toISOString() });
  await enqueueTask(tx, { name: TASKS.pollPayment, reference: order.order_no, requestId: opts.requestId, runAt: opts.firstPollAt, payload: { n: 0 }, priority: URGENT });
  await notifyChanged(tx, order.order_no);
  return waiting;
}
