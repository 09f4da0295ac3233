import type { ProviderPayment } from '../payments/index.ts';
import type { Tx } from '../platform/db/database.ts';
import type { Logger } from '../platform/logging.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { enqueueTask, hasQueuedTask } from '../platform/jobs/task.repository.ts';
import { TASKS } from './followup.names.ts';
import { addEvent, lockOrderByNo, type OrderRow } from './order.repository.ts';
import { applyToOrder } from './order.transition.ts';

export type ObservationSource = 'webhook' | 'poll' | 'reconcile';

/**
 * Where payments that finish later meet the order: webhooks, polling and
 * reconciliation all come here. In one transaction (the order locked, so a
 * webhook and a poll for one order take turns) the PSP's word is applied to
 * the payment and then handed to the order state machine (order.machine.ts),
 * which alone decides what it means for the order.
 * `observedAt` is when the PSP's answer reached us, for the success→PAID histogram.
 */
export async function applyPaymentObservation(
  deps: CheckoutDeps,
  obs: { provider: string; reference: string; payment: ProviderPayment; source: ObservationSource; observedAt: Date; eventId?: string },
  log: Logger,
): Promise<void> {
  const decided = await deps.db.transaction().execute(async (tx): Promise<{ paidAt?: Date } | undefined> => {
    const order = await lockOrderByNo(tx, obs.reference);
    if (!order) {
      log.warn({ event: 'psp_news_unknown_order', reference: obs.reference, source: obs.source }, 'PSP news about a payment that is not one of our orders; ignored');
      return undefined;
    }
    const o = await deps.payments.observe(tx, obs.provider, obs.reference, obs.payment, { source: obs.source, ...(obs.eventId ? { eventId: obs.eventId } : {}) });
    const what = { source: obs.source, pspStatus: obs.payment.status, ...(obs.eventId ? { eventId: obs.eventId } : {}) };
    const ctx = { payments: deps.payments, via: obs.source, requestId: order.request_id, detail: what };
    switch (o.kind) {
      case 'foreign':
        log.warn({ event: 'psp_news_unknown_attempt', ...what, providerPaymentId: obs.payment.providerPaymentId }, 'PSP news about a payment attempt we do not know; ignored');
        return undefined;
      case 'succeeded': {
        // Not applied = older news than we have (e.g. the echo of a payment we already voided or refunded).
        if (!o.applied && order.status !== 'WAITING_PAYMENT') return undefined;
        const r = await applyToOrder(tx, order, { kind: 'payment_succeeded' }, ctx);
        if (r.kind === 'reacted') log.warn({ event: 'late_payment_success', ...what }, `a payment success arrived for a ${order.status} order; it will be voided or refunded`);
        return r.kind === 'moved' ? { paidAt: new Date() } : undefined;
      }
      case 'failed': {
        const r = await applyToOrder(tx, order, { kind: 'payment_failed', reason: 'PAYMENT_DECLINED', mayBeAuthorized: false }, ctx);
        if (r.kind === 'reacted') log.warn({ event: 'late_payment_failure', ...what }, 'a payment failure arrived for a PAID order; the order stays PAID');
        return r.kind === 'moved' ? {} : undefined;
      }
      case 'stray':
        await returnStrayMoney(tx, order, what, log);
        return undefined;
      case 'pending':
      case 'ended':
        return undefined;
    }
  });
  if (decided?.paidAt) {
    deps.metrics.successToPaid.observe({ source: obs.source }, (decided.paidAt.getTime() - obs.observedAt.getTime()) / 1000);
    log.info({ event: 'order_paid_async', source: obs.source }, 'order PAID after the buyer completed the payment');
  }
  if (decided && obs.source === 'poll') await noteMissingWebhook(deps, obs, log);
}

/**
 * A poll decided the order and the PSP never sent a webhook about it: polling covered for it, but the
 * webhooks are not arriving (a blackout at the PSP, a wrong endpoint or secret, a firewall) and every
 * buyer now waits for the next poll. Said at warn so triage and the logs show it while it lasts.
 */
async function noteMissingWebhook(deps: CheckoutDeps, obs: { provider: string; reference: string; payment: ProviderPayment }, log: Logger): Promise<void> {
  if (await deps.payments.webhooks.anyReceived(deps.db, obs.provider, obs.reference)) return;
  log.warn({ event: 'webhook_missing', provider: obs.provider, pspStatus: obs.payment.status }, "the PSP's webhook never came; a poll decided the order");
}

/**
 * Money on an attempt the order does not follow (the PSP refused it to us,
 * then acted): voided or refunded whatever the order's state. A FAILED or
 * CANCELLED order's cancel task undoes every attempt anyway; otherwise only
 * the strays are undone — the live attempt is the order's.
 */
async function returnStrayMoney(tx: Tx, order: OrderRow, what: Record<string, unknown>, log: Logger): Promise<void> {
  await addEvent(tx, order.id, 'stray_payment', what);
  log.warn({ event: 'stray_money', ...what }, 'money on a payment attempt the order does not follow; it will be voided or refunded');
  if (await hasQueuedTask(tx, TASKS.cancelPayment, order.order_no)) return;
  const straysOnly = order.status !== 'FAILED' && order.status !== 'CANCELLED';
  await enqueueTask(tx, { name: TASKS.cancelPayment, reference: order.order_no, requestId: order.request_id, ...(straysOnly ? { payload: { straysOnly: true } } : {}) });
}

/** Fails a waiting order whose payment expired: cancel at the PSP, release the stock, tell the buyer. */
export async function expireIfDue(deps: CheckoutDeps, orderNo: string, log: Logger): Promise<boolean> {
  return await deps.db.transaction().execute(async (tx) => {
    const order = await lockOrderByNo(tx, orderNo);
    if (!order || order.status !== 'WAITING_PAYMENT' || !order.payment_expires_at) return false;
    if (order.payment_expires_at.getTime() > Date.now()) return false;
    return await expire(tx, deps, order, log);
  });
}

/** The expiry decision for a locked WAITING_PAYMENT order. */
export async function expire(tx: Tx, deps: CheckoutDeps, order: OrderRow, log: Logger): Promise<boolean> {
  // The buyer may complete at the last second: the cancel task voids or refunds what the PSP holds.
  const r = await applyToOrder(tx, order, { kind: 'payment_failed', reason: 'PAYMENT_EXPIRED', mayBeAuthorized: true }, { payments: deps.payments, via: 'expiry', requestId: order.request_id });
  if (r.kind === 'moved') log.info({ event: 'payment_expired', orderNo: order.order_no }, 'payment expired; order failed');
  return r.kind === 'moved';
}
