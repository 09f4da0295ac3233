import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/**
 * What a level costs the machine, read from /proc and Postgres's own counters
 * (issue 13's figures): CPU of the service process (the in-process simulator
 * included) and of every Postgres process, the service's peak RSS, and the
 * commits the database made. Linux only; elsewhere the figures are absent.
 */

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
const TICKS_PER_S = 100;

export interface ResourceSample {
  /** CPU ms of the service processes so far (all their threads: the API, the workers, the simulator). */
  serviceCpuMs: number;
  /** CPU ms of the postmaster, its live backends and the children it has reaped. */
  postgresCpuMs: number;
  /** Commits of every database of the server so far (pg_stat_database). */
  commits: number;
  /** Top-level statements so far (pg_stat_statements: BEGIN and COMMIT included), when the extension is loaded. */
  statements?: number;
  /** Queries the bench itself sent so far (each an autocommit transaction: subtracted from `commits`). */
  benchQueries: number;
}

export interface LevelResources {
  serviceCpuMsPerSettled: number;
  postgresCpuMsPerSettled: number;
  commitsPerSettled: number;
  statementsPerSettled?: number;
  /** The largest peak resident set of the service processes over their lives so far (VmHWM), MiB. */
  serviceRssPeakMiB: number;
}

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime, and (for reaped children) cutime + cstime, in ticks. */
  own: number;
  children: number;
}

async function procStat(pid: number): Promise<ProcStat | undefined> {
  const raw = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (raw === undefined) return undefined;
  // pid (comm) state ppid … utime(14) stime(15) cutime(16) cstime(17): comm may hold spaces, so count after ')'.
  const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  const n = (i: number) => Number(f[i - 3]);
  return { pid, ppid: n(4), own: n(14) + n(15), children: n(16) + n(17) };
}

/** The postmaster's pid, from the first line of `postmaster.pid` in the service's embedded data directory. */
export async function postmasterPid(dataDir: string): Promise<number> {
  const first = (await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0];
  const pid = Number(first);
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no postmaster pid in ${dataDir}/pg/postmaster.pid`);
  return pid;
}

async function postgresTicks(postmaster: number): Promise<number> {
  const main = await procStat(postmaster);
  if (!main) return 0;
  let ticks = main.own + main.children;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = await procStat(Number(entry));
    if (s && s.ppid === postmaster) ticks += s.own + s.children;
  }
  return ticks;
}

/** Counts the queries a bench client sends, so its own transactions can be told from the service's. */
export function countQueries(...clients: pg.Client[]): () => number {
  let n = 0;
  for (const c of clients) {
    const query = c.query.bind(c) as (...args: unknown[]) => unknown;
    (c as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      n++;
      return query(...args);
    };
  }
  return () => n;
}

export async function sampleResources(db: pg.Client, servicePids: readonly number[], postmaster: number, benchQueries: () => number): Promise<ResourceSample> {
  let serviceTicks = 0;
  for (const pid of servicePids) serviceTicks += (await procStat(pid))?.own ?? 0;
  const pgTicks = await postgresTicks(postmaster);
  const before = benchQueries();
  const { rows } = await db.query<{ commits: string }>('select sum(xact_commit)::text as commits from pg_stat_database');
  const statements = await db
    .query<{ calls: string }>('select sum(calls)::text as calls from pg_stat_statements')
    .then((r) => Number(r.rows[0]?.calls ?? 0))
    .catch(() => undefined);
  // Postgres counts a transaction's commit when the backend reports its statistics (at most every second, or at idle):
  // the caller samples after the level's work has settled and a moment has passed.
  return {
    serviceCpuMs: (serviceTicks * 1000) / TICKS_PER_S,
    postgresCpuMs: (pgTicks * 1000) / TICKS_PER_S,
    commits: Number(rows[0]?.commits ?? 0),
    ...(statements !== undefined ? { statements } : {}),
    benchQueries: before + 2,
  };
}

/** Loads pg_stat_statements' view where the server preloads the library (the bench asks the embedded one to). */
export async function enableStatementStats(db: pg.Client): Promise<boolean> {
  try {
    await db.query('create extension if not exists pg_stat_statements');
    await db.query('select 1 from pg_stat_statements limit 1');
    return true;
  } catch {
    return false;
  }
}

export async function peakRssMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  return Math.round((kb / 1024) * 10) / 10;
}

/** A level's cost per settled checkout, from the samples before and after it. */
export async function levelResources(before: ResourceSample, after: ResourceSample, settled: number, servicePids: readonly number[]): Promise<LevelResources | undefined> {
  if (settled === 0) return undefined;
  const commits = after.commits - before.commits - (after.benchQueries - before.benchQueries);
  return {
    serviceCpuMsPerSettled: (after.serviceCpuMs - before.serviceCpuMs) / settled,
    postgresCpuMsPerSettled: (after.postgresCpuMs - before.postgresCpuMs) / settled,
    commitsPerSettled: commits / settled,
    ...(before.statements !== undefined && after.statements !== undefined
      ? { statementsPerSettled: (after.statements - before.statements - (after.benchQueries - before.benchQueries)) / settled }
      : {}),
    serviceRssPeakMiB: Math.max(...(await Promise.all(servicePids.map((pid) => peakRssMiB(pid))))),
  };
}
