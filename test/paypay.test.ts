import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import { Writable } from 'node:stream';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { PayPayProvider } from '../src/payments/providers/paypay/paypay.adapter.ts';
import { opaAuthHeader } from '../src/payments/providers/paypay/paypay.auth.ts';
import { fromPayPayId, toPayPayId } from '../src/payments/providers/paypay/paypay.wire.ts';
import {
  ProviderAmbiguousError,
  ProviderRejectedError,
  ProviderUnavailableError,
  WebhookSignatureError,
  type ProviderPayment,
} from '../src/payments/providers/provider.ts';
import { WebhookReceiver } from './helpers/receiver.ts';
import { orderNo, useSimulator, waitFor } from './helpers/simulator.ts';

const PAYPAY = { apiKey: 'a_pp_test_key', apiSecret: 'pp-secret-0123456789abcdefDoNotLog', merchantId: '000000000000008181' };

/** Every log line the simulator writes, to prove the secret is never among them. */
const logLines: string[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  }),
);

let paypay: PayPayProvider;
// PayPay notifications' exact bytes and headers, by merchantPaymentId.
const receiver = new WebhookReceiver('/webhooks/paypay', (body) => body.merchant_order_id);
const sim = useSimulator({
  receiver,
  options: () => ({
    apiKey: 'sk_test_native',
    pendingSettleMs: 300,
    timeoutDelayMs: 5000,
    logger,
    webhookSecret: 'whsec_native_test',
    webhookUrls: { paypay: receiver.url },
    webhookRetryBaseMs: 50,
    webhookRetryMaxMs: 200,
    paypay: PAYPAY,
  }),
});
const { setFaults } = sim;

beforeAll(() => {
  paypay = new PayPayProvider({ ...PAYPAY, apiBase: sim.url, timeoutMs: 3000, redirectUrl: 'https://shop.example/orders/done' });
});

function authorize(reference = orderNo(), attempt = 1, amount = 3000): Promise<ProviderPayment> {
  return paypay.authorize({ reference, amount, currency: 'JPY', idempotencyKey: `${reference}:${attempt}`, source: { type: 'paypay' } });
}

