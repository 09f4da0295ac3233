import { emitEvents, type NewEvent } from '../events/index.ts';
import type { Payments } from '../payments/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { enqueueTask, enqueueTasks, finishQueuedTasks, hasQueuedTask, type NewTask } from '../platform/jobs/task.repository.ts';
import * as inventory from '../inventory/index.ts';
import { notificationsFor } from '../notifications/index.ts';
import { TASKS, URGENT } from './followup.names.ts';
import { step, type OrderInput, type Reaction, type Via } from './order.machine.ts';
import { addEvent, moveOrder, type OrderRow } from './order.repository.ts';
import type { OrderStatus } from './order.table.ts';

export interface TransitionContext {
  payments: Payments;
  via: Via;
  requestId: string | null;
  /** An operator's name (cancel), recorded with the change. */
  by?: string;
  /** What the news was (PSP status, event id), for the timeline entry of a reaction. */
  detail?: Record<string, unknown>;
}

export type TransitionResult =
  | { kind: 'moved'; order: OrderRow; from: OrderStatus }
  | { kind: 'reacted'; reaction: Reaction }
  | { kind: 'stayed' };

/**
 * Carries one step of the machine out on an order the caller has locked
 * (lockOrderByNo, which also takes its event key), in the caller's
 * transaction: the row, the timeline entry, the outbox events and every
 * follow-up task the step implies commit together or not at all (seed 002's
 * better design). A conditional update keeps it safe even unlocked: of two
 * racing steps one moves, the other stays.
 */
export async function applyToOrder(tx: Tx, order: OrderRow, input: OrderInput, ctx: TransitionContext): Promise<TransitionResult> {
  const s = step(order.status, input.kind, ctx.via);
  if (s.kind === 'stay') return { kind: 'stayed' };
  if (s.kind === 'react') {
    await react(tx, order, s.reaction, ctx);
    return { kind: 'reacted', reaction: s.reaction };
  }
  const moved = await moveOrder(tx, order.id, order.status, s.to, fieldsFor(input, ctx));
  if (!moved) return { kind: 'stayed' };
  const by = ctx.by ?? ctx.via;
  const events: NewEvent[] = [];
  // The step's follow-up tasks: recorded together, run by one job (enqueueTasks).
  const tasks: NewTask[] = [];
  const ref = { reference: order.order_no, requestId: ctx.requestId };
  // Timeline data names who decided, except for the buyer's own request (the common case).
  const who = ctx.via === 'request' ? {} : { by };
  switch (input.kind) {
    case 'payment_succeeded':
      await addEvent(tx, order.id, 'order_paid', who);
      // Stock first (it needs only the database), then the money, then the mails — which go out only
      // after the decision (seed 002's first incident).
      tasks.push(
        { name: TASKS.commitStock, ...ref },
        { name: TASKS.capturePayment, ...ref },
        { name: TASKS.sendMail, ...ref, payload: { kind: 'order_confirmed_buyer' } },
        { name: TASKS.sendMail, ...ref, payload: { kind: 'order_received_shop' } },
      );
      events.push({ type: 'order-paid', key: order.order_no, data: { orderNo: order.order_no, total: money(order), by } });
      break;
    case 'payment_failed':
      await addEvent(tx, order.id, 'order_failed', { reason: input.reason, ...who });
      tasks.push({ name: TASKS.releaseStock, ...ref });
      if (input.mayBeAuthorized) tasks.push({ name: TASKS.cancelPayment, ...ref });
      tasks.push({ name: TASKS.sendMail, ...ref, payload: { kind: 'purchase_failed_buyer' } });
      events.push({ type: 'order-failed', key: order.order_no, data: { orderNo: order.order_no, reason: input.reason, by } });
      break;
    case 'buyer_must_act':
      await addEvent(tx, order.id, 'waiting_for_payment', { expiresAt: input.expiresAt.toISOString() });
      tasks.push({ name: TASKS.pollPayment, ...ref, runAt: input.firstPollAt, payload: { n: 0 }, priority: URGENT });
      events.push({ type: 'order-awaiting-payment', key: order.order_no, data: { orderNo: order.order_no, paymentExpiresAt: input.expiresAt.toISOString() } });
      break;
    case 'cancel':
      events.push(...(await cancelEffects(tx, moved, input.reason, by, ctx, tasks)));
      break;
  }
  await enqueueTasks(tx, tasks);
  // A decided order needs no more polling.
  if (order.status === 'WAITING_PAYMENT') await finishQueuedTasks(tx, TASKS.pollPayment, order.order_no);
  const paymentStatus = (await ctx.payments.statusOf(tx, order.order_no)) ?? null;
  events.unshift({
    type: 'order-status-changed',
    key: order.order_no,
    data: {
      orderNo: order.order_no,
      status: moved.status,
      paymentStatus,
      updatedAt: moved.updated_at.toISOString(),
      previousStatus: order.status,
      ...(moved.payment_expires_at && moved.status === 'WAITING_PAYMENT' ? { paymentExpiresAt: moved.payment_expires_at.toISOString() } : {}),
      ...(moved.failure_reason ? { reason: moved.failure_reason } : {}),
    },
  });
  // Live watchers hear of the move from the orders table's trigger (migration 0016).
  await emitEvents(tx, events);
  return { kind: 'moved', order: moved, from: order.status };
}

