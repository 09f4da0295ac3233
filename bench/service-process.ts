import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { freePort } from '../src/platform/db/embedded.ts';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { requestJson } from './http.ts';

export const ADMIN_KEY = 'bench-admin-key-0123456789';
export const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123456';

/** What `src/service.ts` writes to `<ORDERLY_DATA_DIR>/runtime.json` when it runs embedded Postgres. */
export interface Runtime {
  pid: number;
  url: string;
  pspSimUrl: string;
  databaseUrl: string;
  adminDatabaseUrl: string;
  pgPort: number;
}

/** How the service process ended when we stopped it. */
export interface StopOutcome {
  exitCode: number | null;
  signal: string | null;
  /** The process group did not end within the deadline and was SIGKILLed. */
  killed: boolean;
  stopMs: number;
}

/** A service started as a child process in its own process group. */
export interface ServiceProcess {
  url: string;
  /** The node process's pid (the leader of its process group). */
  pid: number;
  dataDir: string;
  logFile: string;
  /** Resolves when the leader process exits. */
  readonly exited: Promise<void>;
  hasExited(): boolean;
  /** SIGTERM to the service, SIGKILL to its group after `deadlineMs`; removes the data dir. Safe to call twice. */
  stop(deadlineMs?: number): Promise<StopOutcome>;
}

/** Asks the kernel for a free TCP port on loopback. */
export { freePort };

function serviceEnv(dataDir: string, port: number, pspSimPort: number, extraEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ORDERLY_DATA_DIR: dataDir,
    PORT: String(port),
    PSP_SIM_PORT: String(pspSimPort),
    ORDERLY_ADMIN_KEY: ADMIN_KEY,
    ORDERLY_JWT_SECRET: JWT_SECRET,
    DEMO_CATALOG: 'false',
    LOG_LEVEL: 'warn',
    // The configured maximum (src/config.ts refuses more); the limit is per customer token.
    RATE_LIMIT_PER_MINUTE: '1000000',
  };
  // OTEL_EXPORTER_OTLP_ENDPOINT: measure with traces on (README "Traces"); the worker and pool settings: compare them.
  const passed = ['PATH', 'HOME', 'OTEL_EXPORTER_OTLP_ENDPOINT', 'WORKER_CONCURRENCY', 'WORKER_LOCAL_QUEUE', 'WORKER_COMPLETE_BATCH_MS', 'DB_POOL_SIZE', 'FOLLOWUP_BACKLOG_MAX'] as const;
  for (const name of passed) if (process.env[name] !== undefined) env[name] = process.env[name];
  // Last, so a scenario can change a setting above (but nothing leaks in from the bench's own environment).
  return { ...env, ...extraEnv };
}

/**
 * Pids of live (non-zombie) processes in a process group, read from /proc.
 * Falls back to a signal-0 probe where /proc is unavailable.
 */
async function liveGroupMembers(pgid: number): Promise<number[]> {
  if (!existsSync('/proc/self/stat')) {
    try {
      process.kill(-pgid, 0);
      return [pgid];
    } catch {
      return [];
    }
  }
  const members: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // pid (comm) state ppid pgrp …; comm may contain spaces, so parse after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(entry));
  }
  return members;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ESRCH') throw e;
  }
}

/** Waits until no live process is left in the group, or the deadline passes. */
async function groupGone(pgid: number, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if ((await liveGroupMembers(pgid)).length === 0) return true;
    await sleep(100);
  }
  return (await liveGroupMembers(pgid)).length === 0;
}

function watchExit(child: ChildProcess): { exited: Promise<void>; status: () => { code: number | null; signal: string | null } | undefined } {
  let status: { code: number | null; signal: string | null } | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      status = { code, signal };
      resolve();
    });
  });
  return { exited, status: () => status };
}

/**
 * Starts `src/main.ts start` with embedded Postgres in a fresh temporary data
 * directory, its output going to `logFile`. `extraEnv` is merged over the
 * bench's service environment. Does not wait for readiness.
 */
