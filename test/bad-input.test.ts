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

/**
 * Tables a route could change a row of, not only add one to (acknowledge an alert, disable a subscription,
 * record an operator's action or a refund): compared row by row, through a digest of every row.
 */
const DIGESTED = ['alerts', 'operator_actions', 'refunds', 'remediations', 'outbound_subscriptions', 'outbound_deliveries', 'outbound_attempts', 'payments', 'products', 'stock'] as const;

/** What every table the routes could write holds: must be the same after the whole suite. */
async function snapshot(): Promise<Record<string, unknown>> {
  const r = await sql<Record<string, unknown>>`
    select (select count(*) from orders) as orders, (select count(*) from products) as products,
           (select coalesce(sum(on_hand), 0) from stock) as on_hand, (select count(*) from idempotency_keys) as keys,
           (select count(*) from payment_webhook_events) as webhooks, (select count(*) from tasks) as tasks,
           (select max(version) from products) as versions`.execute(t.svc.db);
  const digests: Record<string, unknown> = {};
  for (const table of DIGESTED) {
    const d = await sql<{ rows: string; digest: string }>`
      select count(*) as rows, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from ${sql.table(table)} x`.execute(t.svc.db);
    digests[table] = d.rows[0];
  }
  return { ...r.rows[0]!, ...digests };
}

/** The top price (¥100,000,000): two of it are more than one order may come to. */
const TOP_PRICE = 100_000_000;
/** The ceiling of stock on hand (inventory.repository.ts); CAP-SKU starts one unit under it. */
const MAX_ON_HAND = 1_000_000_000_000;
let subscriptionId: string;
let before: Record<string, unknown>;
beforeAll(async () => {
  // Enough room that this suite's many failed logins are not what answers.
  t = await startTestService({ RATE_LIMIT_AUTH_FAILURES_PER_MINUTE: '100000', RATE_LIMIT_ADMIN_PER_MINUTE: '100000', RATE_LIMIT_READS_PER_MINUTE: '100000' });
  await t.product('BAD-SKU', 1500, 10);
  await t.product('TOP-SKU', TOP_PRICE, 10);
  await t.product('CAP-SKU', 100, 0);
  // No delta of the API's bounds (±10⁶) gets near the ceiling in a test's time: put it there directly.
  await sql`update stock set on_hand = ${MAX_ON_HAND - 1} where sku = 'CAP-SKU'`.execute(t.svc.db);
  customer = await t.token('bad-cust');
  admin = t.adminKey;
  // A real subscription for the delivery routes to look at. Its event type is one this suite never causes, so
  // nothing is delivered to it; a bad request that got through would show in its row or its deliveries.
  const sub = await t.admin('POST', '/api/v1/admin/webhook-subscriptions', { url: 'http://127.0.0.1:9/bad-input', eventTypes: ['payment-refund-failed'] });
  expect(sub.status).toBe(201);
  subscriptionId = sub.body.subscriptionId as string;
  before = await snapshot();
});
afterAll(async () => {
  await t?.close();
});

type Case = { name: string; method: string; url: string; body?: unknown; headers?: Record<string, string>; auth?: 'customer' | 'admin' | string; status?: number; code?: string };

/**
 * The code a case must be refused with when what it tries to get past is the input policy or a schema: a
 * route that let the input through would answer something else (404 for the made-up ids below, or worse).
 */
