import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyOrderlySignature } from '../src/outbound/index.ts';
import { WebhookReceiver } from './helpers/receiver.ts';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * Outbound webhooks end to end: real loopback receivers (node:http), the
 * real service and stream. Deliveries are signed (Orderly-Signature) and
 * carry the stream's envelope; failures are retried to a `dead` delivery,
 * which an operator redelivers; disabled subscriptions get nothing new; a
 * replayed stream makes no second delivery.
 */

const SKU = 'OUT-SKU';
const MAX_ATTEMPTS = 4;
let t: TestService;
const receivers: WebhookReceiver[] = [];

beforeAll(async () => {
  t = await startTestService({ OUTBOUND_MAX_ATTEMPTS: String(MAX_ATTEMPTS), OUTBOUND_RETRY_BASE_MS: '50', OUTBOUND_RETRY_MAX_MS: '200', OUTBOUND_TIMEOUT_MS: '2000' });
  await t.product(SKU, 1200, 1000);
});
afterAll(async () => {
  await t?.close();
  for (const r of receivers) await r.close();
});

/** A receiver on 127.0.0.1; `keyOf` groups what it gets (and keys its scripted answers). */
async function receiver(keyOf: (body: any) => string = () => 'all'): Promise<WebhookReceiver> {
  const r = new WebhookReceiver('/hooks/orderly', keyOf);
  await r.start();
  receivers.push(r);
  return r;
}

async function subscribe(url: string, eventTypes: string[]) {
  const r = await t.admin('POST', '/api/v1/admin/webhook-subscriptions', { url, eventTypes, description: 'test receiver' });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { subscriptionId: string; secret: string; secretHint: string };
}

async function buyOne(): Promise<string> {
  const r = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
  expect(r.status).toBe(201);
  await settled(t, r.body.orderNo);
  return r.body.orderNo as string;
}

const deliveriesOf = async (subscriptionId: string, query = '') => (await t.admin('GET', `/api/v1/admin/webhook-subscriptions/${subscriptionId}/deliveries${query}`)).body.deliveries as any[];
const delivery = async (deliveryId: string) => (await t.admin('GET', `/api/v1/admin/webhook-deliveries/${deliveryId}`)).body;

/** Waits for the subscription's only delivery to reach `status`, and returns its detail. */
async function onlyDelivery(subscriptionId: string, status: string) {
  const d = await waitFor(async () => {
    const list = await deliveriesOf(subscriptionId);
    return list.length === 1 && list[0].status === status ? list[0] : undefined;
  }, { what: `the delivery to be ${status}` });
  return await delivery(d.deliveryId);
}

const disable = (id: string) => t.admin('POST', `/api/v1/admin/webhook-subscriptions/${id}/disable`);

