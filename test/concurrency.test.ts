import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderBody, settled, startTestService, type TestService } from './helpers/service.ts';

let t: TestService;

beforeAll(async () => {
  // A generous deadline: these tests are about races, not about a starved CI machine's latency.
  t = await startTestService({ RESERVE_DEADLINE_MS: '30000', PSP_TIMEOUT_MS: '10000', PSP_AMBIGUITY_WINDOW_MS: '40000' });
});
afterAll(async () => {
  await t?.close();
});

describe('real concurrency', () => {
  it('100 concurrent buyers for 20 units: 20 PAID, 80 OUT_OF_STOCK, stock ends 0/0/0, 20 captures', async () => {
    await t.product('LIMITED', 5000, 20);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => t.buy('tok_visa', { customerId: `buyer-${i}`, items: [{ sku: 'LIMITED', quantity: 1 }] })),
    );
    const paid = results.filter((r) => r.status === 201);
    const out = results.filter((r) => r.status === 409);
    expect(paid).toHaveLength(20);
    expect(out).toHaveLength(80);
    expect(out.every((r) => r.body.error.code === 'OUT_OF_STOCK')).toBe(true);
    expect(paid.every((r) => r.body.status === 'PAID')).toBe(true);
    for (const r of paid) await settled(t, r.body.orderNo);
    const inv = await t.admin('GET', '/api/v1/admin/inventory/LIMITED');
    expect(inv.body).toEqual({ sku: 'LIMITED', onHand: 0, reserved: 0, available: 0 });
    const ledger = await t.ledger();
    const ours = ledger.filter((p) => paid.some((r) => r.body.orderNo === p.reference));
    expect(ours).toHaveLength(20);
    expect(ours.every((p) => p.status === 'captured' && p.capturedAmount === 5000)).toBe(true);
    const orders = await t.admin('GET', '/api/v1/admin/orders?sku=LIMITED&limit=200');
    expect(orders.body.orders).toHaveLength(20); // out-of-stock attempts leave no order behind
  });

  it('a cart short of stock is refused before any reservation: no order, the units there are named, and its key replays the same 409 even once stock is back', async () => {
    await t.product('FEW', 1200, 2);
    const before = (await t.admin('GET', '/api/v1/admin/orders?sku=FEW&limit=200')).body.orders.length;
    const short = await t.buy('tok_visa', { customerId: 'few-buyer', key: 'few-key', items: [{ sku: 'FEW', quantity: 3 }] });
    expect(short.status).toBe(409);
    expect(short.body.error).toMatchObject({ code: 'OUT_OF_STOCK', details: { items: [{ sku: 'FEW', requested: 3, available: 2 }] } });
    expect(short.body.error.orderNo).toBeUndefined();
    expect((await t.admin('GET', '/api/v1/admin/orders?sku=FEW&limit=200')).body.orders.length).toBe(before);
    expect((await t.admin('GET', '/api/v1/admin/inventory/FEW')).body).toMatchObject({ onHand: 2, reserved: 0 });
    // Stock comes back; the key still answers what it answered, a new key buys.
    expect((await t.admin('POST', '/api/v1/admin/products/FEW/stock', { delta: 5 })).status).toBe(200);
    const replay = await t.buy('tok_visa', { customerId: 'few-buyer', key: 'few-key', items: [{ sku: 'FEW', quantity: 3 }] });
    expect(replay.status).toBe(409);
    expect(replay.body).toEqual(short.body);
    const fresh = await t.buy('tok_visa', { customerId: 'few-buyer', items: [{ sku: 'FEW', quantity: 3 }] });
    expect(fresh.status).toBe(201);
  });

  it('20 concurrent requests with one idempotency key: one order; replay returns the first response; another body is refused', async () => {
    await t.product('ONCE', 1000, 50);
    const token = await t.token('same-key-buyer');
    const key = 'one-key-for-all';
    const body = orderBody('tok_visa', [{ sku: 'ONCE', quantity: 1 }]);
    const send = (b: unknown) => t.call('POST', '/api/v1/orders', { auth: token, headers: { 'idempotency-key': key }, body: b });
    const results = await Promise.all(Array.from({ length: 20 }, () => send(body)));
    const created = results.filter((r) => r.status === 201);
    const busy = results.filter((r) => r.status === 409);
    expect(created.length + busy.length).toBe(20);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(busy.every((r) => r.body.error.code === 'IDEMPOTENCY_IN_PROGRESS')).toBe(true);
    const orderNos = new Set(created.map((r) => r.body.orderNo));
    expect(orderNos.size).toBe(1);
    const orders = await t.admin('GET', '/api/v1/admin/orders?sku=ONCE');
    expect(orders.body.orders).toHaveLength(1);
    const replay = await send(body);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(created[0]!.body);
    const other = await send(orderBody('tok_visa', [{ sku: 'ONCE', quantity: 3 }]));
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    await settled(t, replay.body.orderNo);
    expect(await t.ledger(replay.body.orderNo)).toHaveLength(1);
    expect((await t.admin('GET', '/api/v1/admin/inventory/ONCE')).body).toMatchObject({ onHand: 49, reserved: 0 });
  });

  it('the same key from two different customers is two different requests', async () => {
    await t.product('TWO', 100, 5);
    const a = await t.buy('tok_visa', { customerId: 'a', key: 'shared', items: [{ sku: 'TWO', quantity: 1 }] });
    const b = await t.buy('tok_visa', { customerId: 'b', key: 'shared', items: [{ sku: 'TWO', quantity: 1 }] });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.orderNo).not.toBe(b.body.orderNo);
  });
});
