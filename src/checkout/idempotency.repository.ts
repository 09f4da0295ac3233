import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { PurchaseOutcome } from './purchase-outcome.ts';

/** Canonical JSON (sorted keys): the same body hashes the same whatever its key order. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonical(body)}`).digest('hex');
}

export type Claim =
  | { kind: 'claimed' }
  | { kind: 'replay'; outcome: PurchaseOutcome }
  | { kind: 'in_progress'; orderNo: string | null }
  | { kind: 'mismatch' };

/**
 * Claims an idempotency key inside the caller's transaction. A concurrent claim
 * of the same key waits on the unique index until this transaction ends, then
 * sees the record: so exactly one request ever does the work (I6).
 */
export async function claimKey(db: DbOrTx, customerId: string, key: string, hash: string, ttlHours: number): Promise<Claim> {
  const inserted = await sql<{ key: string }>`
    insert into idempotency_keys (customer_id, key, request_hash, state, expires_at)
    values (${customerId}, ${key}, ${hash}, 'in_progress', now() + make_interval(hours => ${ttlHours}))
    on conflict (customer_id, key) do update set key = idempotency_keys.key
      where idempotency_keys.expires_at < now()
    returning key`.execute(db);
  if (inserted.rows.length > 0) {
    // A new claim, or an expired record taken over: start it afresh.
    await db
      .updateTable('idempotency_keys')
      .set({ request_hash: hash, state: 'in_progress', order_no: null, outcome: null, response_status: null, response_body: null, expires_at: sql`now() + make_interval(hours => ${ttlHours})` })
      .where('customer_id', '=', customerId)
      .where('key', '=', key)
      .execute();
    return { kind: 'claimed' };
  }
  const row = await db.selectFrom('idempotency_keys').selectAll().where('customer_id', '=', customerId).where('key', '=', key).executeTakeFirstOrThrow();
  if (row.request_hash !== hash) return { kind: 'mismatch' };
  if (row.state === 'done' && row.outcome !== null) return { kind: 'replay', outcome: row.outcome as PurchaseOutcome };
  if (row.state === 'done' && row.response_status !== null) return { kind: 'replay', outcome: { kind: 'stored_response', status: row.response_status, body: row.response_body } };
  return { kind: 'in_progress', orderNo: row.order_no };
}

export async function attachOrder(db: DbOrTx, customerId: string, key: string, orderNo: string): Promise<void> {
  await db.updateTable('idempotency_keys').set({ order_no: orderNo }).where('customer_id', '=', customerId).where('key', '=', key).execute();
}

/** Stores the outcome to replay; done in the same transaction as the decision it reports. */
export async function completeKey(db: DbOrTx, customerId: string, key: string, outcome: PurchaseOutcome): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', outcome: JSON.stringify(outcome) })
    .where('customer_id', '=', customerId)
    .where('key', '=', key)
    .execute();
}

/** Completes whatever key is still waiting on this order (the sweeper decided it). */
export async function completeKeyForOrder(db: DbOrTx, orderNo: string, outcome: PurchaseOutcome): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ state: 'done', outcome: JSON.stringify(outcome) })
    .where('order_no', '=', orderNo)
    .where('state', '=', 'in_progress')
    .execute();
}

export async function deleteExpiredKeys(db: DbOrTx): Promise<number> {
  const r = await db.deleteFrom('idempotency_keys').where('expires_at', '<', sql<Date>`now()`).where('state', '=', 'done').executeTakeFirst();
  return Number(r.numDeletedRows);
}
