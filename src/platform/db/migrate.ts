import { Migrator, type Migration, type MigrationProvider, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import * as m0001 from './migrations/0001_core.ts';
import * as m0002 from './migrations/0002_async_payments.ts';
import * as m0003 from './migrations/0003_dead_letters.ts';
import * as m0004 from './migrations/0004_operations.ts';
import * as m0005 from './migrations/0005_http_edge.ts';
import * as m0006 from './migrations/0006_events.ts';
import * as m0007 from './migrations/0007_order_operations.ts';
import * as m0008 from './migrations/0008_monitor.ts';
import * as m0009 from './migrations/0009_refunds.ts';
import * as m0010 from './migrations/0010_outbound_webhooks.ts';
import * as m0011 from './migrations/0011_reconciliation.ts';
import * as m0012 from './migrations/0012_log_lines.ts';
import * as m0013 from './migrations/0013_trace_context.ts';
import * as m0014 from './migrations/0014_queued_tasks_index.ts';
import * as m0015 from './migrations/0015_lookup_indexes.ts';
import * as m0016 from './migrations/0016_notify_triggers.ts';
import * as m0017 from './migrations/0017_console_reads.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001_core': m0001,
  '0002_async_payments': m0002,
  '0003_dead_letters': m0003,
  '0004_operations': m0004,
  '0005_http_edge': m0005,
  '0006_events': m0006,
  '0007_order_operations': m0007,
  '0008_monitor': m0008,
  '0009_refunds': m0009,
  '0010_outbound_webhooks': m0010,
  '0011_reconciliation': m0011,
  '0012_log_lines': m0012,
  '0013_trace_context': m0013,
  '0014_queued_tasks_index': m0014,
  '0015_lookup_indexes': m0015,
  '0016_notify_triggers': m0016,
  '0017_console_reads': m0017,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/** Applies the service's own migrations (Kysely keeps track in kysely_migration). */
export async function migrateApp(db: Kysely<unknown>, log: Logger): Promise<void> {
  const migrator = new Migrator({ db, provider: new StaticProvider() });
  const { error, results } = await migrator.migrateToLatest();
  for (const r of results ?? []) {
    if (r.status === 'Success') log.info({ migration: r.migrationName }, 'migration applied');
    else if (r.status === 'Error') log.error({ event: 'db_migration_failed', migration: r.migrationName }, 'migration failed');
  }
  if (error) throw error;
}

/** Names of all migrations this build knows; `ready` compares them with the database. */
export const KNOWN_MIGRATIONS = Object.keys(MIGRATIONS);