const V = 'VALIDATION_FAILED';
const UUID = '00000000-0000-4000-8000-000000000000';
const ORDER = 'ORD-20261201-AAAAAA';
/** A list cursor as the API hands them out (base64url JSON of [exact time, id]), with whatever inside. */
const cursor = (at: string, id: unknown) => Buffer.from(JSON.stringify([at, id])).toString('base64url');
const hourAgo = () => new Date(Date.now() - 3_600_000).toISOString();
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const opKey = { 'idempotency-key': 'bad-op-key-1' };

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
  {
    name: 'order: a total over ¥100,000,000 (each price within its bound)',
    method: 'POST',
    url: '/api/v1/orders',
    body: orderBody('tok_visa', [{ sku: 'TOP-SKU', quantity: 2 }]),
    headers: key,
    auth: 'customer',
    code: 'ORDER_TOTAL_TOO_LARGE',
  },
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
  { name: 'stock: past the ceiling of 10^12 on hand', method: 'POST', url: '/api/v1/admin/products/CAP-SKU/stock', body: { delta: 2 }, auth: 'admin', code: 'STOCK_LIMIT_EXCEEDED' },
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
  // Integers in a query string are plain decimal: Ajv's coercion alone would read these as 16, 10 and 5.
  { name: 'orders: limit 0x10', method: 'GET', url: '/api/v1/admin/orders?limit=0x10', auth: 'admin', code: V },
  { name: 'orders: limit 1e1', method: 'GET', url: '/api/v1/admin/orders?limit=1e1', auth: 'admin', code: V },
  { name: 'orders: limit +5', method: 'GET', url: '/api/v1/admin/orders?limit=%2B5', auth: 'admin', code: V },
  { name: 'orders: limit " 5"', method: 'GET', url: '/api/v1/admin/orders?limit=%205', auth: 'admin', code: V },
  { name: 'orders: an empty customerId', method: 'GET', url: '/api/v1/admin/orders?customerId=', auth: 'admin', code: V },
  { name: 'orders: a customerId of 201', method: 'GET', url: `/api/v1/admin/orders?customerId=${'c'.repeat(201)}`, auth: 'admin', code: V },
  { name: 'orders: NUL in customerId', method: 'GET', url: '/api/v1/admin/orders?customerId=a%00', auth: 'admin', code: V },
  { name: 'orders: from not a date-time', method: 'GET', url: '/api/v1/admin/orders?from=yesterday', auth: 'admin', code: V },
  { name: 'orders: to on 2026-02-30', method: 'GET', url: '/api/v1/admin/orders?to=2026-02-30T00:00:00Z', auth: 'admin', code: V },
  { name: 'orders: from after to', method: 'GET', url: `/api/v1/admin/orders?from=${hourAgo()}&to=${daysAgo(1)}`, auth: 'admin', code: V },
  { name: 'orders: from in year 0', method: 'GET', url: '/api/v1/admin/orders?from=0000-01-01T00:00:00Z', auth: 'admin', code: V },
  { name: 'dead letter: id abc', method: 'GET', url: '/api/v1/admin/dead-letters/abc', auth: 'admin' },
  { name: 'dead letter: id 2^60', method: 'GET', url: '/api/v1/admin/dead-letters/1152921504606846976', auth: 'admin' },
  { name: 'dead letter: id -1', method: 'GET', url: '/api/v1/admin/dead-letters/-1', auth: 'admin' },
  { name: 'dead letter: id 0x10', method: 'GET', url: '/api/v1/admin/dead-letters/0x10', auth: 'admin', code: V },
  { name: 'dead letters: limit 0x10', method: 'GET', url: '/api/v1/admin/dead-letters?limit=0x10', auth: 'admin', code: V },
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
  // ---- live
  { name: 'live: a bad channel token', method: 'GET', url: '/api/v1/orders/ORD-20261201-AAAAAA/events?token=nope', code: 'UNAUTHENTICATED' },
  { name: 'live: no token', method: 'GET', url: '/api/v1/orders/ORD-20261201-AAAAAA/events', code: 'UNAUTHENTICATED' },
  { name: 'live: a NUL in the channel token', method: 'GET', url: '/api/v1/orders/ORD-20261201-AAAAAA/events?token=x%00', code: 'UNAUTHENTICATED' },
  // With a valid customer JWT the order's owner is looked up: only once the order number passed the input policy.
  ...(['events', 'live'] as const).flatMap((route): Case[] => [
    { name: `live /${route}: NUL in the order number (customer JWT)`, method: 'GET', url: `/api/v1/orders/${ORDER}%00/${route}`, auth: 'customer', code: V },
    { name: `live /${route}: a lone surrogate in the order number (customer JWT)`, method: 'GET', url: `/api/v1/orders/ORD-%ED%A0%80/${route}`, auth: 'customer' },
    { name: `live /${route}: an order number its schema refuses (customer JWT)`, method: 'GET', url: `/api/v1/orders/ORD!${route}/${route}`, auth: 'customer', code: V },
  ]),
  // ---- admin: consistency alerts
  { name: 'alerts: limit 0', method: 'GET', url: '/api/v1/admin/alerts?limit=0', auth: 'admin', code: V },
  { name: 'alerts: limit 0x10', method: 'GET', url: '/api/v1/admin/alerts?limit=0x10', auth: 'admin', code: V },
  { name: 'alerts: a bogus status', method: 'GET', url: '/api/v1/admin/alerts?status=closed', auth: 'admin', code: V },
  { name: 'alerts: an unknown rule', method: 'GET', url: '/api/v1/admin/alerts?ruleId=RULE_Z', auth: 'admin', code: V },
  { name: 'alerts: NUL in the order number', method: 'GET', url: '/api/v1/admin/alerts?orderNo=ORD%00', auth: 'admin', code: V },
  { name: 'alerts: a garbage cursor', method: 'GET', url: '/api/v1/admin/alerts?cursor=garbage', auth: 'admin', code: V },
  { name: 'alerts: a cursor of year 0', method: 'GET', url: `/api/v1/admin/alerts?cursor=${cursor('0000-01-01T00:00:00.000000Z', UUID)}`, auth: 'admin', code: V },
  { name: 'alerts: a cursor with a date Postgres rejects', method: 'GET', url: `/api/v1/admin/alerts?cursor=${cursor('2026-02-30T25:61:00.000000Z', UUID)}`, auth: 'admin', code: V },
  { name: 'alerts: an unknown query field', method: 'GET', url: '/api/v1/admin/alerts?evil=1', auth: 'admin', code: V },
  { name: 'alerts: a customer token', method: 'GET', url: '/api/v1/admin/alerts', auth: 'customer', code: 'UNAUTHENTICATED' },
  { name: 'alert: an id that is no uuid', method: 'GET', url: '/api/v1/admin/alerts/123', auth: 'admin', code: V },
  { name: 'alert: NUL in the id', method: 'GET', url: `/api/v1/admin/alerts/${UUID}%00`, auth: 'admin', code: V },
  { name: 'acknowledge: a NUL in by', method: 'POST', url: `/api/v1/admin/alerts/${UUID}/acknowledge`, body: { by: 'x\u0000' }, auth: 'admin', code: V },
  { name: 'acknowledge: by a number', method: 'POST', url: `/api/v1/admin/alerts/${UUID}/acknowledge`, body: { by: 1 }, auth: 'admin', code: V },
  { name: 'acknowledge: an unknown field', method: 'POST', url: `/api/v1/admin/alerts/${UUID}/acknowledge`, body: { by: 'ops', status: 'resolved' }, auth: 'admin', code: V },
  { name: 'acknowledge: text/plain', method: 'POST', url: `/api/v1/admin/alerts/${UUID}/acknowledge`, body: '{}', headers: { 'content-type': 'text/plain' }, auth: 'admin', status: 415 },
  { name: 'acknowledge: an id that is no uuid', method: 'POST', url: '/api/v1/admin/alerts/nope/acknowledge', body: {}, auth: 'admin', code: V },
  { name: 'resolve: no note', method: 'POST', url: `/api/v1/admin/alerts/${UUID}/resolve`, body: {}, auth: 'admin', code: V },
  { name: 'resolve: no body', method: 'POST', url: `/api/v1/admin/alerts/${UUID}/resolve`, auth: 'admin', code: V },
  { name: 'resolve: a note of two characters', method: 'POST', url: `/api/v1/admin/alerts/${UUID}/resolve`, body: { note: 'ok' }, auth: 'admin', code: V },
  { name: 'resolve: a blank note', method: 'POST', url: `/api/v1/admin/alerts/${UUID}/resolve`, body: { note: '      ' }, auth: 'admin', code: V },
  { name: 'resolve: a lone surrogate in the note', method: 'POST', url: `/api/v1/admin/alerts/${UUID}/resolve`, body: raw('{"note":"fixed \\ud800 it"}'), auth: 'admin', code: V },
  // ---- admin: operators cancel and refund
  { name: 'cancel: no Idempotency-Key', method: 'POST', url: `/api/v1/admin/orders/${ORDER}/cancel`, body: { reason: 'because' }, auth: 'admin', code: 'IDEMPOTENCY_KEY_MISSING' },
  { name: 'cancel: NUL in the order number', method: 'POST', url: `/api/v1/admin/orders/${ORDER}%00/cancel`, body: { reason: 'because' }, headers: opKey, auth: 'admin', code: V },
  { name: 'cancel: an order number its schema refuses', method: 'POST', url: '/api/v1/admin/orders/ORD!/cancel', body: { reason: 'because' }, headers: opKey, auth: 'admin', code: V },
  { name: 'cancel: no reason', method: 'POST', url: `/api/v1/admin/orders/${ORDER}/cancel`, body: {}, headers: opKey, auth: 'admin', code: V },
  { name: 'cancel: a reason of two characters', method: 'POST', url: `/api/v1/admin/orders/${ORDER}/cancel`, body: { reason: 'no' }, headers: opKey, auth: 'admin', code: V },
  { name: 'cancel: a NUL in the reason', method: 'POST', url: `/api/v1/admin/orders/${ORDER}/cancel`, body: { reason: 'be\u0000cause' }, headers: opKey, auth: 'admin', code: V },
  { name: 'cancel: a blank by', method: 'POST', url: `/api/v1/admin/orders/${ORDER}/cancel`, body: { reason: 'because', by: '   ' }, headers: opKey, auth: 'admin', code: V },
  { name: 'cancel: an unknown field', method: 'POST', url: `/api/v1/admin/orders/${ORDER}/cancel`, body: { reason: 'because', refund: 0 }, headers: opKey, auth: 'admin', code: V },
  { name: 'cancel: form encoded', method: 'POST', url: `/api/v1/admin/orders/${ORDER}/cancel`, body: 'reason=because', headers: { ...opKey, 'content-type': 'application/x-www-form-urlencoded' }, auth: 'admin', status: 415 },
  { name: 'cancel: a customer token', method: 'POST', url: `/api/v1/admin/orders/${ORDER}/cancel`, body: { reason: 'because' }, headers: opKey, auth: 'customer', code: 'UNAUTHENTICATED' },
  ...(
    [
      ['both amount and lines', { reason: 'because', amount: { amount: 100, currency: 'JPY' }, lines: [{ sku: 'BAD-SKU', quantity: 1 }] }],
      ['neither amount nor lines', { reason: 'because' }],
      ['an amount of 0', { reason: 'because', amount: { amount: 0, currency: 'JPY' } }],
      ['an amount in USD', { reason: 'because', amount: { amount: 100, currency: 'USD' } }],
      ['an amount "100"', { reason: 'because', amount: { amount: '100', currency: 'JPY' } }],
      ['an amount -1', { reason: 'because', amount: { amount: -1, currency: 'JPY' } }],
      ['an amount 1e400', raw('{"reason":"because","amount":{"amount":1e400,"currency":"JPY"}}')],
      ['a line of quantity 0', { reason: 'because', lines: [{ sku: 'BAD-SKU', quantity: 0 }] }],
      ['a NUL in a line\'s SKU', { reason: 'because', lines: [{ sku: 'BAD\u0000SKU', quantity: 1 }] }],
      ['101 lines', { reason: 'because', lines: Array.from({ length: 101 }, (_, i) => ({ sku: `S${i}`, quantity: 1 })) }],
      ['no reason', { amount: { amount: 100, currency: 'JPY' } }],
    ] as [string, unknown][]
  ).map(([name, body]): Case => ({ name: `refund: ${name}`, method: 'POST', url: `/api/v1/admin/orders/${ORDER}/refunds`, body, headers: opKey, auth: 'admin', code: V })),
  { name: 'refund: no Idempotency-Key', method: 'POST', url: `/api/v1/admin/orders/${ORDER}/refunds`, body: { reason: 'because', amount: { amount: 100, currency: 'JPY' } }, auth: 'admin', code: 'IDEMPOTENCY_KEY_MISSING' },
  { name: 'refunds: NUL in the order number', method: 'GET', url: `/api/v1/admin/orders/${ORDER}%00/refunds`, auth: 'admin', code: V },
  { name: 'refunds: an order number its schema refuses', method: 'GET', url: '/api/v1/admin/orders/ORD!/refunds', auth: 'admin', code: V },
  // ---- admin: reconciliation and its remediations
  ...(
    [
      ['no since', {}],
      ['since not a date-time', { since: 'yesterday' }],
      ['since as a number', { since: 1_700_000_000 }],
      ['since on 2026-02-30', { since: '2026-02-30T00:00:00Z' }],
      ['a window in year 0', { since: '0000-01-01T00:00:00Z', until: '0000-01-02T00:00:00Z' }],
      ['until before since', { since: hourAgo(), until: daysAgo(1) }],
      ['a window of 32 days', { since: daysAgo(32) }],
      ['a NUL in an order number', { since: hourAgo(), orderNos: ['ORD\u0000'] }],
      ['101 order numbers', { since: hourAgo(), orderNos: Array.from({ length: 101 }, (_, i) => `ORD-20261201-${String(i).padStart(6, '0')}`) }],
      ['a blank by', { since: hourAgo(), by: '  ' }],
      ['an unknown field', { since: hourAgo(), dryRun: true }],
    ] as [string, unknown][]
  ).map(([name, body]): Case => ({ name: `reconcile: ${name}`, method: 'POST', url: '/api/v1/admin/reconcile', body, auth: 'admin', code: V })),
  { name: 'reconcile: text/plain', method: 'POST', url: '/api/v1/admin/reconcile', body: JSON.stringify({ since: hourAgo() }), headers: { 'content-type': 'text/plain' }, auth: 'admin', status: 415 },
  { name: 'remediations: limit 0', method: 'GET', url: '/api/v1/admin/remediations?limit=0', auth: 'admin', code: V },
  { name: 'remediations: limit 501', method: 'GET', url: '/api/v1/admin/remediations?limit=501', auth: 'admin', code: V },
  { name: 'remediations: limit 0x10', method: 'GET', url: '/api/v1/admin/remediations?limit=0x10', auth: 'admin', code: V },
  { name: 'remediations: NUL in the order number', method: 'GET', url: '/api/v1/admin/remediations?orderNo=ORD%00', auth: 'admin', code: V },
  { name: 'remediations: an unknown query field', method: 'GET', url: '/api/v1/admin/remediations?evil=1', auth: 'admin', code: V },
  { name: 'reconcile runs: limit 0', method: 'GET', url: '/api/v1/admin/reconcile/runs?limit=0', auth: 'admin', code: V },
  { name: 'reconcile runs: limit 201', method: 'GET', url: '/api/v1/admin/reconcile/runs?limit=201', auth: 'admin', code: V },
  { name: 'reconcile runs: limit 0x10', method: 'GET', url: '/api/v1/admin/reconcile/runs?limit=0x10', auth: 'admin', code: V },
  { name: 'reconcile runs: a garbage cursor', method: 'GET', url: '/api/v1/admin/reconcile/runs?cursor=garbage', auth: 'admin', code: V },
  { name: 'reconcile runs: a cursor of year 0', method: 'GET', url: `/api/v1/admin/reconcile/runs?cursor=${cursor('0000-01-01T00:00:00.000000Z', 1)}`, auth: 'admin', code: V },
  { name: 'reconcile runs: a cursor with a uuid for an id', method: 'GET', url: `/api/v1/admin/reconcile/runs?cursor=${cursor('2026-12-01T00:00:00.000000Z', UUID)}`, auth: 'admin', code: V },
  { name: 'reconcile runs: an unknown query field', method: 'GET', url: '/api/v1/admin/reconcile/runs?status=failed', auth: 'admin', code: V },
  { name: 'reconcile runs: a customer token', method: 'GET', url: '/api/v1/admin/reconcile/runs', auth: 'customer', code: 'UNAUTHENTICATED' },
  // ---- admin: outbound webhook subscriptions and deliveries ({sub} is the suite's real subscription)
  ...(
    [
      ['a NUL in the URL', { url: 'http://example.com/\u0000', eventTypes: ['order-paid'] }],
      ['an ftp URL', { url: 'ftp://example.com/hook', eventTypes: ['order-paid'] }],
      ['a URL with credentials', { url: 'http://user:secret@example.com/hook', eventTypes: ['order-paid'] }],
      ['a URL of 2,001 characters', { url: `http://example.com/${'x'.repeat(2001 - 'http://example.com/'.length)}`, eventTypes: ['order-paid'] }],
      ['no event types', { url: 'http://example.com/hook', eventTypes: [] }],
      ['an unknown event type', { url: 'http://example.com/hook', eventTypes: ['order-shipped'] }],
      ['"*" with another type', { url: 'http://example.com/hook', eventTypes: ['*', 'order-paid'] }],
      ['51 event types', { url: 'http://example.com/hook', eventTypes: Array.from({ length: 51 }, () => 'order-paid') }],
      ['a blank description', { url: 'http://example.com/hook', eventTypes: ['order-paid'], description: '   ' }],
      ['a secret of its own', { url: 'http://example.com/hook', eventTypes: ['order-paid'], secret: 'whsec_mine' }],
    ] as [string, unknown][]
  ).map(([name, body]): Case => ({ name: `subscription: ${name}`, method: 'POST', url: '/api/v1/admin/webhook-subscriptions', body, auth: 'admin', code: V })),
  { name: 'subscription: text/plain', method: 'POST', url: '/api/v1/admin/webhook-subscriptions', body: '{}', headers: { 'content-type': 'text/plain' }, auth: 'admin', status: 415 },
  { name: 'subscription: an id that is no uuid', method: 'GET', url: '/api/v1/admin/webhook-subscriptions/123', auth: 'admin', code: V },
  { name: 'subscription: NUL in the id', method: 'GET', url: '/api/v1/admin/webhook-subscriptions/{sub}%00', auth: 'admin', code: V },
  { name: 'subscription: disable, an id that is no uuid', method: 'POST', url: '/api/v1/admin/webhook-subscriptions/nope/disable', auth: 'admin', code: V },
  { name: 'subscription: enable, NUL in the id', method: 'POST', url: '/api/v1/admin/webhook-subscriptions/{sub}%00/enable', auth: 'admin', code: V },
  { name: 'subscription: rotate the secret, a lone surrogate in the id', method: 'POST', url: '/api/v1/admin/webhook-subscriptions/%ED%A0%80/rotate-secret', auth: 'admin' },
  { name: 'subscription: disable with a customer token', method: 'POST', url: '/api/v1/admin/webhook-subscriptions/{sub}/disable', auth: 'customer', code: 'UNAUTHENTICATED' },
  { name: 'deliveries: limit 0x10', method: 'GET', url: '/api/v1/admin/webhook-subscriptions/{sub}/deliveries?limit=0x10', auth: 'admin', code: V },
  { name: 'deliveries: limit 201', method: 'GET', url: '/api/v1/admin/webhook-subscriptions/{sub}/deliveries?limit=201', auth: 'admin', code: V },
  { name: 'deliveries: a bogus status', method: 'GET', url: '/api/v1/admin/webhook-subscriptions/{sub}/deliveries?status=sent', auth: 'admin', code: V },
  { name: 'deliveries: a garbage cursor', method: 'GET', url: '/api/v1/admin/webhook-subscriptions/{sub}/deliveries?cursor=garbage', auth: 'admin', code: V },
  { name: 'deliveries: a cursor of year 0', method: 'GET', url: `/api/v1/admin/webhook-subscriptions/{sub}/deliveries?cursor=${cursor('0000-01-01T00:00:00.000000Z', UUID)}`, auth: 'admin', code: V },
  { name: 'deliveries: a cursor with a number for an id', method: 'GET', url: `/api/v1/admin/webhook-subscriptions/{sub}/deliveries?cursor=${cursor('2026-12-01T00:00:00.000000Z', 1)}`, auth: 'admin', code: V },
  { name: 'delivery: an id that is no uuid', method: 'GET', url: '/api/v1/admin/webhook-deliveries/1', auth: 'admin', code: V },
  { name: 'redeliver: a NUL in by', method: 'POST', url: `/api/v1/admin/webhook-deliveries/${UUID}/redeliver`, body: { by: 'a\u0000' }, auth: 'admin', code: V },
  { name: 'redeliver: an array body', method: 'POST', url: `/api/v1/admin/webhook-deliveries/${UUID}/redeliver`, body: [], auth: 'admin', code: V },
  { name: 'redeliver: an id that is no uuid', method: 'POST', url: '/api/v1/admin/webhook-deliveries/x/redeliver', body: {}, auth: 'admin', code: V },
  // ---- admin: triage
  { name: 'triage: since not a date-time', method: 'GET', url: '/api/v1/admin/triage?since=yesterday', auth: 'admin', code: V },
  { name: 'triage: NUL in since', method: 'GET', url: '/api/v1/admin/triage?since=%00', auth: 'admin', code: V },
  // The report would say its baseline began in year -1, a date-time no schema can hold.
  { name: 'triage: a window in year 0', method: 'GET', url: '/api/v1/admin/triage?since=0000-01-01T00:00:00Z&until=0000-01-02T00:00:00Z', auth: 'admin', code: V },
  { name: 'triage: a window in year 1 (its default baseline falls in year 0)', method: 'GET', url: '/api/v1/admin/triage?since=0001-01-01T00:00:00Z&until=0001-01-01T01:00:00Z', auth: 'admin', code: V },
  { name: 'triage: until before since', method: 'GET', url: `/api/v1/admin/triage?since=${hourAgo()}&until=${daysAgo(1)}`, auth: 'admin', code: V },
  { name: 'triage: a window of 32 days', method: 'GET', url: `/api/v1/admin/triage?since=${daysAgo(32)}`, auth: 'admin', code: V },
  { name: 'triage: a baseline after since', method: 'GET', url: `/api/v1/admin/triage?since=${daysAgo(1)}&baselineSince=${hourAgo()}`, auth: 'admin', code: V },
  { name: 'triage: an unknown query field', method: 'GET', url: '/api/v1/admin/triage?limit=10', auth: 'admin', code: V },
  { name: 'triage: a customer token', method: 'GET', url: '/api/v1/admin/triage', auth: 'customer', code: 'UNAUTHENTICATED' },
  // ---- admin: the console's overview and its stream
  { name: 'overview: minutes 0', method: 'GET', url: '/api/v1/admin/overview?minutes=0', auth: 'admin', code: V },
  { name: 'overview: minutes 1441', method: 'GET', url: '/api/v1/admin/overview?minutes=1441', auth: 'admin', code: V },
  { name: 'overview: minutes 0x10', method: 'GET', url: '/api/v1/admin/overview?minutes=0x10', auth: 'admin', code: V },
  { name: 'overview: minutes 1e400', method: 'GET', url: '/api/v1/admin/overview?minutes=1e400', auth: 'admin', code: V },
  { name: 'overview: an unknown query field', method: 'GET', url: '/api/v1/admin/overview?since=2026-01-01T00:00:00Z', auth: 'admin', code: V },
  { name: 'overview: a customer token', method: 'GET', url: '/api/v1/admin/overview', auth: 'customer', code: 'UNAUTHENTICATED' },
  { name: 'overview stream: minutes 0', method: 'GET', url: '/api/v1/admin/overview/stream?minutes=0', auth: 'admin', code: V },
  { name: 'overview stream: NUL in the query', method: 'GET', url: '/api/v1/admin/overview/stream?minutes=%00', auth: 'admin', code: V },
  { name: 'overview stream: the key in the query instead of the header', method: 'GET', url: '/api/v1/admin/overview/stream?token=test-admin-key-0123456789', code: 'UNAUTHENTICATED' },
  { name: 'overview stream: a customer token', method: 'GET', url: '/api/v1/admin/overview/stream', auth: 'customer', code: 'UNAUTHENTICATED' },
  // ---- demo: the storefront's sign-in (writes nothing; a bad one must not get a token)
  ...(
    [
      ['upper case', { customer: 'Alice' }],
      ['33 characters', { customer: 'a'.repeat(33) }],
      ['empty', { customer: '' }],
      ['a NUL', { customer: 'a\u0000' }],
      ['a number', { customer: 7 }],
      ['an unknown field', { customer: 'bob', sub: 'admin' }],
      ['an array body', ['bob']],
    ] as [string, unknown][]
  ).map(([name, body]): Case => ({ name: `demo sign-in: ${name}`, method: 'POST', url: '/api/v1/demo/sign-in', body, code: V })),
  { name: 'demo sign-in: text/plain', method: 'POST', url: '/api/v1/demo/sign-in', body: '{"customer":"bob"}', headers: { 'content-type': 'text/plain' }, status: 415 },
  { name: 'demo sign-in: truncated JSON', method: 'POST', url: '/api/v1/demo/sign-in', body: raw('{"customer": "bo'), status: 400 },
  // ---- admin: providers, metrics, health
  { name: 'providers: a customer token', method: 'GET', url: '/api/v1/admin/providers', auth: 'customer', code: 'UNAUTHENTICATED' },
  { name: 'providers: NUL in the query', method: 'GET', url: '/api/v1/admin/providers?x=%00', auth: 'admin', code: V },
  { name: 'metrics: no credential', method: 'GET', url: '/metrics', code: 'UNAUTHENTICATED' },
  { name: 'metrics: a customer token', method: 'GET', url: '/metrics', auth: 'customer', code: 'UNAUTHENTICATED' },
  { name: 'metrics: NUL in the query', method: 'GET', url: '/metrics?name=%00', auth: 'admin', code: V },
  { name: 'health: NUL in the query (live)', method: 'GET', url: '/health/live?x=%00', code: V },
  { name: 'health: NUL in the query (ready)', method: 'GET', url: '/health/ready?x=%00', code: V },
  { name: 'health: POST', method: 'POST', url: '/health/live', body: {}, status: 405, code: 'METHOD_NOT_ALLOWED' },
  // ---- framework refusals
  { name: 'a method the path does not take', method: 'PATCH', url: '/api/v1/products', status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'an unknown path', method: 'GET', url: '/api/v1/nope', status: 404, code: 'NOT_FOUND' },
];

