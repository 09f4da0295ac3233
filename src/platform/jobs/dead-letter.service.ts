import { sql } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import { lockEventKey } from '../outbox/outbox.ts';
import type { TaskEventWriter } from './task.events.ts';
import { AppError } from '../errors.ts';
import { scheduleJob } from './task.repository.ts';
import type { TaskErrorEntry, TaskState } from './task.table.ts';

/**
 * Dead letters: follow-up tasks that exhausted their retries (`dead`), and the
 * ones an operator gave up on (`discarded`, kept as the record of who, when
 * and why). A dead letter an operator retried is back in the queue (`queued`,
 * then `done` or `dead` again); it can still be looked up for its history.
 */
export type DeadLetterState = 'dead' | 'discarded';

/** One dead letter in a list. */
export interface DeadLetterSummary {
  id: number;
  task: string;
  orderNo: string | null;
  /** `dead` or `discarded`; `queued` or `done` for a retried one looked up by id. */
  state: TaskState;
  /** Failed attempts since the task was last (re)queued. */
  attempts: number;
  lastError: string | null;
  diedAt: string | null;
  /** How many times operators put it back in the queue before. */
  retries: number;
}

/** One dead letter with everything an operator needs to decide what to do. */
export interface DeadLetter extends DeadLetterSummary {
  createdAt: string;
  payload: Record<string, unknown>;
  /** Every kept attempt's error (the last 20), oldest first; attempt numbers restart after a retry. */
  errors: TaskErrorEntry[];
  lastRetry: { at: string; by: string | null } | null;
  discarded: { at: string | null; by: string | null; reason: string | null } | null;
}

export interface DeadLetterFilter {
  state?: DeadLetterState;
  task?: string;
  orderNo?: string;
  limit?: number;
}

const SUMMARY = ['id', 'name', 'reference', 'state', 'attempts', 'last_error', 'died_at', 'retries'] as const;
const DETAIL = [
  ...SUMMARY,
  'created_at',
  'payload',
  'errors',
  'retried_at',
  'retried_by',
  'discarded_at',
  'discarded_by',
  'discarded_reason',
] as const;

interface SummaryRow {
  id: number;
  name: string;
  reference: string | null;
  state: TaskState;
  attempts: number;
  last_error: string | null;
  died_at: Date | null;
  retries: number;
}

function toSummary(r: SummaryRow): DeadLetterSummary {
  return {
    id: r.id,
    task: r.name,
    orderNo: r.reference,
    state: r.state,
    attempts: r.attempts,
    lastError: r.last_error,
    diedAt: r.died_at?.toISOString() ?? null,
    retries: r.retries,
  };
}

/** Dead letters, newest first (by when they died, or were discarded). */
export async function listDeadLetters(db: DbOrTx, filter: DeadLetterFilter = {}): Promise<DeadLetterSummary[]> {
  const state = filter.state ?? 'dead';
  let q = db.selectFrom('tasks').select(SUMMARY).where('state', '=', state);
  if (filter.task !== undefined) q = q.where('name', '=', filter.task);
  if (filter.orderNo !== undefined) q = q.where('reference', '=', filter.orderNo);
  const rows = await q
    .orderBy(state === 'dead' ? 'died_at' : 'discarded_at', 'desc')
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();
  return rows.map(toSummary);
}

/** One dead, discarded or once-retried task; `404 DEAD_LETTER_NOT_FOUND` for any other. */
export async function getDeadLetter(db: DbOrTx, id: number): Promise<DeadLetter> {
  const r = await db
    .selectFrom('tasks')
    .select(DETAIL)
    .where('id', '=', id)
    .where((eb) => eb.or([eb('state', 'in', ['dead', 'discarded']), eb('retries', '>', 0)]))
    .executeTakeFirst();
  if (!r) throw new AppError('DEAD_LETTER_NOT_FOUND');
  return {
    ...toSummary(r),
    createdAt: r.created_at.toISOString(),
    payload: r.payload,
    // Stored newest first (see recordTaskFailure); people read a history forwards.
    errors: [...r.errors].reverse(),
    lastRetry: r.retried_at ? { at: r.retried_at.toISOString(), by: r.retried_by } : null,
    discarded: r.state === 'discarded' ? { at: r.discarded_at?.toISOString() ?? null, by: r.discarded_by, reason: r.discarded_reason } : null,
  };
}

