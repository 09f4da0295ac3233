import os from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { processMayLive, procStartOf } from '../lifecycle/owner-lock.ts';

/**
 * Which of our processes runs which graphile-worker pool. A pool's jobs stay
 * locked by its id while it runs them; if its process dies (SIGKILL, a lost
 * machine) graphile-worker would keep them locked for 4 hours. We free them
 * with graphile-worker's supported `force_unlock_workers`, but only for pools
 * whose process is known dead: on this host, a pid that is gone (or reused);
 * elsewhere, a heartbeat older than `staleAfterMs`.
 */

export async function registerWorker(db: Db, workerId: string): Promise<void> {
  await db
    .insertInto('worker_processes')
    .values({ worker_id: workerId, pid: process.pid, proc_start: procStartOf(process.pid), host: os.hostname() })
    .onConflict((oc) => oc.column('worker_id').doNothing())
    .execute();
}

export async function heartbeat(db: Db, workerIds: string[]): Promise<void> {
  if (workerIds.length === 0) return;
  await db.updateTable('worker_processes').set({ heartbeat_at: sql`now()` }).where('worker_id', 'in', workerIds).execute();
}

export async function unregisterWorker(db: Db, workerId: string): Promise<void> {
  await db.deleteFrom('worker_processes').where('worker_id', '=', workerId).execute();
}

/**
 * Frees the jobs of every registered pool whose process is known dead and
 * forgets the pool. With `unregistered`, also the locks of pools nobody
 * registered (only safe when no other program's workers use this database,
 * e.g. an embedded Postgres we own). Returns the worker ids freed.
 */
export async function unlockDeadWorkers(db: Db, opts: { staleAfterMs: number; unregistered?: boolean }): Promise<string[]> {
  const rows = await db
    .selectFrom('worker_processes')
    .select(['worker_id', 'pid', 'proc_start', 'host', sql<boolean>`heartbeat_at < now() - make_interval(secs => ${opts.staleAfterMs / 1000})`.as('stale')])
    .execute();
  const dead = rows.filter((r) => r.stale || !processMayLive({ pid: r.pid, procStart: r.proc_start, host: r.host })).map((r) => r.worker_id);
  if (opts.unregistered) {
    const known = new Set(rows.map((r) => r.worker_id));
    const locked = await sql<{ locked_by: string }>`select distinct locked_by from graphile_worker.jobs where locked_by is not null`.execute(db);
    for (const r of locked.rows) if (!known.has(r.locked_by)) dead.push(r.locked_by);
  }
  if (dead.length === 0) return [];
  await sql`select graphile_worker.force_unlock_workers(${dead}::text[])`.execute(db);
  await db.deleteFrom('worker_processes').where('worker_id', 'in', dead).execute();
  return dead;
}
