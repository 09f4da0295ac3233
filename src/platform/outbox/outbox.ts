import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import { currentTraceparent } from '../tracing.ts';

/** The relay LISTENs here; every transaction that writes outbox rows NOTIFYs it, by a trigger (migration 0016; Postgres folds repeats). */
export const OUTBOX_CHANNEL = 'orderly_outbox';

/** Advisory lock class of event keys (the two-key form, apart from graphile-worker's one-key locks). */
const KEY_LOCK_CLASS = 0x6f72; // "or"

/** An event as a module hands it to the outbox. */
export interface OutboxEvent {
  family: string;
  type: string;
  version: number;
  subject: string;
  key: string;
  data: Record<string, unknown>;
  /** Given when the caller must know the id (a reply, a test); else a new UUID. */
  id?: string;
}

/**
 * Takes the key's lock until the transaction ends. Every transaction that
 * writes events for a key holds it from its first event to its commit, so
 * one key's rows are numbered in commit order: a transaction that wrote a
 * lower id for the key has committed before a higher id for it can exist.
 *
 * Deadlock rule: a transaction takes this lock before any row lock of the
 * key's own rows (checkout's order lock takes it first for that reason).
 */
export async function lockEventKey(tx: DbOrTx, key: string): Promise<void> {
  if (heldKeys.get(tx)?.has(key)) return;
  await sql`select pg_advisory_xact_lock(${KEY_LOCK_CLASS}, hashtext(${key}))`.execute(tx);
  remember(tx, key);
}

/**
 * The keys each open transaction holds: the order's lock takes its key, and the
 * events written under it need not ask again. Only transactions are tracked (a
 * lock taken outside one ends with its statement); the entry goes with the object.
 */
const heldKeys = new WeakMap<DbOrTx, Set<string>>();
function remember(tx: DbOrTx, key: string): void {
  if (!tx.isTransaction) return;
  const keys = heldKeys.get(tx) ?? new Set<string>();
  keys.add(key);
  heldKeys.set(tx, keys);
}

/** Like {@link lockEventKey}, without waiting: false when another transaction holds the key. */
export async function tryLockEventKey(tx: DbOrTx, key: string): Promise<boolean> {
  if (heldKeys.get(tx)?.has(key)) return true;
  const r = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${KEY_LOCK_CLASS}, hashtext(${key})) as ok`.execute(tx);
  const ok = r.rows[0]?.ok === true;
  if (ok) remember(tx, key);
  return ok;
}

/** Writes events to the outbox in the caller's transaction (never outside one: an event without its change is a lie). */
export async function appendToOutbox(tx: Tx, events: OutboxEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  const keys = [...new Set(events.map((e) => e.key))].sort();
  for (const k of keys) await lockEventKey(tx, k);
  const rows = events.map((e) => ({
    event_id: e.id ?? randomUUID(),
    family: e.family,
    type: e.type,
    version: e.version,
    subject: e.subject,
    key: e.key,
    data: JSON.stringify(e.data),
    trace_parent: currentTraceparent(),
  }));
  await tx.insertInto('outbox').values(rows).execute();
  return rows.map((r) => r.event_id);
}