/**
 * The error for a task an operator wanted to act on that is not dead:
 * `409 DEAD_LETTER_NOT_DEAD` if someone already retried (and it has not
 * finished yet) or discarded it, `404 DEAD_LETTER_NOT_FOUND` if there is no
 * such task, it never died, or its retry already completed.
 */
async function notDead(db: DbOrTx, id: number): Promise<AppError> {
  const r = await db.selectFrom('tasks').select(['state', 'retries']).where('id', '=', id).executeTakeFirst();
  const conflict = r !== undefined && (r.state === 'discarded' || r.state === 'dead' || (r.state === 'queued' && r.retries > 0));
  return conflict ? new AppError('DEAD_LETTER_NOT_DEAD', { details: { state: r.state } }) : new AppError('DEAD_LETTER_NOT_FOUND');
}

/**
 * Puts a dead task back in the queue with a fresh retry budget, recording who
 * and when; its error history stays. Call it in a transaction: the task and its
 * job are queued together.
 */
export async function retryDeadLetter(tx: Tx, id: number, by: string, onLifecycle?: TaskEventWriter): Promise<{ id: number; state: 'queued' }> {
  await lockReferenceOf(tx, id);
  const row = await tx
    .updateTable('tasks')
    .set({
      state: 'queued',
      attempts: 0,
      retried_at: sql`now()`,
      retried_by: by,
      retries: sql`retries + 1`,
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .returning(['id', 'name', 'priority', 'reference'])
    .executeTakeFirst();
  if (!row) throw await notDead(tx, id);
  await scheduleJob(tx, row.name, row.id, undefined, row.priority);
  await onLifecycle?.(tx, { kind: 'requeued', taskId: row.id, task: row.name, reference: row.reference, by });
  return { id: row.id, state: 'queued' };
}

/** Gives up on a dead task on purpose, recording who, when and why. Call it in a transaction (the event commits with it). */
export async function discardDeadLetter(tx: Tx, id: number, reason: string, by: string, onLifecycle?: TaskEventWriter): Promise<{ id: number; state: 'discarded' }> {
  await lockReferenceOf(tx, id);
  const row = await tx
    .updateTable('tasks')
    .set({ state: 'discarded', discarded_reason: reason, discarded_by: by, discarded_at: sql`now()`, updated_at: sql`now()` })
    .where('id', '=', id)
    .where('state', '=', 'dead')
    .returning(['id', 'name', 'reference'])
    .executeTakeFirst();
  if (!row) throw await notDead(tx, id);
  await onLifecycle?.(tx, { kind: 'discarded', taskId: row.id, task: row.name, reference: row.reference, by, reason });
  return { id: row.id, state: 'discarded' };
}

/** The event key of the task's reference, taken before the task row is (the lock order of every change with events). */
async function lockReferenceOf(tx: Tx, id: number): Promise<void> {
  const t = await tx.selectFrom('tasks').select('reference').where('id', '=', id).executeTakeFirst();
  if (t?.reference) await lockEventKey(tx, t.reference);
}

/** How many dead letters each task name has (names without any are absent). */
export async function countDeadLetters(db: DbOrTx): Promise<{ task: string; count: number }[]> {
  // Served by the partial index tasks_dead: cheap enough for every scrape.
  const rows = await db
    .selectFrom('tasks')
    .select(['name', (eb) => eb.fn.countAll<string>().as('count')])
    .where('state', '=', 'dead')
    .groupBy('name')
    .execute();
  return rows.map((r) => ({ task: r.name, count: Number(r.count) }));
}
