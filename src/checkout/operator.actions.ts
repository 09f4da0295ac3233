import { sql } from 'kysely';
import type { RefundView } from '../payments/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { enqueueTask } from '../platform/jobs/task.repository.ts';
import { money, type Money } from '../platform/money.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { TASKS } from './followup.names.ts';
import { requestHash } from './idempotency.repository.ts';
import { addEvent, itemsOf, lockOrderByNo, orderByNo } from './order.repository.ts';
import { applyToOrder } from './order.transition.ts';

/** Who acts and under which idempotency key (the admin API's `Idempotency-Key`). */
export interface OperatorRequest {
  key: string;
  by: string;
}

export interface CancelResult {
  orderNo: string;
  status: 'CANCELLED';
  /** What goes back to the buyer (captured, less what was refunded already); held money is released too. */
  refund: Money;
  cancelledBy: string;
}

export interface RefundResult {
  orderNo: string;
  refund: { refundId: number; amount: Money; status: RefundView['status']; reason: string; lines?: { sku: string; quantity: number }[] };
}

/**
 * Runs `act` once per idempotency key, in one transaction with the record of
 * its result: a repeat with the same key and request gets the first result;
 * the same key for another request is refused. A concurrent repeat waits on
 * the key's row until the first commits, then replays it.
 */
async function once<T>(deps: CheckoutDeps, r: OperatorRequest, action: string, orderNo: string, body: unknown, act: (tx: Tx) => Promise<T>): Promise<T> {
  const hash = requestHash('POST', `${action}:${orderNo}`, body);
  return await deps.db.transaction().execute(async (tx) => {
    const claimed = await sql<{ key: string }>`insert into operator_actions (key, action, order_no, request_hash, by)
      values (${r.key}, ${action}, ${orderNo}, ${hash}, ${r.by}) on conflict (key) do nothing returning key`.execute(tx);
    if (claimed.rows.length === 0) {
      const prior = await tx.selectFrom('operator_actions').select(['request_hash', 'result']).where('key', '=', r.key).executeTakeFirstOrThrow();
      if (prior.request_hash !== hash) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      return prior.result as T;
    }
    const result = await act(tx);
    await tx.updateTable('operator_actions').set({ result: JSON.stringify(result) }).where('key', '=', r.key).execute();
    return result;
  });
}

/**
 * PAID → CANCELLED, by a person: through the order state machine (which
 * returns the stock, drops work not done for the sale, enqueues the refund
 * and the mails), recorded with who and why.
 */
export async function cancelPaidOrder(deps: CheckoutDeps, orderNo: string, r: OperatorRequest & { reason: string }): Promise<CancelResult> {
  return await once(deps, r, 'cancel', orderNo, { reason: r.reason }, async (tx) => {
    const order = await lockOrderByNo(tx, orderNo);
    if (!order) throw new AppError('ORDER_NOT_FOUND');
    if (order.status !== 'PAID') throw new AppError('ORDER_NOT_CANCELLABLE', { orderNo, details: { status: order.status } });
    const moved = await applyToOrder(tx, order, { kind: 'cancel', reason: r.reason }, { payments: deps.payments, via: 'operator', requestId: null, by: r.by });
    if (moved.kind !== 'moved') throw new AppError('ORDER_NOT_CANCELLABLE', { orderNo, details: { status: order.status } });
    const p = await deps.payments.summary(tx, orderNo);
    const back = Math.max(0, (p?.capturedAmount ?? 0) - (p?.refundedAmount ?? 0) - (await deps.payments.refunds.openAmount(tx, orderNo)));
    return { orderNo, status: 'CANCELLED', refund: money(back), cancelledBy: r.by };
  });
}

/**
 * Refunds part of a PAID order: an amount, or lines (priced as sold, each at
 * most as often as it was bought and not refunded yet). Refused above what
 * is left to refund. The PSP is called by the refund task, which follows the
 * refund to `succeeded` or `failed`.
 */
