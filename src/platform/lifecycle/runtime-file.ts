import { readFileSync, rmSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { liveOwner, ownerAlive, type OwnerInfo } from './owner-lock.ts';

/**
 * `runtime.json` in the data dir: how processes beside the owner (migrate,
 * api, the CLI, the bench, psql) reach the owner's embedded Postgres and
 * service. Written by the owner once Postgres is up, completed once the API
 * listens, removed when it stops. Mode 0600: it holds the database password.
 */
export interface Runtime {
  /** The owner that wrote it; a file whose pid is not the live owner's is stale. */
  pid: number;
  databaseUrl: string;
  adminDatabaseUrl: string;
  pgPort: number;
  /** The API and simulator, once listening. */
  url?: string;
  pspSimUrl?: string;
}

const FILE = 'runtime.json';

export async function writeRuntime(dir: string, r: Runtime): Promise<void> {
  const tmp = path.join(dir, `${FILE}.${process.pid}.tmp`);
  await writeFile(tmp, JSON.stringify(r, null, 2) + '\n', { mode: 0o600 });
  await rename(tmp, path.join(dir, FILE));
}

/** Removes our own runtime file (never a later owner's). Synchronous: also called while the process exits. */
export function removeRuntimeSync(dir: string, pid = process.pid): void {
  try {
    const r = JSON.parse(readFileSync(path.join(dir, FILE), 'utf8')) as Runtime;
    if (r.pid === pid) rmSync(path.join(dir, FILE), { force: true });
  } catch {
    // absent
  }
}

export async function readRuntime(dir: string): Promise<Runtime | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dir, FILE), 'utf8')) as Runtime;
  } catch {
    return undefined;
  }
}

/** A live owner of `dir` and the runtime it published (waiting up to `waitMs` while it is still starting its Postgres). */
export async function joinOwner(dir: string, waitMs: number): Promise<{ owner: OwnerInfo; runtime: Runtime | undefined } | undefined> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const owner = await liveOwner(dir);
    if (!owner) return undefined;
    const runtime = await readRuntime(dir);
    if (runtime?.pid === owner.pid) return { owner, runtime };
    if (Date.now() > deadline) return { owner, runtime: undefined };
    await sleep(100);
  }
}

/** The runtime of a live owner of `dir`, read synchronously (for the CLI's defaults); undefined if none. */
export function liveRuntimeSync(dir: string): Runtime | undefined {
  try {
    const owner = JSON.parse(readFileSync(path.join(dir, 'owner.lock'), 'utf8')) as OwnerInfo;
    const r = JSON.parse(readFileSync(path.join(dir, FILE), 'utf8')) as Runtime;
    return r.pid === owner.pid && ownerAlive(owner) ? r : undefined;
  } catch {
    return undefined;
  }
}
