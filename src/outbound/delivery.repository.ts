import { sql, type Selectable } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import { decodeCursor, exactTimeSql } from '../platform/paging.ts';
import type { DeliveryStatus, OutboundAttemptsTable, OutboundDeliveriesTable } from './outbound.table.ts';

export type DeliveryRow = Selectable<OutboundDeliveriesTable> & { event_type: string; event_key: string; occurred_at: Date };
export type AttemptRow = Selectable<OutboundAttemptsTable>;

/** Keeps an event's body once (a replay, or a second batch naming it, changes nothing). */
export async function keepEventBody(db: DbOrTx, e: { eventId: string; type: string; key: string; occurredAt: string; body: string }): Promise<void> {
  await db
    .insertInto('outbound_events')
    .values({ event_id: e.eventId, type: e.type, key: e.key, occurred_at: new Date(e.occurredAt), body: e.body })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .execute();
}

/** Inserts deliveries; returns only the ones that did not exist yet (unique subscription + event). */
export async function insertDeliveries(db: DbOrTx, rows: { id: string; subscriptionId: string; eventId: string }[]): Promise<{ id: string }[]> {
  if (rows.length === 0) return [];
  return await db
    .insertInto('outbound_deliveries')
    .values(rows.map((r) => ({ id: r.id, subscription_id: r.subscriptionId, event_id: r.eventId, status: 'pending' as const, next_attempt_at: sql<Date>`clock_timestamp()` })))
    .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
    .returning('id')
    .execute();
}

/** Everything one attempt needs, read outside any transaction (the POST must not hold one). */
export async function deliveryToSend(db: DbOrTx, id: string) {
  return await db
    .selectFrom('outbound_deliveries as d')
    .innerJoin('outbound_subscriptions as s', 's.id', 'd.subscription_id')
    .innerJoin('outbound_events as e', 'e.event_id', 'd.event_id')
    .select(['d.id', 'd.status', 'd.series', 'd.attempts', 'd.subscription_id', 's.url', 's.secret', 's.status as subscription_status', 'e.event_id', 'e.type', 'e.key', 'e.occurred_at', 'e.body'])
    .where('d.id', '=', id)
    .executeTakeFirst();
}

export async function insertAttempt(db: DbOrTx, a: Omit<AttemptRow, 'id'>): Promise<void> {
  await db.insertInto('outbound_attempts').values(a).execute();
}

/**
 * Records the outcome of attempt `attempt` of `series`; conditional on the
 * delivery still being pending in that series, so a redelivery started
 * meanwhile is never overwritten by the older series' answer. False: it was.
 */
export async function settleAttempt(
  db: DbOrTx,
  k: { id: string; series: number },
  o: { attempt: number; status: DeliveryStatus; httpStatus: number | null; error: string | null; nextAttemptAt: Date | null },
): Promise<boolean> {
  const r = await db
    .updateTable('outbound_deliveries')
    .set({
      status: o.status,
      attempts: o.attempt,
      last_status: o.httpStatus,
      last_error: o.error,
      next_attempt_at: o.nextAttemptAt,
      updated_at: sql`clock_timestamp()`,
      ...(o.status === 'delivered' ? { delivered_at: sql`clock_timestamp()` } : {}),
      ...(o.status === 'dead' ? { dead_at: sql`clock_timestamp()` } : {}),
    })
    .where('id', '=', k.id)
    .where('series', '=', k.series)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** A pending delivery whose subscription is disabled: skipped, and so recorded. */
export async function markSkipped(db: DbOrTx, k: { id: string; series: number }): Promise<boolean> {
  const r = await db
    .updateTable('outbound_deliveries')
    .set({ status: 'skipped', next_attempt_at: null, last_error: 'subscription disabled', updated_at: sql`clock_timestamp()` })
    .where('id', '=', k.id)
    .where('series', '=', k.series)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Every pending delivery of a subscription just disabled: skipped. Returns how many. */
export async function skipPending(db: DbOrTx, subscriptionId: string): Promise<number> {
  const r = await db
    .updateTable('outbound_deliveries')
    .set({ status: 'skipped', next_attempt_at: null, last_error: 'subscription disabled', updated_at: sql`clock_timestamp()` })
    .where('subscription_id', '=', subscriptionId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Starts a new series: pending again, a fresh attempt budget, the history kept. Returns the new series. */
export async function startSeries(db: DbOrTx, id: string, by: string): Promise<number | undefined> {
  const r = await db
    .updateTable('outbound_deliveries')
    .set({
      status: 'pending',
      series: sql`series + 1`,
      attempts: 0,
      next_attempt_at: sql`clock_timestamp()`,
      delivered_at: null,
      dead_at: null,
      redelivered_at: sql`clock_timestamp()`,
      redelivered_by: by,
      updated_at: sql`clock_timestamp()`,
    })
    .where('id', '=', id)
    .returning('series')
    .executeTakeFirst();
  return r?.series;
}

function withEvent(db: DbOrTx) {
  return db
    .selectFrom('outbound_deliveries as d')
    .innerJoin('outbound_events as e', 'e.event_id', 'd.event_id')
    .selectAll('d')
    .select(['e.type as event_type', 'e.key as event_key', 'e.occurred_at']);
}

/** A page of one subscription's deliveries, newest first, one more than `limit` (the caller makes the cursor). */
export async function deliveriesOf(
  db: DbOrTx,
  subscriptionId: string,
  f: { status?: DeliveryStatus; limit: number; cursor?: string },
): Promise<(DeliveryRow & { created_exact: string })[]> {
  let q = withEvent(db)
    .select(sql<string>`${sql.raw(exactTimeSql('d.created_at'))}`.as('created_exact'))
    .where('d.subscription_id', '=', subscriptionId);
  if (f.status) q = q.where('d.status', '=', f.status);
  if (f.cursor) {
    const after = decodeCursor(f.cursor, 'uuid');
    q = q.where(sql<boolean>`(d.created_at, d.id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  }
  return await q.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(f.limit + 1).execute();
}

export async function deliveryById(db: DbOrTx, id: string): Promise<DeliveryRow | undefined> {
  return await withEvent(db).where('d.id', '=', id).executeTakeFirst();
}

/** A delivery's attempts, oldest first, every series. */
export async function attemptsOf(db: DbOrTx, deliveryId: string): Promise<AttemptRow[]> {
  return await db.selectFrom('outbound_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('id').execute();
}