const MAX_ANSWER = 4096;

type Answer = Awaited<ReturnType<TestService['inject']>>;

/** A refusal in the contract's shape: a catalogued 4xx at its catalogue status, small, not to be sniffed. */
function expectRefused(r: Answer, c: { status?: number; code?: string }): void {
  expect(r.status, r.raw.slice(0, 500)).toBeGreaterThanOrEqual(400);
  expect(r.status, r.raw.slice(0, 500)).toBeLessThan(500);
  if (c.status) expect(r.status).toBe(c.status);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  expect(Object.keys(ERRORS)).toContain(r.body.error.code);
  if (c.code) expect(r.body.error.code, r.raw.slice(0, 500)).toBe(c.code);
  expect(r.body.error).toMatchObject({ message: expect.any(String), retryable: expect.any(Boolean) });
  expect(r.status).toBe(ERRORS[r.body.error.code as keyof typeof ERRORS].status);
  expect(r.raw.length).toBeLessThan(MAX_ANSWER);
  expect(r.headers.get('x-content-type-options')).toBe('nosniff');
}

/** Plausible values for the API's path parameters, by name: each route then gets past routing to its policy. */
const PARAM: Record<string, () => string> = {
  orderNo: () => ORDER,
  sku: () => 'BAD-SKU',
  id: () => '1',
  alertId: () => UUID,
  subscriptionId: () => subscriptionId,
  deliveryId: () => UUID,
  provider: () => 'paypay',
};

