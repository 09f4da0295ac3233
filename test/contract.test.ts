import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ADDRESS, orderBody, settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

let t: TestService;
let token: string;

beforeAll(async () => {
  t = await startTestService();
  token = await t.token('cust-contract');
  await t.product('TSHIRT-BLK-M', 1500, 10);
});
afterAll(async () => {
  await t?.close();
});

// The contract needs no network: app.inject (the PSP simulator behind it is still real HTTP).
const post = (body: unknown, headers: Record<string, string> = {}, auth: string | undefined = token) =>
  t.inject('POST', '/api/v1/orders', { body, headers: { 'idempotency-key': `k-${Math.random()}`, ...headers }, ...(auth ? { auth } : {}) });
const admin = (method: string, p: string, body?: unknown) => t.inject(method, p, { auth: t.adminKey, ...(body !== undefined ? { body } : {}) });

describe('health', () => {
  it('GET /health/live and /health/ready answer 200 for anyone', async () => {
    expect((await t.inject('GET', '/health/live')).status).toBe(200);
    const ready = await t.inject('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });
});

describe('catalog and stock', () => {
  it('GET /api/v1/products lists sku, name, price and available', async () => {
    const r = await t.inject('GET', '/api/v1/products');
    expect(r.status).toBe(200);
    expect(r.body.products).toContainEqual({ sku: 'TSHIRT-BLK-M', name: 'Product TSHIRT-BLK-M', price: { amount: 1500, currency: 'JPY' }, available: 10 });
  });

  it('PUT /api/v1/admin/products/:sku upserts (201 then 200) and bumps the version', async () => {
    const a = await admin('PUT', '/api/v1/admin/products/MUG-1', { name: 'Mug', price: { amount: 800, currency: 'JPY' } });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({ sku: 'MUG-1', name: 'Mug', price: { amount: 800, currency: 'JPY' }, version: 1 });
    const b = await admin('PUT', '/api/v1/admin/products/MUG-1', { name: 'Mug v2', price: 900 });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ name: 'Mug v2', price: { amount: 900 }, version: 2 });
  });

  it('an edit with a stale version is refused with 409 CONFLICT (optimistic locking)', async () => {
    const r = await admin('PUT', '/api/v1/admin/products/MUG-1', { name: 'Mug v3', price: 900, version: 1 });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CONFLICT');
  });

  it('POST /api/v1/admin/products/:sku/stock moves on-hand and GET inventory reads it', async () => {
    const r = await admin('POST', '/api/v1/admin/products/MUG-1/stock', { delta: 5 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ sku: 'MUG-1', onHand: 5, reserved: 0, available: 5 });
    const g = await admin('GET', '/api/v1/admin/inventory/MUG-1');
    expect(g.body).toEqual({ sku: 'MUG-1', onHand: 5, reserved: 0, available: 5 });
  });

  it('stock cannot go below zero: 409 STOCK_BELOW_RESERVED', async () => {
    const r = await admin('POST', '/api/v1/admin/products/MUG-1/stock', { delta: -6 });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('STOCK_BELOW_RESERVED');
  });

  it('unknown SKU: 404; bad price: 422', async () => {
    expect((await admin('GET', '/api/v1/admin/inventory/NOPE')).status).toBe(404);
    const bad = await admin('PUT', '/api/v1/admin/products/X1', { name: 'x', price: 1.5 });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('admin routes need the admin key: 401 UNAUTHENTICATED otherwise (a customer token is not enough)', async () => {
    expect((await t.inject('GET', '/api/v1/admin/inventory/MUG-1')).status).toBe(401);
    const r = await t.inject('GET', '/api/v1/admin/inventory/MUG-1', { auth: token });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 'UNAUTHENTICATED', retryable: false });
  });
});

describe('POST /api/v1/orders', () => {
  it('established → 201 PAID; the customer can read it, another customer cannot', async () => {
    const r = await post(orderBody('tok_visa', [{ sku: 'TSHIRT-BLK-M', quantity: 2 }]));
    expect(r.status).toBe(201);
    expect(r.body.orderNo).toMatch(/^ORD-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(r.body).toMatchObject({ status: 'PAID', total: { amount: 3000, currency: 'JPY' }, payment: { status: 'AUTHORIZED' } });
    const mine = await t.inject('GET', `/api/v1/orders/${r.body.orderNo}`, { auth: token });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ orderNo: r.body.orderNo, status: 'PAID', total: { amount: 3000 }, items: [{ sku: 'TSHIRT-BLK-M', quantity: 2 }] });
    const theirs = await t.inject('GET', `/api/v1/orders/${r.body.orderNo}`, { auth: await t.token('someone-else') });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('ORDER_NOT_FOUND');
  });

  it('admin detail shows reservations, payment, mails, tasks and the timeline once settled', async () => {
    const r = await post(orderBody('tok_visa', [{ sku: 'TSHIRT-BLK-M', quantity: 1 }]));
    const d = await settled(t, r.body.orderNo);
    expect(d).toMatchObject({
      orderNo: r.body.orderNo,
      status: 'PAID',
      total: { amount: 1500, currency: 'JPY' },
      customerId: 'cust-contract',
      failure: null,
      reservations: [{ sku: 'TSHIRT-BLK-M', quantity: 1, status: 'COMMITTED' }],
      payment: { status: 'CAPTURED', provider: 'psp-sim', authorizedAmount: 1500, capturedAmount: 1500, refundedAmount: 0 },
    });
    expect(d.payment.attempts).toHaveLength(1);
    expect(d.notifications.map((n: { kind: string }) => n.kind).sort()).toEqual(['order_confirmed_buyer', 'order_received_shop']);
    expect(d.tasks.map((x: { name: string; state: string }) => `${x.name}:${x.state}`).sort()).toEqual([
      'capture_payment:done',
      'commit_stock:done',
      'send_mail:done',
      'send_mail:done',
    ]);
    expect(d.timeline.map((e: { what: string }) => e.what)).toEqual(expect.arrayContaining(['order_created', 'stock_reserved', 'order_paid', 'payment_captured', 'stock_committed']));
  });

  it('GET /api/v1/admin/orders lists with filters and a cursor', async () => {
    const all = await admin('GET', '/api/v1/admin/orders?status=PAID&sku=TSHIRT-BLK-M&limit=1');
    expect(all.status).toBe(200);
    expect(all.body.orders).toHaveLength(1);
    expect(all.body.orders[0]).toMatchObject({ status: 'PAID', total: { currency: 'JPY' } });
    expect(typeof all.body.nextCursor).toBe('string');
    const next = await admin('GET', `/api/v1/admin/orders?status=PAID&limit=1&cursor=${all.body.nextCursor}`);
    expect(next.body.orders[0].orderNo).not.toBe(all.body.orders[0].orderNo);
    expect((await admin('GET', '/api/v1/admin/orders?status=NOPE')).status).toBe(422);
    expect((await admin('GET', '/api/v1/admin/orders?cursor=garbage')).status).toBe(422);
  });

  it('GET /api/v1/orders lists the caller\'s own orders only, newest first, each on exactly one page', async () => {
    await t.product('MINE-SKU', 800, 10);
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await t.buy('tok_visa', { customerId: 'cust-mine', items: [{ sku: 'MINE-SKU', quantity: 1 }] });
      expect(r.status).toBe(201);
      mine.push(r.body.orderNo as string);
    }
    const declined = await t.buy('tok_declined', { customerId: 'cust-mine', items: [{ sku: 'MINE-SKU', quantity: 1 }] });
    expect(declined.status).toBe(402);
    const theirs = await t.buy('tok_visa', { customerId: 'cust-theirs', items: [{ sku: 'MINE-SKU', quantity: 1 }] });
    const auth = await t.token('cust-mine');
    const first = await t.call('GET', '/api/v1/orders?limit=2', { auth });
    expect(first.status).toBe(200);
    expect(first.body.orders.map((o: { orderNo: string }) => o.orderNo)).toEqual([declined.body.error.orderNo, mine[2]]);
    expect(first.body.orders[1]).toMatchObject({ status: 'PAID', total: { amount: 800, currency: 'JPY' } });
    const rest = await t.call('GET', `/api/v1/orders?limit=2&cursor=${first.body.nextCursor}`, { auth });
    expect(rest.body.orders.map((o: { orderNo: string }) => o.orderNo)).toEqual([mine[1], mine[0]]);
    expect(rest.body.nextCursor).toBeNull();
    const paid = await t.call('GET', '/api/v1/orders?status=PAID', { auth });
    expect(paid.body.orders.map((o: { orderNo: string }) => o.orderNo)).toEqual([...mine].reverse());
    // Another customer's order is on none of the caller's pages, and theirs show only theirs.
    const other = await t.call('GET', '/api/v1/orders', { auth: await t.token('cust-theirs') });
    expect(other.body.orders.map((o: { orderNo: string }) => o.orderNo)).toEqual([theirs.body.orderNo]);
    expect((await t.call('GET', '/api/v1/orders')).status).toBe(401);
    expect((await t.call('GET', '/api/v1/orders?cursor=garbage', { auth })).status).toBe(422);
    expect((await t.call('GET', '/api/v1/orders?limit=101', { auth })).status).toBe(422);
  });

  it('409 OUT_OF_STOCK, with a Japanese message for Accept-Language: ja', async () => {
    const r = await post(orderBody('tok_visa', [{ sku: 'TSHIRT-BLK-M', quantity: 999 }]), { 'accept-language': 'ja-JP,ja;q=0.9,en;q=0.8' });
    expect(r.status).toBe(409);
    expect(r.body.error).toEqual({
      code: 'OUT_OF_STOCK',
      message: '申し訳ございません。在庫が不足している商品があります。',
      retryable: false,
      // Which SKU, and how many of it there are: what a shop shows the buyer.
      details: { items: [{ sku: 'TSHIRT-BLK-M', requested: 999, available: expect.any(Number) }] },
    });
  });

  it('a 0-yen cart is refused with its own code before anything is recorded (no PSP takes a 0-yen authorization)', async () => {
    await t.product('FREE-GIFT', 0, 5);
    const before = (await admin('GET', '/api/v1/admin/orders?limit=200')).body.orders.length;
    const r = await post(orderBody('tok_visa', [{ sku: 'FREE-GIFT', quantity: 1 }]));
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'ORDER_TOTAL_ZERO', retryable: false });
    expect(r.body.error.orderNo).toBeUndefined();
    expect((await admin('GET', '/api/v1/admin/orders?limit=200')).body.orders.length).toBe(before);
    expect((await admin('GET', '/api/v1/admin/inventory/FREE-GIFT')).body).toMatchObject({ onHand: 5, reserved: 0 });
  });

  it('402 PAYMENT_DECLINED carries the orderNo; English by default', async () => {
    const r = await post(orderBody('tok_declined', [{ sku: 'TSHIRT-BLK-M', quantity: 1 }]));
    expect(r.status).toBe(402);
    expect(r.body.error).toMatchObject({ code: 'PAYMENT_DECLINED', retryable: false, message: expect.stringMatching(/declined/) });
    expect(r.body.error.orderNo).toMatch(/^ORD-/);
  });

  it('503 PAYMENT_UNAVAILABLE with Retry-After', async () => {
    const r = await post(orderBody('tok_psp_unavailable', [{ sku: 'TSHIRT-BLK-M', quantity: 1 }]), { 'accept-language': 'ja' });
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(r.body.error).toMatchObject({ code: 'PAYMENT_UNAVAILABLE', retryable: true, message: expect.stringContaining('決済サービス') });
    expect(r.body.error.orderNo).toMatch(/^ORD-/);
  });

  it('422 UNKNOWN_PRODUCT and 422 VALIDATION_FAILED with details', async () => {
    const u = await post(orderBody('tok_visa', [{ sku: 'NO-SUCH', quantity: 1 }]));
    expect(u.status).toBe(422);
    expect(u.body.error.code).toBe('UNKNOWN_PRODUCT');
    const v = await post({ items: [{ sku: 'TSHIRT-BLK-M', quantity: 0 }], shippingAddress: { ...ADDRESS, postalCode: 'abc' }, payment: { method: 'card', token: 'tok_visa' } });
    expect(v.status).toBe(422);
    expect(v.body.error.code).toBe('VALIDATION_FAILED');
    // Validation stops at the first error: the answer stays small whatever the body holds.
    expect(v.body.error.details).toEqual([{ in: 'body', field: expect.stringMatching(/^\/(items\/0\/quantity|shippingAddress\/postalCode)$/), message: expect.any(String) }]);
    const price = await post({ ...orderBody('tok_visa'), items: [{ sku: 'TSHIRT-BLK-M', quantity: 1, price: 1 }] });
    expect(price.status).toBe(422); // client prices are not accepted at all
    const ja = await post({}, { 'accept-language': 'ja' });
    expect(ja.body.error.message).toBe('リクエストの内容が正しくありません。');
  });

  it('400 IDEMPOTENCY_KEY_MISSING (also for a key over 255 characters)', async () => {
    const r = await t.inject('POST', '/api/v1/orders', { auth: token, body: orderBody('tok_visa') });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('IDEMPOTENCY_KEY_MISSING');
    const long = await post(orderBody('tok_visa'), { 'idempotency-key': 'x'.repeat(256) });
    expect(long.status).toBe(400);
  });

  it('401 UNAUTHENTICATED without a token, with a bad signature, or with an expired token', async () => {
    expect((await post(orderBody('tok_visa'), {}, '')).status).toBe(401);
    expect((await post(orderBody('tok_visa'), {}, token.slice(0, -3) + 'AAA')).status).toBe(401);
    const { SignJWT } = await import('jose');
    const expired = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode('test-jwt-secret-0123456789abcdef0123456789'));
    const r = await post(orderBody('tok_visa'), {}, expired);
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('422 IDEMPOTENCY_KEY_REUSED for the same key with another body; replay returns the first response', async () => {
    const key = `reuse-${Math.random()}`;
    const first = await post(orderBody('tok_visa', [{ sku: 'TSHIRT-BLK-M', quantity: 1 }]), { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const replay = await post(orderBody('tok_visa', [{ sku: 'TSHIRT-BLK-M', quantity: 1 }]), { 'idempotency-key': key });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const other = await post(orderBody('tok_visa', [{ sku: 'TSHIRT-BLK-M', quantity: 2 }]), { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('bodies over 1 MiB are refused with 413, malformed JSON with 400, never a 5xx', async () => {
    const big = await post(JSON.stringify({ ...orderBody('tok_visa'), pad: 'x'.repeat(1024 * 1024 + 10) }));
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const bad = await post('{"items": [');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
  });

  it('unknown routes answer 404 in the error shape', async () => {
    const r = await t.inject('GET', '/api/v1/nope');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('NOT_FOUND');
  });
});

describe('logs', () => {
  it('every line a purchase causes names its request and order, the PSP edge\'s too, in the request and in its follow-up tasks', async () => {
    // One authorize and one capture fail once at the PSP (then succeed on retry): the edge logs both.
    // The faults are not tied to an order: no earlier test's capture may still be on its way to take them.
    await waitFor(async () => ((await sql<{ n: number }>`select count(*)::int as n from tasks where state = 'queued'`.execute(t.svc.db)).rows[0]!.n === 0 ? true : undefined), {
      what: 'earlier follow-ups to finish',
    });
    await fetch(`${t.simUrl}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ operation: 'authorize', status: 503, count: 1 }, { operation: 'capture', status: 503, count: 1 }] }),
    });
    const r = await post(orderBody('tok_visa', [{ sku: 'TSHIRT-BLK-M', quantity: 1 }]), { 'x-request-id': 'ctx-trace-1' });
    expect(r.status).toBe(201);
    const orderNo = r.body.orderNo as string;
    await settled(t, orderNo);
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
    const lines = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const psp = lines.filter((l) => l.msg === 'PSP call failed' && l.orderNo === orderNo);
    expect(psp.map((l) => l.operation).sort()).toEqual(['authorize', 'capture']);
    for (const l of psp) expect(l).toMatchObject({ reqId: 'ctx-trace-1', orderNo, provider: 'psp-sim', pspStatus: 503 });
    // And nothing the purchase logged names an order without its request, or twice the same key.
    const mine = lines.filter((l) => l.orderNo === orderNo);
    expect(mine.length).toBeGreaterThan(5);
    expect(mine.filter((l) => l.reqId !== 'ctx-trace-1')).toEqual([]);
    const raw = t.logs.filter((l) => l.includes(orderNo));
    for (const l of raw) expect(l.match(/"reqId":/g)?.length ?? 0, l).toBeLessThanOrEqual(1);
  });

  it('personal data (e-mail, address, phone) is in no line above debug', async () => {
    const r = await post({ ...orderBody('tok_visa', [{ sku: 'TSHIRT-BLK-M', quantity: 1 }]), email: 'taro.yamada@example.jp' });
    await settled(t, r.body.orderNo);
    const all = t.logs.join('\n');
    for (const pii of ['taro.yamada@example.jp', ADDRESS.phone, ADDRESS.line1, ADDRESS.name]) expect(all.includes(pii), pii).toBe(false);
  });

  it('carry a request id on every request line and never a secret, a bearer token or a card token', async () => {
    const r = await post(orderBody('tok_visa', [{ sku: 'TSHIRT-BLK-M', quantity: 1 }]), { 'x-request-id': 'trace-me-123' });
    expect(r.headers.get('x-request-id')).toBe('trace-me-123');
    await settled(t, r.body.orderNo);
    const lines = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
    const mine = lines.filter((l) => l.reqId === 'trace-me-123');
    // The request's own lines and its follow-up tasks' lines.
    expect(mine.some((l) => l.msg === 'payment outcome')).toBe(true);
    expect(mine.some((l) => l.task === 'capture_payment' && l.msg === 'task done')).toBe(true);
    const all = t.logs.join('\n');
    for (const secret of [t.adminKey, t.svc.jwtSecret, token, 'sk_sim_local_development', 'tok_visa', 'tok_declined']) {
      expect(all.includes(secret), `log contains ${secret.slice(0, 12)}…`).toBe(false);
    }
  });
});

