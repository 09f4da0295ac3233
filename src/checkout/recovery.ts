import type { Logger } from 'pino';
import type { CheckoutDeps } from './checkout.deps.ts';
import { completeKeyForOrder, deleteExpiredKeys } from './idempotency.repository.ts';
import { expiredWaitingOrders, overdueOrders, tryLockOrderByNo } from './order.repository.ts';
import { TASKS } from './followup.names.ts';
import { expire } from './payment-events.ts';
import { purchaseOutcome } from './order.view.ts';
import { applyToOrder } from './order.transition.ts';

/**
 * Finds orders left PENDING past their deadline (the process died mid-purchase,
 * or the request was lost) and drives them through the failure decision, one
 * transaction each (an order in work right now is skipped: its request is
 * deciding it). The PSP may hold money for them, so the cancel task is always
 * enqueued. Returns how many orders it decided.
 */
async function sweepOverdueOrders(deps: CheckoutDeps, log: Logger, limit = 100): Promise<number> {
  let n = 0;
  for (const orderNo of await overdueOrders(deps.db, deps.config.sweepGraceMs, limit)) {
    const decided = await deps.db.transaction().execute(async (tx) => {
      const order = await tryLockOrderByNo(tx, orderNo);
      if (order?.status !== 'PENDING' || order.deadline_at.getTime() + deps.config.sweepGraceMs > Date.now()) return false;
      const r = await applyToOrder(tx, order, { kind: 'payment_failed', reason: 'CHECKOUT_TIMEOUT', mayBeAuthorized: true }, { payments: deps.payments, via: 'recovery', requestId: order.request_id });
      if (r.kind !== 'moved') return false;
      // A client retrying with its idempotency key gets the decision, not "in progress" forever.
      await completeKeyForOrder(tx, order.order_no, await purchaseOutcome(tx, deps.payments, r.order));
      log.warn({ event: 'order_recovered', orderNo, requestId: order.request_id }, 'recovered an order left PENDING past its deadline');
      return true;
    });
    if (decided) n++;
  }
  return n;
}

/**
 * The safety net behind the polling task: orders still waiting for the buyer
 * past their payment expiry (plus grace) — their poll task died, or was
 * discarded — fail with PAYMENT_EXPIRED.
 */
async function sweepExpiredPayments(deps: CheckoutDeps, log: Logger, limit = 100): Promise<number> {
  let n = 0;
  // A poll task gets its chance first: it runs at expiry, bounded by one PSP timeout.
  const stuckAfterMs = Math.max(deps.config.sweepGraceMs, 120_000);
  for (const orderNo of await expiredWaitingOrders(deps.db, deps.config.sweepGraceMs, limit, TASKS.pollPayment, stuckAfterMs)) {
    const expired = await deps.db.transaction().execute(async (tx) => {
      const order = await tryLockOrderByNo(tx, orderNo);
      if (order?.status !== 'WAITING_PAYMENT' || !order.payment_expires_at || order.payment_expires_at.getTime() > Date.now()) return false;
      return await expire(tx, deps, order, log);
    });
    if (expired) n++;
  }
  if (n > 0) log.warn({ event: 'orders_expired_by_sweep', expired: n }, 'expired waiting orders the polling task had not');
  return n;
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
      log.error({ event: 'sweep_failed', err: e }, 'sweep failed; will try again');
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
