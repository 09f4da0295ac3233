import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { ResilientProvider, type EdgePolicy } from '../src/payments/providers/edge/resilient-provider.ts';
import { PayPayProvider } from '../src/payments/providers/paypay/paypay.adapter.ts';
import { toPayPayId } from '../src/payments/providers/paypay/paypay.wire.ts';
import { ProviderUnavailableError, type AuthorizeInput, type PaymentProvider } from '../src/payments/providers/provider.ts';
import { PspSimProvider } from '../src/payments/providers/psp-sim/psp-sim.adapter.ts';
import { StripeProvider } from '../src/payments/providers/stripe/stripe.adapter.ts';
import { WebhookReceiver } from './helpers/receiver.ts';
import { orderNo, sendFaults, useSimulator, waitFor } from './helpers/simulator.ts';

/**
 * "A PSP that says 503 and then authorizes anyway": the `afterActing` fault
 * lets the simulator act and then answer an error. The adapters take the 503
 * at its word (unavailable: nothing done) while the PSP holds the money; what
 * keeps that from becoming a double charge is the idempotency key.
 */

const API_KEY = `sk_sim_act_${randomBytes(6).toString('hex')}`;
const STRIPE_KEY = `sk_test_act${randomBytes(6).toString('hex')}`;
const PAYPAY = { apiKey: 'a_act_key', apiSecret: 'act-secret-0123456789', merchantId: 'act-merchant' };
const NATIVE_WEBHOOK_SECRET = 'whsec_act_native';
const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

// The native API's events, by payment reference.
const receiver = new WebhookReceiver('/native', (body) => body.data.payment.reference);

const POLICY: EdgePolicy = {
  timeoutsMs: { authorize: 3000, capture: 3000, void: 3000, refund: 3000, get: 3000, find: 3000 },
  retry: { max: 2, baseMs: 5, maxDelayMs: 50 },
  circuit: { failureRate: 0.5, minCalls: 100, consecutiveFailures: 0, windowMs: 10_000, halfOpenAfterMs: 300, probes: 2 },
  rateLimit: { perSecond: 1000, maxWaitMs: 1000 },
};

const sim = useSimulator({
  receiver,
  options: () => ({
    apiKey: API_KEY,
    pendingSettleMs: 300,
    timeoutDelayMs: 3000,
    logger: log,
    webhookSecret: NATIVE_WEBHOOK_SECRET,
    webhookUrl: receiver.url,
    webhookRetryBaseMs: 50,
    webhookRetryMaxMs: 200,
    stripe: { secretKey: STRIPE_KEY, webhookSecret: 'whsec_act_stripe' },
    paypay: PAYPAY,
  }),
});
const { setFaults } = sim;

async function ledger(reference: string): Promise<{ id: string; status: string; amount: number; capturedAmount: number; refundedAmount: number }[]> {
  const res = await fetch(`${sim.url}/__sim/payments?reference=${encodeURIComponent(reference)}`);
  return ((await res.json()) as { payments: never[] }).payments;
}

interface Psp {
  name: 'psp-sim' | 'stripe' | 'paypay';
  adapter: PaymentProvider;
  input: (reference: string) => AuthorizeInput;
  /** What the PSP holds once it acted on the authorization. */
  held: string;
}

let PSPS: Psp[] = [];
beforeAll(() => {
  PSPS = [
    {
      name: 'psp-sim',
      adapter: new PspSimProvider({ baseUrl: sim.url, apiKey: API_KEY, timeoutMs: 5000 }),
      input: (reference) => ({ reference, amount: 2000, currency: 'JPY', idempotencyKey: `${reference}:1`, source: { type: 'card', token: 'tok_visa' } }),
      held: 'authorized',
    },
    {
      name: 'stripe',
      adapter: new StripeProvider({ secretKey: STRIPE_KEY, apiBase: sim.url, webhookSecrets: ['whsec_act_stripe'], webhookToleranceSeconds: 300, timeoutMs: 5000 }),
      input: (reference) => ({ reference, amount: 2000, currency: 'JPY', idempotencyKey: `${reference}:1`, source: { type: 'card', token: 'pm_card_visa' } }),
      held: 'authorized',
    },
    {
      // PayPay's authorization starts with the QR code the buyer pays: created, waiting for the buyer.
      name: 'paypay',
      adapter: new PayPayProvider({ ...PAYPAY, apiBase: sim.url, timeoutMs: 5000 }),
      input: (reference) => ({ reference, amount: 2000, currency: 'JPY', idempotencyKey: `${reference}:1`, source: { type: 'paypay' } }),
      held: 'requires_action',
    },
  ];
});

const ACT_THEN_503 = (provider: string, extra: object = {}) => ({ operation: 'authorize', provider, status: 503, afterActing: true, ...extra });

