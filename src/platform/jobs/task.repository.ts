import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx, Tx } from '../db/database.ts';
import { currentTraceparent } from '../tracing.ts';
import type { TaskErrorEntry } from './task.table.ts';

export interface NewTask {
  name: string;
  reference?: string | null;
  payload?: Record<string, unknown>;
  requestId?: string | null;
  /** Run no earlier than this (default: at once). */
  runAt?: Date;
  /** Lower runs first (default 0). */
  priority?: number;
}

/** graphile-worker's identifier of the job that runs several tasks of one change, one after another (task.runner.ts). */
export const TASK_BATCH = 'task_batch';

function taskRow(task: NewTask) {
  return {
    name: task.name,
    reference: task.reference ?? null,
    payload: JSON.stringify(task.payload ?? {}),
    state: 'queued' as const,
    request_id: task.requestId ?? null,
    trace_parent: currentTraceparent(),
    last_error: null,
    done_at: null,
    died_at: null,
    discarded_reason: null,
    discarded_by: null,
    priority: task.priority ?? 0,
  };
}

/**
 * Records a follow-up task and enqueues its job in the caller's transaction, so
 * the task exists if and only if the state change that needs it committed.
 */
export async function enqueueTask(tx: Tx, task: NewTask): Promise<number> {
  const row = await tx.insertInto('tasks').values(taskRow(task)).returning('id').executeTakeFirstOrThrow();
  await scheduleJob(tx, task.name, row.id, task.runAt, task.priority);
  return row.id;
}

/**
 * Records the tasks of one change (a paid order's capture, stock and mails)
 * with one insert and enqueues one job that runs them in order: a task costs
 * its row, not a job of its own. Each stays a task of its own: a task that
 * fails or must wait is rescheduled alone, with its own retries and dead
 * letter. They share the first one's start time and the most urgent priority.
 */
export async function enqueueTasks(tx: Tx, tasks: readonly NewTask[]): Promise<number[]> {
  const [first] = tasks;
  if (!first) return [];
  if (tasks.length === 1) return [await enqueueTask(tx, first)];
  const rows = await tx.insertInto('tasks').values(tasks.map(taskRow)).returning('id').execute();
  // Ids come from one sequence in the order of the values: ascending is the order given.
  const ids = rows.map((r) => r.id).sort((a, b) => a - b);
  const priority = Math.min(...tasks.map((t) => t.priority ?? 0));
  await addJob(tx, TASK_BATCH, sql`json_build_object('taskIds', ${ids}::bigint[])`, first.runAt, priority);
  return ids;
}

/**
 * Adds the graphile-worker job that runs a task. `max_attempts` there only
 * covers crashes of the runner itself; the task's own retry budget and backoff
 * are ours (see task.runner.ts).
 */
export async function scheduleJob(tx: DbOrTx, name: string, taskId: number, runAt?: Date, priority = 0): Promise<void> {
  await addJob(tx, name, sql`json_build_object('taskId', ${taskId}::bigint)`, runAt, priority);
}

async function addJob(tx: DbOrTx, identifier: string, payload: RawBuilder<unknown>, runAt: Date | undefined, priority: number): Promise<void> {
  await sql`select graphile_worker.add_job(
      ${identifier}::text,
      ${payload},
      run_at => ${runAt ?? null}::timestamptz,
      max_attempts => 10,
      priority => ${priority}::int
    )`.execute(tx);
}

