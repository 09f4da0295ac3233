import type { ProviderPayment } from '../payments/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { enqueueTask, hasQueuedTask } from '../platform/jobs/task.repository.ts';
import type { Logger } from '../platform/logging.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { decideFailure, decideSuccess } from './decision.ts';
import { TASKS } from './followup.names.ts';
import { addEvent, lockOrderByNo, type OrderRow } from './order.repository.ts';

export type ObservationSource = 'webhook' | 'poll';

/**
 * The one state machine for payments that finish later: webhooks and polling
 * both come here. In one transaction (the order row locked, so a webhook and a
 * poll for one order take turns) the PSP's word is applied to the payment and
 * the order moves only forward:
 * - WAITING_PAYMENT + success → PAID; + failure → FAILED (PAYMENT_DECLINED);
 * - PAID + failure → stays PAID; the late failure is recorded in the timeline (I7);
 * - FAILED + success → stays FAILED; the money is voided or refunded (I2).
 * A PENDING order is left to its request (or the sweeper): only the payment is recorded.
 * `observedAt` is when the PSP's answer reached us, for the success→PAID histogram.
 */
export async function applyPaymentObservation(
  deps: CheckoutDeps,
  obs: { provider: string; reference: string; payment: ProviderPayment; source: ObservationSource; observedAt: Date; eventId?: string },
  log: Logger,
): Promise<void> {
  const paidAt = await deps.db.transaction().execute(async (tx): Promise<Date | undefined> => {
    const order = await lockOrderByNo(tx, obs.reference);
    if (!order) {
      log.warn({ reference: obs.reference, source: obs.source }, 'PSP news about a payment that is not one of our orders; ignored');
      return undefined;
    }
    const o = await deps.payments.observe(tx, obs.provider, obs.reference, obs.payment);
    const by = obs.source;
    const what = { source: by, pspStatus: obs.payment.status, ...(obs.eventId ? { eventId: obs.eventId } : {}) };
    switch (o.kind) {
      case 'foreign':
        log.warn({ ...what, providerPaymentId: obs.payment.providerPaymentId }, 'PSP news about a payment attempt we do not know; ignored');
        return undefined;
      case 'succeeded':
        if (order.status === 'WAITING_PAYMENT') return (await decideSuccess(tx, order, order.request_id, by)) ? new Date() : undefined;
        // Not applied = older news than we have (e.g. the echo of a payment we already voided or refunded).
        if ((order.status === 'FAILED' || order.status === 'CANCELLED') && o.applied) await undoLateSuccess(tx, order, what, log);
        return undefined;
      case 'failed':
        if (order.status === 'WAITING_PAYMENT') {
          await decideFailure(tx, order, 'PAYMENT_DECLINED', { mayBeAuthorized: false, requestId: order.request_id, by });
        } else if (order.status === 'PAID') {
          await addEvent(tx, order.id, 'late_payment_failure_ignored', what);
          log.warn(what, 'a payment failure arrived for a PAID order; the order stays PAID');
        }
        return undefined;
      case 'pending':
      case 'ended':
        return undefined;
    }
  });
  if (paidAt) {
    deps.metrics.successToPaid.observe({ source: obs.source }, (paidAt.getTime() - obs.observedAt.getTime()) / 1000);
    log.info({ source: obs.source }, 'order PAID after the buyer completed the payment');
  }
}

/** A success after the order failed (expired, timed out): record it and make sure the money goes back. */
async function undoLateSuccess(tx: Tx, order: OrderRow, what: Record<string, unknown>, log: Logger): Promise<void> {
  await addEvent(tx, order.id, 'late_payment_success', what);
  // One cancel task at a time is enough: it voids or refunds whatever the PSP holds when it runs.
  if (!(await hasQueuedTask(tx, TASKS.cancelPayment, order.order_no))) {
    await enqueueTask(tx, { name: TASKS.cancelPayment, reference: order.order_no, requestId: order.request_id });
  }
  log.warn(what, `a payment success arrived for a ${order.status} order; it will be voided or refunded`);
}

/** Fails a waiting order whose payment expired: cancel at the PSP, release the stock, tell the buyer. */
export async function expireIfDue(deps: CheckoutDeps, orderNo: string, log: Logger): Promise<boolean> {
  return await deps.db.transaction().execute(async (tx) => {
    const order = await lockOrderByNo(tx, orderNo);
    if (!order || order.status !== 'WAITING_PAYMENT' || !order.payment_expires_at) return false;
    if (order.payment_expires_at.getTime() > Date.now()) return false;
    return await expire(tx, order, log);
  });
}

/** The expiry decision for a locked WAITING_PAYMENT order. */
export async function expire(tx: Tx, order: OrderRow, log: Logger): Promise<boolean> {
  // The buyer may complete at the last second: the cancel task voids or refunds what the PSP holds.
  const decided = await decideFailure(tx, order, 'PAYMENT_EXPIRED', { mayBeAuthorized: true, requestId: order.request_id, by: 'expiry' });
  if (decided) log.info({ orderNo: order.order_no }, 'payment expired; order failed');
  return decided !== undefined;
}