export async function refundPart(
  deps: CheckoutDeps,
  orderNo: string,
  r: OperatorRequest & { reason: string; amount?: number; lines?: { sku: string; quantity: number }[] },
): Promise<RefundResult> {
  const body = { reason: r.reason, ...(r.amount !== undefined ? { amount: r.amount } : {}), ...(r.lines ? { lines: r.lines } : {}) };
  return await once(deps, r, 'refund', orderNo, body, async (tx) => {
    const order = await lockOrderByNo(tx, orderNo);
    if (!order) throw new AppError('ORDER_NOT_FOUND');
    if (order.status !== 'PAID') throw new AppError('ORDER_NOT_REFUNDABLE', { orderNo, details: { status: order.status } });
    const amount = r.lines ? await linesAmount(tx, deps, order.id, orderNo, r.lines) : r.amount!;
    const refund = await deps.payments.refunds.request(tx, orderNo, { amount, reason: r.reason, by: r.by, meta: r.lines ? { lines: r.lines } : {} });
    await enqueueTask(tx, { name: TASKS.refundPayment, reference: orderNo, requestId: null, payload: { refundId: refund.refundId } });
    await addEvent(tx, order.id, 'refund_requested', { refundId: refund.refundId, amount, reason: r.reason, by: r.by, ...(r.lines ? { lines: r.lines } : {}) });
    return { orderNo, refund: { refundId: refund.refundId, amount: money(amount), status: refund.status, reason: r.reason, ...(r.lines ? { lines: r.lines } : {}) } };
  });
}

/** Prices refunded lines as sold; a line refunded (or being refunded) already counts against what was bought. */
async function linesAmount(tx: Tx, deps: CheckoutDeps, orderId: number, orderNo: string, lines: { sku: string; quantity: number }[]): Promise<number> {
  const items = new Map((await itemsOf(tx, orderId)).map((i) => [i.sku, i]));
  const already = new Map<string, number>();
  for (const f of await deps.payments.refunds.list(tx, orderNo)) {
    if (f.status === 'failed') continue;
    for (const l of (f.meta.lines as { sku: string; quantity: number }[] | undefined) ?? []) already.set(l.sku, (already.get(l.sku) ?? 0) + l.quantity);
  }
  let total = 0;
  const problems: { sku: string; problem: string }[] = [];
  const asked = new Map<string, number>();
  for (const l of lines) asked.set(l.sku, (asked.get(l.sku) ?? 0) + l.quantity);
  for (const [sku, quantity] of asked) {
    const item = items.get(sku);
    if (!item) {
      problems.push({ sku, problem: 'not in this order' });
      continue;
    }
    const left = item.quantity - (already.get(sku) ?? 0);
    if (quantity > left) problems.push({ sku, problem: `only ${Math.max(0, left)} left to refund` });
    total += item.unit_price * quantity;
  }
  if (problems.length > 0) throw new AppError('REFUND_EXCEEDS_CAPTURED', { orderNo, details: { lines: problems } });
  return total;
}

/** An order's refunds, oldest first; an order that does not exist is ORDER_NOT_FOUND (not an empty list). */
export async function refundsOf(deps: CheckoutDeps, orderNo: string): Promise<RefundView[]> {
  if (!(await orderByNo(deps.db, orderNo))) throw new AppError('ORDER_NOT_FOUND');
  return await deps.payments.refunds.list(deps.db, orderNo);
}

/** A refund task's outcome, written on the order's timeline and (a failure) told to the stream by payments. */
export async function recordRefundOutcome(deps: CheckoutDeps, orderNo: string, refund: RefundView): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const order = await lockOrderByNo(tx, orderNo);
    if (!order) return;
    const what = refund.status === 'succeeded' ? 'refund_succeeded' : 'refund_failed';
    const exists = await tx.selectFrom('order_events').select('id').where('order_id', '=', order.id).where('type', '=', what).where(sql<boolean>`data->>'refundId' = ${String(refund.refundId)}`).executeTakeFirst();
    if (!exists) await addEvent(tx, order.id, what, { refundId: refund.refundId, amount: refund.amount, ...(refund.failureReason ? { failureReason: refund.failureReason } : {}) });
  });
}

