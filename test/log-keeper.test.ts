import { sql } from 'kysely';
import pino from 'pino';
import { expect, it } from 'vitest';
import { createDb, type Db } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/logging.ts';
import { LogKeeper, prune } from '../src/platform/logs/log.keeper.ts';
import { scrubFromLogs } from '../src/platform/secrets.ts';
import { useTestDb } from './helpers/db.ts';
import { waitFor } from './helpers/service.ts';

/**
 * The keeper of warn and error lines: what reaches Postgres (warn and above,
 * scrubbed like stdout), how it is bounded (buffer, age, count), and that a
 * database that is not there costs lines, never the caller.
 */
let db: Db;
useTestDb(2, (d) => (db = d));

const kept = async () => (await sql<{ level: number; line: any }>`select level, line from log_lines order by id`.execute(db)).rows;
const sink = { write: () => {} };

it('keeps warn and error lines only, scrubbed of secrets like stdout, with their fields queryable', async () => {
  await sql`delete from log_lines`.execute(db);
  const keeper = new LogKeeper();
  const log = createLogger('info', pino.multistream([{ level: 'info', stream: sink }, { level: 'warn', stream: keeper }]));
  keeper.attach(db, { maxAgeMs: 3_600_000, maxRows: 1000 });
  scrubFromLogs('sk_live_keeper_secret_1234');
  log.info({ orderNo: 'ORD-1' }, 'purchase accepted');
  log.warn({ orderNo: 'ORD-2', provider: 'stripe', pspStatus: 503 }, 'PSP answered 503; retrying');
  log.error({ err: new Error('boom with sk_live_keeper_secret_1234 inside') }, 'capture failed');
  await keeper.flush();
  const rows = await kept();
  expect(rows.map((r) => r.level)).toEqual([40, 50]);
  expect(rows[0]!.line).toMatchObject({ orderNo: 'ORD-2', provider: 'stripe', pspStatus: 503, msg: 'PSP answered 503; retrying' });
  expect(JSON.stringify(rows[1]!.line)).not.toContain('sk_live_keeper_secret_1234');
  const q = await sql<{ n: number }>`select count(*)::int as n from log_lines where line->>'provider' = 'stripe'`.execute(db);
  expect(q.rows[0]!.n).toBe(1);
  await keeper.stop();
});

it('buffers lines written before the database is there, at most 2000 (the oldest dropped and counted), and writes them once attached', async () => {
  await sql`delete from log_lines`.execute(db);
  const keeper = new LogKeeper();
  const log = createLogger('warn', keeper);
  for (let i = 0; i < 2500; i++) log.warn({ i }, 'early line');
  expect(keeper.dropped).toBe(500);
  keeper.attach(db, { maxAgeMs: 3_600_000, maxRows: 100_000 });
  await waitFor(async () => (await kept()).length === 2000, { what: 'the buffered lines to be written', timeoutMs: 10_000 });
  const rows = await kept();
  expect(rows[0]!.line.i).toBe(500);
  expect(rows.at(-1)!.line.i).toBe(2499);
  await keeper.stop();
});

it('prunes by age and by count, keeping the newest', async () => {
  await sql`delete from log_lines`.execute(db);
  await sql`insert into log_lines (at, level, line) select now() - interval '3 hours', 40, jsonb_build_object('n', g) from generate_series(1, 10) g`.execute(db);
  await sql`insert into log_lines (at, level, line) select now(), 50, jsonb_build_object('n', g) from generate_series(11, 130) g`.execute(db);
  await prune(db, { maxAgeMs: 2 * 3_600_000, maxRows: 100 });
  const rows = await kept();
  expect(rows).toHaveLength(100);
  expect(rows[0]!.line.n).toBe(31);
  expect(rows.at(-1)!.line.n).toBe(130);
});

it('a database that is gone costs the lines, not the logger: writing never throws or waits', async () => {
  const gone = createDb('postgres://nobody@127.0.0.1:1/none', 1).db;
  const keeper = new LogKeeper();
  const log = createLogger('warn', keeper);
  keeper.attach(gone, { maxAgeMs: 3_600_000, maxRows: 1000 });
  const t0 = Date.now();
  for (let i = 0; i < 100; i++) log.error({ i }, 'while the database is down');
  expect(Date.now() - t0).toBeLessThan(1000);
  await keeper.stop();
  await gone.destroy();
});
