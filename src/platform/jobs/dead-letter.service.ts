import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { scheduleJob } from './task.repository.ts';

/** A follow-up task that exhausted its retries, as operators see it. */
export interface DeadLetter {
  id: number;
  task: string;
  orderNo: string | null;
  attempts: number;
  lastError: string | null;
  diedAt: string | null;
  payload: Record<string, unknown>;
  errors: unknown[];
}

function toDeadLetter(r: {
  id: number;
  name: string;
  reference: string | null;
  attempts: number;
  last_error: string | null;
  died_at: Date | null;
  payload: Record<string, unknown>;
  errors: unknown[];
}): DeadLetter {
  return {
    id: r.id,
    task: r.name,
    orderNo: r.reference,
    attempts: r.attempts,
    lastError: r.last_error,
    diedAt: r.died_at?.toISOString() ?? null,
    payload: r.payload,
    errors: r.errors,
  };
}

const COLUMNS = ['id', 'name', 'reference', 'attempts', 'last_error', 'died_at', 'payload', 'errors'] as const;

export async function listDeadLetters(db: Db, limit = 100): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom('tasks')
    .select(COLUMNS)
    .where('state', '=', 'dead')
    .orderBy('died_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toDeadLetter);
}

export async function getDeadLetter(db: Db, id: number): Promise<DeadLetter> {
  const row = await db.selectFrom('tasks').select(COLUMNS).where('id', '=', id).where('state', '=', 'dead').executeTakeFirst();
  if (!row) throw new AppError('DEAD_LETTER_NOT_FOUND');
  return toDeadLetter(row);
}

/** Puts a dead task back in the queue with a fresh retry budget; its history stays. */
export async function retryDeadLetter(db: Db, id: number): Promise<{ id: number; state: 'queued' }> {
  return await db.transaction().execute(async (tx) => {
    const row = await tx
      .updateTable('tasks')
      .set({ state: 'queued', attempts: 0, died_at: null, updated_at: sql`now()` })
      .where('id', '=', id)
      .where('state', '=', 'dead')
      .returning(['id', 'name', 'priority'])
      .executeTakeFirst();
    if (!row) throw new AppError('DEAD_LETTER_NOT_FOUND');
    await scheduleJob(tx, row.name, row.id, undefined, row.priority);
    return { id: row.id, state: 'queued' as const };
  });
}

/** Gives up on a dead task on purpose, recording who and why. */
export async function discardDeadLetter(db: Db, id: number, reason: string, by: string): Promise<{ id: number; state: 'discarded' }> {
  const row = await db
    .updateTable('tasks')
    .set({ state: 'discarded', discarded_reason: reason, discarded_by: by, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('DEAD_LETTER_NOT_FOUND');
  return { id: row.id, state: 'discarded' };
}
