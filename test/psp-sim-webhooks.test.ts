import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { WebhookReceiver, type Delivery } from './helpers/receiver.ts';
import { useSimulator, waitFor } from './helpers/simulator.ts';

const API_KEY = 'sk_test_psp_sim_key';
const SECRET = 'whsec_test_0123456789abcdef';
const MAX_ATTEMPTS = 5;
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

// A tiny webhook receiver, deliveries grouped by payment reference.
const receiver = new WebhookReceiver('/hooks', (body) => body.data.payment.reference);
const sim = useSimulator({
  receiver,
  options: () => ({
    apiKey: API_KEY,
    pendingSettleMs: 300,
    timeoutDelayMs: 5000,
    logger,
    webhookSecret: SECRET,
    webhookUrl: receiver.url,
    webhookRetryBaseMs: 50,
    webhookRetryMaxMs: 200,
    webhookMaxAttempts: MAX_ATTEMPTS,
    webhookTimeoutMs: 1000,
  }),
});
const { setFaults } = sim;

const unique = (prefix: string): string => `${prefix}-${randomBytes(6).toString('hex')}`;

async function call(method: string, path: string, body?: unknown, base = sim.url): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${API_KEY}` };
  if (method === 'POST') headers['idempotency-key'] = unique('idem');
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

function create(source: object, reference = unique('ORD'), base = sim.url) {
  return call('POST', '/v1/payments', { amount: 1000, currency: 'JPY', reference, source }, base);
}
const card = (token: string) => ({ type: 'card', token });
const paypay = { type: 'paypay' };

function form(path: string, outcome: string): Promise<Response> {
  return fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `outcome=${outcome}`,
  });
}

async function events(reference: string): Promise<any[]> {
  const res = await fetch(`${sim.url}/__sim/webhooks?reference=${encodeURIComponent(reference)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: any[] }).events;
}

const types = (ds: Delivery[]): string[] => ds.map((d) => d.body.type);
const delivered = (reference: string, n: number) =>
  waitFor(() => receiver.for(reference), (ds) => ds.length >= n);

describe('PayPay QR payments', () => {
  it('creates requires_action with the QR page; paying captures at once', async () => {
    const reference = unique('ORD');
    const created = await create(paypay, reference);
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: 'requires_action', authorizedAmount: 0, capturedAmount: 0 });
    expect(created.body.nextAction).toEqual({ type: 'redirect', url: `${sim.url}/sim/pay/${id}` });

    const page = await fetch(created.body.nextAction.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`paypay-sim://pay/${id}`);
    expect(html).toContain('1000 JPY');
    expect(html).toContain('name="outcome" value="success"');
    expect(html).toContain('name="outcome" value="failure"');
    expect((await fetch(`${sim.url}/sim/3ds/${id}`)).status).toBe(404);
    expect((await fetch(`${sim.url}/sim/pay/pay_nope`)).status).toBe(404);

    expect((await form(`/sim/pay/${id}`, 'success')).status).toBe(200);
    const after = await call('GET', `/v1/payments/${id}`);
    expect(after.body).toMatchObject({ status: 'captured', authorizedAmount: 1000, capturedAmount: 1000 });
    expect(after.body.nextAction).toBeUndefined();
    expect((await form(`/sim/pay/${id}`, 'success')).status).toBe(409);
    expect(await (await fetch(`${sim.url}/sim/pay/${id}`)).text()).toContain('captured');

    const ds = await delivered(reference, 2);
    expect(types(ds).sort()).toEqual(['payment.captured', 'payment.requires_action']);
    const byType = Object.fromEntries(ds.map((d) => [d.body.type, d.body.data.payment]));
    expect(byType['payment.requires_action']).toEqual(created.body);
    expect(byType['payment.captured']).toEqual(after.body);
  });

  it('cancelling declines with user_cancelled; a voided payment cannot be completed', async () => {
    const { body: p } = await create(paypay);
    const done = await call('POST', `/__sim/payments/${p.id}/complete`, { outcome: 'failure' });
    expect(done.body).toMatchObject({ status: 'declined', declineCode: 'user_cancelled', capturedAmount: 0 });
    const ds = await delivered(p.reference, 2);
    const declined = ds.find((d) => d.body.type === 'payment.declined');
    expect(declined?.body.data.payment).toEqual(done.body);

    const { body: q } = await create(paypay);
    expect((await call('POST', `/v1/payments/${q.id}/void`)).body.status).toBe('voided');
    expect((await call('POST', `/__sim/payments/${q.id}/complete`, { outcome: 'success' })).body.error).toEqual({
      code: 'invalid_state',
      status: 'voided',
    });
  });

  it('validates the source: paypay takes no token, card needs one', async () => {
    for (const source of [{ type: 'paypay', token: 'tok_visa' }, { type: 'card' }, { type: 'bank' }, { type: 'card', token: 'x', extra: 1 }]) {
      const res = await create(source);
      expect(res.status, JSON.stringify(source)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
  });

  it('tok_3ds completes to authorized, with both events', async () => {
    const { body: p } = await create(card('tok_3ds'));
    expect(p.nextAction.url).toBe(`${sim.url}/sim/3ds/${p.id}`);
    expect((await fetch(`${sim.url}/sim/pay/${p.id}`)).status).toBe(404);
    expect((await form(`/sim/3ds/${p.id}`, 'success')).status).toBe(200);
    const ds = await delivered(p.reference, 2);
    expect(types(ds).sort()).toEqual(['payment.authorized', 'payment.requires_action']);
  });
});

