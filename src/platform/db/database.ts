import { Kysely, PostgresDialect, type Transaction, type TransactionBuilder } from 'kysely';
import pg from 'pg';
import type { EventTables } from '../outbox/event.table.ts';
import type { TaskTables } from '../jobs/task.table.ts';
import type { LogTables } from '../logs/log.table.ts';
import { inSpan, SpanKind, tracingEnabled } from '../tracing.ts';

/**
 * Every table of the service. Each module declares its own in its
 * `*.table.ts` and adds them here by interface merging
 * (`declare module '…/platform/db/database.ts'`), so platform knows no module.
 */
export interface Database extends TaskTables, EventTables, LogTables {}

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** A handle that may or may not be inside a transaction: repositories take this first. */
export type DbOrTx = Kysely<Database>;

// bigint columns come back as strings by default; our amounts are far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number.parseInt(v, 10));

/** Creates the connection pool and the Kysely handle over it. */
export function createDb(url: string, poolSize: number): { db: Db; pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, idleTimeoutMillis: 30_000 });
  // A dropped idle connection (Postgres restarted) must not crash the process.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  // Transactions are spans only when traces are exported (startTracing runs first): otherwise plain Kysely, no Proxy per transaction.
  const dialect = new PostgresDialect({ pool });
  const db = tracingEnabled() ? new TracedKysely<Database>({ dialect }) : new Kysely<Database>({ dialect });
  return { db, pool };
}

/** Kysely whose transactions are spans (`db transaction`), each a child of the work that opened it. */
class TracedKysely<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    return traced(super.transaction());
  }
}

function traced<DB>(b: TransactionBuilder<DB>): TransactionBuilder<DB> {
  return new Proxy(b, {
    get(target, prop) {
      if (prop === 'execute') return <T>(fn: (tx: Transaction<DB>) => Promise<T>) => inSpan('db transaction', { 'db.system': 'postgresql' }, () => target.execute(fn), { kind: SpanKind.CLIENT });
      if (prop === 'setIsolationLevel') return (level: Parameters<TransactionBuilder<DB>['setIsolationLevel']>[0]) => traced(target.setIsolationLevel(level));
      const v: unknown = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
