import * as inventory from '../inventory/index.ts';
import type { NotificationKind } from '../notifications/index.ts';
import type { RetryAt } from '../payments/index.ts';
import type { RunAgain, TaskHandler } from '../platform/jobs/task.runner.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { TASKS } from './followup.names.ts';
import { composeMail } from './mail.templates.ts';
import { addEventOnce, itemsOf, orderByNo } from './order.repository.ts';

const MAIL_KINDS: NotificationKind[] = ['order_confirmed_buyer', 'order_received_shop', 'purchase_failed_buyer'];

/** A payment call that knows when it can act: the task runs again then, and nothing counts as failed. */
function rerunAt(r: RetryAt, log: { info: (o: object, msg: string) => void }, payload?: Record<string, unknown>): RunAgain {
  log.info({ at: r.at.toISOString(), why: r.why }, 'payment cannot act yet; the task runs again then');
  return { rerunInMs: Math.max(0, r.at.getTime() - Date.now()), ...(payload ? { payload } : {}) };
}

/**
 * The follow-up tasks of the two decisions. Each is idempotent and can never
 * change the decision: a PAID order stays PAID however often capture fails.
 */
export function followUpTasks(deps: CheckoutDeps): Record<string, TaskHandler> {
  const { payments, mailer, config } = deps;

  async function order(db: CheckoutDeps['db'], reference: string | null) {
    if (!reference) throw new Error('task has no order reference');
    const o = await orderByNo(db, reference);
    if (!o) throw new Error(`order ${reference} not found`);
    return o;
  }

  return {
    [TASKS.capturePayment]: async (_p, ctx) => {
      const o = await order(ctx.db, ctx.reference);
      const r = await payments.capture(ctx.db, o.order_no, ctx.log);
      if (r.kind === 'retry_at') return rerunAt(r, ctx.log);
      await addEventOnce(ctx.db, o.id, 'payment_captured', { amount: o.total_amount });
    },
    [TASKS.commitStock]: async (_p, ctx) => {
      const o = await order(ctx.db, ctx.reference);
      await ctx.db.transaction().execute(async (tx) => {
        await inventory.commitReservations(tx, o.order_no);
        await addEventOnce(tx, o.id, 'stock_committed');
      });
    },
    [TASKS.releaseStock]: async (_p, ctx) => {
      const o = await order(ctx.db, ctx.reference);
      await ctx.db.transaction().execute(async (tx) => {
        await inventory.releaseReservations(tx, o.order_no);
        await addEventOnce(tx, o.id, 'stock_released');
      });
    },
    [TASKS.cancelPayment]: async (p, ctx) => {
      const o = await order(ctx.db, ctx.reference);
      // How often this cancel already waited for a charge the PSP was still deciding (its backoff).
      const processingWaits = Number(p.processingWaits ?? 0);
      const r = await payments.cancel(ctx.db, o.order_no, ctx.log, { processingWaits });
      if (r.kind === 'retry_at') return rerunAt(r, ctx.log, r.backoff ? { ...p, processingWaits: processingWaits + 1 } : undefined);
      await addEventOnce(ctx.db, o.id, 'payment_cancelled');
    },
    [TASKS.sendMail]: async (p, ctx) => {
      const kind = p.kind as NotificationKind;
      if (!MAIL_KINDS.includes(kind)) throw new Error(`unknown mail kind ${String(p.kind)}`);
      const o = await order(ctx.db, ctx.reference);
      // I4, checked again at the last moment: shop and confirmation mails only for PAID orders.
      if (kind !== 'purchase_failed_buyer' && o.status !== 'PAID' && o.status !== 'CANCELLED') {
        throw new Error(`refusing to send ${kind} for an order in ${o.status}`);
      }
      const items = await itemsOf(ctx.db, o.id);
      const r = await mailer.send(ctx.db, composeMail(kind, o, items, config.shopEmail), ctx.log);
      // Another run may be sending this very mail right now: look again once its claim has run out.
      if (r.kind === 'in_progress') {
        ctx.log.info({ kind, retryInMs: r.retryInMs }, 'another run may be sending this mail; looking again when its claim runs out');
        return { rerunInMs: r.retryInMs };
      }
      if (r.kind === 'sent') await addEventOnce(ctx.db, o.id, `mail_sent:${kind}`);
    },
  };
}