const money = (o: OrderRow) => ({ amount: o.total_amount, currency: o.currency });

function fieldsFor(input: OrderInput, ctx: TransitionContext): Parameters<typeof moveOrder>[4] {
  switch (input.kind) {
    case 'buyer_must_act':
      return { payment_expires_at: input.expiresAt };
    case 'payment_succeeded':
      return { decided: true };
    case 'payment_failed':
      return { decided: true, failure_reason: input.reason };
    case 'cancel':
      return { cancel_reason: input.reason, cancelled_by: ctx.by ?? ctx.via };
  }
}

/**
 * PAID → CANCELLED: the money goes back (the cancel task voids what is held
 * and refunds what was taken, following the PSP to the end), the stock
 * returns at once (held or already committed), work not done yet for the
 * sale is dropped, the buyer is told — and the shop too, if it was already
 * told to ship.
 */
async function cancelEffects(tx: Tx, order: OrderRow, reason: string, by: string, ctx: TransitionContext, tasks: NewTask[]): Promise<NewEvent[]> {
  const ref = { reference: order.order_no, requestId: ctx.requestId };
  await finishQueuedTasks(tx, TASKS.capturePayment, order.order_no);
  await finishQueuedTasks(tx, TASKS.commitStock, order.order_no);
  const unsent = await finishQueuedTasks(tx, TASKS.sendMail, order.order_no);
  const lines = await inventory.returnReservations(tx, order.order_no);
  await addEvent(tx, order.id, 'order_cancelled', { reason, by });
  tasks.push({ name: TASKS.cancelPayment, ...ref }, { name: TASKS.sendMail, ...ref, payload: { kind: 'order_cancelled_buyer' } });
  // A shop mail task finished here may be sending right now (it checked the order before this cancel):
  // the shop counts as told once its mail is in the mailbox, too. One sent after this commits is
  // followed by the cancel mail from its own task (followup.tasks.ts).
  const shopNotYetTold = unsent.some((p) => p.kind === 'order_received_shop') && !(await notificationsFor(tx, order.order_no)).some((n) => n.kind === 'order_received_shop');
  if (!shopNotYetTold) tasks.push({ name: TASKS.sendMail, ...ref, payload: { kind: 'order_cancelled_shop' } });
  const captured = await ctx.payments.summary(tx, order.order_no);
  const refund = { amount: Math.max(0, (captured?.capturedAmount ?? 0) - (captured?.refundedAmount ?? 0)), currency: order.currency };
  const events: NewEvent[] = [{ type: 'order-cancelled', key: order.order_no, data: { orderNo: order.order_no, reason, by, refund } }];
  if (lines.length > 0) events.push({ type: 'stock-released', key: order.order_no, data: { orderNo: order.order_no, lines: lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), returned: true } });
  return events;
}

async function react(tx: Tx, order: OrderRow, reaction: Reaction, ctx: TransitionContext): Promise<void> {
  switch (reaction) {
    case 'record_late_failure':
      await addEvent(tx, order.id, 'late_payment_failure_ignored', ctx.detail ?? { source: ctx.via });
      return;
    case 'return_late_money':
      await addEvent(tx, order.id, 'late_payment_success', ctx.detail ?? { source: ctx.via });
      // One cancel task at a time is enough: it voids or refunds whatever the PSP holds when it runs.
      if (!(await hasQueuedTask(tx, TASKS.cancelPayment, order.order_no))) {
        await enqueueTask(tx, { name: TASKS.cancelPayment, reference: order.order_no, requestId: order.request_id });
      }
      return;
  }
}
