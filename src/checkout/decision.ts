import type { Tx } from '../platform/db/database.ts';
import { enqueueTask } from '../platform/jobs/task.repository.ts';
import { addEvent, decide, type OrderRow } from './order.repository.ts';
import type { FailureReason } from './order.table.ts';
import { TASKS } from './followup.names.ts';

/**
 * The two decisions. Each is one transaction that changes the order and
 * enqueues every follow-up task it implies, so a decision can never be
 * committed without its consequences, nor the consequences without it.
 * Each returns the decided order, or undefined if it was already decided.
 */
export async function decideSuccess(tx: Tx, order: OrderRow, requestId: string | null): Promise<OrderRow | undefined> {
  const decided = await decide(tx, order.id, 'PAID', null);
  if (!decided) return undefined;
  await addEvent(tx, order.id, 'order_paid');
  const ref = { reference: order.order_no, requestId };
  await enqueueTask(tx, { name: TASKS.capturePayment, ...ref });
  await enqueueTask(tx, { name: TASKS.commitStock, ...ref });
  // Mails go out only after the decision (seed 002's first incident).
  await enqueueTask(tx, { name: TASKS.sendMail, ...ref, payload: { kind: 'order_confirmed_buyer' } });
  await enqueueTask(tx, { name: TASKS.sendMail, ...ref, payload: { kind: 'order_received_shop' } });
  return decided;
}

/**
 * `mayBeAuthorized`: the PSP might hold money for this order (timeout, still
 * processing, crash mid-call). Then a cancel task voids or refunds whatever the
 * PSP ends up holding, retrying until it can.
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
  return decided;
}
