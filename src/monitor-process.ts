import type { Config } from './config.ts';
import { startEventPipeline } from './event-pipeline.ts';
import { migrateDatabase } from './migrations.ts';
import { startMonitor } from './monitor/index.ts';
import { createDb } from './platform/db/database.ts';
import { openDatabase } from './platform/db/open.ts';
import { StartupError } from './platform/lifecycle/startup-error.ts';
import type { Logger } from './platform/logging.ts';
import { createMetrics } from './platform/metrics.ts';

/** A running `orderly monitor`. */
export interface MonitorProcess {
  /** Where it reads the stream from (for the banner). */
  transport: string;
  close(): Promise<void>;
}

/**
 * `orderly monitor`: the consistency monitor as a process of its own, beside
 * a `start` (whose relay feeds the stream) on the same database. It reads the
 * stream only; its consumer is the in-process monitor's, so with both running
 * they share the work batch by batch, and an alert is raised once whichever
 * raises it (alerts are unique per order, rule and event). Like `api`, it
 * applies pending migrations first (they take a lock: one process at a time).
 */
export async function startMonitorProcess(config: Config, log: Logger): Promise<MonitorProcess> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role: 'join', command: 'monitor', log });
  try {
    await migrateDatabase(database.url, log, config.mode);
  } catch (e) {
    await database.close();
    throw new StartupError(`migrations failed: ${(e as Error).message}`);
  }
  const { db } = createDb(database.url, 4);
  const closers: (() => Promise<void>)[] = [() => database.close(), () => db.destroy()];
  const close = async () => {
    for (const c of closers.splice(0).reverse()) await c().catch((e: unknown) => log.warn({ event: 'shutdown_step_failed', err: e }, 'error while stopping the monitor'));
  };
  try {
    const metrics = createMetrics();
    const events = await startEventPipeline(config, db, database.url, log, metrics, { relay: false });
    closers.push(() => events.close());
    const monitor = await startMonitor({ db, transport: events.transport, log: log.child({ component: 'monitor' }), registry: metrics.registry, graceMs: config.monitor.graceMs });
    closers.push(() => monitor.stop());
    return { transport: events.transport.kind, close };
  } catch (e) {
    await close();
    throw e;
  }
}
