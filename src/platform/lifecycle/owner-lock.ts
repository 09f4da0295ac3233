import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { mkdir, readFile, rm, rmdir, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * One owner per data directory. The process that runs the embedded Postgres
 * of a data dir holds `owner.lock` there: its pid, the kernel's start time of
 * that pid (so a reused pid is not mistaken for it), host and command. Anyone
 * else (a second `start`, `migrate`, `api`, the CLI) reads it and either joins
 * the live owner or refuses; only a process that holds the lock may start or
 * stop that Postgres, and it holds it only when the previous owner is
 * provably gone.
 */

export interface OwnerInfo {
  pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks since boot); null where /proc is missing. */
  procStart: string | null;
  host: string;
  command: string;
  startedAt: string;
}

const LOCK_FILE = 'owner.lock';
/** Guards read-judge-replace of the lock file: mkdir is atomic on every filesystem. */
const MUTEX_DIR = 'owner.lock.d';
/** A mutex older than this was left by a process killed mid-acquire. */
const STALE_MUTEX_MS = 10_000;

/** The kernel's start time of `pid`, or null (no /proc, or no such process). */
export function procStartOf(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses; field 22 is starttime.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists (ours to signal or not). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but is not ours to signal.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether the recorded owner may still be running. Another host's owner can
 * never be proven gone from here (a shared volume): it counts as alive.
 */
export function ownerAlive(o: OwnerInfo): boolean {
  return processMayLive(o);
}

/**
 * False only when the process is provably gone: it ran on this host, and its
 * pid is dead or now belongs to a process started at another moment.
 */
export function processMayLive(p: { pid: number; procStart: string | null; host: string }): boolean {
  if (p.host !== os.hostname()) return true;
  if (!pidAlive(p.pid)) return false;
  if (p.procStart === null) return true;
  const now = procStartOf(p.pid);
  return now === null || now === p.procStart;
}

async function readOwner(dir: string): Promise<OwnerInfo | undefined> {
  try {
    const o = JSON.parse(await readFile(path.join(dir, LOCK_FILE), 'utf8')) as OwnerInfo;
    return typeof o.pid === 'number' ? o : undefined;
  } catch {
    return undefined; // absent, or half-written by a process killed while writing it
  }
}

/** The live owner of `dir`, if any. */
export async function liveOwner(dir: string): Promise<OwnerInfo | undefined> {
  const o = await readOwner(dir);
  return o && o.pid !== process.pid && ownerAlive(o) ? o : undefined;
}

async function withMutex<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const m = path.join(dir, MUTEX_DIR);
  const deadline = Date.now() + 2 * STALE_MUTEX_MS;
  for (;;) {
    try {
      await mkdir(m);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const st = await stat(m).catch(() => undefined);
      if (st && Date.now() - st.mtimeMs > STALE_MUTEX_MS) await rmdir(m).catch(() => {});
      else if (Date.now() > deadline) throw new Error(`${m} is held; remove it if no orderly process is starting`);
      else await sleep(20);
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(m).catch(() => {});
  }
}

/** Held ownership of a data dir; released on `release()` and, as a last resort, when the process exits. */
export class OwnerLock {
  private released = false;
  private readonly onExit = () => this.releaseSync();

  constructor(
    readonly dir: string,
    readonly info: OwnerInfo,
  ) {
    process.once('exit', this.onExit);
  }

  private releaseSync(): void {
    if (this.released) return;
    this.released = true;
    process.removeListener('exit', this.onExit);
    try {
      // Only our own lock: never one a later owner wrote after we let go.
      const o = JSON.parse(readFileSync(path.join(this.dir, LOCK_FILE), 'utf8')) as OwnerInfo;
      if (o.pid === this.info.pid && o.startedAt === this.info.startedAt) rmSync(path.join(this.dir, LOCK_FILE), { force: true });
    } catch {
      // already gone
    }
  }

  async release(): Promise<void> {
    this.releaseSync();
  }
}

/** Either we own the data dir now, or someone alive does. */
export type Acquired = { kind: 'acquired'; lock: OwnerLock; previous: OwnerInfo | undefined } | { kind: 'held'; owner: OwnerInfo };

/**
 * Takes ownership of `dir` unless a live process holds it. `previous` is a
 * dead owner we replaced (its Postgres, if still running, is an orphan).
 */
export async function acquireOwnership(dir: string, command: string): Promise<Acquired> {
  await mkdir(dir, { recursive: true });
  return await withMutex(dir, async () => {
    const current = await readOwner(dir);
    if (current && current.pid !== process.pid && ownerAlive(current)) return { kind: 'held', owner: current };
    const info: OwnerInfo = { pid: process.pid, procStart: procStartOf(process.pid), host: os.hostname(), command, startedAt: new Date().toISOString() };
    const file = path.join(dir, LOCK_FILE);
    await rm(file, { force: true });
    const fd = openSync(file, 'wx', 0o644);
    try {
      writeSync(fd, JSON.stringify(info) + '\n');
    } finally {
      closeSync(fd);
    }
    return { kind: 'acquired', lock: new OwnerLock(dir, info), previous: current };
  });
}

/** "pid 123 (orderly start, since 2026-12-01T09:00:00.000Z)" for messages. */
export function describeOwner(o: OwnerInfo): string {
  const where = o.host === os.hostname() ? '' : ` on host ${o.host}`;
  return `pid ${o.pid}${where} (orderly ${o.command}, since ${o.startedAt})`;
}
