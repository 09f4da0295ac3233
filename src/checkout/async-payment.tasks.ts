import type { RunAgain, TaskHandler } from '../platform/jobs/task.runner.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { TASKS } from './followup.names.ts';
import { orderByNo } from './order.repository.ts';
import { applyPaymentObservation, expireIfDue } from './payment-events.ts';

/** The n-th wait between polls: first, doubling, capped (3 s, 6 s, 12 s, 24 s, 30 s, 30 s …). */
export function pollDelayMs(n: number, firstMs: number, maxMs: number): number {
  return Math.min(maxMs, firstMs * 2 ** Math.min(n, 30));
}

/**
 * The tasks of payments that finish later: acting on a stored webhook, and
 * polling the PSP (the fallback for webhooks that never come) until the payment
 * is final or has expired.
 */
export function asyncPaymentTasks(deps: CheckoutDeps): Record<string, TaskHandler> {
  const { payments, metrics, config } = deps;

  return {
    [TASKS.paymentEvent]: async (p, ctx) => {
      const stored = await payments.webhooks.load(ctx.db, Number(p.webhookId));
      if (!stored) throw new Error(`webhook ${String(p.webhookId)} not found`);
      if (stored.processedAt) return;
      const { event } = stored;
      const log = ctx.log.child({ eventId: event.id, eventType: event.type });
      if (event.confirmWithPsp && (await payments.webhooks.confirmedRecently(ctx.db, stored))) {
        // Another hint about this payment was just confirmed with the PSP (and applied): no second query.
        log.debug('hint coalesced with one confirmed moments ago');
        await payments.webhooks.markProcessed(ctx.db, stored.id);
        return;
      }
      // An unsigned notification is only a hint: what counts is what the PSP answers when asked.
      const payment = event.payment && event.confirmWithPsp ? await payments.confirm(stored.provider, event.payment, AbortSignal.timeout(config.pspTimeoutMs)) : event.payment;
      if (payment) {
        await applyPaymentObservation(
          deps,
          { provider: stored.provider, reference: payment.reference, payment, source: 'webhook', observedAt: stored.receivedAt, eventId: event.id },
          log,
        );
      } else if (event.payment) {
        log.warn({ event: 'psp_news_unknown_payment', providerPaymentId: event.payment.providerPaymentId }, 'notification about a payment the PSP does not know; ignored');
      }
      await payments.webhooks.markProcessed(ctx.db, stored.id);
    },

    [TASKS.pollPayment]: async (p, ctx): Promise<void | RunAgain> => {
      const orderNo = ctx.reference;
      if (!orderNo) throw new Error('poll task has no order reference');
      let order = await orderByNo(ctx.db, orderNo);
      if (order?.status !== 'WAITING_PAYMENT') return; // decided (webhook, expiry): polling is over
      try {
        const found = await payments.refresh(ctx.db, orderNo, AbortSignal.timeout(config.pspTimeoutMs));
        metrics.paymentPolls.inc({ result: found ? found.payment.status : 'not_found' });
        if (found) {
          await applyPaymentObservation(deps, { provider: found.provider, reference: orderNo, payment: found.payment, source: 'poll', observedAt: new Date() }, ctx.log);
        }
      } catch (e) {
        // A slow or failing status query is no reason to give up: the next poll (or a webhook) will tell.
        metrics.paymentPolls.inc({ result: 'error' });
        ctx.log.warn({ event: 'payment_poll_failed', err: e }, 'polling the PSP failed; will poll again');
      }
      order = await orderByNo(ctx.db, orderNo);
      if (order?.status !== 'WAITING_PAYMENT' || !order.payment_expires_at) return;
      const untilExpiry = order.payment_expires_at.getTime() - Date.now();
      if (untilExpiry <= 0) {
        await expireIfDue(deps, orderNo, ctx.log);
        return;
      }
      const n = Number(p.n ?? 0);
      // Wake at expiry at the latest, so an unpaid order fails on time.
      return { rerunInMs: Math.min(pollDelayMs(n + 1, config.paymentPollFirstMs, config.paymentPollMaxMs), untilExpiry), payload: { n: n + 1 } };
    },
  };
}
