import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * A provider that orders in flight depend on cannot silently disappear: a
 * restart without it refuses, naming it and the number of orders; kept
 * configured but routed nowhere (drain-only) it finishes them and takes no
 * new payments.
 */

const PAYPAY_BY_SIM = { PAYPAY_API_BASE: 'simulator', PAYMENT_PROVIDERS_PAYPAY: 'paypay', PAYMENT_EXPIRES_MS: '60000', PAYMENT_POLL_FIRST_MS: '500', PAYMENT_POLL_MAX_MS: '1000' };

let db: TestDatabase;
const services: TestService[] = [];
afterAll(async () => {
  for (const s of services) await s.close().catch(() => {});
  await db?.drop();
});

async function start(env: Record<string, string>): Promise<TestService> {
  const t = await startTestService(env, { db });
  services.push(t);
  return t;
}

describe('providers in flight', () => {
  it('a restart without PayPay refuses while a PayPay order waits; drain-only PayPay finishes it and takes no new payments', async () => {
    db = await createTestDatabase();
    const first = await start(PAYPAY_BY_SIM);
    await first.product('DRAIN-SKU', 2000, 10);
    const waiting = await first.buy({ method: 'paypay' }, { items: [{ sku: 'DRAIN-SKU', quantity: 1 }] });
    expect(waiting.status).toBe(202);
    const orderNo = waiting.body.orderNo as string;
    await first.close();
    services.splice(services.indexOf(first), 1);

    // PayPay's settings gone: the waiting order would be stranded.
    await expect(startTestService({ PAYMENT_POLL_FIRST_MS: '500' }, { db })).rejects.toThrow(
      /orders still in flight need payment providers that are not configured: paypay \(1 order\)/,
    );

    // PayPay kept, but new PayPay payments routed to the simulator: paypay is drain-only.
    const drain = await start({ ...PAYPAY_BY_SIM, PAYMENT_PROVIDERS_PAYPAY: 'psp-sim' });
    const providers = (await drain.admin('GET', '/api/v1/admin/providers')).body.providers as { name: string; role: string }[];
    expect(providers.find((p) => p.name === 'paypay')?.role).toBe('drain-only');
    expect(providers.find((p) => p.name === 'psp-sim')?.role).toBe('routed');

    // The buyer pays in the (simulated) PayPay app: its notification and polling reach the drain-only provider.
    const [payment] = await drain.ledger(orderNo);
    expect(payment?.provider).toBe('paypay');
    const paid = await fetch(`${drain.simUrl}/__sim/payments/${payment!.id}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"outcome":"success"}' });
    expect(paid.status).toBe(200);
    const detail = await settled(drain, orderNo);
    expect(detail.status).toBe('PAID');
    expect(detail.payment).toMatchObject({ provider: 'paypay', capturedAmount: 2000 });
    expect((await drain.ledger(orderNo)).map((p) => [p.provider, p.capturedAmount])).toEqual([['paypay', 2000]]);

    // A new PayPay order goes to the routed provider, never to the drain-only one.
    const fresh = await drain.buy({ method: 'paypay' }, { items: [{ sku: 'DRAIN-SKU', quantity: 1 }] });
    expect(fresh.status).toBe(202);
    expect((await drain.ledger(fresh.body.orderNo)).map((p) => p.provider)).toEqual(['psp-sim']);
  }, 60_000);

  it('a payment method left out of PAYMENT_METHODS is refused with the allowed ones, and nothing is recorded', async () => {
    const t = await startTestService({ PAYMENT_METHODS: 'card' });
    services.push(t);
    await t.product('METHOD-SKU', 500, 5);
    const r = await t.buy({ method: 'paypay' }, { items: [{ sku: 'METHOD-SKU', quantity: 1 }] });
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'PAYMENT_METHOD_NOT_AVAILABLE', details: { method: 'paypay', allowed: ['card'] } });
    const orders = await waitFor(async () => (await t.admin('GET', '/api/v1/admin/orders')).body.orders as unknown[], { what: 'the order list' });
    expect(orders).toEqual([]);
    expect((await t.admin('GET', '/api/v1/admin/inventory/METHOD-SKU')).body).toMatchObject({ onHand: 5, reserved: 0 });
  });
});