describe.each(['psp-sim', 'stripe', 'paypay'] as const)('%s: 503 after authorizing', (name) => {
  const psp = () => PSPS.find((p) => p.name === name)!;

  it('the adapter throws ProviderUnavailableError while the PSP holds the authorization; the same key returns that payment', async () => {
    const reference = orderNo();
    expect((await setFaults([ACT_THEN_503(name, { count: 1 })])).status).toBe(200);
    const err = await psp().adapter.authorize(psp().input(reference)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderUnavailableError);
    expect(err).toMatchObject({ detail: { status: 503 } });
    const held = await ledger(reference);
    expect(held).toEqual([expect.objectContaining({ status: psp().held, amount: 2000 })]);
    // A retry with the attempt's key (what the edge does after a 503) is answered from the PSP's record.
    const again = await psp().adapter.authorize(psp().input(reference));
    expect(again).toMatchObject({ status: psp().held, reference, amount: 2000 });
    expect(await ledger(reference)).toHaveLength(1);
    const id = name === 'paypay' ? toPayPayId(`${reference}:1`) : held[0]!.id;
    expect(again.providerPaymentId).toBe(id);
  });

  it('through the edge: its retry of the 503 gets the same payment, never a second authorization', async () => {
    const reference = orderNo();
    await setFaults([ACT_THEN_503(name, { count: 1 })]);
    const edge = new ResilientProvider(psp().adapter, POLICY, log);
    const p = await edge.authorize(psp().input(reference));
    expect(p).toMatchObject({ status: psp().held, reference });
    expect(await ledger(reference)).toEqual([expect.objectContaining({ status: psp().held })]);
    expect(edge.health().recent.calls).toBe(2);
  });

  it('a PSP that keeps saying 503 exhausts the retries; it still holds exactly one authorization for the key', async () => {
    const reference = orderNo();
    await setFaults([ACT_THEN_503(name)]);
    const edge = new ResilientProvider(psp().adapter, POLICY, log);
    await expect(edge.authorize(psp().input(reference))).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(edge.health().recent.calls).toBe(3);
    expect(await ledger(reference)).toEqual([expect.objectContaining({ status: psp().held })]);
  });
});

describe('acting, then answering an error, on the other operations', () => {
  const native = () => PSPS[0]!.adapter;

  it('the raw answer is the injected one (with Retry-After); the webhook goes out as usual', async () => {
    const reference = orderNo();
    await setFaults([ACT_THEN_503('psp-sim', { retryAfterSeconds: 7, count: 1 })]);
    const res = await fetch(`${sim.url}/v1/payments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', 'idempotency-key': `${reference}:1` },
      body: JSON.stringify({ amount: 1500, currency: 'JPY', reference, source: { type: 'card', token: 'tok_visa' } }),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(await res.json()).toEqual({ error: { code: 'injected_fault' } });
    const delivered = await waitFor(() => receiver.for(reference), (ds) => ds.length >= 1);
    expect(delivered[0]!.body).toMatchObject({ type: 'payment.authorized', data: { payment: { reference, status: 'authorized' } } });
  });

  it('capture and refund act, then answer 503 (a 500 reads as ambiguous)', async () => {
    const reference = orderNo();
    const p = await native().authorize({ reference, amount: 2000, currency: 'JPY', idempotencyKey: `${reference}:1`, source: { type: 'card', token: 'tok_visa' } });
    await setFaults([{ operation: 'capture', provider: 'psp-sim', status: 503, afterActing: true, count: 1 }]);
    await expect(native().capture({ providerPaymentId: p.providerPaymentId, amount: 2000, idempotencyKey: `${reference}:1:capture` })).rejects.toBeInstanceOf(ProviderUnavailableError);
    expect(await ledger(reference)).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 2000 })]);
    await setFaults([{ operation: 'refund', provider: 'psp-sim', status: 500, afterActing: true, settle: { afterMs: 60_000, outcome: 'succeeded' }, count: 1 }]);
    const err = await native().refund({ providerPaymentId: p.providerPaymentId, amount: 500, idempotencyKey: `${reference}:1:refund` }).catch((e: unknown) => e);
    expect((err as Error).name).toBe('ProviderAmbiguousError');
    const after = await native().get({ providerPaymentId: p.providerPaymentId });
    expect(after?.refunds).toEqual([expect.objectContaining({ amount: 500, status: 'pending', idempotencyKey: `${reference}:1:refund` })]);
  });

  it('refuses rules that cannot act first: no status, a hang, a webhook, or a settle answered before acting', async () => {
    for (const rule of [
      { operation: 'authorize', afterActing: true },
      { operation: 'authorize', status: 503, afterActing: true, hang: true },
      { operation: 'webhook', afterActing: true },
      { operation: 'refund', status: 503, settle: { afterMs: 10, outcome: 'failed' } },
    ]) {
      expect([rule, (await sendFaults(sim.url, [rule])).status]).toEqual([rule, 400]);
    }
  });
});
