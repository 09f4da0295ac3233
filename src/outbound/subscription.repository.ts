import { sql, type Selectable } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { DisabledReason, OutboundSubscriptionsTable } from './outbound.table.ts';

export type SubscriptionRow = Selectable<OutboundSubscriptionsTable>;

export async function insertSubscription(
  db: DbOrTx,
  s: { id: string; url: string; eventTypes: string[]; description: string | null; secret: string },
): Promise<SubscriptionRow> {
  return await db
    .insertInto('outbound_subscriptions')
    .values({ id: s.id, url: s.url, event_types: s.eventTypes, description: s.description, status: 'active', secret: s.secret, disabled_reason: null, disabled_at: null, secret_rotated_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Active ones: they are what each event fans out to (disabled ones cost nothing but their row). */
export async function countActiveSubscriptions(db: DbOrTx): Promise<number> {
  const r = await db.selectFrom('outbound_subscriptions').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'active').executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Every subscription, oldest first (at most OUTBOUND_MAX_SUBSCRIPTIONS exist, so no paging). */
export async function listSubscriptions(db: DbOrTx): Promise<SubscriptionRow[]> {
  return await db.selectFrom('outbound_subscriptions').selectAll().orderBy('created_at').orderBy('id').execute();
}

export async function subscriptionById(db: DbOrTx, id: string): Promise<SubscriptionRow | undefined> {
  return await db.selectFrom('outbound_subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The active subscriptions, read once per stream batch (the consumer matches each event against them). */
export async function activeSubscriptions(db: DbOrTx): Promise<Pick<SubscriptionRow, 'id' | 'event_types' | 'created_at'>[]> {
  return await db.selectFrom('outbound_subscriptions').select(['id', 'event_types', 'created_at']).where('status', '=', 'active').execute();
}

/** Conditional: only an active one is disabled (a 410 and an operator racing record one reason). */
export async function disableSubscription(db: DbOrTx, id: string, reason: DisabledReason): Promise<boolean> {
  const r = await db
    .updateTable('outbound_subscriptions')
    .set({ status: 'disabled', disabled_reason: reason, disabled_at: sql`clock_timestamp()`, updated_at: sql`clock_timestamp()` })
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function enableSubscription(db: DbOrTx, id: string): Promise<void> {
  await db
    .updateTable('outbound_subscriptions')
    .set({ status: 'active', disabled_reason: null, disabled_at: null, updated_at: sql`clock_timestamp()` })
    .where('id', '=', id)
    .where('status', '=', 'disabled')
    .execute();
}

export async function setSecret(db: DbOrTx, id: string, secret: string): Promise<SubscriptionRow | undefined> {
  return await db
    .updateTable('outbound_subscriptions')
    .set({ secret, secret_rotated_at: sql`clock_timestamp()`, updated_at: sql`clock_timestamp()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}
