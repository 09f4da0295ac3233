import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';

/**
 * A consumer's position in one source (`pg`, or a JetStream stream's name),
 * kept in `stream_offsets` and moved in the transaction that handles a batch.
 */

/**
 * Locks the consumer's row and reads its position: two processes running one
 * consumer take turns, each batch starting where the last one ended. The row
 * is created the first time only (a statement per batch saved).
 */
export async function lockOffset(tx: Tx, consumer: string, source: string): Promise<number> {
  const select = () => sql<{ position: number }>`select position from stream_offsets where consumer = ${consumer} and source = ${source} for update`.execute(tx);
  let at = await select();
  if (at.rows.length === 0) {
    await sql`insert into stream_offsets (consumer, source, position) values (${consumer}, ${source}, 0) on conflict do nothing`.execute(tx);
    at = await select();
  }
  return Number(at.rows[0]!.position);
}

export async function saveOffset(tx: Tx, consumer: string, source: string, position: number): Promise<void> {
  await sql`update stream_offsets set position = ${position}, updated_at = now() where consumer = ${consumer} and source = ${source}`.execute(tx);
}

/** The stored position without locking it (0 before the consumer's first batch). */
export async function readOffset(db: DbOrTx, consumer: string, source: string): Promise<number> {
  const r = await sql<{ position: number }>`select position from stream_offsets where consumer = ${consumer} and source = ${source}`.execute(db);
  return Number(r.rows[0]?.position ?? 0);
}
