import { sql } from 'kysely';
import * as inventory from '../inventory/index.ts';
import { notificationsFor } from '../notifications/index.ts';
import type { Payments } from '../payments/index.ts';
import { decodeCursor, encodeCursor } from '../platform/paging.ts';
import type { Db } from '../platform/db/database.ts';
import { money, type Money } from '../platform/money.ts';
import { tasksForReference } from '../platform/jobs/task.repository.ts';
import { TASKS } from './followup.names.ts';
import { eventsOf, itemsOf, listOrders, orderByNo } from './order.repository.ts';
import type { OrderStatus } from './order.table.ts';

/** Every order status, for filters. */
export const ORDER_STATUSES: readonly OrderStatus[] = ['PENDING', 'WAITING_PAYMENT', 'PAID', 'FAILED', 'CANCELLED'];

function afterOf(cursor: string): { createdAt: string; id: number } {
  const c = decodeCursor(cursor, 'int');
  return { createdAt: c.at, id: c.id };
}

export interface OrderPage {
  orders: { orderNo: string; status: OrderStatus; total: Money; createdAt: string }[];
  nextCursor: string | null;
}

/**
 * Newest first, `limit` at a time; each order appears on exactly one page, however many share a creation time.
 * With `customerId`, that customer's orders only ("my orders"); with `from` / `to`, those created in [from, to).
 */
export async function listOrderPage(
  db: Db,
  q: { status?: OrderStatus; sku?: string; customerId?: string; from?: Date; to?: Date; limit: number; cursor?: string },
): Promise<OrderPage> {
  const rows = await listOrders(db, {
    limit: q.limit,
    ...(q.status ? { status: q.status } : {}),
    ...(q.sku ? { sku: q.sku } : {}),
    ...(q.customerId !== undefined ? { customerId: q.customerId } : {}),
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.cursor ? { after: afterOf(q.cursor) } : {}),
  });
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    orders: page.map((o) => ({ orderNo: o.order_no, status: o.status, total: money(o.total_amount), createdAt: o.created_at.toISOString() })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.created_exact, last.id) : null,
  };
}

/**
 * An order's whole story for operators, read in one snapshot: the order, its
 * tasks and its reservations as of one moment — never a task seen done beside
 * the stock it committed not yet. Undefined for an unknown order.
 */
export async function orderDetail(db: Db, payments: Payments, orderNo: string) {
  const read = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .setAccessMode('read only')
    .execute(async (tx) => {
      const order = await orderByNo(tx, orderNo);
      if (!order) return undefined;
      const parts = await Promise.all([
        itemsOf(tx, order.id),
        inventory.reservationsFor(tx, order.order_no),
        payments.summary(tx, order.order_no),
        notificationsFor(tx, order.order_no),
        tasksForReference(tx, order.order_no),
        eventsOf(tx, order.id),
        payments.webhooks.forReference(tx, order.order_no),
      ]);
      return { order, parts };
    });
  if (!read) return undefined;
  const { order } = read;
  const [items, reservations, payment, mails, tasks, events, webhooks] = read.parts;
  return {
    orderNo: order.order_no,
    status: order.status,
    total: money(order.total_amount),
    customerId: order.customer_id,
    failure: order.failure_reason ? { reason: order.failure_reason } : null,
    createdAt: order.created_at.toISOString(),
    deadlineAt: order.deadline_at.toISOString(),
    paymentExpiresAt: order.payment_expires_at?.toISOString() ?? null,
    items: items.map((i) => ({ sku: i.sku, name: i.name, quantity: i.quantity, unitPrice: money(i.unit_price) })),
    shippingAddress: order.shipping_address,
    reservations,
    payment: payment ?? null,
    notifications: mails.map((m) => ({ kind: m.kind, recipient: m.recipient, subject: m.subject, state: m.state, sentAt: m.sent_at?.toISOString() ?? null })),
    // The decision's follow-up work; webhook handling is listed under `webhooks`.
    tasks: tasks
      .filter((t) => t.name !== TASKS.paymentEvent)
      .map((t) => ({ id: t.id, name: t.name, state: t.state, attempts: t.attempts, lastError: t.last_error })),
    webhooks,
    timeline: events.map((e) => ({ at: e.at.toISOString(), what: e.type, ...(Object.keys(e.data).length ? { data: e.data } : {}) })),
  };
}

export type OrderDetail = NonNullable<Awaited<ReturnType<typeof orderDetail>>>;

/** One minute of the overview: the orders created in it, by their status now. */
export interface PurchaseMinute {
  minute: string;
  paid: number;
  failed: number;
  cancelled: number;
  open: number;
}

/**
 * The orders created in each of `minutes` whole minutes starting at `from` (a minute's start), oldest first,
 * every minute present: one range read of created_at (the index on it, migration 0001, for a window that is a
 * small part of the table), folded into one row per minute in Postgres, so at most `minutes` rows of integers
 * come back (timestamps are slow to parse, and a row per minute and status is up to five times as many).
 */
export async function purchasesByMinute(db: Db, from: Date, minutes: number): Promise<PurchaseMinute[]> {
  const to = new Date(from.getTime() + minutes * 60_000);
  const { rows } = await sql<{ i: number; paid: number; failed: number; cancelled: number; open: number }>`
    select ((extract(epoch from m) - ${from.getTime() / 1000}) / 60)::int as i, paid, failed, cancelled, open
    from (
      select date_bin('1 minute', created_at, ${from}::timestamptz) as m,
             count(*) filter (where status = 'PAID')::int as paid,
             count(*) filter (where status = 'FAILED')::int as failed,
             count(*) filter (where status = 'CANCELLED')::int as cancelled,
             count(*) filter (where status in ('PENDING', 'WAITING_PAYMENT'))::int as open
      from orders where created_at >= ${from} and created_at < ${to}
      group by 1
    ) by_minute`.execute(db);
  const out: PurchaseMinute[] = Array.from({ length: minutes }, (_, i) => ({ minute: new Date(from.getTime() + i * 60_000).toISOString(), paid: 0, failed: 0, cancelled: 0, open: 0 }));
  for (const r of rows) {
    const m = out[r.i];
    if (m) Object.assign(m, { paid: r.paid, failed: r.failed, cancelled: r.cancelled, open: r.open });
  }
  return out;
}
