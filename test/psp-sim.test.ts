import { randomBytes } from 'node:crypto';
import pg from 'pg';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migratePspSim, startPspSim, type PspSim } from '../src/psp-sim/index.ts';
import { requestHash } from '../src/psp-sim/sim.idempotency.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

const API_KEY = 'sk_test_psp_sim_key';
const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

let db: TestDatabase;
let sim: PspSim;

function startSim(): Promise<PspSim> {
  return startPspSim({
    databaseUrl: db.url,
    port: 0,
    apiKey: API_KEY,
    pendingSettleMs: 300,
    timeoutDelayMs: 5000,
    logger,
    // No webhookUrl: these tests do not read webhooks (test/psp-sim-webhooks.test.ts does).
    webhookSecret: 'whsec_psp_sim_test',
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  sim = await startSim();
});

afterAll(async () => {
  await sim?.close();
  await db?.drop();
});

afterEach(async () => {
  await fetch(`${sim.url}/__sim/faults`, { method: 'DELETE' });
});

const unique = (prefix: string): string => `${prefix}-${randomBytes(6).toString('hex')}`;

interface Res {
  status: number;
  body: any;
}

interface CallOptions {
  body?: unknown;
  key?: string;
  auth?: string | null;
  signal?: AbortSignal;
  base?: string;
}

async function call(method: string, path: string, opts: CallOptions = {}): Promise<Res> {
  const headers: Record<string, string> = {};
  if (opts.auth !== null) headers.authorization = opts.auth ?? `Bearer ${API_KEY}`;
  if (opts.key !== undefined) headers['idempotency-key'] = opts.key;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
  }
  const res = await fetch(`${opts.base ?? sim.url}${path}`, { method, headers, body, signal: opts.signal });
  const text = await res.text();
  return { status: res.status, body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text };
}

function paymentBody(token: string, reference = unique('ORD'), amount = 1000) {
  return { amount, currency: 'JPY', reference, source: { type: 'card', token } };
}

function authorize(
  token: string,
  opts: { reference?: string; amount?: number; key?: string; base?: string } = {},
): Promise<Res> {
  return call('POST', '/v1/payments', {
    body: paymentBody(token, opts.reference, opts.amount),
    key: opts.key ?? unique('idem'),
    base: opts.base,
  });
}

async function ledger(reference?: string): Promise<Res['body'][]> {
  const q = reference === undefined ? '' : `?reference=${encodeURIComponent(reference)}`;
  const res = await call('GET', `/__sim/payments${q}`, { auth: null });
  expect(res.status).toBe(200);
  return res.body.payments;
}

/** Polls `fn` until `done` holds or the deadline passes; returns the last value. */
async function pollUntil<T>(fn: () => Promise<T>, done: (v: T) => boolean, deadlineMs = 5000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const v = await fn();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('authentication and input', () => {
  it('requires the API key on /v1 but not on /__sim', async () => {
    expect((await call('GET', '/v1/payments/pay_x', { auth: null })).body).toEqual({ error: { code: 'unauthorized' } });
    expect((await call('GET', '/v1/payments/pay_x', { auth: 'Bearer wrong' })).status).toBe(401);
    expect((await call('POST', '/v1/payments', { auth: null, body: paymentBody('tok_visa'), key: 'k' })).status).toBe(401);
    expect(await call('GET', '/__sim/health', { auth: null })).toEqual({ status: 200, body: { ok: true } });
  });

  it('rejects a missing idempotency key, bad bodies and malformed JSON with 400', async () => {
    const noKey = await call('POST', '/v1/payments', { body: paymentBody('tok_visa') });
    expect(noKey).toEqual({ status: 400, body: { error: expect.objectContaining({ code: 'idempotency_key_missing' }) } });
    const longKey = await call('POST', '/v1/payments', { body: paymentBody('tok_visa'), key: 'k'.repeat(256) });
    expect(longKey.body.error.code).toBe('idempotency_key_missing');
    for (const bad of [
      { ...paymentBody('tok_visa'), amount: 0 },
      { ...paymentBody('tok_visa'), amount: '100' },
      { ...paymentBody('tok_visa'), currency: 'USD' },
      { ...paymentBody('tok_visa'), reference: '' },
      { ...paymentBody('tok_visa'), reference: 'x'.repeat(65) },
      { amount: 1, currency: 'JPY', reference: 'r' },
      '{"amount": 1,',
      '[]',
    ]) {
      const res = await call('POST', '/v1/payments', { body: bad, key: unique('k') });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.code).toBe('invalid_request');
    }
    const big = await call('POST', '/v1/payments', { body: `"${'x'.repeat(1_100_000)}"`, key: unique('k') });
    expect(big.status).toBe(413);
    expect((await call('GET', '/v1/payments')).status).toBe(400);
  });
});

