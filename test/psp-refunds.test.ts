import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { opaAuthHeader } from '../src/payments/providers/paypay/paypay.auth.ts';
import { PayPayProvider } from '../src/payments/providers/paypay/paypay.adapter.ts';
import { ProviderRejectedError, type PaymentProvider, type ProviderPayment, type ProviderRefund } from '../src/payments/providers/provider.ts';
import { PspSimProvider } from '../src/payments/providers/psp-sim/psp-sim.adapter.ts';
import { StripeProvider } from '../src/payments/providers/stripe/stripe.adapter.ts';
import { WebhookReceiver } from './helpers/receiver.ts';
import { orderNo, sendFaults, useSimulator, waitFor } from './helpers/simulator.ts';

/**
 * Refunds that can be followed to the end: pending, then succeeded or failed,
 * through each adapter against the simulator over real HTTP. Only succeeded
 * refunds count as refunded, at the PSP (its ledger) and in what the adapter reads.
 */

const API_KEY = `sk_sim_refunds_${randomBytes(6).toString('hex')}`;
const STRIPE_KEY = `sk_test_refunds${randomBytes(6).toString('hex')}`;
const STRIPE_WEBHOOK_SECRET = `whsec_refunds${randomBytes(6).toString('hex')}`;
const PAYPAY = { apiKey: 'a_refunds_key', apiSecret: 'refunds-secret-0123456789', merchantId: 'refunds-merchant' };
const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const SETTLE_MS = 300;

let native: PspSimProvider;
let stripe: StripeProvider;
let paypay: PayPayProvider;
// Stripe's events by PaymentIntent (a Refund names its PaymentIntent).
const receiver = new WebhookReceiver('/stripe', (body) => body.data.object.payment_intent ?? body.data.object.id);
const sim = useSimulator({
  receiver,
  options: () => ({
    apiKey: API_KEY,
    pendingSettleMs: 300,
    timeoutDelayMs: 3000,
    logger: log,
    webhookSecret: 'whsec_refunds_native',
    webhookUrls: { stripe: receiver.url },
    webhookRetryBaseMs: 50,
    webhookRetryMaxMs: 200,
    stripe: { secretKey: STRIPE_KEY, webhookSecret: STRIPE_WEBHOOK_SECRET },
    paypay: PAYPAY,
  }),
});
const { setFaults } = sim;

beforeAll(() => {
  native = new PspSimProvider({ baseUrl: sim.url, apiKey: API_KEY, timeoutMs: 5000 });
  stripe = new StripeProvider({ secretKey: STRIPE_KEY, apiBase: sim.url, webhookSecrets: [STRIPE_WEBHOOK_SECRET], webhookToleranceSeconds: 300, timeoutMs: 5000 });
  paypay = new PayPayProvider({ ...PAYPAY, apiBase: sim.url, timeoutMs: 5000 });
});

async function ledger(reference: string): Promise<{ refundedAmount: number; status: string }> {
  const res = await fetch(`${sim.url}/__sim/payments?reference=${encodeURIComponent(reference)}`);
  return ((await res.json()) as { payments: { refundedAmount: number; status: string }[] }).payments[0]!;
}

