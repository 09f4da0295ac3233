import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FollowUpBacklog } from '../src/checkout/index.ts';
import type { Db } from '../src/platform/db/database.ts';
import { createLogger } from '../src/platform/logging.ts';
import { useTestDb } from './helpers/db.ts';
import { startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * Backpressure (FOLLOWUP_BACKLOG_MAX): while more paid orders' follow-ups wait for their first run than
 * the bound, a new purchase is refused 503 CHECKOUT_BUSY with Retry-After before anything is written;
 * its idempotency key works again later, and a replay of an earlier purchase gets its answer once
 * purchases are taken again.
 * Follow-ups blocked on a retry do not count. The backlog is made real: queued tasks in the tasks table
 * that no job will run (as if the workers had fallen that far behind).
 */
let t: TestService;
const MAX = 5;

beforeAll(async () => {
  t = await startTestService({ FOLLOWUP_BACKLOG_MAX: String(MAX) });
  await t.product('BP-SKU', 1000, 100);
});
afterAll(async () => {
  await t?.close();
});

const orders = async () => Number((await sql<{ n: string }>`select count(*) as n from orders`.execute(t.svc.db)).rows[0]!.n);
const fakeBacklog = async (n: number, attempts = 0) => {
  for (let i = 0; i < n; i++) {
    await sql`insert into tasks (name, reference, payload, state, attempts) values ('send_mail', ${`BP-FAKE-${attempts}-${i}`}, '{}'::jsonb, 'queued', ${attempts})`.execute(t.svc.db);
  }
};
const clearBacklog = async () => sql`delete from tasks where reference like 'BP-FAKE-%'`.execute(t.svc.db);

describe('backpressure on purchases', () => {
  it('refuses new purchases with 503 CHECKOUT_BUSY and Retry-After while the follow-ups are behind, and takes them again once they caught up', async () => {
    const earlier = await t.buy('tok_visa', { key: 'bp-earlier', items: [{ sku: 'BP-SKU', quantity: 1 }] });
    expect(earlier.status).toBe(201);

    // Blocked on retries (attempts > 0): not behind, nothing refused.
    await fakeBacklog(MAX + 3, 2);
    await new Promise((r) => setTimeout(r, 1200)); // two refreshes of the guard (every 500 ms): a duration, not an event
    expect((await t.buy('tok_visa', { items: [{ sku: 'BP-SKU', quantity: 1 }] })).status).toBe(201);

    await fakeBacklog(MAX + 1);
    await waitFor(async () => (await t.buy('tok_visa', { items: [{ sku: 'BP-SKU', quantity: 1 }] })).status === 503, { what: 'a purchase refused as busy', timeoutMs: 10_000, intervalMs: 100 });
    const busy = await t.buy('tok_visa', { key: 'bp-busy', items: [{ sku: 'BP-SKU', quantity: 1 }] });
    expect(busy.status).toBe(503);
    expect(busy.body.error).toMatchObject({ code: 'CHECKOUT_BUSY', retryable: true });
    expect(busy.body.error.orderNo).toBeUndefined();
    expect(busy.headers.get('retry-after')).toBe('5');
    const before = await orders();
    expect((await t.buy('tok_visa', { items: [{ sku: 'BP-SKU', quantity: 1 }] })).status).toBe(503);
    expect(await orders()).toBe(before);
    // Refused before any database work, a replay too: it is answered as it was once purchases are taken again.
    expect((await t.buy('tok_visa', { key: 'bp-earlier', items: [{ sku: 'BP-SKU', quantity: 1 }] })).status).toBe(503);
    expect(t.logs.some((l) => l.includes('"event":"followup_backlog_over"'))).toBe(true);

    // Caught up: the refused key now buys.
    await clearBacklog();
    await waitFor(async () => (await t.buy('tok_visa', { items: [{ sku: 'BP-SKU', quantity: 1 }] })).status === 201, { what: 'purchases taken again', timeoutMs: 10_000, intervalMs: 100 });
    const later = await t.buy('tok_visa', { key: 'bp-busy', items: [{ sku: 'BP-SKU', quantity: 1 }] });
    expect(later.status).toBe(201);
    expect(later.body.status).toBe('PAID');
    const replay = await t.buy('tok_visa', { key: 'bp-earlier', items: [{ sku: 'BP-SKU', quantity: 1 }] });
    expect(replay.status).toBe(201);
    expect(replay.body.orderNo).toBe(earlier.body.orderNo);
    expect(t.logs.some((l) => l.includes('"event":"followup_backlog_cleared"'))).toBe(true);
  });
});

/**
 * FOLLOWUP_LAG_MAX_MS: the same guard bounded in time. A real graphile-worker job of a paid order's
 * follow-up, due a minute ago, waits in a database no worker serves (as if every worker were busy);
 * one due later does not count until it is due.
 */
describe('backpressure by the follow-ups\' wait', () => {
  let db: Db;
  useTestDb(2, (d) => (db = d));

  const addJob = async (key: string, runAtSql: string) =>
    sql`select graphile_worker.add_job('capture_payment', json_build_object('taskId', 0), job_key => ${key}, run_at => ${sql.raw(runAtSql)})`.execute(db);

  it('refuses while a due follow-up job has waited longer than the bound, not for one due later, and lets go once it ran', async () => {
    const guard = new FollowUpBacklog(db, { maxTasks: 0, maxLagMs: 2_000 }, createLogger('silent'));
    guard.start();
    try {
      await addJob('bp-later', "now() + interval '1 hour'");
      await addJob('bp-fresh', 'now()');
      await new Promise((r) => setTimeout(r, 1_200)); // two refreshes of the guard: a duration, not an event
      expect(guard.isOver()).toBe(false);
      await addJob('bp-late', "now() - interval '1 minute'");
      await waitFor(async () => guard.isOver() || undefined, { what: 'the guard to see the wait', timeoutMs: 5_000, intervalMs: 50 });
      await sql`select graphile_worker.remove_job('bp-late')`.execute(db);
      await waitFor(async () => !guard.isOver() || undefined, { what: 'the guard to let go', timeoutMs: 5_000, intervalMs: 50 });
    } finally {
      await guard.stop();
    }
  });
});
