import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * Operators cancel paid orders and refund parts of them through the admin
 * API, under idempotency keys: one refund per key however many concurrent
 * requests, never more than was captured, and the PSP's ledger agrees.
 */
let t: TestService;
const SKU = 'OPS-SKU';
const MUG = 'OPS-MUG';

beforeAll(async () => {
  t = await startTestService({});
  await t.product(SKU, 2000, 100);
  await t.product(MUG, 500, 100);
});
afterAll(async () => {
  await t?.close();
});

async function paidOrder(items = [{ sku: SKU, quantity: 2 }]): Promise<string> {
  const r = await t.buy('tok_visa', { items });
  expect(r.status).toBe(201);
  const orderNo = r.body.orderNo as string;
  await settled(t, orderNo);
  return orderNo;
}

const op = (path: string, key: string, body: unknown) => t.call('POST', path, { auth: t.adminKey, headers: { 'idempotency-key': key }, body });
const available = async (sku: string) => (await t.admin('GET', `/api/v1/admin/inventory/${sku}`)).body.available as number;

describe('operator cancel', () => {
  it('PAID → CANCELLED: full refund at the PSP, committed stock back on hand, buyer and shop told; events and timeline record who and why', async () => {
    const before = await available(SKU);
    const orderNo = await paidOrder();
    expect(await available(SKU)).toBe(before - 2);
    const r = await op(`/api/v1/admin/orders/${orderNo}/cancel`, `c-${orderNo}`, { reason: 'customer asked to cancel', by: 'ops-yamada' });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ orderNo, status: 'CANCELLED', refund: { amount: 4000, currency: 'JPY' }, cancelledBy: 'ops-yamada' });
    const d = await settled(t, orderNo);
    expect(d.status).toBe('CANCELLED');
    expect(d.reservations).toEqual([{ sku: SKU, quantity: 2, status: 'RETURNED' }]);
    expect(await available(SKU)).toBe(before);
    const [p] = await t.ledger(orderNo);
    expect(p).toMatchObject({ status: 'refunded', capturedAmount: 4000, refundedAmount: 4000 });
    expect(d.payment).toMatchObject({ status: 'REFUNDED', refundedAmount: 4000 });
    expect(d.notifications.map((n: any) => n.kind).sort()).toEqual(['order_cancelled_buyer', 'order_cancelled_shop', 'order_confirmed_buyer', 'order_received_shop']);
    expect(d.timeline.find((e: any) => e.what === 'order_cancelled').data).toEqual({ reason: 'customer asked to cancel', by: 'ops-yamada' });
    const events = (await sql<{ type: string; data: any }>`select type, data from outbox where key = ${orderNo} order by id`.execute(t.svc.db)).rows;
    expect(events.find((e) => e.type === 'order-cancelled')?.data).toMatchObject({ by: 'ops-yamada', refund: { amount: 4000 } });
    expect(events.find((e) => e.type === 'stock-released' && e.data.returned)).toBeTruthy();
    expect(events.filter((e) => e.type === 'order-status-changed').map((e) => e.data.status)).toEqual(['PENDING', 'PAID', 'CANCELLED']);
  });

  it('only a PAID order can be cancelled: a failed one is 409 ORDER_NOT_CANCELLABLE; an unknown one 404 (its refunds too); no key 400', async () => {
    const failed = await t.buy('tok_declined', { items: [{ sku: SKU, quantity: 1 }] });
    expect(failed.status).toBe(402);
    const failedNo = failed.body.error.orderNo as string;
    const r = await op(`/api/v1/admin/orders/${failedNo}/cancel`, `c-${failedNo}`, { reason: 'try it' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('ORDER_NOT_CANCELLABLE');
    expect((await op('/api/v1/admin/orders/ORD-20260101-NOPE00/cancel', 'c-nope', { reason: 'try it' })).status).toBe(404);
    const noRefunds = await t.admin('GET', '/api/v1/admin/orders/ORD-20260101-NOPE00/refunds');
    expect(noRefunds.status).toBe(404);
    expect(noRefunds.body.error.code).toBe('ORDER_NOT_FOUND');
    expect((await t.admin('GET', `/api/v1/admin/orders/${failedNo}/refunds`)).body).toEqual({ refunds: [] });
    const noKey = await t.call('POST', `/api/v1/admin/orders/${failedNo}/cancel`, { auth: t.adminKey, body: { reason: 'try it' } });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.code).toBe('IDEMPOTENCY_KEY_MISSING');
  });

  it('concurrent cancels with one key: one cancellation, one refund, the same answer for all; another body with the key is refused', async () => {
    const orderNo = await paidOrder([{ sku: SKU, quantity: 1 }]);
    const key = `cc-${orderNo}`;
    const rs = await Promise.all(Array.from({ length: 8 }, () => op(`/api/v1/admin/orders/${orderNo}/cancel`, key, { reason: 'duplicate click' })));
    expect(rs.map((r) => r.status)).toEqual(Array(8).fill(202));
    for (const r of rs) expect(r.body).toEqual(rs[0]!.body);
    expect((await op(`/api/v1/admin/orders/${orderNo}/cancel`, key, { reason: 'another reason' })).body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const d = await settled(t, orderNo);
    expect(d.timeline.filter((e: any) => e.what === 'order_cancelled')).toHaveLength(1);
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ refundedAmount: 2000 })]);
  });
});