describe('signed delivery', () => {
  it('signs the exact body with the secret and a current timestamp', async () => {
    const { body: p } = await create(card('tok_visa'));
    const [d] = await delivered(p.reference, 1);
    expect(d?.headers['content-type']).toBe('application/json');
    const header = String(d?.headers['psp-sim-signature']);
    const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
    expect(match, header).not.toBeNull();
    const t = Number(match?.[1]);
    expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(10);
    const expected = createHmac('sha256', SECRET).update(`${t}.${d?.raw}`).digest();
    expect(timingSafeEqual(expected, Buffer.from(String(match?.[2]), 'hex'))).toBe(true);
    const wrong = createHmac('sha256', 'other').update(`${t}.${d?.raw}`).digest();
    expect(wrong.equals(expected)).toBe(false);

    expect(Object.keys(d?.body)).toEqual(['id', 'type', 'created', 'data']);
    expect(d?.body.id).toMatch(/^evt_[0-9a-f]{24}$/);
    expect(d?.body.type).toBe('payment.authorized');
    expect(Math.abs(d?.body.created - Date.now() / 1000)).toBeLessThan(10);
    expect(d?.body.data).toEqual({ payment: p });

    const [info] = await waitFor(() => events(p.reference), (es) => es[0]?.state === 'delivered');
    expect(info).toEqual({
      id: d?.body.id,
      type: 'payment.authorized',
      paymentId: p.id,
      reference: p.reference,
      state: 'delivered',
      attempts: 1,
      lastStatus: 200,
      createdAt: expect.any(String),
      deliveredAt: expect.any(String),
      deliveriesTotal: 1,
    });
  });

  it('retries 500s with backoff until delivered', async () => {
    const reference = unique('ORD');
    receiver.answers.set(reference, [500, 500]);
    await create(card('tok_visa'), reference);
    const [e] = await waitFor(() => events(reference), (es) => es[0]?.state === 'delivered');
    expect(e).toMatchObject({ attempts: 3, lastStatus: 200 });
    const ds = receiver.for(reference);
    expect(ds).toHaveLength(3);
    expect(new Set(ds.map((d) => d.body.id)).size).toBe(1);
    expect(new Set(ds.map((d) => d.raw)).size).toBe(1);
  });

  it('gives up after the maximum attempts', async () => {
    const reference = unique('ORD');
    receiver.answers.set(reference, Array.from({ length: 20 }, () => 503));
    await create(card('tok_declined'), reference);
    const [e] = await waitFor(() => events(reference), (es) => es[0]?.state === 'failed');
    expect(e).toMatchObject({ type: 'payment.declined', attempts: MAX_ATTEMPTS, lastStatus: 503, deliveredAt: null });
  });

  it('times out a receiver that never answers, then retries', async () => {
    const reference = unique('ORD');
    receiver.hangOnce.add(reference);
    await create(card('tok_visa'), reference);
    const [e] = await waitFor(() => events(reference), (es) => es[0]?.state === 'delivered');
    expect(e).toMatchObject({ attempts: 2, lastStatus: 200 });
  });

  it('tok_pending settlement sends payment.authorized without any read', async () => {
    const { body: p } = await create(card('tok_pending'));
    const ds = await delivered(p.reference, 2);
    expect(types(ds).sort()).toEqual(['payment.authorized', 'payment.processing']);
    const settled = ds.find((d) => d.body.type === 'payment.authorized');
    // Built in SQL by the settling statement: it must read exactly like the API.
    expect(settled?.body.data.payment).toEqual((await call('GET', `/v1/payments/${p.id}`)).body);
  });

  it('without a URL events stay pending, and go out once one is set', async () => {
    sim.server.setWebhookUrl(undefined);
    try {
      const { body: a } = await create(card('tok_visa'));
      const { body: b } = await create(card('tok_visa'), a.reference);
      await call('GET', `/v1/payments/${a.id}`);
      expect((await events(a.reference)).map((e) => e.state)).toEqual(['pending', 'pending']);
      expect(receiver.for(a.reference)).toEqual([]);
      sim.server.setWebhookUrl(receiver.url);
      const ds = await delivered(a.reference, 2);
      expect(ds.map((d) => d.body.data.payment.id).sort()).toEqual([a.id, b.id].sort());
    } finally {
      sim.server.setWebhookUrl(receiver.url);
    }
  });

  it('two simulators on one database deliver each event once; close gives in-flight events back', async () => {
    const other = await sim.startAnother();
    try {
      const reference = unique('ORD');
      const made = await Promise.all(
        Array.from({ length: 16 }, (_, i) => create(card('tok_visa'), reference, i % 2 ? sim.url : other.url)),
      );
      expect(made.every((r) => r.status === 201)).toBe(true);
      await waitFor(() => events(reference), (es) => es.length === 16 && es.every((e) => e.state === 'delivered'));
      const ids = receiver.for(reference).map((d) => d.body.id);
      expect(ids).toHaveLength(16);
      expect(new Set(ids).size).toBe(16);

      // A delivery hangs (in whichever simulator claimed it); closing does not wait for it.
      const hung = unique('ORD');
      receiver.hangOnce.add(hung);
      await create(card('tok_visa'), hung, other.url);
      await delivered(hung, 1);
      const started = Date.now();
      await other.close();
      expect(Date.now() - started).toBeLessThan(1000);
      // Given back (or timed out) and delivered by the simulator still running.
      await waitFor(() => events(hung), (es) => es[0]?.state === 'delivered');
    } finally {
      await other.close();
    }
  });
});

