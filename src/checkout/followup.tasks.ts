import * as inventory from '../inventory/index.ts';
import { emitEvent } from '../events/index.ts';
import type { NotificationKind } from '../notifications/index.ts';
import type { ProviderPayment, RetryAt } from '../payments/index.ts';
import { enqueueTask, taskEverEnqueued } from '../platform/jobs/task.repository.ts';
import type { RunAgain, TaskHandler } from '../platform/jobs/task.runner.ts';
import type { Tx } from '../platform/db/database.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { TASKS } from './followup.names.ts';
import { composeMail } from './mail.templates.ts';
import { recordRefundOutcome } from './operator.actions.ts';
import { addEventOnce, itemsOf, lockOrderByNo, orderByNo } from './order.repository.ts';
import type { OrderStatus } from './order.table.ts';

/** Which order states each mail may go out in (I4: shop and confirmation mails only for a PAID order). */
const MAIL_STATES: Record<NotificationKind, OrderStatus[]> = {
  order_confirmed_buyer: ['PAID'],
  order_received_shop: ['PAID'],
  purchase_failed_buyer: ['FAILED'],
  order_cancelled_buyer: ['CANCELLED'],
  order_cancelled_shop: ['CANCELLED'],
};

/** A payment call that knows when it can act: the task runs again then, and nothing counts as failed. */
function rerunAt(r: RetryAt, log: { info: (o: object, msg: string) => void }, payload?: Record<string, unknown>): RunAgain {
  log.info({ at: r.at.toISOString(), why: r.why }, 'payment cannot act yet; the task runs again then');
  return { rerunInMs: Math.max(0, r.at.getTime() - Date.now()), ...(payload ? { payload } : {}) };
}

/**
 * The follow-up tasks of the decisions. Each is idempotent and can never
 * change the decision: a PAID order stays PAID however often capture fails.
 * What they record about the order (timeline, events) is written with the
 * order locked, like every change of it.
 */
