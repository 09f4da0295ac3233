import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/platform/db/database.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { startTestService, type TestService } from './helpers/service.ts';

/**
 * The admin order list pages through every order exactly once, whatever the
 * page size, however many orders share a creation time — to the millisecond
 * or to the microsecond (a cursor holding a JS Date lost the microseconds and
 * skipped orders at page boundaries).
 */

let tdb: TestDatabase;
let db: Db;
let t: TestService;

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = createDb(tdb.url, 4).db;
  t = await startTestService({}, { db: tdb });
});
afterAll(async () => {
  await t?.close();
  await db?.destroy();
  await tdb?.drop();
});

/** A handful of instants, close together: many orders share one, some differ only in the microseconds. */
const INSTANTS = ['2026-12-01T00:00:00.000000Z', '2026-12-01T00:00:00.000001Z', '2026-12-01T00:00:00.000999Z', '2026-12-01T00:00:00.001000Z', '2026-12-01T09:30:00.123456Z'];

async function seed(times: number[], statuses: boolean[]): Promise<string[]> {
  await sql`truncate orders restart identity cascade`.execute(db);
  const nos = times.map((_, i) => `ORD-PAGE-${String(i).padStart(4, '0')}`);
  for (const [i, ti] of times.entries()) {
    await sql`insert into orders (order_no, customer_id, status, total_amount, currency, shipping_address, payment_method, deadline_at, created_at)
      values (${nos[i]!}, 'pager', ${statuses[i] ? 'PAID' : 'FAILED'}, 100, 'JPY', '{}'::jsonb, 'card', now(), ${INSTANTS[ti]!}::timestamptz)`.execute(db);
  }
  return nos;
}

async function pageThrough(limit: number, status?: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 500; pages++) {
    const q = new URLSearchParams({ limit: String(limit), ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
    const r = await t.inject('GET', `/api/v1/admin/orders?${q}`, { auth: t.adminKey });
    expect(r.status).toBe(200);
    seen.push(...(r.body.orders as { orderNo: string }[]).map((o) => o.orderNo));
    cursor = r.body.nextCursor;
    if (!cursor) return seen;
  }
  throw new Error('more pages than orders');
}

describe('admin order paging', () => {
  it('returns each order exactly once, for any orders, creation times and page size (with and without a filter)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: INSTANTS.length - 1 }), fc.boolean()), { minLength: 0, maxLength: 40 }),
        fc.integer({ min: 1, max: 12 }),
        async (rows, limit) => {
          const nos = await seed(rows.map((r) => r[0]), rows.map((r) => r[1]));
          const all = await pageThrough(limit);
          expect([...all].sort()).toEqual([...nos].sort());
          const paid = await pageThrough(limit, 'PAID');
          expect([...paid].sort()).toEqual(nos.filter((_, i) => rows[i]![1]).sort());
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('lists newest first, ties broken by the later insert first', async () => {
    const nos = await seed([0, 4, 4, 1], [true, true, true, true]);
    expect(await pageThrough(2)).toEqual([nos[2], nos[1], nos[3], nos[0]]);
  });
});
