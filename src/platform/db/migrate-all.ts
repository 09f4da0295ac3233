import { Logger as GraphileLogger, runMigrations } from 'graphile-worker';
import type pg from 'pg';
import type { Logger } from 'pino';
import { createDb } from './database.ts';
import { migrateApp } from './migrate.ts';

/**
 * Brings a database up to date: graphile-worker's schema first (our
 * transactions call graphile_worker.add_job), then ours. `extra` runs after,
 * on the same pool (the composition root passes the simulator's migrations
 * outside production; platform knows no simulator).
 */
export async function migrateAll(url: string, log: Logger, extra: ((pool: pg.Pool) => Promise<void>)[] = []): Promise<void> {
  const { db, pool } = createDb(url, 4);
  try {
    await runMigrations({ pgPool: pool, logger: graphileLogger(log) });
    await migrateApp(db as never, log);
    for (const m of extra) await m(pool);
  } finally {
    await db.destroy();
  }
}

/** Routes graphile-worker's own log lines into pino. */
export function graphileLogger(log: Logger): GraphileLogger {
  const child = log.child({ component: 'graphile-worker' });
  return new GraphileLogger(() => (level, message, meta) => {
    if (level === 'error') child.error({ ...meta, event: 'jobs_graphile_error' }, message);
    else if (level === 'warning') child.warn({ ...meta, event: 'jobs_graphile_warning' }, message);
    else child.debug(meta ?? {}, message);
  });
}
