import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ResilientProvider, type EdgePolicy } from '../src/payments/providers/edge/resilient-provider.ts';
import { PayPayProvider } from '../src/payments/providers/paypay/paypay.adapter.ts';
import {
  ProviderListTooLongError,
  ProviderRejectedError,
  type PaymentProvider,
  type ProviderPayment,
} from '../src/payments/providers/provider.ts';
import { PspSimProvider } from '../src/payments/providers/psp-sim/psp-sim.adapter.ts';
import { StripeProvider } from '../src/payments/providers/stripe/stripe.adapter.ts';
import { useSimulator } from './helpers/simulator.ts';

/**
 * `list` for reconciliation, through the real adapters against the simulator
 * over real HTTP: the native API's cursor pages and Stripe's list object through
 * the SDK's auto-pagination, window bounds, the page cap, and the edge around it.
 */

const API_KEY = `sk_sim_list_${randomBytes(6).toString('hex')}`;
const STRIPE_KEY = `sk_test_list${randomBytes(6).toString('hex')}`;
const PAYPAY = { apiKey: 'a_list_key', apiSecret: 'list-secret-0123456789', merchantId: 'list-merchant' };
const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

const sim = useSimulator({
  options: {
    apiKey: API_KEY,
    pendingSettleMs: 300,
    timeoutDelayMs: 3000,
    logger: log,
    webhookSecret: 'whsec_list_native',
    stripe: { secretKey: STRIPE_KEY, webhookSecret: 'whsec_list_stripe' },
    paypay: PAYPAY,
  },
});
const { setFaults } = sim;

const native = (list?: { pageSize?: number; maxPages?: number }) =>
  new PspSimProvider({ baseUrl: sim.url, apiKey: API_KEY, timeoutMs: 5000, ...(list ? { list } : {}) });
const stripe = (list?: { pageSize?: number; maxPages?: number }) =>
  new StripeProvider({ secretKey: STRIPE_KEY, apiBase: sim.url, webhookSecrets: ['whsec_list_stripe'], webhookToleranceSeconds: 300, timeoutMs: 5000, ...(list ? { list } : {}) });

const POLICY: EdgePolicy = {
  timeoutsMs: { authorize: 2000, capture: 2000, void: 2000, refund: 2000, get: 2000, find: 2000 },
  retry: { max: 2, baseMs: 5, maxDelayMs: 50 },
  circuit: { failureRate: 0.5, minCalls: 100, consecutiveFailures: 0, windowMs: 10_000, halfOpenAfterMs: 300, probes: 2 },
  rateLimit: { perSecond: 1000, maxWaitMs: 1000 },
};

const unique = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;

/** Authorizes `n` payments one after another (creation order is what listing orders by). */
async function authorizeMany(p: PaymentProvider, n: number, token: string): Promise<ProviderPayment[]> {
  const out: ProviderPayment[] = [];
  for (let k = 0; k < n; k++) {
    const reference = unique('ORD');
    out.push(await p.authorize({ reference, amount: 100 + k, currency: 'JPY', idempotencyKey: `${reference}:1`, source: { type: 'card', token } }));
  }
  return out;
}

/** How many requests a counting rule (count 1000, no effect) has seen: the number of pages fetched. */
async function countedRequests(): Promise<number> {
  const { rules } = (await (await fetch(`${sim.url}/__sim/faults`)).json()) as { rules: { remaining: number }[] };
  return 1000 - (rules[0]?.remaining ?? 1000);
}

