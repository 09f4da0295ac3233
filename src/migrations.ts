import type { Config } from './config.ts';
import { migrateAll } from './platform/db/migrate-all.ts';
import type { Logger } from './platform/logging.ts';
import { migratePspSim } from './psp-sim/index.ts';

/**
 * Every migration this process needs: the service's, and — outside
 * production, where the simulator may share the database — the simulator's
 * own schema. (Composition root: the only place besides service.ts that knows the simulator.)
 */
export async function migrateDatabase(url: string, log: Logger, mode: Config['mode'] | 'test'): Promise<void> {
  await migrateAll(url, log, mode === 'production' ? [] : [migratePspSim]);
}