export function followUpTasks(deps: CheckoutDeps): Record<string, TaskHandler> {
  const { payments, mailer, config } = deps;

  async function order(db: CheckoutDeps['db'], reference: string | null) {
    if (!reference) throw new Error('task has no order reference');
    const o = await orderByNo(db, reference);
    if (!o) throw new Error(`order ${reference} not found`);
    return o;
  }

  /** The task's order, locked in `tx` (which takes its event key too). */
  async function locked(tx: Tx, reference: string | null) {
    if (!reference) throw new Error('task has no order reference');
    const o = await lockOrderByNo(tx, reference);
    if (!o) throw new Error(`order ${reference} not found`);
    return o;
  }

  return {
    [TASKS.capturePayment]: async (_p, ctx) => {
      const o = await order(ctx.db, ctx.reference);
      // Cancelled before it was captured: the cancel task drops the hold instead.
      if (o.status === 'CANCELLED') return;
      const r = await payments.capture(ctx.db, o.order_no, ctx.log);
      if (r.kind === 'retry_at') return rerunAt(r, ctx.log);
      await addEventOnce(ctx.db, o.id, 'payment_captured', { amount: o.total_amount });
    },
    [TASKS.commitStock]: async (_p, ctx) => {
      await ctx.db.transaction().execute(async (tx) => {
        const o = await locked(tx, ctx.reference);
        if (o.status !== 'PAID') return; // cancelled meanwhile: its stock went back with the cancel
        const lines = await inventory.commitReservations(tx, o.order_no);
        if (lines.length > 0) await emitEvent(tx, 'stock-committed', o.order_no, { orderNo: o.order_no, lines });
        await addEventOnce(tx, o.id, 'stock_committed');
      });
    },
    [TASKS.releaseStock]: async (_p, ctx) => {
      await ctx.db.transaction().execute(async (tx) => {
        const o = await locked(tx, ctx.reference);
        const lines = await inventory.releaseReservations(tx, o.order_no);
        if (lines.length > 0) await emitEvent(tx, 'stock-released', o.order_no, { orderNo: o.order_no, lines, returned: false });
        await addEventOnce(tx, o.id, 'stock_released');
      });
    },
    [TASKS.cancelPayment]: async (p, ctx) => {
      const o = await order(ctx.db, ctx.reference);
      // How often this cancel already waited for a charge the PSP was still deciding (its backoff).
      const processingWaits = Number(p.processingWaits ?? 0);
      const straysOnly = p.straysOnly === true;
      // A FAILED order never had money taken for it: money found now is a success that came after it closed.
      // Its webhook usually says so first (payment-events.ts); when this cancel gets there before it, that
      // webhook is older news than the undo and changes nothing, so the timeline learns it here — once, whichever came first.
      const onMoneyFound =
        !straysOnly && o.status === 'FAILED'
          ? async (found: ProviderPayment) => {
              await addEventOnce(ctx.db, o.id, 'late_payment_success', { source: 'cancel', pspStatus: found.status });
            }
          : undefined;
      const r = await payments.cancel(ctx.db, o.order_no, ctx.log, { processingWaits, straysOnly, ...(onMoneyFound ? { onMoneyFound } : {}) });
      if (r.kind === 'retry_at') return rerunAt(r, ctx.log, r.backoff ? { ...p, processingWaits: processingWaits + 1 } : undefined);
      await addEventOnce(ctx.db, o.id, straysOnly ? 'stray_payment_returned' : 'payment_cancelled');
    },
    [TASKS.refundPayment]: async (p, ctx) => {
      const pendingWaits = Number(p.pendingWaits ?? 0);
      const r = await payments.refunds.execute(ctx.db, Number(p.refundId), ctx.log, pendingWaits);
      if (r.kind === 'retry_at') return rerunAt(r, ctx.log, { ...p, pendingWaits: pendingWaits + 1 });
      if (ctx.reference) await recordRefundOutcome(deps, ctx.reference, r.refund);
    },
    [TASKS.sendMail]: async (p, ctx) => {
      const kind = p.kind as NotificationKind;
      const allowed = MAIL_STATES[kind];
      if (!allowed) throw new Error(`unknown mail kind ${String(p.kind)}`);
      const o = await order(ctx.db, ctx.reference);
      // Checked again at the last moment: a mail never contradicts the order's state (I4).
      if (!allowed.includes(o.status)) {
        ctx.log.warn({ event: 'mail_no_longer_fits', kind, status: o.status }, 'mail no longer fits the order; not sent');
        return;
      }
      const items = await itemsOf(ctx.db, o.id);
      const r = await mailer.send(ctx.db, composeMail(kind, o, items, config.shopEmail), ctx.log);
      // Another run may be sending this very mail right now: look again once its claim has run out.
      if (r.kind === 'in_progress') {
        ctx.log.info({ kind, retryInMs: r.retryInMs }, 'another run may be sending this mail; looking again when its claim runs out');
        return { rerunInMs: r.retryInMs };
      }
      if (r.kind !== 'sent') return;
      await ctx.db.transaction().execute(async (tx) => {
        const current = await lockOrderByNo(tx, o.order_no);
        if (await addEventOnce(tx, o.id, `mail_sent:${kind}`)) await emitEvent(tx, 'mail-sent', o.order_no, { orderNo: o.order_no, kind });
        // Cancelled while this mail was on its way: the cancel took the shop for untold, but it was told to ship.
        if (kind === 'order_received_shop' && current?.status === 'CANCELLED' && !(await taskEverEnqueued(tx, TASKS.sendMail, o.order_no, { kind: 'order_cancelled_shop' }))) {
          await enqueueTask(tx, { name: TASKS.sendMail, reference: o.order_no, requestId: ctx.requestId, payload: { kind: 'order_cancelled_shop' } });
        }
      });
    },
  };
}