describe('outbound webhooks', () => {
  let happy: { subscriptionId: string; secret: string };
  let happyReceiver: WebhookReceiver;

  it('delivers order-paid and order-status-changed, signed, with the stream envelope as the body', async () => {
    happyReceiver = await receiver((b) => b.key);
    happy = await subscribe(happyReceiver.url, ['order-paid', 'order-status-changed']);
    expect(happy.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const orderNo = await buyOne();
    const got = (await waitFor(async () => (happyReceiver.for(orderNo).length >= 3 ? happyReceiver.for(orderNo) : undefined), { what: 'three deliveries' }))!;
    expect(got.map((d) => d.body.type).sort()).toEqual(['order-paid', 'order-status-changed', 'order-status-changed']);
    for (const d of got) {
      expect(verifyOrderlySignature(d.raw, d.headers['orderly-signature'] as string, happy.secret)).toBe(true);
      expect(verifyOrderlySignature(d.raw, d.headers['orderly-signature'] as string, 'whsec_someone-else')).toBe(false);
      expect(verifyOrderlySignature(d.raw.replace('"key"', '"kay"'), d.headers['orderly-signature'] as string, happy.secret)).toBe(false);
      expect(d.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'orderly-webhooks/1', 'orderly-event-id': d.body.id, 'orderly-event-type': d.body.type });
      // Exactly the envelope the stream carries.
      const row = await t.svc.db.selectFrom('outbox').selectAll().where('event_id', '=', d.body.id).executeTakeFirstOrThrow();
      expect(d.body).toEqual({ id: row.event_id, family: row.family, type: row.type, version: row.version, subject: row.subject, key: orderNo, occurredAt: row.occurred_at.toISOString(), data: row.data });
      const detail = await delivery(d.headers['orderly-delivery-id'] as string);
      expect(detail).toMatchObject({ status: 'delivered', eventId: d.body.id, eventKey: orderNo, series: 1, attemptCount: 1 });
      expect(detail.attempts).toEqual([expect.objectContaining({ series: 1, attempt: 1, httpStatus: 200, error: null, outcome: 'delivered', responseBody: 'ok' })]);
    }
    // Newest first, paged by cursor.
    const first = await t.admin('GET', `/api/v1/admin/webhook-subscriptions/${happy.subscriptionId}/deliveries?limit=2`);
    expect(first.body.deliveries).toHaveLength(2);
    const second = await t.admin('GET', `/api/v1/admin/webhook-subscriptions/${happy.subscriptionId}/deliveries?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.deliveries).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.deliveries, ...second.body.deliveries];
    expect(new Set(all.map((d: any) => d.deliveryId)).size).toBe(3);
    expect(all.map((d: any) => d.createdAt)).toEqual(all.map((d: any) => d.createdAt).sort().reverse());
    expect((await t.admin('GET', `/api/v1/admin/webhook-subscriptions/${happy.subscriptionId}/deliveries?status=dead`)).body.deliveries).toEqual([]);
  });

  it('a receiver answering 500 twice gets the event on the 3rd attempt; the log shows 500, 500, 200', async () => {
    const rx = await receiver();
    rx.answers.set('all', [500, 500]);
    const sub = await subscribe(rx.url, ['order-paid']);
    const orderNo = await buyOne();
    const d = await onlyDelivery(sub.subscriptionId, 'delivered');
    expect(d).toMatchObject({ eventType: 'order-paid', eventKey: orderNo, attemptCount: 3, lastStatus: 200, series: 1 });
    expect(d.attempts.map((a: any) => a.httpStatus)).toEqual([500, 500, 200]);
    expect(d.attempts.map((a: any) => a.outcome)).toEqual(['failed', 'failed', 'delivered']);
    expect(rx.received).toHaveLength(3);
    // The same event each time: one id for the receiver to dedupe by, the same bytes.
    expect(new Set(rx.received.map((x) => x.headers['orderly-event-id'])).size).toBe(1);
    expect(new Set(rx.received.map((x) => x.raw)).size).toBe(1);
    await disable(sub.subscriptionId);
  });

  it('a receiver that never answers 2xx ends dead after the max attempts; a redelivery to it, healthy again, succeeds', async () => {
    const rx = await receiver();
    rx.answers.set('all', Array.from({ length: 20 }, () => 503));
    const sub = await subscribe(rx.url, ['order-paid']);
    await buyOne();
    const dead = await onlyDelivery(sub.subscriptionId, 'dead');
    expect(dead).toMatchObject({ attemptCount: MAX_ATTEMPTS, lastStatus: 503, nextAttemptAt: null, redelivered: null });
    expect(dead.deadAt).toEqual(expect.any(String));
    expect(dead.attempts.map((a: any) => a.httpStatus)).toEqual(Array(MAX_ATTEMPTS).fill(503));
    expect((await deliveriesOf(sub.subscriptionId, '?status=dead')).map((x) => x.deliveryId)).toEqual([dead.deliveryId]);
    expect(rx.received).toHaveLength(MAX_ATTEMPTS);
    // Nothing more is tried once it is dead.
    const after = rx.received.length;

    rx.answers.set('all', []);
    const again = await t.admin('POST', `/api/v1/admin/webhook-deliveries/${dead.deliveryId}/redeliver`, { by: 'ops-sato' });
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ status: 'pending', series: 2, attemptCount: 0, redelivered: { by: 'ops-sato' } });
    const done = await onlyDelivery(sub.subscriptionId, 'delivered');
    expect(done.attempts.map((a: any) => [a.series, a.attempt, a.httpStatus])).toEqual([...Array.from({ length: MAX_ATTEMPTS }, (_, i) => [1, i + 1, 503]), [2, 1, 200]]);
    expect(rx.received).toHaveLength(after + 1);
    expect(rx.received.at(-1)!.headers['orderly-event-id']).toBe(dead.eventId);

    // A delivered one can be sent again too (a receiver that lost it).
    const third = await t.admin('POST', `/api/v1/admin/webhook-deliveries/${dead.deliveryId}/redeliver`);
    expect(third.body).toMatchObject({ series: 3, redelivered: { by: 'admin' } });
    await waitFor(async () => (await delivery(dead.deliveryId)).status === 'delivered' && rx.received.length === after + 2, { what: 'the third series' });
    expect((await t.admin('POST', '/api/v1/admin/webhook-deliveries/00000000-0000-4000-8000-000000000000/redeliver')).status).toBe(404);
    await disable(sub.subscriptionId);
    expect((await t.admin('POST', `/api/v1/admin/webhook-deliveries/${dead.deliveryId}/redeliver`)).body.error.code).toBe('SUBSCRIPTION_DISABLED');
  });

  it('a disabled subscription gets nothing new; its pending deliveries are skipped', async () => {
    const offRx = await receiver();
    const onRx = await receiver((b) => b.key);
    const off = await subscribe(offRx.url, ['order-paid']);
    const on = await subscribe(onRx.url, ['order-paid']);
    const disabled = await disable(off.subscriptionId);
    expect(disabled.body).toMatchObject({ status: 'disabled', disabled: { reason: 'operator' } });
    const orderNo = await buyOne();
    await waitFor(async () => onRx.for(orderNo).length === 1, { what: 'the active subscription to get the event' });
    expect(await deliveriesOf(off.subscriptionId)).toEqual([]);
    expect(offRx.received).toEqual([]);
    await disable(on.subscriptionId);

    // Enabled again, it gets what happens from then on.
    expect((await t.admin('POST', `/api/v1/admin/webhook-subscriptions/${off.subscriptionId}/enable`)).body).toMatchObject({ status: 'active', disabled: null });
    offRx.hangOnce.add('all');
    await buyOne();
    // Disabled while its first attempt hangs: skipped at once, the hung attempt still logged.
    await waitFor(async () => offRx.received.length === 1, { what: 'the first attempt' });
    await disable(off.subscriptionId);
    const skipped = await onlyDelivery(off.subscriptionId, 'skipped');
    expect(skipped.nextAttemptAt).toBeNull();
    const logged = await waitFor(async () => {
      const d = await delivery(skipped.deliveryId);
      return d.attempts.length === 1 ? d : undefined;
    }, { what: 'the hung attempt to be logged' });
    expect(logged).toMatchObject({ status: 'skipped' });
    expect(logged.attempts[0]).toMatchObject({ httpStatus: null, outcome: 'failed', error: expect.stringMatching(/no answer within/) });
    expect(offRx.received).toHaveLength(1);
  });

  it('a redirect is a failed attempt (never followed); 410 Gone disables the subscription and ends the delivery', async () => {
    const rx = await receiver();
    rx.answers.set('all', [302, 410]);
    const sub = await subscribe(rx.url, ['order-paid']);
    await buyOne();
    const d = await onlyDelivery(sub.subscriptionId, 'dead');
    expect(d.attempts.map((a: any) => a.httpStatus)).toEqual([302, 410]);
    expect(rx.received).toHaveLength(2);
    expect((await t.admin('GET', `/api/v1/admin/webhook-subscriptions/${sub.subscriptionId}`)).body).toMatchObject({ status: 'disabled', disabled: { reason: 'gone' } });
  });

  it('refuses unknown event types and bad URLs with 422', async () => {
    const post = (body: unknown) => t.admin('POST', '/api/v1/admin/webhook-subscriptions', body);
    const unknown = await post({ url: 'https://example.com/hook', eventTypes: ['order-paid', 'order-shipped'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    expect(unknown.body.error.details[0]).toMatchObject({ in: 'body', field: '/eventTypes/1' });
    expect((await post({ url: 'https://example.com/hook', eventTypes: ['*', 'order-paid'] })).status).toBe(422);
    expect((await post({ url: 'https://example.com/hook', eventTypes: [] })).status).toBe(422);
    for (const url of ['ftp://example.com/hook', 'https://user:pw@example.com/hook', 'not a url', `https://example.com/${'a'.repeat(2000)}`, 'https://example.com/hook#frag', '//example.com/hook']) {
      const r = await post({ url, eventTypes: ['order-paid'] });
      expect(r.status, url).toBe(422);
      expect(r.body.error.details[0]).toMatchObject({ field: '/url' });
    }
    expect((await t.admin('GET', '/api/v1/admin/webhook-subscriptions/00000000-0000-4000-8000-000000000000')).body.error.code).toBe('SUBSCRIPTION_NOT_FOUND');
    expect((await t.admin('GET', '/api/v1/admin/webhook-deliveries/00000000-0000-4000-8000-000000000000')).body.error.code).toBe('DELIVERY_NOT_FOUND');
    expect((await t.call('GET', '/api/v1/admin/webhook-subscriptions')).status).toBe(401);
  });

  it('a replayed stream (same event ids) never creates a second delivery', async () => {
    const count = async (table: 'outbound_deliveries' | 'tasks') => Number((await t.svc.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const offset = async () => Number((await sql<{ position: number }>`select position from stream_offsets where consumer = 'outbound-webhooks' and source = 'pg'`.execute(t.svc.db)).rows[0]!.position);
    const before = { deliveries: await count('outbound_deliveries'), tasks: await count('tasks'), received: happyReceiver.received.length };
    const position = await offset();
    expect(position).toBeGreaterThan(0);
    // The consumer reads the whole stream again from the start.
    await sql`update stream_offsets set position = 0 where consumer = 'outbound-webhooks' and source = 'pg'`.execute(t.svc.db);
    await waitFor(async () => (await offset()) >= position, { what: 'the consumer to read the stream again' });
    expect({ deliveries: await count('outbound_deliveries'), tasks: await count('tasks'), received: happyReceiver.received.length }).toEqual(before);
  });

  it('shows the secret only at creation and rotation; deliveries are signed with the new one at once', async () => {
    const read = await t.admin('GET', `/api/v1/admin/webhook-subscriptions/${happy.subscriptionId}`);
    expect(read.body).not.toHaveProperty('secret');
    expect(read.body.secretHint).toBe(`whsec_…${happy.secret.slice(-4)}`);
    const list = await t.admin('GET', '/api/v1/admin/webhook-subscriptions');
    expect(list.body.subscriptions).toHaveLength(6);
    for (const s of list.body.subscriptions) expect(s).not.toHaveProperty('secret');
    expect(JSON.stringify(list.body)).not.toContain(happy.secret);

    const rotated = await t.admin('POST', `/api/v1/admin/webhook-subscriptions/${happy.subscriptionId}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(happy.secret);
    expect(rotated.body.secretRotatedAt).toEqual(expect.any(String));
    expect((await t.admin('GET', `/api/v1/admin/webhook-subscriptions/${happy.subscriptionId}`)).body.secretHint).toBe(`whsec_…${rotated.body.secret.slice(-4)}`);
    const orderNo = await buyOne();
    const got = (await waitFor(async () => (happyReceiver.for(orderNo).length >= 3 ? happyReceiver.for(orderNo) : undefined), { what: 'deliveries after the rotation' }))!;
    for (const d of got) {
      expect(verifyOrderlySignature(d.raw, d.headers['orderly-signature'] as string, rotated.body.secret)).toBe(true);
      expect(verifyOrderlySignature(d.raw, d.headers['orderly-signature'] as string, happy.secret)).toBe(false);
    }
    expect(t.logs.some((l) => l.includes(happy.secret) || l.includes(rotated.body.secret))).toBe(false);
    const metrics = await t.admin('GET', '/metrics');
    expect(metrics.body).toMatch(/orderly_outbound_deliveries_total\{outcome="delivered"\} \d+/);
    expect(metrics.body).toMatch(/orderly_outbound_deliveries_total\{outcome="dead"\} 2/);
    expect(metrics.body).toMatch(/orderly_outbound_attempts_total\{result="http_error"\} \d+/);
    expect(metrics.body).toContain('orderly_outbound_deliveries_pending');
    expect(metrics.body).toContain('orderly_outbound_attempt_seconds_bucket');
  });
});

describe('outbound webhooks in a strict setup (production defaults: https only, no private addresses)', () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService({ OUTBOUND_ALLOW_PRIVATE_URLS: 'false', OUTBOUND_ALLOW_HTTP: 'false', OUTBOUND_MAX_SUBSCRIPTIONS: '2', OUTBOUND_MAX_ATTEMPTS: '2', OUTBOUND_RETRY_BASE_MS: '50', OUTBOUND_RETRY_MAX_MS: '100' });
    await s.product(SKU, 1200, 10);
  });
  afterAll(async () => s?.close());
  const post = (url: string, eventTypes = ['order-paid']) => s.admin('POST', '/api/v1/admin/webhook-subscriptions', { url, eventTypes });

  it('refuses plain http and loopback or private hosts; allows a public https URL; keeps to the limit', async () => {
    for (const url of ['http://example.com/hook', 'https://127.0.0.1/hook', 'https://[::1]/hook', 'https://10.1.2.3/hook', 'https://169.254.169.254/latest', 'https://localhost/hook', 'https://2130706433/hook', 'https://[::ffff:192.168.0.1]/']) {
      const r = await post(url);
      expect(r.status, url).toBe(422);
      expect(r.body.error.details[0]).toMatchObject({ field: '/url' });
    }
    // Never delivered to: it names an event type this test does not cause, and is disabled at once.
    const a = await post('https://example.com/hook', ['AlertResolved']);
    expect(a.status).toBe(201);
    await s.admin('POST', `/api/v1/admin/webhook-subscriptions/${a.body.subscriptionId}/disable`);
    const b = await post('https://example.org/hook', ['AlertResolved']);
    const c = await post('https://example.net/hook', ['AlertResolved']);
    expect([b.status, c.status]).toEqual([201, 201]);
    const d = await post('https://example.net/other', ['AlertResolved']);
    expect(d.status).toBe(409);
    expect(d.body.error.code).toBe('SUBSCRIPTION_LIMIT_REACHED');
    expect((await s.admin('POST', `/api/v1/admin/webhook-subscriptions/${a.body.subscriptionId}/enable`)).body.error.code).toBe('SUBSCRIPTION_LIMIT_REACHED');
    for (const x of [b, c]) await s.admin('POST', `/api/v1/admin/webhook-subscriptions/${x.body.subscriptionId}/disable`);
  });

  it('refuses, at delivery, a name that resolves to a private address', async () => {
    const rx = await receiver();
    // Put in behind the API's back, as if the name had pointed elsewhere when it was subscribed.
    const id = '11111111-1111-4111-8111-111111111111';
    await s.svc.db
      .insertInto('outbound_subscriptions')
      .values({ id, url: rx.url.replace('127.0.0.1', 'localhost'), event_types: ['order-paid'], description: null, status: 'active', secret: 'whsec_test', disabled_reason: null, disabled_at: null, secret_rotated_at: null })
      .execute();
    const r = await s.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    expect(r.status).toBe(201);
    const d = await waitFor(async () => {
      const list = (await s.admin('GET', `/api/v1/admin/webhook-subscriptions/${id}/deliveries`)).body.deliveries;
      return list[0]?.status === 'dead' ? list[0] : undefined;
    }, { what: 'the delivery to die' });
    const detail = (await s.admin('GET', `/api/v1/admin/webhook-deliveries/${d.deliveryId}`)).body;
    expect(detail.attempts).toHaveLength(2);
    for (const a of detail.attempts) expect(a).toMatchObject({ httpStatus: null, error: expect.stringMatching(/resolves to a private address/) });
    expect(rx.received).toEqual([]);
  });
});