export async function launchService(repoRoot: string, logFile: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<ServiceProcess> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orderly-bench-'));
  const port = await freePort();
  const pspSimPort = await freePort();
  await mkdir(path.dirname(logFile), { recursive: true });
  const fd = openSync(logFile, 'w');
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'start'], {
      cwd: repoRoot,
      detached: true,
      env: serviceEnv(dataDir, port, pspSimPort, extraEnv),
      stdio: ['ignore', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  const pgid = child.pid;
  if (pgid === undefined) {
    const err = await new Promise<unknown>((resolve) => child.once('error', resolve));
    await rm(dataDir, { recursive: true, force: true });
    throw new Error(`could not spawn the service process: ${err instanceof Error ? err.message : String(err)}`);
  }
  child.on('error', () => {}); // spawned; later errors (a failed kill) surface through stop()
  const { exited, status } = watchExit(child);
  let stopping: Promise<StopOutcome> | undefined;

  const stopOnce = async (deadlineMs: number): Promise<StopOutcome> => {
    const started = Date.now();
    const deadline = started + deadlineMs;
    // SIGTERM to the service alone: it drains and stops its own Postgres. The group only gets SIGKILL.
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(deadlineMs)]);
    let killed = false;
    if (!(await groupGone(pgid, deadline))) {
      signalGroup(pgid, 'SIGKILL');
      killed = true;
      await groupGone(pgid, Date.now() + 5_000);
    }
    await Promise.race([exited, sleep(1_000)]);
    await rm(dataDir, { recursive: true, force: true });
    const s = status();
    return { exitCode: s?.code ?? null, signal: s?.signal ?? null, killed, stopMs: Date.now() - started };
  };

  return {
    url: `http://127.0.0.1:${port}`,
    pid: pgid,
    dataDir,
    logFile,
    exited,
    hasExited: () => status() !== undefined,
    stop: (deadlineMs = 40_000) => (stopping ??= stopOnce(deadlineMs)),
  };
}

async function readRuntime(dataDir: string): Promise<Runtime | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, 'runtime.json'), 'utf8')) as Runtime;
  } catch {
    return undefined; // not written yet, or half written
  }
}

async function isReady(url: string): Promise<boolean> {
  try {
    const res = await requestJson({ method: 'GET', url: `${url}/health/ready`, timeoutMs: 2_000 });
    return res.status === 200;
  } catch {
    return false;
  }
}

/**
 * Polls `GET /health/ready` until 200 and `runtime.json` exists (it is written
 * just after the API starts listening). Throws if the process exits or the deadline passes.
 */
export async function waitUntilReady(svc: ServiceProcess, timeoutMs: number): Promise<Runtime> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await waitUntilServing(svc, deadline - Date.now());
    const runtime = await readRuntime(svc.dataDir);
    if (runtime) return runtime;
    if (Date.now() >= deadline) throw new Error(`the service was not ready within ${Math.round(timeoutMs / 1000)} s`);
    await sleep(250);
  }
}

/** Polls `GET /health/ready` until 200 (a process on a DATABASE_URL writes no runtime.json). */
export async function waitUntilServing(svc: ServiceProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (svc.hasExited()) throw new Error('the service exited during start-up');
    if (await isReady(svc.url)) return;
    await sleep(250);
  }
  throw new Error(`the service was not ready within ${Math.round(timeoutMs / 1000)} s`);
}

/** The last `lines` lines of the service's log, for a start-up failure message. */
export async function logTail(svc: ServiceProcess, lines = 40): Promise<string> {
  const text = await readFile(svc.logFile, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Things to undo on the way out, run once whether we finish, fail or are
 * interrupted. Here rather than in bench.ts so a scenario that starts its own
 * service (failover.ts) can keep a cleanup of its own and hang it on the run's.
 */
export class Cleanup {
  private readonly steps: (() => Promise<void>)[] = [];
  private running: Promise<void> | undefined;

  add(step: () => Promise<void>): void {
    this.steps.push(step);
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) await step().catch((e: unknown) => console.error('cleanup step failed:', e));
    })();
    return this.running;
  }
}