describe('POST /v1/payments tokens', () => {
  it('tok_visa authorizes at once and can be read and found', async () => {
    const reference = unique('ORD');
    const key = unique('idem');
    const res = await authorize('tok_visa', { reference, key, amount: 2500 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      reference,
      amount: 2500,
      currency: 'JPY',
      status: 'authorized',
      authorizedAmount: 2500,
      capturedAmount: 0,
      refundedAmount: 0,
      idempotencyKey: key,
    });
    expect(res.body.id).toMatch(/^pay_/);
    expect(res.body.declineCode).toBeUndefined();
    expect((await call('GET', `/v1/payments/${res.body.id}`)).body).toEqual(res.body);
    expect((await call('GET', `/v1/payments?reference=${reference}`)).body.payments).toEqual([res.body]);
    expect((await call('GET', `/v1/payments?idempotencyKey=${key}`)).body.payments).toEqual([res.body]);
    expect((await call('GET', `/v1/payments?reference=${reference}&idempotencyKey=other`)).body.payments).toEqual([]);
    expect(await call('GET', '/v1/payments/pay_unknown')).toEqual({ status: 404, body: { error: { code: 'not_found' } } });
  });

  it('declines tok_declined and tok_insufficient_funds with their codes', async () => {
    const declined = await authorize('tok_declined');
    expect(declined.status).toBe(201);
    expect(declined.body).toMatchObject({ status: 'declined', declineCode: 'card_declined', authorizedAmount: 0 });
    const poor = await authorize('tok_insufficient_funds');
    expect(poor.body).toMatchObject({ status: 'declined', declineCode: 'insufficient_funds' });
  });

  it('tok_psp_unavailable answers 503 and records nothing, not even the key', async () => {
    const reference = unique('ORD');
    const key = unique('idem');
    const res = await authorize('tok_psp_unavailable', { reference, key });
    expect(res).toEqual({ status: 503, body: { error: { code: 'service_unavailable' } } });
    expect(await ledger(reference)).toEqual([]);
    // The key is free again: a retry with another card is not "key reused".
    expect((await authorize('tok_visa', { reference, key })).status).toBe(201);
  });

  it('an unknown token is 400 invalid_token, stored like any 4xx', async () => {
    const key = unique('idem');
    const body = paymentBody('tok_nope');
    const first = await call('POST', '/v1/payments', { body, key });
    expect(first).toEqual({ status: 400, body: { error: { code: 'invalid_token' } } });
    expect(await call('POST', '/v1/payments', { body, key })).toEqual(first);
    expect((await call('POST', '/v1/payments', { body: paymentBody('tok_visa'), key })).status).toBe(422);
  });

  it('tok_pending is processing, refuses capture/void, then settles to authorized', async () => {
    const created = await authorize('tok_pending', { amount: 700 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'processing', authorizedAmount: 0 });
    const id = created.body.id;
    const captureKey = unique('cap');
    expect(await call('POST', `/v1/payments/${id}/capture`, { key: captureKey })).toEqual({
      status: 409,
      body: { error: { code: 'payment_processing' } },
    });
    expect((await call('POST', `/v1/payments/${id}/void`, { key: unique('void') })).body.error.code).toBe(
      'payment_processing',
    );
    const settled = await pollUntil(
      () => call('GET', `/v1/payments/${id}`),
      (r) => r.body.status === 'authorized',
    );
    expect(settled.body).toMatchObject({ status: 'authorized', authorizedAmount: 700 });
    // The 409 was not stored: the same key succeeds once the charge settled.
    const captured = await call('POST', `/v1/payments/${id}/capture`, { key: captureKey });
    expect(captured.body).toMatchObject({ status: 'captured', capturedAmount: 700 });
  });

  it('tok_3ds requires action; the page and the test control complete it', async () => {
    const ok = await authorize('tok_3ds');
    expect(ok.body).toMatchObject({ status: 'requires_action', authorizedAmount: 0 });
    expect(ok.body.nextAction).toEqual({ type: 'redirect', url: `${sim.url}/sim/3ds/${ok.body.id}` });
    const page = await fetch(ok.body.nextAction.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="outcome" value="success"');
    expect(html).toContain('name="outcome" value="failure"');
    expect((await call('POST', `/v1/payments/${ok.body.id}/capture`, { key: unique('c') })).body.error).toEqual({
      code: 'invalid_state',
      status: 'requires_action',
    });
    const done = await call('POST', `/__sim/payments/${ok.body.id}/complete`, { auth: null, body: { outcome: 'success' } });
    expect(done.body).toMatchObject({ status: 'authorized', authorizedAmount: 1000 });
    expect(done.body.nextAction).toBeUndefined();
    const again = await call('POST', `/__sim/payments/${ok.body.id}/complete`, { auth: null, body: { outcome: 'success' } });
    expect(again.status).toBe(409);

    const failed = await authorize('tok_3ds');
    const form = await fetch(`${sim.url}/sim/3ds/${failed.body.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=failure',
    });
    expect(form.status).toBe(200);
    expect((await call('GET', `/v1/payments/${failed.body.id}`)).body).toMatchObject({
      status: 'declined',
      declineCode: 'authentication_failed',
    });

    const abandoned = await authorize('tok_3ds');
    const voided = await call('POST', `/v1/payments/${abandoned.body.id}/void`, { key: unique('v') });
    expect(voided.body.status).toBe('voided');
  });

  it('tok_timeout holds the money although the caller times out; a replay answers at once', async () => {
    const reference = unique('ORD');
    const key = unique('idem');
    const body = paymentBody('tok_timeout', reference);
    await expect(call('POST', '/v1/payments', { body, key, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(await ledger(reference)).toEqual([expect.objectContaining({ status: 'authorized', authorizedAmount: 1000 })]);
    const found = await call('GET', `/v1/payments?reference=${reference}`);
    expect(found.body.payments).toHaveLength(1);
    expect(found.body.payments[0]).toMatchObject({ status: 'authorized', idempotencyKey: key });
    const started = Date.now();
    const replay = await call('POST', '/v1/payments', { body, key, signal: AbortSignal.timeout(2000) });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(replay.status).toBe(201);
    expect(replay.body.id).toBe(found.body.payments[0].id);
  });
});

describe('idempotency', () => {
  it('replays the first answer, refuses another body or endpoint with 422', async () => {
    const key = unique('idem');
    const body = paymentBody('tok_visa');
    const first = await call('POST', '/v1/payments', { body, key });
    // Same body with its keys in another order is the same request.
    const reordered = { source: body.source, reference: body.reference, currency: body.currency, amount: body.amount };
    const replay = await call('POST', '/v1/payments', { body: reordered, key });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    expect(await ledger(body.reference)).toHaveLength(1);
    const other = await call('POST', '/v1/payments', { body: { ...body, amount: 999 }, key });
    expect(other).toEqual({ status: 422, body: { error: { code: 'idempotency_key_reused' } } });
    const otherEndpoint = await call('POST', `/v1/payments/${first.body.id}/capture`, { key });
    expect(otherEndpoint.status).toBe(422);
  });

  it('20 concurrent requests with one key create exactly one payment', async () => {
    const key = unique('idem');
    const body = paymentBody('tok_visa');
    const results = await Promise.all(Array.from({ length: 20 }, () => call('POST', '/v1/payments', { body, key })));
    const created = results.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of results.filter((r) => r.status !== 201)) {
      expect(r).toEqual({ status: 409, body: { error: { code: 'idempotency_in_progress' } } });
    }
    expect(await ledger(body.reference)).toHaveLength(1);
  });

  it('answers 409 while the first request with the key is in progress', async () => {
    const key = unique('idem');
    const body = paymentBody('tok_visa');
    const pool = new pg.Pool({ connectionString: db.url, max: 1 });
    try {
      await pool.query(
        `insert into psp_sim.idempotency (key, endpoint, request_hash, state, claim_token) values ($1, $2, $3, 'in_progress', 'x')`,
        [key, 'POST /v1/payments', requestHash('POST /v1/payments', body)],
      );
    } finally {
      await pool.end();
    }
    expect(await call('POST', '/v1/payments', { body, key })).toEqual({
      status: 409,
      body: { error: { code: 'idempotency_in_progress' } },
    });
  });
});

describe('capture, void, refund', () => {
  it('capture → refund rules, with the amounts kept as history', async () => {
    const { body: p } = await authorize('tok_visa', { amount: 1000 });
    const url = `/v1/payments/${p.id}`;
    expect((await call('POST', `${url}/capture`, { key: unique('c'), body: { amount: 1001 } })).status).toBe(400);
    const captured = await call('POST', `${url}/capture`, { key: unique('c') });
    expect(captured).toMatchObject({ status: 200, body: { status: 'captured', authorizedAmount: 1000, capturedAmount: 1000 } });
    // Capturing again is harmless, even with a new key.
    expect((await call('POST', `${url}/capture`, { key: unique('c') })).body).toEqual(captured.body);
    expect((await call('POST', `${url}/void`, { key: unique('v') })).body.error).toEqual({ code: 'invalid_state', status: 'captured' });
    const r1 = await call('POST', `${url}/refund`, { key: unique('r'), body: { amount: 400 } });
    expect(r1.body).toMatchObject({ status: 'captured', refundedAmount: 400 });
    const over = await call('POST', `${url}/refund`, { key: unique('r'), body: { amount: 601 } });
    expect(over).toEqual({ status: 409, body: { error: { code: 'refund_exceeds_captured' } } });
    const r2 = await call('POST', `${url}/refund`, { key: unique('r'), body: { amount: 600 } });
    expect(r2.body).toMatchObject({ status: 'refunded', refundedAmount: 1000, capturedAmount: 1000, authorizedAmount: 1000 });
    expect((await call('POST', `${url}/refund`, { key: unique('r'), body: { amount: 1 } })).status).toBe(409);
    expect((await call('POST', `${url}/refund`, { key: unique('r'), body: {} })).status).toBe(400);
  });

  it('void rules and state conflicts', async () => {
    const { body: p } = await authorize('tok_visa');
    const url = `/v1/payments/${p.id}`;
    expect((await call('POST', `${url}/refund`, { key: unique('r'), body: { amount: 1 } })).body.error).toEqual({
      code: 'invalid_state',
      status: 'authorized',
    });
    const voided = await call('POST', `${url}/void`, { key: unique('v') });
    expect(voided.body).toMatchObject({ status: 'voided', authorizedAmount: 1000, capturedAmount: 0 });
    expect((await call('POST', `${url}/void`, { key: unique('v') })).status).toBe(200);
    expect((await call('POST', `${url}/capture`, { key: unique('c') })).body.error).toEqual({ code: 'invalid_state', status: 'voided' });

    const { body: d } = await authorize('tok_declined');
    for (const op of ['capture', 'void']) {
      expect((await call('POST', `/v1/payments/${d.id}/${op}`, { key: unique(op) })).body.error).toEqual({
        code: 'invalid_state',
        status: 'declined',
      });
    }
    expect(await call('POST', '/v1/payments/pay_nope/capture', { key: unique('c') })).toEqual({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
  });

  it('two concurrent captures capture once', async () => {
    const { body: p } = await authorize('tok_visa', { amount: 1000 });
    const [a, b] = await Promise.all([
      call('POST', `/v1/payments/${p.id}/capture`, { key: unique('c'), body: { amount: 600 } }),
      call('POST', `/v1/payments/${p.id}/capture`, { key: unique('c'), body: { amount: 400 } }),
    ]);
    expect([a?.status, b?.status]).toEqual([200, 200]);
    // Both answers show the one capture that happened, not 600 + 400.
    expect(a?.body.capturedAmount).toBe(b?.body.capturedAmount);
    expect([600, 400]).toContain(a?.body.capturedAmount);
    const [line] = await ledger(p.reference);
    expect(line?.capturedAmount).toBe(a?.body.capturedAmount);
  });
});

describe('faults', () => {
  it('injects a status for a number of requests, recording nothing', async () => {
    const set = await call('POST', '/__sim/faults', { auth: null, body: { rules: [{ operation: 'authorize', status: 503, count: 2 }] } });
    expect(set.status).toBe(200);
    const reference = unique('ORD');
    const key = unique('idem');
    for (let i = 0; i < 2; i++) {
      expect(await authorize('tok_visa', { reference, key })).toEqual({ status: 503, body: { error: { code: 'injected_fault' } } });
    }
    expect(await ledger(reference)).toEqual([]);
    expect((await call('GET', '/__sim/faults', { auth: null })).body.rules).toEqual([
      { operation: 'authorize', status: 503, count: 2, remaining: 0 },
    ]);
    expect((await authorize('tok_visa', { reference, key })).status).toBe(201);
  });

  it('adds latency, hangs, and clears', async () => {
    const { body: p } = await authorize('tok_visa');
    await call('POST', '/__sim/faults', {
      auth: null,
      body: { rules: [{ operation: 'get', latencyMs: 400, count: 1 }, { operation: 'find', hang: true }] },
    });
    const started = Date.now();
    expect((await call('GET', `/v1/payments/${p.id}`)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    await expect(
      call('GET', `/v1/payments?reference=${p.reference}`, { signal: AbortSignal.timeout(300) }),
    ).rejects.toThrow();
    await call('DELETE', '/__sim/faults', { auth: null });
    expect((await call('GET', '/__sim/faults', { auth: null })).body.rules).toEqual([]);
    expect((await call('GET', `/v1/payments?reference=${p.reference}`)).body.payments).toHaveLength(1);
  });

  it('refuses malformed rules', async () => {
    const res = await call('POST', '/__sim/faults', { auth: null, body: { rules: [{ operation: 'explode' }] } });
    expect(res.status).toBe(400);
  });
});

describe('ledger, persistence and lifecycle', () => {
  it('the ledger has exactly the documented shape', async () => {
    const { body: p } = await authorize('tok_visa', { amount: 1234 });
    expect(await ledger(p.reference)).toEqual([
      { id: p.id, provider: 'psp-sim', reference: p.reference, status: 'authorized', amount: 1234, authorizedAmount: 1234, capturedAmount: 0, refundedAmount: 0 },
    ]);
    expect((await ledger()).length).toBeGreaterThan(1);
  });

  it('keeps state across restarts, settles with no timer running, and closes despite a delayed answer', async () => {
    const other = await startSim();
    const pending = await authorize('tok_pending', { base: other.url });
    expect(pending.body.status).toBe('processing');
    const reference = unique('ORD');
    const late = call('POST', '/v1/payments', { base: other.url, body: paymentBody('tok_timeout', reference), key: unique('k') }).then(
      (res) => res.status,
      () => 'aborted',
    );
    await pollUntil(() => ledger(reference), (l) => l.length === 1, 2000);
    const started = Date.now();
    await other.close();
    expect(Date.now() - started).toBeLessThan(2000);
    // The held answer ends with the server: a 503 or a dropped connection, never a 5 s wait.
    expect([503, 'aborted']).toContain(await late);
    // The simulator that created the pending charge is gone; reading it elsewhere settles it.
    const settled = await pollUntil(
      () => call('GET', `/v1/payments/${pending.body.id}`),
      (r) => r.body.status === 'authorized',
    );
    expect(settled.body).toMatchObject({ status: 'authorized', authorizedAmount: 1000 });
  });

  it('migratePspSim is idempotent and safe to run concurrently', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 3 });
    try {
      await Promise.all([migratePspSim(pool), migratePspSim(pool), migratePspSim(pool)]);
    } finally {
      await pool.end();
    }
  });
});
