import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { createDb, type Db } from '../../src/platform/db/database.ts';

export interface TestDatabase {
  url: string;
  /** A maintenance URL on the same server (for pgbench-like tools or more databases). */
  adminUrl: string;
  drop(): Promise<void>;
}

/** A fresh, fully migrated database cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  const name = `orderly_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    adminUrl,
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`drop database if exists ${name} with (force)`);
      } finally {
        await c.end();
      }
    },
  };
}

/**
 * A fresh database for the calling file's (or describe block's) tests, with a Kysely handle of
 * `poolSize` connections handed to `use` before they run; both are dropped after them.
 */
export function useTestDb(poolSize: number, use: (db: Db, tdb: TestDatabase) => void): void {
  let tdb: TestDatabase | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    db = createDb(tdb.url, poolSize).db;
    use(db, tdb);
  });
  afterAll(async () => {
    await db?.destroy();
    await tdb?.drop();
  });
}