describe('bad input never gets a 5xx, is never accepted, and changes nothing', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const make = (c as { make?: () => Promise<string> }).make;
    const auth = c.auth === 'customer' ? customer : c.auth === 'admin' ? admin : make ? await make() : c.auth;
    const url = c.url.replace('{sub}', subscriptionId);
    const r = await t.inject(c.method, url, { ...(c.body !== undefined ? { body: c.body } : {}), ...(c.headers ? { headers: c.headers } : {}), ...(auth ? { auth } : {}) });
    expectRefused(r, c);
  });

  it('every operation of the OpenAPI document, called with its own credentials, refuses a NUL in each path parameter and in the query with 422', async () => {
    // Authenticated, so that what answers is the input policy: a route that reads its parameters before
    // the policy has checked them (the live endpoints once looked the order up first) answers 500 here.
    const doc = (await t.inject('GET', '/openapi.json')).body as { paths: Record<string, Record<string, { security?: Record<string, unknown>[] }>> };
    const credential = (security: Record<string, unknown>[] | undefined) =>
      security?.some((s) => 'adminKey' in s) ? admin : security?.some((s) => 'customerJwt' in s) ? customer : undefined;
    const tried: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const auth = credential(op.security);
        const body = method === 'post' || method === 'put' ? '{}' : undefined;
        const names = [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
        const fill = (nul: string | undefined) => path.replace(/\{([A-Za-z]+)\}/g, (_m, n: string) => (n === nul ? `${PARAM[n]!()}%00` : PARAM[n]!()));
        const attempts = [...names.map((n) => ({ url: fill(n), in: 'path' })), { url: `${fill(undefined)}?q=%00`, in: 'query' }];
        for (const a of attempts) {
          const r = await t.inject(method.toUpperCase(), a.url, { ...(auth ? { auth } : {}), ...(body !== undefined ? { body } : {}) });
          tried.push(`${method.toUpperCase()} ${a.url}`);
          expect(r.status, `${method.toUpperCase()} ${a.url}: ${r.raw.slice(0, 300)}`).toBe(422);
          expectRefused(r, { code: V });
          expect(r.body.error.details[0].in).toBe(a.in);
        }
      }
    }
    expect(tried.length).toBeGreaterThan(40);
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

// After the snapshot above: these tests write.
describe('bounds the schemas cannot see (they depend on what is stored)', () => {
  it('stock on hand is capped at 10^12: a move up to the cap is taken, one past it is 409 STOCK_LIMIT_EXCEEDED and moves nothing', async () => {
    const move = (delta: number) => t.inject('POST', '/api/v1/admin/products/CAP-SKU/stock', { body: { delta }, auth: admin });
    const up = await move(1);
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ sku: 'CAP-SKU', onHand: MAX_ON_HAND, reserved: 0, available: MAX_ON_HAND });
    const past = await move(1);
    expectRefused(past, { status: 409, code: 'STOCK_LIMIT_EXCEEDED' });
    expect(past.body.error.details).toEqual({ onHand: MAX_ON_HAND, max: MAX_ON_HAND });
    expect((await t.inject('GET', '/api/v1/admin/inventory/CAP-SKU', { auth: admin })).body.onHand).toBe(MAX_ON_HAND);
    // At the cap, stock still goes down.
    expect((await move(-5)).body.onHand).toBe(MAX_ON_HAND - 5);
  });

  it('an order comes to at most ¥100,000,000: exactly that is taken, a yen more is 422 ORDER_TOTAL_TOO_LARGE and records nothing', async () => {
    const buy = (items: { sku: string; quantity: number }[], k: string) => t.inject('POST', '/api/v1/orders', { body: orderBody('tok_visa', items), headers: { 'idempotency-key': k }, auth: customer });
    const orders = async () => Number((await sql<{ n: string }>`select count(*) as n from orders`.execute(t.svc.db)).rows[0]!.n);
    const n = await orders();
    const over = await buy([{ sku: 'TOP-SKU', quantity: 1 }, { sku: 'BAD-SKU', quantity: 1 }], 'cap-over');
    expectRefused(over, { status: 422, code: 'ORDER_TOTAL_TOO_LARGE' });
    expect(over.body.error.details).toEqual({ total: { amount: TOP_PRICE + 1500, currency: 'JPY' }, max: { amount: TOP_PRICE, currency: 'JPY' } });
    expect(over.body.error.orderNo).toBeUndefined();
    expect(await orders()).toBe(n);
    const ja = await t.inject('POST', '/api/v1/orders', { body: orderBody('tok_visa', [{ sku: 'TOP-SKU', quantity: 3 }]), headers: { 'idempotency-key': 'cap-ja', 'accept-language': 'ja' }, auth: customer });
    expect(ja.body.error.message).toBe(ERRORS.ORDER_TOTAL_TOO_LARGE.ja);
    const exact = await buy([{ sku: 'TOP-SKU', quantity: 1 }], 'cap-exact');
    expect(exact.status, exact.raw.slice(0, 500)).toBe(201);
    expect(exact.body.total).toEqual({ amount: TOP_PRICE, currency: 'JPY' });
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