async function simJson(path: string, auth: string | null = `Bearer ${API_KEY}`): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sim.url}${path}`, { headers: auth ? { authorization: auth } : {} });
  return { status: res.status, body: await res.json() };
}

/** The native API's createdAt of a payment (the PSP's own clock). */
async function createdAt(id: string): Promise<Date> {
  return new Date((await simJson(`/v1/payments/${id}`)).body.createdAt as string);
}

const ids = (ps: ProviderPayment[]): string[] => ps.map((p) => p.providerPaymentId);
const ours = (ps: ProviderPayment[], mine: ProviderPayment[]) => ps.filter((p) => mine.some((m) => m.providerPaymentId === p.providerPaymentId));

describe('native psp-sim list', () => {
  it('pages through more payments than one page, oldest first, with references and keys', async () => {
    const from = new Date(Date.now() - 60_000);
    const made = await authorizeMany(native(), 7, 'tok_visa');
    await setFaults([{ operation: 'list', provider: 'psp-sim', count: 1000 }]);
    const listed = await native({ pageSize: 3 }).list({ createdFrom: from, createdTo: new Date(Date.now() + 60_000) });
    expect(ids(ours(listed, made))).toEqual(ids(made));
    expect(ours(listed, made)).toEqual(made.map((p) => expect.objectContaining({ reference: p.reference, idempotencyKey: `${p.reference}:1`, status: 'authorized', amount: p.amount })));
    expect(await countedRequests()).toBe(Math.ceil(listed.length / 3));
  });

  it('honours the window: createdFrom inclusive, createdTo exclusive, to the millisecond', async () => {
    const [a, b, c] = await authorizeMany(native(), 3, 'tok_visa');
    const [atA, atB, atC] = await Promise.all([a!, b!, c!].map((p) => createdAt(p.providerPaymentId)));
    const list = (createdFrom: Date, createdTo: Date) => native({ pageSize: 2 }).list({ createdFrom, createdTo }).then((ps) => ids(ours(ps, [a!, b!, c!])));
    expect(await list(atA!, atC!)).toEqual(ids([a!, b!]));
    expect(await list(atB!, new Date(atC!.getTime() + 1))).toEqual(ids([b!, c!]));
    expect(await list(new Date(atA!.getTime() + 1), atB!)).toEqual([]);
    expect(await list(new Date(atC!.getTime() + 1), new Date(atC!.getTime() + 60_000))).toEqual([]);
  });

  it('throws ProviderListTooLongError beyond its page cap', async () => {
    const from = new Date(Date.now() - 1000);
    await authorizeMany(native(), 5, 'tok_visa');
    const err = await native({ pageSize: 2, maxPages: 2 }).list({ createdFrom: from }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderListTooLongError);
    expect(err).toMatchObject({ code: 'PROVIDER_LIST_TOO_LONG', retryable: false, pages: 2, provider: 'psp-sim' });
  });

  it('the raw API: cursor pages, its own key, and refusals of a bad query', async () => {
    const made = await authorizeMany(native(), 3, 'tok_visa');
    const from = encodeURIComponent((await createdAt(made[0]!.providerPaymentId)).toISOString());
    const first = await simJson(`/v1/payments?createdFrom=${from}&limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.payments.map((p: { id: string }) => p.id)).toEqual(ids(made.slice(0, 2)));
    expect(first.body.nextCursor).toBe(made[1]!.providerPaymentId);
    const second = await simJson(`/v1/payments?createdFrom=${from}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ nextCursor: null });
    expect(second.body.payments.map((p: { id: string }) => p.id)).toEqual(ids(made.slice(2)));
    expect((await simJson(`/v1/payments?createdFrom=${from}`, null)).status).toBe(401);
    for (const bad of [`createdFrom=${from}&limit=0`, `createdFrom=${from}&limit=101`, 'createdFrom=yesterday', 'limit=5', `createdFrom=${from}&cursor=pay_nope`, `createdFrom=${from}&reference=R`]) {
      const r = await simJson(`/v1/payments?${bad}`);
      expect([bad, r.status, r.body.error.code]).toEqual([bad, 400, 'invalid_request']);
    }
  });
});

describe('Stripe list through the SDK', () => {
  it('auto-paginates newest first; foreign PaymentIntents are kept with reference ""', async () => {
    const made = await authorizeMany(stripe(), 7, 'pm_card_visa');
    // A PaymentIntent someone else made, without orderly's metadata.
    const foreign = await fetch(`${sim.url}/v1/payment_intents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${STRIPE_KEY}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'amount=500&currency=jpy&capture_method=manual&confirm=true&payment_method=pm_card_visa',
    }).then(async (r) => (await r.json()) as { id: string });
    await setFaults([{ operation: 'list', provider: 'stripe', count: 1000 }]);
    const listed = await stripe({ pageSize: 3 }).list({ createdFrom: new Date(Date.now() - 60_000), createdTo: new Date(Date.now() + 2000) });
    expect(ids(ours(listed, made))).toEqual(ids(made).reverse());
    expect(ours(listed, made)).toEqual(made.map((p) => expect.objectContaining({ reference: p.reference, idempotencyKey: `${p.reference}:1`, status: 'authorized' })).reverse());
    expect(listed.find((p) => p.providerPaymentId === foreign.id)).toMatchObject({ reference: '', status: 'authorized', amount: 500 });
    expect(listed.find((p) => p.providerPaymentId === foreign.id)?.idempotencyKey).toBeUndefined();
    expect(await countedRequests()).toBe(Math.ceil(listed.length / 3));
  });

  it('honours the window in whole seconds and the page cap', async () => {
    const made = await authorizeMany(stripe(), 2, 'pm_card_visa');
    const created = await Promise.all(
      made.map(async (p) => (await (await fetch(`${sim.url}/v1/payment_intents/${p.providerPaymentId}`, { headers: { authorization: `Bearer ${STRIPE_KEY}` } })).json()) as { created: number }),
    );
    const first = created[0]!.created;
    const last = created[1]!.created;
    const list = (from: number, to: number) => stripe({ pageSize: 2 }).list({ createdFrom: new Date(from * 1000 + 999), createdTo: new Date(to * 1000 + 999) });
    // [⌊from⌋, ⌊to⌋): a second's own payments are in the window that starts in it.
    expect(ids(ours(await list(first, last + 1), made))).toEqual(ids(made).reverse());
    expect(ours(await list(last + 1, last + 60), made)).toEqual([]);
    expect(ours(await list(first - 60, first), made)).toEqual([]);
    await authorizeMany(stripe(), 5, 'pm_card_visa');
    const err = await stripe({ pageSize: 2, maxPages: 2 }).list({ createdFrom: new Date(Date.now() - 60_000), createdTo: new Date(Date.now() + 2000) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProviderListTooLongError);
    expect(err).toMatchObject({ provider: 'stripe', pages: 2 });
  });

  it('the raw API answers Stripe list objects and Stripe errors', async () => {
    const res = await fetch(`${sim.url}/v1/payment_intents?limit=1&created[gte]=0`, { headers: { authorization: `Bearer ${STRIPE_KEY}` } });
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ object: 'list', url: '/v1/payment_intents', has_more: true, data: [expect.objectContaining({ object: 'payment_intent' })] });
    for (const bad of ['limit=0', 'limit=101', 'created[gte]=soon', 'created[after]=1', 'starting_after=pi_nope', 'customer=cus_1']) {
      const r = await fetch(`${sim.url}/v1/payment_intents?${bad}`, { headers: { authorization: `Bearer ${STRIPE_KEY}` } });
      const e = (await r.json()) as any;
      expect([bad, r.status, e.error.type]).toEqual([bad, 400, 'invalid_request_error']);
    }
    expect((await fetch(`${sim.url}/v1/payment_intents`)).status).toBe(401);
  });
});

