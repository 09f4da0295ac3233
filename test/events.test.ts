import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * The outbox and the Postgres-backed stream: every order's events, relayed
 * in commit order, read by the monitor; a clean run raises no alert.
 */
let t: TestService;
const SKU = 'EV-SKU';

beforeAll(async () => {
  t = await startTestService({ MONITOR_GRACE_MS: '4000' });
  await t.product(SKU, 1000, 1000);
});
afterAll(async () => {
  await t?.close();
});

async function streamOf(orderNo: string) {
  const r = await sql<{ type: string; stream_seq: number; data: any }>`select type, stream_seq, data from outbox where key = ${orderNo} order by stream_seq`.execute(t.svc.db);
  return r.rows;
}

describe('events', () => {
  it('a paid order tells the stream, in order: placed, PAID, authorized, captured, stock committed, two mails; the monitor sees it and raises nothing', async () => {
    const rs = await Promise.all(Array.from({ length: 12 }, () => t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] })));
    const orderNos = rs.map((r) => r.body.orderNo as string);
    for (const o of orderNos) await settled(t, o);
    await waitFor(async () => {
      const r = await sql<{ n: number }>`select count(*)::int as n from outbox where published_at is null`.execute(t.svc.db);
      return r.rows[0]!.n === 0;
    }, { what: 'the outbox to drain' });
    for (const o of orderNos) {
      const events = await streamOf(o);
      const types = events.map((e) => e.type);
      expect(types.filter((x) => x === 'order-status-changed').map((_, i) => events.filter((e) => e.type === 'order-status-changed')[i]!.data.status)).toEqual(['PENDING', 'PAID']);
      expect(types).toEqual(expect.arrayContaining(['order-placed', 'order-paid', 'payment-authorized', 'payment-captured', 'stock-committed', 'mail-sent']));
      expect(types.filter((x) => x === 'mail-sent')).toHaveLength(2);
      expect(types.indexOf('payment-authorized')).toBeLessThan(types.indexOf('payment-captured'));
    }
    await waitFor(async () => {
      const r = await sql<{ n: number }>`select count(*)::int as n from monitor_orders where order_no = any(${orderNos})`.execute(t.svc.db);
      return r.rows[0]!.n === orderNos.length;
    }, { what: 'the monitor to see every order' });
    await new Promise((r) => setTimeout(r, 4500));
    const alerts = await t.admin('GET', '/api/v1/admin/alerts');
    expect(alerts.status).toBe(200);
    expect(alerts.body.alerts).toEqual([]);
  });
});