/** The buyer on the QR page (the simulator's admin shortcut to the page's buttons). */
async function buyer(p: ProviderPayment, outcome: 'success' | 'failure'): Promise<void> {
  const simId = new URL(p.nextAction?.url ?? '').pathname.split('/').at(-1);
  const res = await fetch(`${sim.url}/__sim/payments/${simId}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome }),
  });
  expect(res.status).toBe(200);
}

async function ledger(reference: string): Promise<any[]> {
  const res = await fetch(`${sim.url}/__sim/payments?reference=${encodeURIComponent(reference)}`);
  return ((await res.json()) as { payments: any[] }).payments;
}

/** A raw signed call to the simulator's PayPay API (for what the adapter would never send). */
async function raw(
  method: string,
  path: string,
  opts: { body?: string; signBody?: string; contentType?: string; epoch?: number; nonce?: string } = {},
) {
  const contentType = opts.contentType ?? 'application/json';
  const authorization = opaAuthHeader({
    apiKey: PAYPAY.apiKey,
    apiSecret: PAYPAY.apiSecret,
    method,
    path,
    body: opts.signBody ?? opts.body,
    contentType,
    ...(opts.epoch !== undefined ? { epoch: opts.epoch } : {}),
    ...(opts.nonce !== undefined ? { nonce: opts.nonce } : {}),
  });
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization, 'x-assume-merchant': PAYPAY.merchantId, ...(opts.body ? { 'content-type': contentType } : {}) },
    body: opts.body,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('OPA-Auth signing', () => {
  it('reproduces the example in PayPay\u2019s "OPA API Authorization" document', () => {
    const header = opaAuthHeader({
      apiKey: 'APIKeyGenerated',
      apiSecret: 'APIKeySecretGenerated',
      method: 'POST',
      path: '/v2/codes',
      body: JSON.stringify({ sampleRequestBodyKey1: 'sampleRequestBodyValue1', sampleRequestBodyKey2: 'sampleRequestBodyValue2' }),
      contentType: 'application/json;charset=UTF-8;',
      nonce: 'acd028',
      epoch: 1579843452,
    });
    expect(header).toBe('hmac OPA-Auth:APIKeyGenerated:NW1jKIMnzR7tEhMWtcJcaef+nFVBt7jjAGcVuxHhchc=:acd028:1579843452:1j0FnY4flNp5CtIKa7x9MQ==');
  });

  it('reproduces PayPay\u2019s FAQ example of a GET without a body', () => {
    const header = opaAuthHeader({ apiKey: 'sample_key', apiSecret: 'sample_secret', method: 'GET', path: '/v2/payments/TEST_merchantPaymentID', nonce: 'a360e2', epoch: 1743139337 });
    expect(header).toBe('hmac OPA-Auth:sample_key:JbUZwAUKeQ+WDClEjkCGwYG/juFR+Dd5RK5AfL0gK9w=:a360e2:1743139337:empty');
  });

  it('maps attempt keys into PayPay\u2019s id alphabet and back', () => {
    expect(toPayPayId('ORD-20261121-7K3Q9X:1')).toBe('ORD-20261121-7K3Q9X_3a1');
    for (const key of ['ORD-1:2:capture', 'a_b:c', '注文:1']) expect(fromPayPayId(toPayPayId(key) as string)).toBe(key);
    expect(toPayPayId(`${'x'.repeat(64)}:1`)).toBeUndefined();
  });
});

describe('PayPay adapter against the simulator', () => {
  it('QR code → buyer pays → authorized → capture → refund', async () => {
    const reference = orderNo();
    const p = await authorize(reference);
    expect(p).toMatchObject({ providerPaymentId: toPayPayId(`${reference}:1`), reference, idempotencyKey: `${reference}:1`, status: 'requires_action' });
    expect(p.nextAction?.url).toMatch(new RegExp(`^${sim.url}/sim/pay/\\d+$`));
    expect(await paypay.get({ providerPaymentId: p.providerPaymentId })).toMatchObject({ status: 'requires_action', amount: 3000 });

    await buyer(p, 'success');
    expect(await paypay.get({ providerPaymentId: p.providerPaymentId })).toMatchObject({ status: 'authorized', capturedAmount: 0, reference });

    const captured = await paypay.capture({ providerPaymentId: p.providerPaymentId, amount: 3000, idempotencyKey: `${reference}:1:capture` });
    expect(captured).toMatchObject({ status: 'captured', capturedAmount: 3000, refundedAmount: 0 });
    // The same capture again (a retry after a lost answer) is answered, not repeated.
    expect(await paypay.capture({ providerPaymentId: p.providerPaymentId, amount: 3000, idempotencyKey: `${reference}:1:capture` })).toMatchObject({ status: 'captured', capturedAmount: 3000 });

    const refunded = await paypay.refund({ providerPaymentId: p.providerPaymentId, amount: 3000, idempotencyKey: `${reference}:1:refund` });
    expect(refunded).toMatchObject({ status: 'refunded', capturedAmount: 3000, refundedAmount: 3000 });
    expect(await paypay.refund({ providerPaymentId: p.providerPaymentId, amount: 3000, idempotencyKey: `${reference}:1:refund` })).toMatchObject({ refundedAmount: 3000 });
    expect(await paypay.get({ providerPaymentId: p.providerPaymentId })).toMatchObject({ status: 'refunded', refundedAmount: 3000 });

    expect(await ledger(reference)).toEqual([
      expect.objectContaining({ provider: 'paypay', status: 'refunded', amount: 3000, capturedAmount: 3000, refundedAmount: 3000 }),
    ]);
  });

  it('buyer pays → void reverts the authorization', async () => {
    const reference = orderNo();
    const p = await authorize(reference);
    await buyer(p, 'success');
    const voided = await paypay.void({ providerPaymentId: p.providerPaymentId, idempotencyKey: `${reference}:1:void` });
    expect(voided).toMatchObject({ status: 'voided', capturedAmount: 0 });
    expect(await paypay.get({ providerPaymentId: p.providerPaymentId })).toMatchObject({ status: 'voided' });
    // Voiding again changes nothing and is no error.
    expect(await paypay.void({ providerPaymentId: p.providerPaymentId, idempotencyKey: `${reference}:1:void` })).toMatchObject({ status: 'voided' });
    const captureAfter = await rejection(paypay.capture({ providerPaymentId: p.providerPaymentId, amount: 3000, idempotencyKey: `${reference}:1:capture` }));
    expect(captureAfter).toBeInstanceOf(ProviderRejectedError);
    expect((captureAfter as ProviderRejectedError).reason).toBe('ORDER_NOT_CAPTURABLE');
    expect((await ledger(reference))[0]).toMatchObject({ status: 'voided' });
  });

  it('void before the buyer pays cancels the payment: the QR code can no longer be paid', async () => {
    const reference = orderNo();
    const p = await authorize(reference);
    expect(await paypay.void({ providerPaymentId: p.providerPaymentId, idempotencyKey: `${reference}:1:void` })).toMatchObject({ status: 'voided' });
    // "Cancel a payment" leaves the order FAILED at PayPay: nothing is held.
    expect(await paypay.get({ providerPaymentId: p.providerPaymentId })).toMatchObject({ status: 'declined' });
    const simId = new URL(p.nextAction?.url ?? '').pathname.split('/').at(-1);
    const late = await fetch(`${sim.url}/__sim/payments/${simId}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"outcome":"success"}' });
    expect(late.status).toBe(409);
  });

  it('buyer cancels on the QR page → declined', async () => {
    const p = await authorize();
    await buyer(p, 'failure');
    expect(await paypay.get({ providerPaymentId: p.providerPaymentId })).toMatchObject({ status: 'declined', declineCode: 'paypay_failed', capturedAmount: 0 });
  });

  it('the same attempt key twice is the same payment; findByReference finds it by key', async () => {
    const reference = orderNo();
    const first = await authorize(reference);
    const again = await authorize(reference);
    expect(again).toEqual(first);
    expect(await ledger(reference)).toHaveLength(1);
    expect(await paypay.findByReference({ reference, idempotencyKey: `${reference}:1` })).toEqual([expect.objectContaining({ providerPaymentId: first.providerPaymentId, status: 'requires_action' })]);
    expect(await paypay.findByReference({ reference, idempotencyKey: `${reference}:2` })).toEqual([]);
    // The same id with another amount is PayPay's duplicate error, not a second payment.
    const other = await rejection(authorize(reference, 1, 5000));
    expect((other as ProviderRejectedError).reason).toBe('DUPLICATE_DYNAMIC_QR_REQUEST');
    expect(await paypay.get({ providerPaymentId: toPayPayId(`${reference}:9`) as string })).toBeUndefined();
  });

  it('refuses card payments and non-JPY amounts without calling PayPay', async () => {
    const reference = orderNo();
    const card = await rejection(paypay.authorize({ reference, amount: 1000, currency: 'JPY', idempotencyKey: `${reference}:1`, source: { type: 'card', token: 'tok_visa' } }));
    expect(card).toBeInstanceOf(ProviderRejectedError);
    expect((card as ProviderRejectedError).reason).toBe('unsupported_payment_method');
    const usd = await rejection(paypay.authorize({ reference, amount: 1000, currency: 'USD', idempotencyKey: `${reference}:1`, source: { type: 'paypay' } }));
    expect((usd as ProviderRejectedError).reason).toBe('unsupported_currency');
    expect(await ledger(reference)).toEqual([]);
  });
});