describe('partial refunds', () => {
  it('by amount and by lines; concurrent requests with one key make one refund; more than is left is refused; the ledger agrees', async () => {
    const orderNo = await paidOrder([
      { sku: SKU, quantity: 2 },
      { sku: MUG, quantity: 3 },
    ]);
    const base = `/api/v1/admin/orders/${orderNo}/refunds`;
    const rs = await Promise.all(Array.from({ length: 6 }, () => op(base, `r1-${orderNo}`, { reason: 'damaged box', amount: { amount: 700, currency: 'JPY' } })));
    expect(rs.map((r) => r.status)).toEqual(Array(6).fill(202));
    for (const r of rs) expect(r.body).toEqual(rs[0]!.body);
    const lines = await op(base, `r2-${orderNo}`, { reason: 'one mug broken', lines: [{ sku: MUG, quantity: 1 }] });
    expect(lines.status).toBe(202);
    expect(lines.body.refund.amount).toEqual({ amount: 500, currency: 'JPY' });
    // 5500 captured, 1200 asked for: 4300 left.
    const tooMuch = await op(base, `r3-${orderNo}`, { reason: 'too much', amount: { amount: 4301, currency: 'JPY' } });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.code).toBe('REFUND_EXCEEDS_CAPTURED');
    const tooMany = await op(base, `r4-${orderNo}`, { reason: 'too many mugs', lines: [{ sku: MUG, quantity: 3 }] });
    expect(tooMany.body.error.code).toBe('REFUND_EXCEEDS_CAPTURED');
    const both = await op(base, `r5-${orderNo}`, { reason: 'both', amount: { amount: 1, currency: 'JPY' }, lines: [{ sku: MUG, quantity: 1 }] });
    expect(both.status).toBe(422);
    const list = await waitFor(async () => {
      const l = await t.admin('GET', base);
      return l.body.refunds.every((f: any) => f.status === 'succeeded') ? l.body.refunds : undefined;
    }, { what: 'the refunds to succeed' });
    expect(list.map((f: any) => f.amount.amount)).toEqual([700, 500]);
    const [p] = await t.ledger(orderNo);
    expect(p).toMatchObject({ capturedAmount: 5500, refundedAmount: 1200 });
    const d = await settled(t, orderNo);
    expect(d.status).toBe('PAID');
    expect(d.payment).toMatchObject({ capturedAmount: 5500, refundedAmount: 1200 });
    expect(d.timeline.filter((e: any) => e.what === 'refund_succeeded')).toHaveLength(2);
    // The rest, exactly, is still refundable; then nothing is.
    expect((await op(base, `r6-${orderNo}`, { reason: 'the rest', amount: { amount: 4300, currency: 'JPY' } })).status).toBe(202);
    expect((await op(base, `r7-${orderNo}`, { reason: 'one more yen', amount: { amount: 1, currency: 'JPY' } })).body.error.code).toBe('REFUND_EXCEEDS_CAPTURED');
  });

  it('a refund pending at the PSP is followed until it succeeds; one that fails is recorded failed and its amount can be refunded again', async () => {
    const orderNo = await paidOrder([{ sku: SKU, quantity: 1 }]);
    const base = `/api/v1/admin/orders/${orderNo}/refunds`;
    await t.faults([{ operation: 'refund', count: 1, settle: { afterMs: 800, outcome: 'succeeded' } }]);
    const a = await op(base, `p1-${orderNo}`, { reason: 'pending then ok', amount: { amount: 300, currency: 'JPY' } });
    expect(a.status).toBe(202);
    await waitFor(async () => (await t.admin('GET', base)).body.refunds[0].status === 'succeeded', { what: 'the pending refund to succeed' });
    await t.faults([{ operation: 'refund', count: 1, settle: { afterMs: 500, outcome: 'failed', failureReason: 'expired_or_canceled_card' } }]);
    const b = await op(base, `p2-${orderNo}`, { reason: 'pending then failed', amount: { amount: 1700, currency: 'JPY' } });
    expect(b.status).toBe(202);
    const failed = await waitFor(async () => {
      const f = (await t.admin('GET', base)).body.refunds[1];
      return f.status === 'failed' ? f : undefined;
    }, { what: 'the refund to fail' });
    expect(failed.failureReason).toBe('expired_or_canceled_card');
    await t.faults([]);
    expect((await t.ledger(orderNo))[0]).toMatchObject({ refundedAmount: 300 });
    const c = await op(base, `p3-${orderNo}`, { reason: 'again', amount: { amount: 1700, currency: 'JPY' } });
    expect(c.status).toBe(202);
    await waitFor(async () => (await t.admin('GET', base)).body.refunds[2]?.status === 'succeeded', { what: 'the second try to succeed' });
    expect((await t.ledger(orderNo))[0]).toMatchObject({ refundedAmount: 2000, status: 'refunded' });
  });
});
