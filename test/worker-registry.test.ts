import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Db } from '../src/platform/db/database.ts';
import { procStartOf } from '../src/platform/lifecycle/owner-lock.ts';
import { scheduleJob } from '../src/platform/jobs/task.repository.ts';
import { registerWorker, unlockDeadWorkers } from '../src/platform/jobs/worker-registry.ts';
import { useTestDb } from './helpers/db.ts';

/**
 * Jobs locked by a worker pool whose process is known dead are freed with
 * graphile-worker's own force_unlock_workers — and only those: a live pool's
 * jobs (however long they run) and another host's pool with a fresh
 * heartbeat are left alone.
 */

let db: Db;
useTestDb(4, (d) => (db = d));

/** A job locked by `workerId`, as graphile-worker leaves it while (or after) that pool runs it. Test-only forgery of its lock. */
async function lockedJob(workerId: string): Promise<number> {
  await scheduleJob(db, 'registry_probe', Math.floor(Math.random() * 1e9));
  const r = await sql<{ id: number }>`
    update graphile_worker._private_jobs set locked_by = ${workerId}, locked_at = now() - interval '1 hour'
    where id = (select max(id) from graphile_worker._private_jobs) returning id`.execute(db);
  return Number(r.rows[0]!.id);
}

async function lockOf(jobId: number): Promise<string | null> {
  const r = await sql<{ locked_by: string | null }>`select locked_by from graphile_worker.jobs where id = ${jobId}`.execute(db);
  return r.rows[0]!.locked_by;
}

/** A pid that existed and is gone now. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout.trim());
}

describe('worker registry', () => {
  it('frees the jobs of a pool whose process is gone, and forgets the pool', async () => {
    const pid = deadPid();
    await db.insertInto('worker_processes').values({ worker_id: 'pool-dead', pid, proc_start: '1', host: os.hostname() }).execute();
    const job = await lockedJob('pool-dead');
    expect(await unlockDeadWorkers(db, { staleAfterMs: 60_000 })).toEqual(['pool-dead']);
    expect(await lockOf(job)).toBeNull();
    expect(await db.selectFrom('worker_processes').select('worker_id').where('worker_id', '=', 'pool-dead').execute()).toEqual([]);
  });

  it('a pid reused by another process (other start time) counts as gone', async () => {
    await db.insertInto('worker_processes').values({ worker_id: 'pool-reused', pid: process.pid, proc_start: 'not-our-start-time', host: os.hostname() }).execute();
    const job = await lockedJob('pool-reused');
    expect(await unlockDeadWorkers(db, { staleAfterMs: 60_000 })).toEqual(['pool-reused']);
    expect(await lockOf(job)).toBeNull();
  });

  it('leaves a live pool alone, however long it has held its job', async () => {
    await registerWorker(db, 'pool-live');
    const row = await db.selectFrom('worker_processes').selectAll().where('worker_id', '=', 'pool-live').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ pid: process.pid, proc_start: procStartOf(process.pid), host: os.hostname() });
    const job = await lockedJob('pool-live');
    expect(await unlockDeadWorkers(db, { staleAfterMs: 60_000 })).toEqual([]);
    expect(await lockOf(job)).toBe('pool-live');
  });

  it("another host's pool: alive while it beats, freed once its heartbeat is older than the limit", async () => {
    await db.insertInto('worker_processes').values({ worker_id: 'pool-elsewhere', pid: 1, proc_start: '1', host: 'another-host' }).execute();
    const job = await lockedJob('pool-elsewhere');
    expect(await unlockDeadWorkers(db, { staleAfterMs: 60_000 })).toEqual([]);
    await db.updateTable('worker_processes').set({ heartbeat_at: sql`now() - interval '2 minutes'` }).where('worker_id', '=', 'pool-elsewhere').execute();
    expect(await unlockDeadWorkers(db, { staleAfterMs: 60_000 })).toEqual(['pool-elsewhere']);
    expect(await lockOf(job)).toBeNull();
  });

  it('locks of pools nobody registered are freed only when we own the database', async () => {
    const job = await lockedJob('pool-unknown');
    expect(await unlockDeadWorkers(db, { staleAfterMs: 60_000 })).toEqual([]);
    expect(await lockOf(job)).toBe('pool-unknown');
    expect(await unlockDeadWorkers(db, { staleAfterMs: 60_000, unregistered: true })).toContain('pool-unknown');
    expect(await lockOf(job)).toBeNull();
  });
});
