import { sql } from 'kysely';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../src/platform/errors.ts';
import { orderBody, startTestService, type TestService } from './helpers/service.ts';

/**
 * Bad input, deliberately, against every route family (through app.inject:
 * no network needed). Every answer must be a 4xx in the contract's shape —
 * never a 5xx, never accepted — small whatever the input, and nothing in the
 * database may change.
 */

const JWT_SECRET = 'test-jwt-secret-0123456789abcdef0123456789';
let t: TestService;
let customer: string;
let admin: string;

async function jwt(claims: { sub?: string; iat?: number; exp?: number | null; alg?: string }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  let b = new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(claims.iat ?? now);
  if (claims.sub !== undefined) b = b.setSubject(claims.sub);
  if (claims.exp !== null) b = b.setExpirationTime(claims.exp ?? now + 3600);
  return await b.sign(new TextEncoder().encode(JWT_SECRET));
}

/** What every table the routes could write holds: must be the same after the whole suite. */
async function snapshot(): Promise<Record<string, unknown>> {
  const r = await sql<Record<string, unknown>>`
    select (select count(*) from orders) as orders, (select count(*) from products) as products,
           (select coalesce(sum(on_hand), 0) from stock) as on_hand, (select count(*) from idempotency_keys) as keys,
           (select count(*) from payment_webhook_events) as webhooks, (select count(*) from tasks) as tasks,
           (select max(version) from products) as versions`.execute(t.svc.db);
  return r.rows[0]!;
}