describe('list at the edge', () => {
  it('is a read: a 503 and a hanging page are retried, each page bounded by the read timeout', async () => {
    const from = new Date(Date.now() - 1000);
    const made = await authorizeMany(native(), 3, 'tok_visa');
    const edge = new ResilientProvider(native({ pageSize: 2 }), { ...POLICY, timeoutsMs: { ...POLICY.timeoutsMs, find: 300 } }, log);
    await setFaults([
      { operation: 'list', provider: 'psp-sim', status: 503, count: 1 },
      { operation: 'list', provider: 'psp-sim', hang: true, count: 1 },
    ]);
    const started = Date.now();
    expect(ids(ours(await edge.list!({ createdFrom: from }), made))).toEqual(ids(made));
    // The hang was cut by the 300 ms page timeout, not the 30 s whole-listing bound.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(edge.health().recent.calls).toBeGreaterThanOrEqual(3);
  });

  it('a refusal is not retried; PayPay has no list, at the edge either', async () => {
    const edge = new ResilientProvider(native(), POLICY, log);
    await setFaults([{ operation: 'list', provider: 'psp-sim', status: 400, count: 5 }]);
    await expect(edge.list!({ createdFrom: new Date() })).rejects.toBeInstanceOf(ProviderRejectedError);
    expect(edge.health().recent.calls).toBe(1);
    const paypay = new PayPayProvider({ ...PAYPAY, apiBase: sim.url, timeoutMs: 3000 });
    expect((paypay as PaymentProvider).list).toBeUndefined();
    expect(new ResilientProvider(paypay, POLICY, log).list).toBeUndefined();
    expect(new ResilientProvider(stripe(), POLICY, log).list).toBeTypeOf('function');
  });
});
