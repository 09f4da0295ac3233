import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDb } from '../../src/platform/db/embedded.ts';
import { createLogger } from '../../src/platform/logging.ts';
import { migrateDatabase } from '../../src/migrations.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of a maintenance database on the test server, for CREATE DATABASE. */
    pgAdminUrl: string;
    /** Name of the migrated template database each test file clones. */
    pgTemplate: string;
  }
}

const TEMPLATE = 'orderly_test_template';

/**
 * One Postgres for the whole run: the server at TEST_DATABASE_URL when set, else
 * an embedded one in a temporary directory. Migrations run once, into a template
 * database that every test file clones (graphile-worker's approach).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  // The web pages, once for the run (the browser tests and every service serve them), as `npm start` builds them.
  execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build-web.mjs'), '--if-stale'], { stdio: 'inherit' });
  let embedded: EmbeddedDb | undefined;
  let dir: string | undefined;
  let adminUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orderly-test-'));
    embedded = await startEmbeddedPostgres(dir, log);
    adminUrl = embedded.adminUrl;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE} with (force)`);
  await admin.query(`create database ${TEMPLATE}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE}`;
  await migrateDatabase(templateUrl.toString(), log, 'test');
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', TEMPLATE);
  return async () => {
    await embedded?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
