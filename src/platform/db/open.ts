import path from 'node:path';
import type { Logger } from 'pino';
import { describeOwner } from '../lifecycle/owner-lock.ts';
import { joinOwner, type Runtime } from '../lifecycle/runtime-file.ts';
import { StartupError } from '../lifecycle/startup-error.ts';
import { DataDirInUseError, startEmbeddedPostgres, type EmbeddedDb } from './embedded.ts';
import { assertReachable } from './reachable.ts';

/**
 * How a command gets its database:
 * - `own`: `start` and `psp-sim` — the server at DATABASE_URL, or an embedded
 *   Postgres this process starts and owns (refused if a live process owns the data dir);
 * - `own-or-join`: `migrate` — like `own`, but beside a live owner it uses that owner's Postgres;
 * - `join`: `api` and tools — the server at DATABASE_URL, or a live owner's Postgres.
 * No command ever stops a Postgres that another live process owns.
 */
export type DatabaseRole = 'own' | 'own-or-join' | 'join';

export interface OpenedDatabase {
  url: string;
  /** Set when this process started the embedded Postgres (and owns the data dir). */
  embedded?: EmbeddedDb;
  /** Set when this process joined another live process's embedded Postgres. */
  joined?: { owner: string; runtime: Runtime };
  /** Stops the embedded Postgres if we own it (`fast` for a forced stop); nothing otherwise. */
  close(mode?: 'smart' | 'fast'): Promise<void>;
}

async function join(dataDir: string): Promise<OpenedDatabase | undefined> {
  // An owner that is still starting (initdb takes seconds) publishes its runtime shortly.
  const j = await joinOwner(dataDir, 30_000);
  if (!j) return undefined;
  if (!j.runtime) throw new StartupError(`${describeOwner(j.owner)} owns ${dataDir} but has not published runtime.json within 30 s; is it stuck starting?`);
  await assertReachable(j.runtime.databaseUrl);
  return { url: j.runtime.databaseUrl, joined: { owner: describeOwner(j.owner), runtime: j.runtime }, close: async () => {} };
}

export async function openDatabase(opts: { databaseUrl: string | undefined; dataDir: string; role: DatabaseRole; command: string; log: Logger; embeddedSettings?: readonly string[] }): Promise<OpenedDatabase> {
  if (opts.databaseUrl) {
    await assertReachable(opts.databaseUrl);
    return { url: opts.databaseUrl, close: async () => {} };
  }
  const dataDir = path.resolve(opts.dataDir);
  if (opts.role === 'join') {
    const joined = await join(dataDir);
    if (joined) return joined;
    throw new StartupError(`orderly ${opts.command} joins a running orderly: no \`orderly start\` is running on the data directory ${dataDir}; start one (npm start), or set DATABASE_URL`);
  }
  try {
    const embedded = await startEmbeddedPostgres(dataDir, opts.log, opts.command, opts.embeddedSettings);
    return { url: embedded.url, embedded, close: (mode) => embedded.stop(mode) };
  } catch (e) {
    if (!(e instanceof DataDirInUseError)) throw e;
    if (opts.role === 'own-or-join') {
      const joined = await join(dataDir);
      if (joined) {
        opts.log.info({ owner: joined.joined?.owner }, 'using the Postgres of the orderly process that owns the data directory');
        return joined;
      }
    }
    const serving = (await joinOwner(dataDir, 0))?.runtime?.url;
    throw new StartupError(
      `${e.message}${serving ? `, serving ${serving}` : ''}. Stop it first (kill -TERM ${e.owner.pid}), or give this process its own ORDERLY_DATA_DIR. ` +
        '(`orderly migrate`, `orderly api` and the CLI join the running one instead.)',
    );
  }
}