let before: Record<string, unknown>;
beforeAll(async () => {
  // Enough room that this suite's many failed logins are not what answers.
  t = await startTestService({ RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000', RATE_LIMIT_ADMIN_PER_MINUTE: '100000', RATE_LIMIT_READS_PER_MINUTE: '100000' });
  await t.product('BAD-SKU', 1500, 10);
  customer = await t.token('bad-cust');
  admin = t.adminKey;
  before = await snapshot();
});
afterAll(async () => {
  await t?.close();
});

type Case = { name: string; method: string; url: string; body?: unknown; headers?: Record<string, string>; auth?: 'customer' | 'admin' | string; status?: number; code?: string };

const good = orderBody('tok_visa', [{ sku: 'BAD-SKU', quantity: 1 }]);
const key = { 'idempotency-key': 'bad-key-1' };
const order = (patch: (b: any) => void): unknown => {
  const b = structuredClone(good) as any;
  patch(b);
  return b;
};
/** A JSON text with a value no JS object literal can hold (1e400, an escaped NUL, a lone surrogate). */
const raw = (text: string) => text;

const CASES: Case[] = [
  // ---- buyer: POST /api/v1/orders
  ...(
    [
      ['NUL in a SKU', order((b) => (b.items[0].sku = 'BAD\u0000SKU'))],
      ['NUL in the address', order((b) => (b.shippingAddress.name = '山田\u0000太郎'))],
      ['a lone surrogate in the city', raw(JSON.stringify(good).replace('渋谷区', '\\ud800渋谷区'))],
      ['a lone surrogate in a key', raw(JSON.stringify(good).replace('"email"', '"e\\udc00"').replace('{"items"', '{"\\udc00x":1,"items"'))],
      ['quantity true', order((b) => (b.items[0].quantity = true))],
      ['quantity null', order((b) => (b.items[0].quantity = null))],
      ['quantity "1"', order((b) => (b.items[0].quantity = '1'))],
      ['quantity [1]', order((b) => (b.items[0].quantity = [1]))],
      ['quantity 1.5', order((b) => (b.items[0].quantity = 1.5))],
      ['quantity 0', order((b) => (b.items[0].quantity = 0))],
      ['quantity 1000', order((b) => (b.items[0].quantity = 1000))],
      ['quantity 1e400 (Infinity)', raw(JSON.stringify(good).replace('"quantity":1', '"quantity":1e400'))],
      ['quantity "Infinity"', order((b) => (b.items[0].quantity = 'Infinity'))],
      ['quantity "0x10"', order((b) => (b.items[0].quantity = '0x10'))],
      ['a client price', order((b) => (b.items[0].price = 1))],
      ['no items', order((b) => (b.items = []))],
      ['51 lines', order((b) => (b.items = Array.from({ length: 51 }, (_, i) => ({ sku: `S${i}`, quantity: 1 }))))],
      ['a SKU of 65 characters', order((b) => (b.items[0].sku = 'S'.repeat(65)))],
      ['a bad postal code', order((b) => (b.shippingAddress.postalCode = '１５０-０００２'))],
      ['a blank name', order((b) => (b.shippingAddress.name = '   '))],
      ['an unknown method', order((b) => (b.payment = { method: 'bitcoin' }))],
      ['a card without a token', order((b) => (b.payment = { method: 'card' }))],
      ['paypay with a token', order((b) => (b.payment = { method: 'paypay', token: 'tok_visa' }))],
      ['a bad e-mail', order((b) => (b.email = 'not an e-mail'))],
      ['an array body', [good]],
      ['a string body', raw('"hello"')],
      ['nesting 100 deep', raw(`${'['.repeat(100)}${']'.repeat(100)}`)],
      ['truncated JSON', raw('{"items": [')],
    ] as [string, unknown][]
  ).map(([name, body]) => ({ name: `order: ${name}`, method: 'POST', url: '/api/v1/orders', body, headers: key, auth: 'customer' })),
  { name: 'order: text/plain', method: 'POST', url: '/api/v1/orders', body: JSON.stringify(good), headers: { ...key, 'content-type': 'text/plain' }, auth: 'customer', status: 415 },
  { name: 'order: charset=utf-16', method: 'POST', url: '/api/v1/orders', body: JSON.stringify(good), headers: { ...key, 'content-type': 'application/json; charset=utf-16' }, auth: 'customer', status: 415 },
  { name: 'order: form encoded', method: 'POST', url: '/api/v1/orders', body: 'items=1', headers: { ...key, 'content-type': 'application/x-www-form-urlencoded' }, auth: 'customer', status: 415 },
  { name: 'order: no Idempotency-Key', method: 'POST', url: '/api/v1/orders', body: good, auth: 'customer', code: 'IDEMPOTENCY_KEY_MISSING' },
  { name: 'order: an Idempotency-Key of 256', method: 'POST', url: '/api/v1/orders', body: good, headers: { 'idempotency-key': 'k'.repeat(256) }, auth: 'customer', code: 'IDEMPOTENCY_KEY_MISSING' },
  // ---- buyer: reading an order
  { name: 'read: NUL in the order number', method: 'GET', url: '/api/v1/orders/ORD-1%00', auth: 'customer' },
  { name: 'read: a lone surrogate in the order number', method: 'GET', url: '/api/v1/orders/ORD-%ED%A0%80', auth: 'customer' },
  { name: 'read: broken percent-encoding', method: 'GET', url: '/api/v1/orders/%E0%A4%A', auth: 'customer' },
  { name: 'read: an order number of 300', method: 'GET', url: `/api/v1/orders/${'O'.repeat(300)}`, auth: 'customer' },
  { name: 'read: a URL over 4 KiB', method: 'GET', url: `/api/v1/products?x=${'a'.repeat(5000)}`, status: 414 },
  // ---- customer tokens
  ...(
    [
      ['without exp', () => jwt({ sub: 'bad-cust', exp: null })],
      ['issued in the future', () => jwt({ sub: 'bad-cust', iat: Math.floor(Date.now() / 1000) + 3600 })],
      ['older than the maximum age', () => jwt({ sub: 'bad-cust', iat: Math.floor(Date.now() / 1000) - 25 * 3600, exp: Math.floor(Date.now() / 1000) + 3600 })],
      ['with a NUL in sub', () => jwt({ sub: 'bad\u0000cust' })],
      ['without sub', () => jwt({})],
      ['alg none', async () => `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', exp: 9e9, iat: 1 })).toString('base64url')}.`],
    ] as [string, () => Promise<string>][]
  ).map(([name, make]) => ({ name: `token: ${name}`, method: 'POST', url: '/api/v1/orders', body: good, headers: key, auth: `jwt:${name}`, code: 'UNAUTHENTICATED', make })),
  // ---- admin: catalog and stock
  ...(
    [
      ['price null', { name: 'x', price: null }],
      ['price "100"', { name: 'x', price: '100' }],
      ['price 1.5', { name: 'x', price: 1.5 }],
      ['price -1', { name: 'x', price: -1 }],
      ['price over ¥100,000,000', { name: 'x', price: 100_000_001 }],
      ['price true', { name: 'x', price: true }],
      ['a NUL in the name', { name: 'x\u0000', price: 1 }],
      ['version 0', { name: 'x', price: 1, version: 0 }],
      ['price money in USD', { name: 'x', price: { amount: 1, currency: 'USD' } }],
    ] as [string, unknown][]
  ).map(([name, body]) => ({ name: `product: ${name}`, method: 'PUT', url: '/api/v1/admin/products/BAD-SKU', body, auth: 'admin' })),
  { name: 'product: 1e400', method: 'PUT', url: '/api/v1/admin/products/BAD-SKU', body: raw('{"name":"x","price":1e400}'), auth: 'admin' },
  { name: 'product: a NUL in the SKU path', method: 'PUT', url: '/api/v1/admin/products/BAD%00SKU', body: { name: 'x', price: 1 }, auth: 'admin' },
  { name: 'stock: delta true', method: 'POST', url: '/api/v1/admin/products/BAD-SKU/stock', body: { delta: true }, auth: 'admin' },
  { name: 'stock: delta "5"', method: 'POST', url: '/api/v1/admin/products/BAD-SKU/stock', body: { delta: '5' }, auth: 'admin' },
  { name: 'stock: delta 10^12', method: 'POST', url: '/api/v1/admin/products/BAD-SKU/stock', body: { delta: 1e12 }, auth: 'admin' },
  { name: 'stock: no body', method: 'POST', url: '/api/v1/admin/products/BAD-SKU/stock', auth: 'admin' },
  { name: 'inventory: a customer token', method: 'GET', url: '/api/v1/admin/inventory/BAD-SKU', auth: 'customer', code: 'UNAUTHENTICATED' },
  // ---- admin: orders and dead letters
  { name: 'orders: limit 0', method: 'GET', url: '/api/v1/admin/orders?limit=0', auth: 'admin' },
  { name: 'orders: limit 1e400', method: 'GET', url: '/api/v1/admin/orders?limit=1e400', auth: 'admin' },
  { name: 'orders: limit abc', method: 'GET', url: '/api/v1/admin/orders?limit=abc', auth: 'admin' },
  { name: 'orders: a bogus status', method: 'GET', url: '/api/v1/admin/orders?status=SHIPPED', auth: 'admin' },
  { name: 'orders: a garbage cursor', method: 'GET', url: '/api/v1/admin/orders?cursor=garbage', auth: 'admin' },
  {
    name: 'orders: a cursor with a date Postgres rejects',
    method: 'GET',
    url: `/api/v1/admin/orders?cursor=${Buffer.from(JSON.stringify(['2026-02-30T25:61:00.000000Z', 1])).toString('base64url')}`,
    auth: 'admin',
  },
  { name: 'orders: a cursor of year 0', method: 'GET', url: `/api/v1/admin/orders?cursor=${Buffer.from(JSON.stringify(['0000-01-01T00:00:00.000000Z', 1])).toString('base64url')}`, auth: 'admin' },
  { name: 'orders: an unknown query field', method: 'GET', url: '/api/v1/admin/orders?evil=1', auth: 'admin' },
  { name: 'dead letter: id abc', method: 'GET', url: '/api/v1/admin/dead-letters/abc', auth: 'admin' },
  { name: 'dead letter: id 2^60', method: 'GET', url: '/api/v1/admin/dead-letters/1152921504606846976', auth: 'admin' },
  { name: 'dead letter: id -1', method: 'GET', url: '/api/v1/admin/dead-letters/-1', auth: 'admin' },
  { name: 'dead letter: a NUL reason', method: 'POST', url: '/api/v1/admin/dead-letters/1/discard', body: { reason: 'no\u0000pe' }, auth: 'admin' },
  { name: 'dead letter: a blank reason', method: 'POST', url: '/api/v1/admin/dead-letters/1/discard', body: { reason: '      ' }, auth: 'admin' },
  { name: 'admin: a wrong key', method: 'GET', url: '/api/v1/admin/orders', auth: 'not-the-admin-key', code: 'UNAUTHENTICATED' },
  // ---- webhooks
  { name: 'webhook: an unknown provider', method: 'POST', url: '/webhooks/nope', body: '{}', code: 'NOT_FOUND' },
  { name: 'webhook: psp-sim unsigned', method: 'POST', url: '/webhooks/psp-sim', body: '{"id":"evt_1","type":"payment.captured"}', code: 'WEBHOOK_SIGNATURE_INVALID' },
  { name: 'webhook: a NUL in the payload', method: 'POST', url: '/webhooks/paypay', body: raw('{"notification_type":"Transaction","merchant_order_id":"x\\u0000"}') },
  { name: 'webhook: a lone surrogate in the payload', method: 'POST', url: '/webhooks/psp-sim', body: raw('{"id":"evt_\\udc00"}') },
  { name: 'webhook: a provider name with a NUL', method: 'POST', url: '/webhooks/pay%00pay', body: '{}' },
  { name: 'webhook: over PayPay\'s limit', method: 'POST', url: '/webhooks/paypay', body: `{"pad":"${'x'.repeat(20 * 1024)}"}`, status: 413 },
  // ---- live and framework refusals
  { name: 'live: a bad channel token', method: 'GET', url: '/api/v1/orders/ORD-20261201-AAAAAA/events?token=nope', code: 'UNAUTHENTICATED' },
  { name: 'live: no token', method: 'GET', url: '/api/v1/orders/ORD-20261201-AAAAAA/events', code: 'UNAUTHENTICATED' },
  { name: 'a method the path does not take', method: 'PATCH', url: '/api/v1/products', status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'an unknown path', method: 'GET', url: '/api/v1/nope', status: 404, code: 'NOT_FOUND' },
];

const MAX_ANSWER = 4096;

describe('bad input never gets a 5xx, is never accepted, and changes nothing', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const make = (c as { make?: () => Promise<string> }).make;
    const auth = c.auth === 'customer' ? customer : c.auth === 'admin' ? admin : make ? await make() : c.auth;
    const r = await t.inject(c.method, c.url, { ...(c.body !== undefined ? { body: c.body } : {}), ...(c.headers ? { headers: c.headers } : {}), ...(auth ? { auth } : {}) });
    expect(r.status, r.raw.slice(0, 500)).toBeGreaterThanOrEqual(400);
    expect(r.status, r.raw.slice(0, 500)).toBeLessThan(500);
    if (c.status) expect(r.status).toBe(c.status);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(ERRORS)).toContain(r.body.error.code);
    if (c.code) expect(r.body.error.code).toBe(c.code);
    expect(r.body.error).toMatchObject({ message: expect.any(String), retryable: expect.any(Boolean) });
    expect(r.status).toBe(ERRORS[r.body.error.code as keyof typeof ERRORS].status);
    expect(r.raw.length).toBeLessThan(MAX_ANSWER);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('an unknown payment method is refused naming the allowed ones, in Japanese too', async () => {
    const body = order((b) => (b.payment = { method: 'bitcoin' }));
    const en = await t.inject('POST', '/api/v1/orders', { body, headers: key, auth: customer });
    expect(en.body.error.details).toEqual([{ in: 'body', field: '/payment/method', message: 'must be one of: card, paypay' }]);
    const ja = await t.inject('POST', '/api/v1/orders', { body, headers: { ...key, 'accept-language': 'ja' }, auth: customer });
    expect(ja.body.error.message).toBe(ERRORS.VALIDATION_FAILED.ja);
    expect(ja.body.error.details[0].message).toBe('次のいずれかを指定してください: card, paypay');
  });

  it('a megabyte of invalid lines is answered small and fast (validation stops at the first error)', async () => {
    const items = Array.from({ length: 20_000 }, () => ({ sku: 'x', quantity: 'many', extra: true }));
    const body = JSON.stringify({ ...good, items });
    expect(body.length).toBeGreaterThan(800_000);
    const started = Date.now();
    const r = await t.inject('POST', '/api/v1/orders', { body, headers: key, auth: customer });
    expect(r.status).toBe(422);
    expect(r.raw.length).toBeLessThan(1024);
    expect(Date.now() - started).toBeLessThan(1_000);

    expect(t.logs.every((l) => l.length < 16_384), `a log line of ${Math.max(...t.logs.map((l) => l.length))} bytes`).toBe(true);

  });

  it('every answer carries the security headers; authenticated JSON is never cached', async () => {
    const r = await t.inject('GET', '/api/v1/admin/inventory/BAD-SKU', { auth: admin });
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('x-frame-options')).toBe('DENY');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('nothing in the database changed', async () => {
    expect(await snapshot()).toEqual(before);

  });
});

describe('refusals before any route runs (real sockets)', () => {
  let slow: TestService;
  beforeAll(async () => {
    slow = await startTestService({ HTTP_REQUEST_TIMEOUT_MS: '1500' });
  });
  afterAll(async () => slow?.close());

  /** Writes `request` on a fresh socket and reads until the server closes it. */
  async function rawExchange(url: string, request: string): Promise<string> {
    const { port } = new URL(url);
    const net = await import('node:net');
    return await new Promise((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(request));
      let got = '';
      socket.on('data', (d) => (got += d.toString('utf8')));
      socket.on('close', () => resolve(got));
      socket.on('error', reject);
      socket.setTimeout(10_000, () => socket.destroy(new Error('no answer')));
    });
  }

  const bodyOf = (answer: string) => JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as { error: { code: string } };

  it('headers over Node\'s limit: 431 in the contract\'s shape', async () => {
    const answer = await rawExchange(slow.url, `GET /api/v1/products HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 431/);
    expect(bodyOf(answer).error.code).toBe('HEADERS_TOO_LARGE');
  });

  it('a sender too slow to finish its request: 408 in the contract\'s shape, within the timeout', async () => {
    const started = Date.now();
    // A public route that reads a body (no authentication to answer first).
    const answer = await rawExchange(slow.url, `POST /webhooks/psp-sim HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"id"`);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(bodyOf(answer).error.code).toBe('REQUEST_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('garbage instead of HTTP: 400 in the contract\'s shape', async () => {
    const answer = await rawExchange(slow.url, 'HELLO\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    expect(bodyOf(answer).error.code).toBe('BAD_REQUEST');
  });
});