describe('authentication and faults', () => {
  it('a wrong API secret is a 401 UNAUTHORIZED: unavailable, status kept', async () => {
    const wrong = new PayPayProvider({ ...PAYPAY, apiSecret: 'not-the-secret', apiBase: sim.url, timeoutMs: 3000 });
    const e = await rejection(wrong.authorize({ reference: 'ORD-X', amount: 100, currency: 'JPY', idempotencyKey: 'ORD-X:1', source: { type: 'paypay' } }));
    expect(e).toBeInstanceOf(ProviderUnavailableError);
    expect((e as ProviderUnavailableError).detail.status).toBe(401);
    expect(JSON.parse((e as ProviderUnavailableError).detail.body ?? '{}').resultInfo.code).toBe('UNAUTHORIZED');
    expect(await ledger('ORD-X')).toEqual([]);
  });

  it('refuses a body changed after signing, a stale epoch, a replayed nonce and another merchant', async () => {
    const mpid = toPayPayId(`${orderNo()}:1`) as string;
    const body = JSON.stringify({ merchantPaymentId: mpid, amount: { amount: 100, currency: 'JPY' }, codeType: 'ORDER_QR' });
    const tampered = await raw('POST', '/v2/codes', { signBody: body, body: body.replace('100', '1') });
    expect(tampered).toEqual({ status: 401, body: { resultInfo: { code: 'UNAUTHORIZED', message: 'Unauthorized request', codeId: '08100016' }, data: null } });
    expect((await raw('POST', '/v2/codes', { body, epoch: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    // The content type signed is the one sent, whatever its parameters (the document's example uses a charset).
    const other = body.replace(mpid, toPayPayId(`${orderNo()}:1`) as string);
    expect((await raw('POST', '/v2/codes', { body: other, contentType: 'application/json;charset=UTF-8' })).status).toBe(201);
    const nonce = randomBytes(4).toString('hex');
    expect((await raw('GET', `/v2/codes/payments/${mpid}`, { nonce })).body.resultInfo.code).toBe('DYNAMIC_QR_PAYMENT_NOT_FOUND');
    expect((await raw('GET', `/v2/codes/payments/${mpid}`, { nonce })).status).toBe(401);
    const res = await fetch(`${sim.url}/v2/codes/payments/${mpid}`, {
      headers: { authorization: opaAuthHeader({ ...PAYPAY, method: 'GET', path: `/v2/codes/payments/${mpid}` }), 'x-assume-merchant': 'someone-else' },
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as any).resultInfo.code).toBe('OP_OUT_OF_SCOPE');
    // The signature is PayPay's, not a lookalike: an HMAC keyed with the secret over another layout fails.
    const epoch = Math.floor(Date.now() / 1000);
    const mac = createHmac('sha256', PAYPAY.apiSecret).update(`/v2/codes/payments/${mpid}GET`).digest('base64');
    const forged = await fetch(`${sim.url}/v2/codes/payments/${mpid}`, { headers: { authorization: `hmac OPA-Auth:${PAYPAY.apiKey}:${mac}:n1:${epoch}:empty` } });
    expect(forged.status).toBe(401);
  });

  it('an injected 503 with Retry-After is unavailable, in PayPay\u2019s shape, and records nothing', async () => {
    await setFaults([{ operation: 'authorize', provider: 'paypay', status: 503, retryAfterSeconds: 7, count: 1 }]);
    const reference = orderNo();
    const e = await rejection(authorize(reference));
    expect(e).toBeInstanceOf(ProviderUnavailableError);
    expect((e as ProviderUnavailableError).detail).toMatchObject({ status: 503, retryAfterSeconds: 7 });
    expect(JSON.parse((e as ProviderUnavailableError).detail.body ?? '{}').resultInfo.code).toBe('MAINTENANCE_MODE');
    expect(await ledger(reference)).toEqual([]);
    expect((await authorize(reference)).status).toBe('requires_action');
  });

  it('a PayPay that hangs is ambiguous once the timeout passes', async () => {
    const p = await authorize();
    await setFaults([{ operation: 'get', provider: 'paypay', hang: true, count: 1 }]);
    const quick = new PayPayProvider({ ...PAYPAY, apiBase: sim.url, timeoutMs: 300 });
    const started = Date.now();
    const e = await rejection(quick.get({ providerPaymentId: p.providerPaymentId }));
    expect(e).toBeInstanceOf(ProviderAmbiguousError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a refused connection is unavailable', async () => {
    // A port that was just free: nothing listens there.
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const port = typeof address === 'object' && address ? address.port : 0;
    const nowhere = new PayPayProvider({ ...PAYPAY, apiBase: `http://127.0.0.1:${port}`, timeoutMs: 1000 });
    expect(await rejection(nowhere.get({ providerPaymentId: 'x' }))).toBeInstanceOf(ProviderUnavailableError);
  });
});

describe('PayPay notifications', () => {
  it('the approval is notified unsigned; verify reads it as a hint to confirm with PayPay', async () => {
    const reference = orderNo();
    const p = await authorize(reference);
    await buyer(p, 'success');
    const [n] = await waitFor(() => receiver.for(p.providerPaymentId).filter((d) => d.body.state === 'AUTHORIZED'), (ds) => ds.length >= 1);
    expect(n?.body).toMatchObject({
      notification_type: 'Transaction',
      merchant_id: PAYPAY.merchantId,
      merchant_order_id: p.providerPaymentId,
      order_amount: '3000',
      state: 'AUTHORIZED',
      paid_at: null,
    });
    expect(n?.body.authorized_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(Object.keys(n?.headers ?? {}).filter((h) => /signature/i.test(h))).toEqual([]);

    const event = paypay.webhooks.verify(n?.raw ?? '', n?.headers ?? {});
    expect(event).toMatchObject({ confirmWithPsp: true, type: 'transaction.authorized', payment: { providerPaymentId: p.providerPaymentId, reference, status: 'authorized' } });
    expect(paypay.webhooks.decode(n?.raw ?? '')).toEqual(event);
    // What counts is PayPay's answer, not the body: confirm.
    expect(await paypay.get({ providerPaymentId: event.payment?.providerPaymentId ?? '' })).toMatchObject({ status: 'authorized' });

    await paypay.capture({ providerPaymentId: p.providerPaymentId, amount: 3000, idempotencyKey: `${reference}:1:capture` });
    const [c] = await waitFor(() => receiver.for(p.providerPaymentId).filter((d) => d.body.state === 'COMPLETED'), (ds) => ds.length >= 1);
    expect(c?.body.paid_at).toMatch(/Z$/);
    expect(c?.body.authorized_at).toBe(n?.body.authorized_at);
    expect(paypay.webhooks.verify(c?.raw ?? '', {}).id).not.toBe(event.id);
  });

  it('rejects bodies that are not PayPay transaction notifications', () => {
    for (const body of ['not json', '{}', JSON.stringify({ notification_type: 'file.created', path: 'x' }), JSON.stringify({ notification_type: 'Transaction', order_id: '1', merchant_order_id: 'x', order_amount: '10', state: 'PAID' })]) {
      const e = (() => {
        try {
          paypay.webhooks.verify(body, {});
        } catch (err) {
          return err;
        }
      })();
      expect(e, body).toBeInstanceOf(WebhookSignatureError);
      expect((e as WebhookSignatureError).reason).toBe('bad_body');
    }
  });

  it('never logs the API secret', () => {
    expect(logLines.length).toBeGreaterThan(10);
    expect(logLines.join('\n')).not.toContain(PAYPAY.apiSecret);
  });
});
