import { EventEmitter } from 'node:events';
import { run, type Runner, type Task, type TaskList, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import type { Logger } from 'pino';
import { withLogContext } from '../logging.ts';
import { currentTraceId, failCurrentSpan, inSpan } from '../tracing.ts';
import type { Db } from '../db/database.ts';
import { graphileLogger } from '../db/migrate-all.ts';
import { lockEventKey } from '../outbox/outbox.ts';
import type { TaskEventWriter } from './task.events.ts';
import { getTask, getTasks, markTasksDone, recordTaskFailure, scheduleJob, setTaskPayload, TASK_BATCH, type TaskRow } from './task.repository.ts';
import { heartbeat, registerWorker, unlockDeadWorkers, unregisterWorker } from './worker-registry.ts';

/** What a follow-up task handler receives besides its payload. */
export interface TaskContext {
  db: Db;
  log: Logger;
  taskId: number;
  reference: string | null;
  requestId: string | null;
  attempt: number;
}

/** A task that is not finished but did nothing wrong (e.g. a poll that found the payment still pending). */
export interface RunAgain {
  rerunInMs: number;
  /** Replaces the task's payload for the next run. */
  payload?: Record<string, unknown>;
}

/**
 * A follow-up task. It must be idempotent: it may run again after a crash or a
 * retry. Throwing means "failed": the task is retried with backoff and counts
 * towards its dead letter. Returning {@link RunAgain} means "not yet": it runs
 * again later without counting as a failure.
 */
export type TaskHandler = (payload: Record<string, unknown>, ctx: TaskContext) => Promise<void | RunAgain>;

export interface TaskRetryPolicy {
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** Exponential backoff with full jitter (AWS architecture blog): spreads retries of many tasks apart. */
export function backoffMs(attempt: number, policy: TaskRetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.retryMaxMs, policy.retryBaseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.max(10, Math.floor(random() * ceiling));
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`.slice(0, 2000);
  return String(e).slice(0, 2000);
}

/**
 * The task bookkeeping around the handlers: skip finished tasks, record the
 * outcome, retry or die. `single` runs the job of one task (named after it),
 * `batch` the job of several tasks of one change (enqueueTasks), one after
 * another. A task of a batch that fails or must wait gets a job of its own,
 * as if it had run alone.
 */
function taskJobs(handlers: Record<string, TaskHandler>, db: Db, log: Logger, policy: TaskRetryPolicy, onLifecycle?: TaskEventWriter) {
  const logFor = (task: TaskRow) =>
    log.child({ task: task.name, taskId: task.id, orderNo: task.reference ?? undefined, reqId: task.request_id ?? undefined, attempt: task.attempts + 1 });

  /**
   * Runs one queued task. When it finished (the caller marks it done), returns the logger to say so
   * with, bound to the run's trace; null when it was rescheduled or died.
   */
  async function runTask(task: TaskRow, tlog: Logger): Promise<Logger | null> {
    // A span of the trace that enqueued the task (the purchase's), around the run and its bookkeeping.
    const attributes = { 'task.name': task.name, 'task.id': task.id, 'task.attempt': task.attempts + 1, ...(task.reference ? { 'order.no': task.reference } : {}) };
    return await inSpan(`task ${task.name}`, attributes, () => runOnce(task, tlog), { parent: task.trace_parent });
  }

  async function runOnce(task: TaskRow, tlog: Logger): Promise<Logger | null> {
    const { id: taskId, name } = task;
    const attempt = task.attempts + 1;
    try {
      const handler = handlers[name];
      if (!handler) throw new Error(`no handler for task ${name}`);
      // The task's lines — and the PSP edge's, the mailer's — carry the request and order it works for.
      const run = () => handler(task.payload, { db, log: tlog, taskId, reference: task.reference, requestId: task.request_id, attempt });
      const again = await withLogContext({ reqId: task.request_id, orderNo: task.reference, task: name }, run);
      if (!again) {
        const traceId = currentTraceId();
        return traceId ? tlog.child({ trace_id: traceId }) : tlog;
      }
      await db.transaction().execute(async (tx) => {
        if (again.payload) await setTaskPayload(tx, taskId, again.payload);
        await scheduleJob(tx, name, taskId, new Date(Date.now() + again.rerunInMs), task.priority);
      });
      tlog.debug({ rerunInMs: again.rerunInMs }, 'task will run again');
      return null;
    } catch (e) {
      failCurrentSpan(e);
      const dead = attempt >= policy.maxAttempts;
      const entry = { at: new Date().toISOString(), attempt, error: describe(e) };
      if (dead) {
        await db.transaction().execute(async (tx) => {
          // The dead letter and its event commit together; the reference's key first, as everywhere.
          if (task.reference) await lockEventKey(tx, task.reference);
          await recordTaskFailure(tx, taskId, entry, true);
          await onLifecycle?.(tx, { kind: 'dead', taskId, task: name, reference: task.reference, attempts: attempt, lastError: entry.error.slice(0, 500) });
        });
        tlog.error({ event: 'task_dead', err: e, deadLetter: true }, 'task exhausted its retries and is now a dead letter');
        return null;
      }
      const delay = backoffMs(attempt, policy);
      await db.transaction().execute(async (tx) => {
        await recordTaskFailure(tx, taskId, entry, false);
        await scheduleJob(tx, name, taskId, new Date(Date.now() + delay), task.priority);
      });
      tlog.warn({ event: 'task_failed', err: e, retryInMs: delay }, 'task failed; will retry');
      return null;
    }
  }

  /**
   * Runs the queued ones of these tasks in order, each marked done as soon as it finished: until then
   * it counts as not done (a cancel, for one, decides what its order's shop was told by that).
   */
  async function runTasks(tasks: TaskRow[]): Promise<void> {
    for (const [i, read] of tasks.entries()) {
      // Read again once the batch is under way: a change (a cancel) may have finished it while the tasks before it ran.
      const task = i === 0 ? read : await getTask(db, read.id);
      if (task?.state !== 'queued') continue; // done, dead or discarded: a duplicate job
      const doneLog = await runTask(task, logFor(task));
      if (!doneLog) continue;
      await markTasksDone(db, [task.id]);
      doneLog.info({ event: 'task_done' }, 'task done');
    }
  }

  const single: Task = async (payload) => {
    const task = await getTask(db, Number((payload as { taskId?: unknown }).taskId));
    if (task) await runTasks([task]);
  };
  const batch: Task = async (payload) => {
    const ids = (payload as { taskIds?: unknown }).taskIds;
    if (Array.isArray(ids)) await runTasks(await getTasks(db, ids.map(Number)));
  };
  return { single, batch };
}

export interface TaskRunner {
  /** Graceful: waits for running tasks to finish, then forgets this process's worker pool. */
  stop(): Promise<void>;
}

/** How often a pool says it is alive, and after how long without a word another process may free its jobs. */
const HEARTBEAT_MS = 10_000;
export const WORKER_STALE_AFTER_MS = 60_000;

/**
 * Starts graphile-worker in this process with the given handlers, registers
 * its pool (see worker-registry.ts) and keeps freeing the jobs of pools whose
 * process is known dead. `ownsDatabase`: no other program's workers use this
 * database (an embedded Postgres we own), so unregistered locks are ours too.
 */
export async function startTaskRunner(opts: {
  db: Db;
  pool: pg.Pool;
  log: Logger;
  handlers: Record<string, TaskHandler>;
  policy: TaskRetryPolicy;
  concurrency: number;
  /** Batching of the job queue's own statements (WORKER_LOCAL_QUEUE, WORKER_COMPLETE_BATCH_MS). */
  batching?: { localQueueSize: number; completeBatchMs: number };
  ownsDatabase?: boolean;
  /** Tells the outside (the event stream) when a task dies. */
  onLifecycle?: TaskEventWriter;
}): Promise<TaskRunner> {
  const { db, log } = opts;
  const reap = async (unregistered: boolean) => {
    const freed = await unlockDeadWorkers(db, { staleAfterMs: WORKER_STALE_AFTER_MS, unregistered });
    if (freed.length > 0) log.warn({ event: 'jobs_dead_workers_freed', workers: freed }, 'freed the follow-up jobs of worker processes that are gone');
  };
  // Before our own pool exists: anything locked now by an unknown pool cannot be ours.
  await reap(opts.ownsDatabase === true);

  const jobs = taskJobs(opts.handlers, db, log, opts.policy, opts.onLifecycle);
  const taskList: TaskList = { [TASK_BATCH]: jobs.batch };
  for (const name of Object.keys(opts.handlers)) taskList[name] = jobs.single;
  const events: WorkerEvents = new EventEmitter();
  const pools: string[] = [];
  const registered: Promise<void>[] = [];
  events.on('pool:create', ({ workerPool }) => {
    pools.push(workerPool.id);
    registered.push(registerWorker(db, workerPool.id).catch((e: unknown) => log.error({ event: 'jobs_worker_register_failed', err: e }, 'could not register the worker pool')));
  });
  // Batching: one statement fetches (and locks) jobs for every worker, one marks a batch done. A job locked
  // by a process that dies is freed by the reaper below (not after graphile-worker's 4 h), and a job run
  // again finds its task done or repeats idempotent steps: batching costs nothing in safety.
  const b = opts.batching;
  const runner: Runner = await run({
    pgPool: opts.pool,
    concurrency: opts.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: graphileLogger(log),
    taskList,
    events,
    ...(b
      ? {
          preset: {
            worker: {
              ...(b.localQueueSize > 1 ? { localQueue: { size: b.localQueueSize } } : {}),
              completeJobBatchDelay: b.completeBatchMs,
            },
          },
        }
      : {}),
  });
  await Promise.all(registered);
  const timer = setInterval(() => {
    heartbeat(db, pools)
      .then(() => reap(false))
      .catch((e: unknown) => log.warn({ event: 'jobs_heartbeat_failed', err: e }, 'worker heartbeat failed; will try again'));
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    // On a forced stop nothing is called: our pool stays registered under our pid, and once the
    // process is gone any live process (or the next start) frees its jobs — never while we might still run them.
    stop: async () => {
      clearInterval(timer);
      await runner.stop();
      for (const id of pools) await unregisterWorker(db, id).catch(() => {});
    },
  };
}
