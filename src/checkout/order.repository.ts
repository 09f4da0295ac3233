import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import { lockEventKey, tryLockEventKey } from '../platform/outbox/outbox.ts';
import type { FailureReason, OrderStatus, ShippingAddress } from './order.table.ts';

export async function insertOrder(
  db: DbOrTx,
  o: {
    orderNo: string;
    customerId: string;
    total: number;
    currency: string;
    shippingAddress: ShippingAddress;
    paymentMethod: string;
    buyerEmail: string | null;
    deadlineAt: Date;
    requestId: string | null;
  },
): Promise<number> {
  const r = await db
    .insertInto('orders')
    .values({
      order_no: o.orderNo,
      customer_id: o.customerId,
      status: 'PENDING',
      total_amount: o.total,
      currency: o.currency,
      shipping_address: JSON.stringify(o.shippingAddress),
      payment_method: o.paymentMethod,
      buyer_email: o.buyerEmail,
      failure_reason: null,
      deadline_at: o.deadlineAt,
      request_id: o.requestId,
      decided_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertItems(db: DbOrTx, orderId: number, items: { sku: string; name: string; unitPrice: number; quantity: number }[]) {
  await db
    .insertInto('order_items')
    .values(items.map((i) => ({ order_id: orderId, sku: i.sku, name: i.name, unit_price: i.unitPrice, quantity: i.quantity })))
    .execute();
}

export async function orderByNo(db: DbOrTx, orderNo: string) {
  return await db.selectFrom('orders').selectAll().where('order_no', '=', orderNo).executeTakeFirst();
}

export type OrderRow = NonNullable<Awaited<ReturnType<typeof orderByNo>>>;

export async function itemsOf(db: DbOrTx, orderId: number) {
  return await db.selectFrom('order_items').select(['sku', 'name', 'unit_price', 'quantity']).where('order_id', '=', orderId).orderBy('sku').execute();
}

/**
 * Moves an order from `from` to `to` (order.machine.ts decides which moves
 * exist; this only writes one). Conditional on the order still being in
 * `from`, so racing writers are safe: one moves, the other gets undefined.
 */
export async function moveOrder(
  db: DbOrTx,
  orderId: number,
  from: OrderStatus,
  to: OrderStatus,
  f: { decided?: boolean; failure_reason?: FailureReason; payment_expires_at?: Date; cancel_reason?: string; cancelled_by?: string },
): Promise<OrderRow | undefined> {
  return await db
    .updateTable('orders')
    .set({
      status: to,
      updated_at: sql`now()`,
      ...(f.decided ? { decided_at: sql`now()` } : {}),
      ...(f.failure_reason ? { failure_reason: f.failure_reason } : {}),
      ...(f.payment_expires_at ? { payment_expires_at: f.payment_expires_at } : {}),
      ...(f.cancel_reason !== undefined ? { cancel_reason: f.cancel_reason, cancelled_by: f.cancelled_by ?? null, cancelled_at: sql`now()` } : {}),
    })
    .where('id', '=', orderId)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
}

/** The channel every service process LISTENs on; the payload is the order number. A trigger sends it when an order's status moves (migration 0016), and one when its payment changes (0005). */
export const ORDER_CHANGED_CHANNEL = 'orderly_order_changed';

/**
 * The order, its row locked until the caller's transaction ends — its event
 * key first (see lockEventKey), so everything that writes the order's events
 * takes its locks in one order and never deadlocks.
 */
export async function lockOrderByNo(db: DbOrTx, orderNo: string) {
  await lockEventKey(db, orderNo);
  return await db.selectFrom('orders').selectAll().where('order_no', '=', orderNo).forUpdate().executeTakeFirst();
}

/** Like {@link lockOrderByNo}, but undefined at once when another transaction holds the order (sweepers skip it). */
export async function tryLockOrderByNo(db: DbOrTx, orderNo: string) {
  if (!(await tryLockEventKey(db, orderNo))) return undefined;
  return await db.selectFrom('orders').selectAll().where('order_no', '=', orderNo).forUpdate().skipLocked().executeTakeFirst();
}

/**
 * Orders waiting for the buyer past their payment expiry (plus grace), not
 * locked (the sweeper locks each one, skipping any in work). An order whose polling task is still queued is left to
 * it (it asks the PSP once more before expiring) unless that task looks stuck.
 */
export async function expiredWaitingOrders(db: DbOrTx, graceMs: number, limit: number, pollTask: string, stuckAfterMs: number): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('order_no')
    .where('status', '=', 'WAITING_PAYMENT')
    .where('payment_expires_at', '<', sql<Date>`now() - make_interval(secs => ${graceMs / 1000})`)
    .where((eb) =>
      eb.or([
        eb('payment_expires_at', '<', sql<Date>`now() - make_interval(secs => ${stuckAfterMs / 1000})`),
        eb.not(eb.exists(eb.selectFrom('tasks').select('id').whereRef('tasks.reference', '=', 'orders.order_no').where('tasks.name', '=', pollTask).where('tasks.state', '=', 'queued'))),
      ]),
    )
    .orderBy('payment_expires_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.order_no);
}

/** Appends to the order's timeline, in the caller's transaction. */
export async function addEvent(db: DbOrTx, orderId: number, type: string, data: Record<string, unknown> = {}): Promise<void> {
  await db.insertInto('order_events').values({ order_id: orderId, type, data: JSON.stringify(data) }).execute();
}

/** Like {@link addEvent}, but once per type: for follow-up tasks that may run again. True when it was added now. */
export async function addEventOnce(db: DbOrTx, orderId: number, type: string, data: Record<string, unknown> = {}): Promise<boolean> {
  const r = await sql`insert into order_events (order_id, type, data)
    select ${orderId}, ${type}, ${JSON.stringify(data)}::jsonb
    where not exists (select 1 from order_events where order_id = ${orderId} and type = ${type})`.execute(db);
  return Number(r.numAffectedRows ?? 0) > 0;
}

export async function eventsOf(db: DbOrTx, orderId: number) {
  return await db.selectFrom('order_events').select(['type', 'data', 'at']).where('order_id', '=', orderId).orderBy('id').execute();
}

/** Undecided orders past their deadline (not locked: the sweeper locks each one, skipping any in work). */
export async function overdueOrders(db: DbOrTx, graceMs: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('orders')
    .select('order_no')
    .where('status', '=', 'PENDING')
    .where('deadline_at', '<', sql<Date>`now() - make_interval(secs => ${graceMs / 1000})`)
    .orderBy('deadline_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.order_no);
}

/**
 * A page of orders, newest first, after the row (`created_at`, `id`) given:
 * `created_exact` is the creation time to the microsecond, in UTC, for the
 * next cursor (a JS Date keeps only milliseconds).
 */
export async function listOrders(
  db: DbOrTx,
  f: { status?: OrderStatus; sku?: string; customerId?: string; from?: Date; to?: Date; limit: number; after?: { createdAt: string; id: number } },
) {
  let q = db
    .selectFrom('orders')
    .select(['id', 'order_no', 'status', 'total_amount', 'currency', 'created_at'])
    .select(sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('created_exact'));
  if (f.status) q = q.where('status', '=', f.status);
  // A customer's own orders come from the index on (customer_id, created_at), migration 0015.
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
  if (f.sku) q = q.where('id', 'in', db.selectFrom('order_items').select('order_id').where('sku', '=', f.sku));
  if (f.from) q = q.where('created_at', '>=', f.from);
  if (f.to) q = q.where('created_at', '<', f.to);
  if (f.after) {
    const a = f.after;
    q = q.where(sql<boolean>`(created_at, id) < (${a.createdAt}::timestamptz, ${a.id})`);
  }
  return await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(f.limit + 1).execute();
}

/**
 * Orders whose payment still needs its PSP: undecided or waiting for the buyer,
 * or with a task that talks to the PSP (capture, cancel, poll, webhook) not done
 * yet — queued, or dead and waiting for an operator.
 */
export async function ordersNeedingPsp(db: DbOrTx, pspTasks: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('orders as o')
    .select('o.order_no')
    .where((eb) =>
      eb.or([
        eb('o.status', 'in', ['PENDING', 'WAITING_PAYMENT']),
        eb.exists(
          eb
            .selectFrom('tasks as t')
            .select('t.id')
            .whereRef('t.reference', '=', 'o.order_no')
            .where('t.state', 'in', ['queued', 'dead'])
            .where('t.name', 'in', pspTasks),
        ),
      ]),
    )
    .execute();
  return rows.map((r) => r.order_no);
}
