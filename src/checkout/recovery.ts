import type { Logger } from 'pino';
import type { CheckoutDeps } from './checkout.deps.ts';
import { decideFailure } from './decision.ts';
import { completeKeyForOrder, deleteExpiredKeys } from './idempotency.repository.ts';
import { lockExpiredWaiting, lockOverdue } from './order.repository.ts';
import { TASKS } from './followup.names.ts';
import { expire } from './payment-events.ts';
import { purchaseOutcome } from './order.view.ts';

/**
 * Finds orders left PENDING past their deadline (the process died mid-purchase,
 * or the request was lost) and drives them through the failure decision. The
 * PSP may hold money for them, so the cancel task is always enqueued.
 * Returns how many orders it decided.
 */
async function sweepOverdueOrders(deps: CheckoutDeps, log: Logger, limit = 100): Promise<number> {
  return await deps.db.transaction().execute(async (tx) => {
    const overdue = await lockOverdue(tx, deps.config.sweepGraceMs, limit);
    let n = 0;
    for (const order of overdue) {
      const decided = await decideFailure(tx, order, 'CHECKOUT_TIMEOUT', { mayBeAuthorized: true, requestId: order.request_id, by: 'recovery' });
      if (!decided) continue;
      // A client retrying with its idempotency key gets the decision, not "in progress" forever.
      await completeKeyForOrder(tx, order.order_no, await purchaseOutcome(tx, deps.payments, decided));
      log.warn({ orderNo: order.order_no, requestId: order.request_id }, 'recovered an order left PENDING past its deadline');
      n++;
    }
    return n;
  });
}

/**
 * The safety net behind the polling task: orders still waiting for the buyer
 * past their payment expiry (plus grace) — their poll task died, or was
 * discarded — fail with PAYMENT_EXPIRED.
 */
async function sweepExpiredPayments(deps: CheckoutDeps, log: Logger, limit = 100): Promise<number> {
  return await deps.db.transaction().execute(async (tx) => {
    let n = 0;
    // A poll task gets its chance first: it runs at expiry, bounded by one PSP timeout.
    const stuckAfterMs = Math.max(deps.config.sweepGraceMs, 120_000);
    for (const order of await lockExpiredWaiting(tx, deps.config.sweepGraceMs, limit, TASKS.pollPayment, stuckAfterMs)) {
      if (await expire(tx, order, log)) n++;
    }
    if (n > 0) log.warn({ expired: n }, 'expired waiting orders the polling task had not');
    return n;
  });
}

export interface Sweeper {
  stop(): Promise<void>;
}

/** Runs the recovery sweep every SWEEP_INTERVAL_MS, plus the housekeeping that rides along. */
export function startSweeper(deps: CheckoutDeps): Sweeper {
  const log = deps.log.child({ component: 'sweeper' });
  let running: Promise<void> | undefined;
  let stopped = false;
  const once = async () => {
    try {
      await sweepOverdueOrders(deps, log);
      await sweepExpiredPayments(deps, log);
      await deleteExpiredKeys(deps.db);
    } catch (e) {
      log.error({ err: e }, 'sweep failed; will try again');
    }
  };
  const tick = () => {
    if (stopped || running) return;
    running = once().finally(() => (running = undefined));
  };
  const timer = setInterval(tick, deps.config.sweepIntervalMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
