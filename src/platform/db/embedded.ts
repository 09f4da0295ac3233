import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { acquireOwnership, describeOwner, type OwnerInfo } from '../lifecycle/owner-lock.ts';
import { removeRuntimeSync, writeRuntime, type Runtime } from '../lifecycle/runtime-file.ts';
import { initCluster, postgresUser, startPostmaster, stopOrphan } from './postgres-process.ts';

/** A running embedded Postgres server that this process owns, and how to reach it. */
export interface EmbeddedDb {
  /** `postgres://…` URL of the `orderly` database. */
  url: string;
  /** URL of the maintenance database (`postgres`), for CREATE DATABASE and pgbench. */
  adminUrl: string;
  port: number;
  /** Adds the API's and simulator's URLs to runtime.json once they listen. */
  publish(extra: Pick<Runtime, 'url' | 'pspSimUrl'>): Promise<void>;
  /** Stops Postgres (`smart` waits briefly for closing sessions, `fast` does not; see postgres-process.ts) and gives up the data dir. */
  stop(mode?: 'smart' | 'fast'): Promise<void>;
}

/** Another live process owns the data dir: we may join it, never start or stop its Postgres. */
export class DataDirInUseError extends Error {
  override name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly owner: OwnerInfo,
  ) {
    super(`the data directory ${dataDir} is in use by ${describeOwner(owner)}`);
  }
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

async function readOrCreateSecret(file: string): Promise<string> {
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const secret = randomBytes(18).toString('base64url');
  await writeFile(file, secret + '\n', { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

/**
 * Takes ownership of `dataDir` (throws {@link DataDirInUseError} if a live
 * process has it), then starts a real Postgres there (created on first use) on
 * a free port, and publishes how to reach it in `runtime.json`.
 */
export async function startEmbeddedPostgres(dataDir: string, log: Logger, command = 'start', settings: readonly string[] = []): Promise<EmbeddedDb> {
  const root = path.resolve(dataDir);
  await mkdir(root, { recursive: true, mode: 0o755 });
  await chmod(root, 0o755);
  const got = await acquireOwnership(root, command);
  if (got.kind === 'held') throw new DataDirInUseError(root, got.owner);
  const { lock } = got;
  const pgData = path.join(root, 'pg');
  try {
    const password = await readOrCreateSecret(path.join(root, 'pg-password'));
    const as = await postgresUser(log);
    if (!existsSync(path.join(pgData, 'PG_VERSION'))) {
      // A half-made cluster (killed during initdb) cannot be resumed; start over.
      await rm(pgData, { recursive: true, force: true });
      log.info({ pgData }, 'initialising embedded postgres');
      await initCluster(pgData, USER, password, as, log);
    } else {
      // We own the data dir now: a postmaster still running there belongs to an owner that is gone.
      await stopOrphan(pgData, log);
    }
    const port = await freePort();
    const postmaster = await startPostmaster({
      pgData,
      port,
      as,
      logFile: path.join(root, 'postgres.log'),
      log,
      // EMBEDDED_PG_SETTINGS come last: an operator's tuning (or the bench's statement statistics) over our defaults.
      flags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'unix_socket_directories=', ...settings.flatMap((kv) => ['-c', kv])],
    });
    const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
    const adminUrl = `${base}/postgres`;
    const url = `${base}/${DB_NAME}`;
    try {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        const r = await client.query('select 1 from pg_database where datname = $1', [DB_NAME]);
        if (r.rowCount === 0) await client.query(`create database ${DB_NAME}`);
      } finally {
        await client.end();
      }
      let runtime: Runtime = { pid: process.pid, databaseUrl: url, adminDatabaseUrl: adminUrl, pgPort: port };
      await writeRuntime(root, runtime);
      log.info({ port, pgData }, 'embedded postgres ready');
      let stopped = false;
      return {
        url,
        adminUrl,
        port,
        publish: async (extra) => {
          runtime = { ...runtime, ...extra };
          await writeRuntime(root, runtime);
        },
        stop: async (mode = 'smart') => {
          if (stopped) return;
          stopped = true;
          removeRuntimeSync(root);
          await postmaster.stop(mode);
          await lock.release();
          log.info('embedded postgres stopped');
        },
      };
    } catch (e) {
      await postmaster.stop('fast');
      throw e;
    }
  } catch (e) {
    removeRuntimeSync(root);
    await lock.release();
    throw e;
  }
}
