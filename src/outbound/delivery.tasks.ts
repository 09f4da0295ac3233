import { backoffMs, type TaskHandler, type TaskRetryPolicy } from '../platform/jobs/task.runner.ts';
import { scrubFromLogs } from '../platform/secrets.ts';
import { deliveryToSend, insertAttempt, markSkipped, settleAttempt, skipPending } from './delivery.repository.ts';
import { DELIVER_TASK, type OutboundDeps } from './outbound.deps.ts';
import { outboundMetrics } from './outbound.metrics.ts';
import type { DeliveryStatus } from './outbound.table.ts';
import { postWebhook, type SendResult } from './sender.ts';
import { SIGNATURE_HEADER, signatureHeader } from './signing.ts';
import { disableSubscription } from './subscription.repository.ts';

/** Kept of a receiver's answer in the attempt log. */
const KEPT_RESPONSE_CHARS = 2000;
/** A task that finds this process's delivery slots full waits about this long (not a failure). */
const SLOT_WAIT_MS = 250;

/** The headers of one attempt; `t` is the attempt's own time, so a retry hours later is not refused as a replay. */
export function deliveryHeaders(d: { id: string; event_id: string; type: string; secret: string; body: string }): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'orderly-webhooks/1',
    [SIGNATURE_HEADER.toLowerCase()]: signatureHeader(d.secret, d.body),
    'orderly-event-id': d.event_id,
    'orderly-event-type': d.type,
    'orderly-delivery-id': d.id,
  };
}

/**
 * The delivery task: one attempt per run. It reads the delivery, POSTs
 * outside any transaction (I8), then records the attempt and the outcome in
 * one short transaction. A failed attempt (non-2xx, timeout, connection
 * error, refused address) returns RunAgain after `backoffMs` of this
 * delivery's own budget (OUTBOUND_*), not the task runner's: a receiver that
 * is down is not our failure, and must not fill the dead-letter list or its
 * alerts. After OUTBOUND_MAX_ATTEMPTS the delivery is `dead` and the task
 * done; an operator redelivers it. A 410 Gone disables the subscription.
 */
export function deliveryTasks(deps: OutboundDeps): Record<string, TaskHandler> {
  const { settings } = deps;
  const m = outboundMetrics(deps.registry, deps.db);
  const policy: TaskRetryPolicy = { maxAttempts: settings.maxAttempts, retryBaseMs: settings.retryBaseMs, retryMaxMs: settings.retryMaxMs };
  // Slow receivers must never hold every worker slot (captures and mails share them).
  let inFlight = 0;

  return {
    [DELIVER_TASK]: async (payload, ctx) => {
      const deliveryId = String(payload.deliveryId);
      const series = Number(payload.series ?? 1);
      const d = await deliveryToSend(ctx.db, deliveryId);
      // Finished, skipped, or redelivered meanwhile (the newer series has its own task).
      if (!d || d.series !== series || d.status !== 'pending') return;
      const log = ctx.log.child({ deliveryId, subscriptionId: d.subscription_id, eventId: d.event_id, eventType: d.type, orderNo: d.key });
      if (d.subscription_status !== 'active') {
        if (await markSkipped(ctx.db, { id: deliveryId, series })) m.deliveries.inc({ outcome: 'skipped' });
        log.info('subscription disabled; delivery skipped');
        return;
      }
      if (inFlight >= settings.concurrency) return { rerunInMs: SLOT_WAIT_MS + Math.floor(Math.random() * SLOT_WAIT_MS) };
      scrubFromLogs(d.secret);
      const attempt = d.attempts + 1;
      const startedAt = new Date();
      let r: SendResult;
      inFlight++;
      try {
        r = await postWebhook(d.url, d.body, deliveryHeaders(d), { timeoutMs: settings.timeoutMs, allowPrivateUrls: settings.allowPrivateUrls });
      } finally {
        inFlight--;
      }
      m.attempts.inc({ result: r.kind });
      m.attemptSeconds.observe(r.durationMs / 1000);

      const ok = r.kind === 'ok';
      const gone = r.status === 410;
      const status: DeliveryStatus = ok ? 'delivered' : gone || attempt >= policy.maxAttempts ? 'dead' : 'pending';
      const delay = status === 'pending' ? backoffMs(attempt, policy) : 0;
      const outcome = await ctx.db.transaction().execute(async (tx) => {
        await insertAttempt(tx, {
          delivery_id: deliveryId,
          series,
          attempt,
          started_at: startedAt,
          duration_ms: r.durationMs,
          http_status: r.status,
          error: r.error,
          response_body: r.body?.slice(0, KEPT_RESPONSE_CHARS) ?? null,
          outcome: ok ? 'delivered' : 'failed',
        });
        const nextAttemptAt = status === 'pending' ? new Date(Date.now() + delay) : null;
        const applied = await settleAttempt(tx, { id: deliveryId, series }, { attempt, status, httpStatus: r.status, error: r.error, nextAttemptAt });
        // The receiver says the endpoint is gone for good: no more deliveries to it, pending ones skipped.
        const skipped = applied && gone && (await disableSubscription(tx, d.subscription_id, 'gone')) ? await skipPending(tx, d.subscription_id) : 0;
        return { applied, skipped };
      });
      if (!outcome.applied) {
        log.info({ attempt, httpStatus: r.status }, 'delivery changed while it was sent (redelivered or skipped); attempt logged only');
        return;
      }
      if (outcome.skipped > 0) m.deliveries.inc({ outcome: 'skipped' }, outcome.skipped);
      const at = { attempt, httpStatus: r.status, durationMs: r.durationMs };
      if (status === 'delivered') {
        m.deliveries.inc({ outcome: 'delivered' });
        m.deliveryLag.observe((Date.now() - d.occurred_at.getTime()) / 1000);
        log.info(at, 'webhook delivered');
        return;
      }
      if (status === 'dead') {
        m.deliveries.inc({ outcome: 'dead' });
        if (gone) log.warn({ event: 'outbound_subscription_gone', ...at }, 'receiver answered 410 Gone: subscription disabled, delivery dead');
        else log.warn({ event: 'outbound_delivery_dead', ...at, error: r.error, deliveryDead: true }, 'webhook delivery used up its attempts and is dead');
        return;
      }
      log.info({ ...at, error: r.error, retryInMs: delay }, 'webhook attempt failed; will retry');
      return { rerunInMs: delay };
    },
  };
}
