import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/service.ts';

/**
 * Every route family is limited, and the limit runs before the body is read
 * or validated: a flood of invalid requests is limited like any other.
 */

/**
 * Admin requests a minute per address. Low enough to reach, above what the other tests send from one
 * address (2 from 127.0.0.1 setting up the product, 5 from 10.0.0.8 failing authentication).
 */
const ADMIN_LIMIT = 6;

let t: TestService;
beforeAll(async () => {
  t = await startTestService({
    RATE_LIMIT_PER_MINUTE: '2',
    RATE_LIMIT_READS_PER_MINUTE: '3',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '5',
    RATE_LIMIT_ADMIN_PER_MINUTE: String(ADMIN_LIMIT),
    RATE_LIMIT_WEBHOOKS_PER_MINUTE: '3',
    RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '3',
  });
  await t.product('RL-SKU', 100, 10);
});
afterAll(async () => {
  await t?.close();
});

const limited = (r: { status: number; body: any; headers: Headers }) => {
  expect(r.status).toBe(429);
  expect(r.body.error).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
  expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
};

describe('rate limits', () => {
  it('purchases: RATE_LIMIT_PER_MINUTE per customer; other customers are unaffected', async () => {
    const items = [{ sku: 'RL-SKU', quantity: 1 }];
    expect((await t.buy('tok_visa', { customerId: 'greedy', items })).status).toBe(201);
    expect((await t.buy('tok_visa', { customerId: 'greedy', items })).status).toBe(201);
    limited(await t.buy('tok_visa', { customerId: 'greedy', items }));
    expect((await t.buy('tok_visa', { customerId: 'patient', items })).status).toBe(201);
  });

  it('purchases: the limit comes before validation (invalid bodies count and are refused with 429)', async () => {
    const auth = await t.token('flooder');
    const bad = () => t.inject('POST', '/api/v1/orders', { body: '{"not": "an order"}', headers: { 'idempotency-key': 'x' }, auth });
    expect((await bad()).status).toBe(422);
    expect((await bad()).status).toBe(422);
    limited(await bad());
  });

  it('buyer reads: RATE_LIMIT_READS_PER_MINUTE per customer', async () => {
    const auth = await t.token('reader');
    for (let i = 0; i < 3; i++) expect((await t.inject('GET', '/api/v1/orders/ORD-20261201-AAAAAA', { auth })).status).toBe(404);
    limited(await t.inject('GET', '/api/v1/orders/ORD-20261201-AAAAAA', { auth }));
  });

  it('webhooks: RATE_LIMIT_WEBHOOKS_PER_MINUTE per address, before the signature is checked', async () => {
    // From an address of its own: the in-process simulator's own webhooks come from 127.0.0.1.
    const from = { remoteAddress: '10.0.0.7' };
    for (let i = 0; i < 3; i++) expect((await t.inject('POST', '/webhooks/psp-sim', { body: '{}', ...from })).status).toBe(401);
    limited(await t.inject('POST', '/webhooks/psp-sim', { body: '{}', ...from }));
  });

  it('failed authentication: after RATE_LIMIT_AUTH_FAILURES_PER_MINUTE, even a good key from that address is refused before it is checked', async () => {
    const from = { remoteAddress: '10.0.0.8' };
    for (let i = 0; i < 3; i++) expect((await t.inject('GET', '/api/v1/admin/orders', { auth: 'guess-' + i, ...from })).status).toBe(401);
    limited(await t.inject('GET', '/api/v1/admin/orders', { auth: 'guess-4', ...from }));
    limited(await t.inject('GET', '/api/v1/admin/orders', { auth: t.adminKey, ...from }));
    // Another address is not held back by them.
    expect((await t.inject('GET', '/api/v1/admin/orders', { auth: t.adminKey, remoteAddress: '10.0.0.9' })).status).toBe(200);
  });

  it('admin routes: RATE_LIMIT_ADMIN_PER_MINUTE per address, before validation and before the key is checked (invalid bodies count and are refused with 429)', async () => {
    const from = { remoteAddress: '10.0.0.11' };
    const bad = () => t.inject('PUT', '/api/v1/admin/products/RL-ADMIN', { body: { name: 'x', price: null }, auth: t.adminKey, ...from });
    for (let i = 0; i < ADMIN_LIMIT; i++) expect((await bad()).status).toBe(422);
    limited(await bad());
    // One window for the whole family (catalog, orders, alerts, operations, metrics), good requests included.
    limited(await t.inject('GET', '/api/v1/admin/alerts', { auth: t.adminKey, ...from }));
    limited(await t.inject('GET', '/metrics', { auth: t.adminKey, ...from }));
    // Refused before the key is looked at: a wrong key gets the 429, not a 401 (nor a failure counted against the address).
    limited(await t.inject('GET', '/api/v1/admin/orders', { auth: 'not-the-admin-key', ...from }));
    // Another address is not held back, and none of the refused writes happened.
    const other = { auth: t.adminKey, remoteAddress: '10.0.0.12' };
    expect((await t.inject('GET', '/api/v1/admin/inventory/RL-SKU', other)).status).toBe(200);
    expect((await t.inject('GET', '/api/v1/admin/inventory/RL-ADMIN', other)).body.error.code).toBe('PRODUCT_NOT_FOUND');
  });

  it('public routes: RATE_LIMIT_PUBLIC_PER_MINUTE per address', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await t.inject('GET', '/api/v1/products', { remoteAddress: '10.0.0.10' })).status);
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
  });
});

describe('live connection cap', () => {
  let live: TestService;
  beforeAll(async () => {
    live = await startTestService({ LIVE_MAX_CONNECTIONS: '2' });
    await live.product('LIVE-SKU', 100, 10);
  });
  afterAll(async () => live?.close());

  it('at most LIVE_MAX_CONNECTIONS per process, over all orders', async () => {
    const items = [{ sku: 'LIVE-SKU', quantity: 1 }];
    const [a, b] = [await live.buy({ method: 'paypay' }, { items }), await live.buy({ method: 'paypay' }, { items })];
    expect([a.status, b.status]).toEqual([202, 202]);
    const ac = new AbortController();
    const open = (r: { body: any }) => fetch(`${live.url}/api/v1/orders/${r.body.orderNo}/events?token=${r.body.channelToken}`, { signal: ac.signal });
    try {
      expect((await open(a)).status).toBe(200);
      expect((await open(b)).status).toBe(200); // another order: the cap is over all of them
      const third = await open(a);
      expect(third.status).toBe(429);
      expect((await third.json()).error.code).toBe('RATE_LIMITED');
    } finally {
      ac.abort();
    }
  });
});