/** The buyer pays the PayPay QR code (the simulator's shortcut to its page). */
async function buyerPays(p: ProviderPayment): Promise<void> {
  const simId = new URL(p.nextAction?.url ?? '').pathname.split('/').at(-1);
  const res = await fetch(`${sim.url}/__sim/payments/${simId}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'success' }) });
  expect(res.status).toBe(200);
}

interface Psp {
  name: 'psp-sim' | 'stripe' | 'paypay';
  adapter: () => PaymentProvider;
  /** A payment of 3000 captured in full, ready to refund. */
  captured: () => Promise<ProviderPayment>;
  /** Whether the PSP reports a refund failing for good (PayPay retries a REFUND_FAILED until it is refunded). */
  failsForGood: boolean;
}

async function authorizeAndCapture(p: PaymentProvider, token: string): Promise<ProviderPayment> {
  const reference = orderNo();
  const a = await p.authorize({ reference, amount: 3000, currency: 'JPY', idempotencyKey: `${reference}:1`, source: { type: 'card', token } });
  return await p.capture({ providerPaymentId: a.providerPaymentId, amount: 3000, idempotencyKey: `${reference}:1:capture` });
}

const PSPS: Psp[] = [
  { name: 'psp-sim', adapter: () => native, captured: () => authorizeAndCapture(native, 'tok_visa'), failsForGood: true },
  { name: 'stripe', adapter: () => stripe, captured: () => authorizeAndCapture(stripe, 'pm_card_visa'), failsForGood: true },
  {
    name: 'paypay',
    adapter: () => paypay,
    captured: async () => {
      const reference = orderNo();
      const a = await paypay.authorize({ reference, amount: 3000, currency: 'JPY', idempotencyKey: `${reference}:1`, source: { type: 'paypay' } });
      await buyerPays(a);
      return await paypay.capture({ providerPaymentId: a.providerPaymentId, amount: 3000, idempotencyKey: `${reference}:1:capture` });
    },
    failsForGood: false,
  },
];

const refundOf = (p: ProviderPayment, key: string): ProviderRefund | undefined => p.refunds?.find((r) => r.idempotencyKey === key);

describe.each(PSPS)('$name refunds through the adapter', (psp) => {
  it('pending → succeeded, followed with get; only then counted as refunded', async () => {
    const p = await psp.captured();
    const key = `${p.reference}:refund:1`;
    await setFaults([{ operation: 'refund', provider: psp.name, settle: { afterMs: SETTLE_MS, outcome: 'succeeded' }, count: 1 }]);
    const after = await psp.adapter().refund({ providerPaymentId: p.providerPaymentId, amount: 1000, idempotencyKey: key });
    expect(after).toMatchObject({ status: 'captured', capturedAmount: 3000, refundedAmount: 0 });
    expect(refundOf(after, key)).toMatchObject({ amount: 1000, status: 'pending' });
    expect(await ledger(p.reference)).toMatchObject({ refundedAmount: 0 });
    const done = await waitFor(
      () => psp.adapter().get({ providerPaymentId: p.providerPaymentId }),
      (g) => refundOf(g!, key)?.status === 'succeeded',
    );
    expect(done).toMatchObject({ status: 'captured', refundedAmount: 1000 });
    expect(refundOf(done!, key)?.refundId).toBe(refundOf(after, key)?.refundId);
    expect(await ledger(p.reference)).toMatchObject({ refundedAmount: 1000, status: 'captured' });
  });

  it(`pending → ${psp.failsForGood ? 'failed: never counted, its amount refundable again' : 'REFUND_FAILED, which PayPay retries: still pending'}`, async () => {
    const p = await psp.captured();
    const key = `${p.reference}:refund:1`;
    await setFaults([{ operation: 'refund', provider: psp.name, settle: { afterMs: SETTLE_MS, outcome: 'failed', failureReason: 'expired_or_canceled_card' }, count: 1 }]);
    const after = await psp.adapter().refund({ providerPaymentId: p.providerPaymentId, amount: 3000, idempotencyKey: key });
    expect(refundOf(after, key)).toMatchObject({ amount: 3000, status: 'pending' });
    // The whole amount is spoken for while the refund is pending.
    await expect(psp.adapter().refund({ providerPaymentId: p.providerPaymentId, amount: 1, idempotencyKey: `${p.reference}:refund:x` })).rejects.toBeInstanceOf(ProviderRejectedError);
    const settled = await waitFor(
      () => psp.adapter().get({ providerPaymentId: p.providerPaymentId }),
      (g) => (psp.failsForGood ? refundOf(g!, key)?.status === 'failed' : refundOf(g!, key)?.failureReason !== undefined),
    );
    expect(settled).toMatchObject({ status: 'captured', refundedAmount: 0 });
    expect(await ledger(p.reference)).toMatchObject({ refundedAmount: 0, status: 'captured' });
    if (!psp.failsForGood) {
      expect(refundOf(settled!, key)).toMatchObject({ status: 'pending', failureReason: expect.stringContaining('REFUND_FAILED') });
      return;
    }
    expect(refundOf(settled!, key)).toMatchObject({ status: 'failed', failureReason: 'expired_or_canceled_card' });
    // A failed refund gives its amount back: a new refund (new key) may take it all.
    const again = await psp.adapter().refund({ providerPaymentId: p.providerPaymentId, amount: 3000, idempotencyKey: `${p.reference}:refund:2` });
    expect(again).toMatchObject({ status: 'refunded', refundedAmount: 3000 });
    expect(again.refunds?.map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(await ledger(p.reference)).toMatchObject({ refundedAmount: 3000, status: 'refunded' });
  });

  it('partial refunds with distinct keys; a repeated key is the same refund; more than is left is refused', async () => {
    const p = await psp.captured();
    const refund = (amount: number, n: number) => psp.adapter().refund({ providerPaymentId: p.providerPaymentId, amount, idempotencyKey: `${p.reference}:refund:${n}` });
    const first = await refund(1000, 1);
    const second = await refund(500, 2);
    expect(second).toMatchObject({ status: 'captured', refundedAmount: 1500 });
    expect(second.refunds?.map((r) => [r.amount, r.status])).toEqual([[1000, 'succeeded'], [500, 'succeeded']]);
    const repeat = await refund(1000, 1);
    expect(refundOf(repeat, `${p.reference}:refund:1`)?.refundId).toBe(refundOf(first, `${p.reference}:refund:1`)?.refundId);
    const now = await psp.adapter().get({ providerPaymentId: p.providerPaymentId });
    expect(now).toMatchObject({ refundedAmount: 1500 });
    expect(now?.refunds).toHaveLength(2);
    await expect(refund(1501, 3)).rejects.toBeInstanceOf(ProviderRejectedError);
    expect(await refund(1500, 4)).toMatchObject({ status: 'refunded', refundedAmount: 3000 });
    expect(await ledger(p.reference)).toMatchObject({ refundedAmount: 3000, status: 'refunded' });
  });
});

describe('each API shows refund statuses its own way', () => {
  it('native: the payment lists its refunds; list() carries them too', async () => {
    const p = await authorizeAndCapture(native, 'tok_visa');
    await setFaults([{ operation: 'refund', provider: 'psp-sim', settle: { afterMs: 60_000, outcome: 'succeeded' }, count: 1 }]);
    await native.refund({ providerPaymentId: p.providerPaymentId, amount: 700, idempotencyKey: `${p.reference}:r1` });
    const res = await fetch(`${sim.url}/v1/payments/${p.providerPaymentId}`, { headers: { authorization: `Bearer ${API_KEY}` } });
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ refundedAmount: 0, refunds: [{ amount: 700, status: 'pending', idempotencyKey: `${p.reference}:r1` }] });
    expect(body.refunds[0].id).toMatch(/^ref_/);
    const listed = await native.list({ createdFrom: new Date(Date.now() - 60_000) });
    expect(listed.find((x) => x.providerPaymentId === p.providerPaymentId)?.refunds).toEqual([expect.objectContaining({ amount: 700, status: 'pending' })]);
  });

  it('Stripe: Refund objects with status and failure_reason, GET /v1/refunds/:id, and refund.updated / refund.failed webhooks', async () => {
    const p = await authorizeAndCapture(stripe, 'pm_card_visa');
    await setFaults([
      { operation: 'refund', provider: 'stripe', settle: { afterMs: SETTLE_MS, outcome: 'succeeded' }, count: 1 },
      { operation: 'refund', provider: 'stripe', settle: { afterMs: SETTLE_MS, outcome: 'failed', failureReason: 'lost_or_stolen_card' }, count: 1 },
    ]);
    const ok = refundOf(await stripe.refund({ providerPaymentId: p.providerPaymentId, amount: 1000, idempotencyKey: `${p.reference}:r1` }), `${p.reference}:r1`)!;
    const bad = refundOf(await stripe.refund({ providerPaymentId: p.providerPaymentId, amount: 2000, idempotencyKey: `${p.reference}:r2` }), `${p.reference}:r2`)!;
    const get = async (id: string) =>
      (await (await fetch(`${sim.url}/v1/refunds/${id}?expand[]=payment_intent.latest_charge`, { headers: { authorization: `Bearer ${STRIPE_KEY}` } })).json()) as any;
    expect(await get(ok.refundId)).toMatchObject({ object: 'refund', status: 'pending', pending_reason: 'processing', amount: 1000, metadata: { orderly_refund: `${p.reference}:r1` } });
    // Stripe's amount_refunded counts pending refunds; the refunds' statuses say which are done.
    expect((await get(ok.refundId)).payment_intent.latest_charge).toMatchObject({ amount_refunded: 3000, refunded: true });
    const settledOk = await waitFor(() => get(ok.refundId), (r) => r.status === 'succeeded');
    expect(settledOk.failure_reason).toBeUndefined();
    const settledBad = await waitFor(() => get(bad.refundId), (r) => r.status === 'failed');
    expect(settledBad).toMatchObject({ failure_reason: 'lost_or_stolen_card', payment_intent: { latest_charge: { amount_refunded: 1000, refunded: false } } });
    const missing = await fetch(`${sim.url}/v1/refunds/re_nope`, { headers: { authorization: `Bearer ${STRIPE_KEY}` } });
    expect(missing.status).toBe(404);

    const events = await waitFor(
      async () => receiver.for(p.providerPaymentId).filter((d) => d.body.type.startsWith('refund.')),
      (ds) => ds.length >= 2,
    );
    expect(events.map((d) => [d.body.type, d.body.data.object.id, d.body.data.object.status]).sort()).toEqual(
      [['refund.failed', bad.refundId, 'failed'], ['refund.updated', ok.refundId, 'succeeded']].sort(),
    );
    // Our webhook adapter verifies them; they carry no payment, so the service stores them and acts on nothing.
    for (const d of events) {
      const event = stripe.webhooks.verify(d.raw, d.headers);
      expect(event).toMatchObject({ id: d.body.id, type: d.body.type });
      expect(event.payment).toBeUndefined();
    }
  });

  it('Stripe: more refunds than a charge embeds (10) are paged from GET /v1/refunds', async () => {
    const p = await authorizeAndCapture(stripe, 'pm_card_visa');
    for (let n = 1; n <= 12; n++) await stripe.refund({ providerPaymentId: p.providerPaymentId, amount: n, idempotencyKey: `${p.reference}:r${n}` });
    // Counts the refund list calls (a rule with no effect, operation `find` on Stripe's GET /v1/refunds).
    await setFaults([{ operation: 'find', provider: 'stripe', count: 1000 }]);
    const got = await stripe.get({ providerPaymentId: p.providerPaymentId });
    const { rules } = (await (await fetch(`${sim.url}/__sim/faults`)).json()) as { rules: { remaining: number }[] };
    expect(rules[0]?.remaining).toBe(999);
    expect(got?.refunds?.map((r) => r.amount)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(got).toMatchObject({ refundedAmount: 78, status: 'captured' });
    const last = await stripe.refund({ providerPaymentId: p.providerPaymentId, amount: 3000 - 78, idempotencyKey: `${p.reference}:r13` });
    expect(last).toMatchObject({ refundedAmount: 3000, status: 'refunded' });
    expect(last.refunds).toHaveLength(13);
  });

  it('PayPay: Get refund details says CREATED, then REFUNDED (or REFUND_FAILED)', async () => {
    const reference = orderNo();
    const a = await paypay.authorize({ reference, amount: 3000, currency: 'JPY', idempotencyKey: `${reference}:1`, source: { type: 'paypay' } });
    await buyerPays(a);
    await paypay.capture({ providerPaymentId: a.providerPaymentId, amount: 3000, idempotencyKey: `${reference}:1:capture` });
    await setFaults([
      { operation: 'refund', provider: 'paypay', settle: { afterMs: SETTLE_MS, outcome: 'succeeded' }, count: 1 },
      { operation: 'refund', provider: 'paypay', settle: { afterMs: SETTLE_MS, outcome: 'failed' }, count: 1 },
    ]);
    const ok = refundOf(await paypay.refund({ providerPaymentId: a.providerPaymentId, amount: 1000, idempotencyKey: `${reference}:r1` }), `${reference}:r1`)!;
    const bad = refundOf(await paypay.refund({ providerPaymentId: a.providerPaymentId, amount: 500, idempotencyKey: `${reference}:r2` }), `${reference}:r2`)!;
    // PayPay's paymentId is the simulator's payment id (the ledger's).
    const paymentId = ((await (await fetch(`${sim.url}/__sim/payments?reference=${reference}`)).json()) as { payments: { id: string }[] }).payments[0]!.id;
    const details = async (merchantRefundId: string) => {
      const path = `/v2/refunds/${merchantRefundId}`;
      const authorization = opaAuthHeader({ apiKey: PAYPAY.apiKey, apiSecret: PAYPAY.apiSecret, method: 'GET', path });
      const res = await fetch(`${sim.url}${path}?paymentId=${paymentId}`, { headers: { authorization, 'x-assume-merchant': PAYPAY.merchantId } });
      return (await res.json()) as any;
    };
    expect((await details(ok.refundId)).data).toMatchObject({ status: 'CREATED', merchantRefundId: ok.refundId, paymentId, amount: { amount: 1000, currency: 'JPY' } });
    expect((await waitFor(() => details(ok.refundId), (d) => d.data.status !== 'CREATED')).data.status).toBe('REFUNDED');
    expect((await waitFor(() => details(bad.refundId), (d) => d.data.status !== 'CREATED')).data.status).toBe('REFUND_FAILED');
    expect((await details('nope')).resultInfo.code).toBe('NO_SUCH_REFUND_ORDER');
    expect(await paypay.get({ providerPaymentId: a.providerPaymentId })).toMatchObject({ status: 'captured', refundedAmount: 1000 });
  });

  it('a settle option belongs to refund rules only', async () => {
    const res = await sendFaults(sim.url, [{ operation: 'capture', settle: { afterMs: 10, outcome: 'succeeded' } }]);
    expect(res.status).toBe(400);
  });
});