describe('webhook faults', () => {
  it('drop: the event is never delivered', async () => {
    const reference = unique('ORD');
    await setFaults([{ operation: 'webhook', drop: true, reference, eventType: 'payment.authorized' }]);
    const { body: p } = await create(card('tok_visa'), reference);
    await waitFor(() => events(reference), (es) => es[0]?.state === 'dropped');
    await call('POST', `/v1/payments/${p.id}/capture`);
    const [captured] = await delivered(reference, 1);
    expect(captured?.body.type).toBe('payment.captured');
    expect(types(receiver.for(reference))).toEqual(['payment.captured']);
    // The simulator records the delivery once our receiver's answer is back: a moment after the receiver has it.
    const recorded = await waitFor(() => events(reference), (es) => es.every((e) => e.state !== 'pending'));
    expect(recorded.map((e) => [e.type, e.state, e.attempts])).toEqual([
      ['payment.authorized', 'dropped', 0],
      ['payment.captured', 'delivered', 1],
    ]);
  });

  it('duplicate: the same event is delivered again, each copy signed', async () => {
    const reference = unique('ORD');
    await setFaults([{ operation: 'webhook', duplicate: 1, reference, count: 1 }]);
    await create(card('tok_visa'), reference);
    const ds = await delivered(reference, 2);
    expect(ds[0]?.raw).toBe(ds[1]?.raw);
    expect(ds[0]?.body.id).toBe(ds[1]?.body.id);
    for (const d of ds) {
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]+)$/.exec(String(d.headers['psp-sim-signature'])) ?? [];
      expect(createHmac('sha256', SECRET).update(`${t}.${d.raw}`).digest('hex')).toBe(v1);
    }
    const [e] = await waitFor(() => events(reference), (es) => es[0]?.deliveriesTotal === 2);
    expect(e).toMatchObject({ state: 'delivered', deliveriesTotal: 2 });
  });

  it('reorder: held events are delivered newest first', async () => {
    const reference = unique('ORD');
    await setFaults([{ operation: 'webhook', reorder: true, count: 2, reference }]);
    const { body: p } = await create(paypay, reference);
    await waitFor(() => events(reference), (es) => es[0]?.state === 'held');
    expect(receiver.for(reference)).toEqual([]);
    await call('POST', `/__sim/payments/${p.id}/complete`, { outcome: 'success' });
    const ds = await delivered(reference, 2);
    expect(types(ds)).toEqual(['payment.captured', 'payment.requires_action']);
  });

  it('reorder: a hold that never fills is released after latencyMs', async () => {
    const reference = unique('ORD');
    await setFaults([{ operation: 'webhook', reorder: true, count: 5, latencyMs: 300, reference }]);
    const { body: p } = await create(card('tok_visa'), reference);
    await call('POST', `/v1/payments/${p.id}/capture`);
    const ds = await delivered(reference, 2);
    expect(types(ds)).toEqual(['payment.captured', 'payment.authorized']);
  });

  it('latency: the first attempt waits', async () => {
    const reference = unique('ORD');
    await setFaults([{ operation: 'webhook', latencyMs: 600, reference }]);
    const started = Date.now();
    await create(card('tok_visa'), reference);
    const [d] = await delivered(reference, 1);
    expect(d!.at - started).toBeGreaterThanOrEqual(580);
  });

  it('refuses malformed webhook rules', async () => {
    for (const rule of [
      { operation: 'webhook', duplicate: 0 },
      { operation: 'webhook', eventType: 'captured' },
      { operation: 'webhook', drop: 'yes' },
      { operation: 'webhook', status: 500 },
      { operation: 'get', drop: true },
    ]) {
      expect((await call('POST', '/__sim/faults', { rules: [rule] })).status, JSON.stringify(rule)).toBe(400);
    }
  });
});

describe('status query faults', () => {
  it('get answers an injected 503 once; find is slowed', async () => {
    const { body: p } = await create(card('tok_visa'));
    await setFaults([
      { operation: 'get', status: 503, count: 1 },
      { operation: 'find', latencyMs: 300, count: 1 },
    ]);
    expect(await call('GET', `/v1/payments/${p.id}`)).toEqual({ status: 503, body: { error: { code: 'injected_fault' } } });
    expect((await call('GET', `/v1/payments/${p.id}`)).status).toBe(200);
    const started = Date.now();
    expect((await call('GET', `/v1/payments?reference=${p.reference}`)).body.payments).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });
});
