import { Logger as GraphileLogger, runMigrations } from 'graphile-worker';
import type { Logger } from 'pino';
import { migratePspSim } from '../../psp-sim/index.ts';
import { createDb } from './database.ts';
import { migrateApp } from './migrate.ts';

/**
 * Brings a database fully up to date: graphile-worker's schema first (our
 * transactions call graphile_worker.add_job), then ours, then the simulator's.
 */
export async function migrateAll(url: string, log: Logger, opts: { pspSim?: boolean } = {}): Promise<void> {
  const { db, pool } = createDb(url, 4);
  try {
    await runMigrations({ pgPool: pool, logger: graphileLogger(log) });
    await migrateApp(db as never, log);
    if (opts.pspSim !== false) await migratePspSim(pool);
  } finally {
    await db.destroy();
  }
}


/** Routes graphile-worker's own log lines into pino. */
export function graphileLogger(log: Logger): GraphileLogger {
  const child = log.child({ component: 'graphile-worker' });
  return new GraphileLogger(() => (level, message, meta) => {
    const fn = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
    child[fn](meta ?? {}, message);
  });
}