/** Queued tasks of these names that have not run yet (attempts 0): the work the runner is behind on. */
export async function countFreshQueued(db: DbOrTx, names: readonly string[]): Promise<number> {
  const r = await db
    .selectFrom('tasks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('state', '=', 'queued')
    .where('attempts', '=', 0)
    .where('name', 'in', [...names])
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * How long the longest-waiting due job of these tasks (or of a batch of tasks) has waited for a worker, in ms;
 * 0 when none is waiting. A job scheduled for later (a retry, a rerun) counts only once it is due.
 * Read from graphile-worker's public `jobs` view.
 */
export async function oldestDueWaitMs(db: DbOrTx, names: readonly string[]): Promise<number> {
  const r = await sql<{ ms: number | null }>`
    select (extract(epoch from now() - min(run_at)) * 1000)::float8 as ms
    from graphile_worker.jobs
    where locked_at is null and run_at <= now() and task_identifier = any(${[...names, TASK_BATCH]}::text[])`.execute(db);
  return Math.max(0, Number(r.rows[0]?.ms ?? 0));
}

export async function getTask(db: DbOrTx, id: number) {
  return await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
}

export type TaskRow = NonNullable<Awaited<ReturnType<typeof getTask>>>;

/** The tasks with these ids, in id order (the order they were enqueued in). */
export async function getTasks(db: DbOrTx, ids: readonly number[]): Promise<TaskRow[]> {
  if (ids.length === 0) return [];
  return await db.selectFrom('tasks').selectAll().where('id', 'in', [...ids]).orderBy('id').execute();
}

export async function setTaskPayload(db: DbOrTx, id: number, payload: Record<string, unknown>): Promise<void> {
  await db.updateTable('tasks').set({ payload: JSON.stringify(payload), updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** Whether a task of this name for this reference is still queued (to avoid enqueuing a second one). */
export async function hasQueuedTask(db: DbOrTx, name: string, reference: string): Promise<boolean> {
  const r = await db.selectFrom('tasks').select('id').where('reference', '=', reference).where('name', '=', name).where('state', '=', 'queued').executeTakeFirst();
  return r !== undefined;
}

/**
 * Marks queued tasks of this name for this reference done without running them
 * (e.g. polling, once the order is decided). Their jobs, when they come up, see
 * the task is no longer queued and do nothing. Returns their payloads.
 */
export async function finishQueuedTasks(db: DbOrTx, name: string, reference: string): Promise<Record<string, unknown>[]> {
  const rows = await db
    .updateTable('tasks')
    .set({ state: 'done', done_at: sql`now()`, updated_at: sql`now()` })
    .where('reference', '=', reference)
    .where('name', '=', name)
    .where('state', '=', 'queued')
    .returning('payload')
    .execute();
  return rows.map((r) => r.payload);
}

/** Marks these tasks done (one statement for a batch). */
export async function markTasksDone(db: DbOrTx, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('tasks')
    .set({ state: 'done', attempts: sql`attempts + 1`, done_at: sql`now()`, updated_at: sql`now()` })
    .where('id', 'in', [...ids])
    .where('state', '=', 'queued')
    .execute();
}

/** Records a failed attempt; keeps the last 20 errors for the dead-letter view. */
export async function recordTaskFailure(
  db: DbOrTx,
  id: number,
  entry: TaskErrorEntry,
  dead: boolean,
): Promise<void> {
  await db
    .updateTable('tasks')
    .set({
      attempts: sql`attempts + 1`,
      last_error: entry.error,
      errors: sql`(jsonb_build_array(${JSON.stringify(entry)}::jsonb) || errors) - 20`,
      updated_at: sql`now()`,
      ...(dead ? { state: 'dead' as const, died_at: sql`now()` } : {}),
    })
    .where('id', '=', id)
    .where('state', '=', 'queued')
    .execute();
}

/** Whether a task of this name was ever enqueued for `reference` (in any state), with a payload holding `payload`. */
export async function taskEverEnqueued(db: DbOrTx, name: string, reference: string, payload: Record<string, string>): Promise<boolean> {
  const r = await db
    .selectFrom('tasks')
    .select('id')
    .where('reference', '=', reference)
    .where('name', '=', name)
    .where(sql<boolean>`payload @> ${JSON.stringify(payload)}::jsonb`)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function tasksForReference(db: DbOrTx, reference: string) {
  return await db
    .selectFrom('tasks')
    .select(['id', 'name', 'state', 'attempts', 'last_error', 'created_at', 'done_at'])
    .where('reference', '=', reference)
    .orderBy('id')
    .execute();
}
