import { randomBytes } from 'node:crypto';
import http from 'node:http';
import pino from 'pino';
import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  ProviderAmbiguousError,
  ProviderRejectedError,
  ProviderUnavailableError,
  WebhookSignatureError,
  type ProviderEvent,
} from '../src/payments/providers/provider.ts';
import { StripeProvider, type StripeProviderOptions } from '../src/payments/providers/stripe/stripe.adapter.ts';
import { stripeSignature } from '../src/psp-sim/stripe/stripe.webhook.ts';
import { WebhookReceiver } from './helpers/receiver.ts';
import { useSimulator, waitFor } from './helpers/simulator.ts';

/**
 * The Stripe adapter, through the official SDK, against the simulator's
 * Stripe-compatible endpoints over real HTTP: no mocks on either side.
 */

const SECRET_KEY = `sk_test_orderly${randomBytes(8).toString('hex')}`;
const WEBHOOK_SECRET = `whsec_current${randomBytes(8).toString('hex')}`;
const PREVIOUS_SECRET = `whsec_previous${randomBytes(8).toString('hex')}`;
const NATIVE_WEBHOOK_SECRET = `whsec_native${randomBytes(8).toString('hex')}`;
const TIMEOUT_DELAY_MS = 3000;

// Everything the simulator logs, at every level, to prove no secret is ever in it.
const logLines: string[] = [];
const logger = pino({ level: 'trace' }, { write: (line: string) => void logLines.push(line) });

let stripe: StripeProvider;
// The Stripe events the simulator delivers, by PaymentIntent (its charge events included).
const receiver = new WebhookReceiver('/stripe/webhooks', (body) => body.data.object.payment_intent ?? body.data.object.id);
const sim = useSimulator({
  receiver,
  options: () => ({
    apiKey: 'native_api_key_unused',
    pendingSettleMs: 300,
    timeoutDelayMs: TIMEOUT_DELAY_MS,
    logger,
    webhookSecret: NATIVE_WEBHOOK_SECRET,
    webhookUrls: { stripe: receiver.url },
    webhookRetryBaseMs: 50,
    webhookRetryMaxMs: 200,
    webhookTimeoutMs: 1000,
    stripe: { secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET },
  }),
});
const { setFaults } = sim;

function adapter(extra: Partial<StripeProviderOptions> = {}): StripeProvider {
  return new StripeProvider({
    secretKey: SECRET_KEY,
    apiBase: sim.url,
    webhookSecrets: [WEBHOOK_SECRET, PREVIOUS_SECRET],
    webhookToleranceSeconds: 300,
    timeoutMs: 5000,
    ...extra,
  });
}

beforeAll(() => {
  stripe = adapter();
});

const unique = (prefix: string): string => `${prefix}-${randomBytes(6).toString('hex')}`;

function authorize(token: string, reference = unique('ORD'), idempotencyKey = `${reference}:1`, amount = 2500) {
  return stripe.authorize({ reference, amount, currency: 'JPY', idempotencyKey, source: { type: 'card', token } });
}

async function ledger(reference: string): Promise<any[]> {
  const res = await fetch(`${sim.url}/__sim/payments?reference=${encodeURIComponent(reference)}`);
  return ((await res.json()) as { payments: any[] }).payments;
}

/** A raw form-encoded call, the way curl would make it. */
async function raw(method: string, path: string, form?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${SECRET_KEY}`,
      ...(form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...headers,
    },
    body: form,
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('payments through the SDK', () => {
  it('authorize → capture → partial and full refund', async () => {
    const reference = unique('ORD');
    const p = await authorize('pm_card_visa', reference);
    expect(p).toMatchObject({ reference, status: 'authorized', amount: 2500, capturedAmount: 0, idempotencyKey: `${reference}:1` });
    expect(p.providerPaymentId).toMatch(/^pi_[0-9a-f]{24}$/);

    const captured = await stripe.capture({ providerPaymentId: p.providerPaymentId, amount: 2500, idempotencyKey: `${reference}:1:capture` });
    expect(captured).toMatchObject({ status: 'captured', capturedAmount: 2500, refundedAmount: 0 });

    const partial = await stripe.refund({ providerPaymentId: p.providerPaymentId, amount: 1000, idempotencyKey: `${reference}:refund:1` });
    expect(partial).toMatchObject({ status: 'captured', capturedAmount: 2500, refundedAmount: 1000 });
    const full = await stripe.refund({ providerPaymentId: p.providerPaymentId, amount: 1500, idempotencyKey: `${reference}:refund:2` });
    expect(full).toMatchObject({ status: 'refunded', refundedAmount: 2500 });
    expect(await stripe.get({ providerPaymentId: p.providerPaymentId })).toMatchObject({ status: 'refunded', refundedAmount: 2500 });

    const more = await rejection(stripe.refund({ providerPaymentId: p.providerPaymentId, amount: 1, idempotencyKey: `${reference}:refund:3` }));
    expect(more).toBeInstanceOf(ProviderRejectedError);
    expect(more).toMatchObject({ reason: 'charge_already_refunded', detail: { status: 400 } });
    expect(await ledger(reference)).toEqual([
      expect.objectContaining({ id: p.providerPaymentId, provider: 'stripe', status: 'refunded', capturedAmount: 2500, refundedAmount: 2500 }),
    ]);
  });

  it('authorize → void; voiding again under another key still answers voided', async () => {
    const reference = unique('ORD');
    const p = await authorize('tok_visa', reference);
    const voided = await stripe.void({ providerPaymentId: p.providerPaymentId, idempotencyKey: `${reference}:void` });
    expect(voided).toMatchObject({ status: 'voided', capturedAmount: 0 });
    expect(await stripe.void({ providerPaymentId: p.providerPaymentId, idempotencyKey: `${reference}:void:again` })).toMatchObject({ status: 'voided' });
    const capture = await rejection(stripe.capture({ providerPaymentId: p.providerPaymentId, amount: 2500, idempotencyKey: `${reference}:capture` }));
    expect(capture).toMatchObject({ reason: 'payment_intent_unexpected_state' });
    expect((await ledger(reference))[0]).toMatchObject({ status: 'voided' });
  });

  it('a decline is a declined payment with its decline code, not an error', async () => {
    const declined = await authorize('pm_card_chargeDeclined');
    expect(declined).toMatchObject({ status: 'declined', declineCode: 'card_declined' });
    expect(await authorize('tok_insufficient_funds')).toMatchObject({ status: 'declined', declineCode: 'insufficient_funds' });
    // The PaymentIntent stays readable as declined (requires_payment_method with last_payment_error).
    expect(await stripe.get({ providerPaymentId: declined.providerPaymentId })).toMatchObject({ status: 'declined', declineCode: 'card_declined' });
  });

  it('a pending charge is processing, then settles to authorized without anyone acting', async () => {
    const p = await authorize('tok_pending');
    expect(p).toMatchObject({ status: 'processing' });
    await waitFor(() => stripe.get({ providerPaymentId: p.providerPaymentId }), (g) => g?.status === 'authorized');
  });

  it('3-D Secure: requires_action with the redirect URL, then authorized once the buyer completes it', async () => {
    const p = await authorize('pm_card_authenticationRequired');
    expect(p).toMatchObject({ status: 'requires_action', nextAction: { type: 'redirect', url: `${sim.url}/sim/3ds/${p.providerPaymentId}` } });
    const intent = await raw('GET', `/v1/payment_intents/${p.providerPaymentId}`);
    expect(intent.body).toMatchObject({ status: 'requires_action', next_action: { type: 'redirect_to_url', redirect_to_url: { url: p.nextAction?.url } } });

    const done = await fetch(`${sim.url}/__sim/payments/${p.providerPaymentId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'success' }),
    });
    expect(done.status).toBe(200);
    expect(await stripe.get({ providerPaymentId: p.providerPaymentId })).toMatchObject({ status: 'authorized' });
  });

  it('a failed 3-D Secure step reads as declined authentication_failed', async () => {
    const p = await authorize('tok_3ds');
    await fetch(`${sim.url}/__sim/payments/${p.providerPaymentId}/complete`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ outcome: 'failure' }),
    });
    expect(await stripe.get({ providerPaymentId: p.providerPaymentId })).toMatchObject({ status: 'declined', declineCode: 'authentication_failed' });
  });

  it('the same idempotency key twice makes one PaymentIntent; other parameters are an idempotency error', async () => {
    const reference = unique('ORD');
    const first = await authorize('pm_card_visa', reference);
    const second = await authorize('pm_card_visa', reference);
    expect(second.providerPaymentId).toBe(first.providerPaymentId);
    expect(await ledger(reference)).toHaveLength(1);

    const other = await rejection(authorize('pm_card_visa', reference, `${reference}:1`, 9999));
    expect(other).toBeInstanceOf(ProviderRejectedError);
    expect(other).toMatchObject({ reason: 'idempotency_error', detail: { status: 400 } });
    expect(await ledger(reference)).toHaveLength(1);
  });

  it('a paypay source is refused without calling Stripe', async () => {
    const err = await rejection(stripe.authorize({ reference: unique('ORD'), amount: 100, currency: 'JPY', idempotencyKey: unique('k'), source: { type: 'paypay' } }));
    expect(err).toBeInstanceOf(ProviderRejectedError);
    expect(err.reason).toBe('unsupported_payment_method');
  });

  it('an unknown payment method is Rejected resource_missing, and nothing is recorded', async () => {
    const reference = unique('ORD');
    const err = await rejection(authorize('pm_no_such_method', reference));
    expect(err).toBeInstanceOf(ProviderRejectedError);
    expect(err).toMatchObject({ reason: 'resource_missing', detail: { status: 400 } });
    expect(await ledger(reference)).toEqual([]);
  });

  it('get of an unknown PaymentIntent is undefined', async () => {
    expect(await stripe.get({ providerPaymentId: 'pi_000000000000000000000000' })).toBeUndefined();
  });
});

describe('timeouts and outages', () => {
  it('a timed-out create is ambiguous, and findByReference then finds it with its key', async () => {
    const impatient = adapter({ timeoutMs: 300 });
    const reference = unique('ORD');
    const err = await rejection(
      impatient.authorize({ reference, amount: 1200, currency: 'JPY', idempotencyKey: `${reference}:1`, source: { type: 'card', token: 'tok_timeout' } }),
    );
    expect(err).toBeInstanceOf(ProviderAmbiguousError);
    const found = await stripe.findByReference({ reference, idempotencyKey: `${reference}:1` });
    expect(found).toEqual([expect.objectContaining({ reference, status: 'authorized', amount: 1200, idempotencyKey: `${reference}:1` })]);
    expect(await stripe.findByReference({ reference, idempotencyKey: `${reference}:2` })).toEqual([]);
    expect(await stripe.findByReference({ reference })).toHaveLength(1);
  });

  it('an injected 503 with Retry-After is Unavailable, with the status and the wait', async () => {
    await setFaults([{ operation: 'authorize', provider: 'stripe', status: 503, retryAfterSeconds: 7, count: 1 }]);
    const reference = unique('ORD');
    const err = await rejection(authorize('pm_card_visa', reference));
    expect(err).toBeInstanceOf(ProviderUnavailableError);
    expect(err.detail).toMatchObject({ status: 503, retryAfterSeconds: 7 });
    expect(JSON.parse(err.detail.body)).toMatchObject({ type: 'api_error' });
    expect(await ledger(reference)).toEqual([]);
    // The rule is used up: the retry goes through.
    expect(await authorize('pm_card_visa', reference)).toMatchObject({ status: 'authorized' });
  });

  it('tok_unavailable is a 503 (Unavailable) and records nothing', async () => {
    const reference = unique('ORD');
    expect(await rejection(authorize('tok_unavailable', reference))).toBeInstanceOf(ProviderUnavailableError);
    expect(await ledger(reference)).toEqual([]);
  });

  // A 502 comes from a gateway in front of the PSP, possibly after the PSP acted: never safe to fail over.
  it('429 is Unavailable, 500 is Ambiguous, 502 is Ambiguous', async () => {
    const p = await authorize('pm_card_visa');
    for (const [status, kind] of [
      [429, ProviderUnavailableError],
      [500, ProviderAmbiguousError],
      [502, ProviderAmbiguousError],
    ] as const) {
      await setFaults([{ operation: 'get', provider: 'stripe', status, count: 1 }]);
      const err = await rejection(stripe.get({ providerPaymentId: p.providerPaymentId }));
      expect(err).toBeInstanceOf(kind);
      expect(err.detail.status).toBe(status);
    }
  });

  it('a hanging capture is Ambiguous; the fault is per provider', async () => {
    const p = await authorize('pm_card_visa');
    await setFaults([{ operation: 'capture', provider: 'stripe', hang: true, count: 1 }]);
    const impatient = adapter({ timeoutMs: 300 });
    const err = await rejection(impatient.capture({ providerPaymentId: p.providerPaymentId, amount: 2500, idempotencyKey: unique('cap') }));
    expect(err).toBeInstanceOf(ProviderAmbiguousError);
    // A rule for another provider leaves Stripe alone.
    await setFaults([{ operation: 'capture', provider: 'paypay', status: 503 }]);
    expect(await stripe.capture({ providerPaymentId: p.providerPaymentId, amount: 2500, idempotencyKey: unique('cap') })).toMatchObject({ status: 'captured' });
  });

  it('a wrong key is Unavailable 401 (nothing was done), a refused connection is Unavailable', async () => {
    const wrong = adapter({ secretKey: 'sk_test_not_the_right_key' });
    const err = await rejection(wrong.findByReference({ reference: 'x' }));
    expect(err).toBeInstanceOf(ProviderUnavailableError);
    expect(err.detail.status).toBe(401);
    expect(err.detail.body).not.toContain('sk_test_not_the_right_key');

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const nowhere = adapter({ apiBase: `http://127.0.0.1:${port}` });
    expect(await rejection(nowhere.get({ providerPaymentId: 'pi_x' }))).toBeInstanceOf(ProviderUnavailableError);
  });

  it('an aborted signal: before sending is Unavailable', async () => {
    const err = await rejection(stripe.get({ providerPaymentId: 'pi_x', signal: AbortSignal.abort() }));
    expect(err).toBeInstanceOf(ProviderUnavailableError);
  });
});

describe('the Stripe-compatible wire', () => {
  it('takes bracket notation (curl style), expands latest_charge and replays with Idempotent-Replayed', async () => {
    const reference = unique('ORD');
    const form = [
      'amount=1500',
      'currency=jpy',
      'capture_method=manual',
      'confirm=true',
      'payment_method=pm_card_visa',
      `metadata[orderly_reference]=${reference}`,
      'metadata[note]=hello%20world',
      'payment_method_types[]=card',
      'expand[]=latest_charge',
    ].join('&');
    const key = unique('idem');
    const first = await raw('POST', '/v1/payment_intents', form, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      object: 'payment_intent',
      status: 'requires_capture',
      amount_capturable: 1500,
      currency: 'jpy',
      metadata: { orderly_reference: reference, note: 'hello world' },
      latest_charge: { object: 'charge', amount_captured: 0, amount_refunded: 0, refunded: false, payment_intent: first.body.id },
    });
    expect(first.headers.get('request-id')).toMatch(/^req_/);
    const again = await raw('POST', '/v1/payment_intents', form, { 'idempotency-key': key });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);

    const search = await raw('GET', `/v1/payment_intents/search?query=${encodeURIComponent(`metadata['orderly_reference']:'${reference}'`)}`);
    expect(search.body).toMatchObject({ object: 'search_result', data: [{ id: first.body.id, latest_charge: `ch_${first.body.id.slice(3)}` }] });
  });

  it('answers in Stripe error shapes: 401, unknown parameter, missing param, 404', async () => {
    const noKey = await fetch(`${sim.url}/v1/payment_intents/pi_x`);
    expect(noKey.status).toBe(401);
    expect(((await noKey.json()) as any).error.type).toBe('invalid_request_error');
    const unknown = await raw('POST', '/v1/payment_intents', 'amount=100&currency=jpy&colour=red');
    expect(unknown).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error', code: 'parameter_unknown', param: 'colour' } } });
    const missing = await raw('POST', '/v1/payment_intents', 'currency=jpy&confirm=true&capture_method=manual&payment_method=pm_card_visa');
    expect(missing.body.error).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    const malformed = await raw('POST', '/v1/payment_intents', 'metadata[a=1');
    expect(malformed).toMatchObject({ status: 400, body: { error: { type: 'invalid_request_error' } } });
    const notFound = await raw('GET', '/v1/payment_intents/pi_nope');
    expect(notFound).toMatchObject({ status: 404, body: { error: { code: 'resource_missing' } } });
  });

  it('a decline is a 402 card_error carrying the PaymentIntent, as Stripe sends it', async () => {
    const res = await raw('POST', '/v1/payment_intents', 'amount=100&currency=jpy&confirm=true&capture_method=manual&payment_method=pm_card_visa_chargeDeclined');
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'card_declined',
      payment_intent: { status: 'requires_payment_method', last_payment_error: { code: 'card_declined', decline_code: 'card_declined' } },
    });
  });

  it('concurrent requests under one key: one PaymentIntent; the others replay it or get a 409', async () => {
    const reference = unique('ORD');
    const form = `amount=100&currency=jpy&confirm=true&capture_method=manual&payment_method=tok_visa&metadata[orderly_reference]=${reference}`;
    const key = unique('idem');
    const answers = await Promise.all(Array.from({ length: 8 }, () => raw('POST', '/v1/payment_intents', form, { 'idempotency-key': key })));
    for (const a of answers) {
      expect([200, 409]).toContain(a.status);
      // A 409 saves nothing (Stripe semantics): it is an idempotency_error, safe to retry later.
      if (a.status === 409) expect(a.body.error.type).toBe('idempotency_error');
    }
    const ids = new Set(answers.filter((a) => a.status === 200).map((a) => a.body.id));
    expect(ids.size).toBe(1);
    expect(await ledger(reference)).toHaveLength(1);
  });
});

describe('webhooks', () => {
  it('delivers signed Stripe events that the adapter and the SDK both accept', async () => {
    const reference = unique('ORD');
    const p = await authorize('pm_card_visa', reference);
    await stripe.capture({ providerPaymentId: p.providerPaymentId, amount: 2500, idempotencyKey: unique('cap') });
    await stripe.refund({ providerPaymentId: p.providerPaymentId, amount: 2500, idempotencyKey: unique('ref') });
    const events = await waitFor(() => receiver.for(p.providerPaymentId), (e) => e.length >= 3);
    const types = events.map((e) => e.body.type).sort();
    expect(types).toEqual(['charge.refunded', 'payment_intent.amount_capturable_updated', 'payment_intent.succeeded']);

    const sdk = new Stripe(SECRET_KEY);
    const verified: ProviderEvent[] = [];
    for (const e of events) {
      const header = e.headers['stripe-signature'] as string;
      expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
      const event = sdk.webhooks.constructEvent(e.raw, header, WEBHOOK_SECRET);
      expect(event).toMatchObject({ id: e.body.id, object: 'event', livemode: false, api_version: '2026-10-28.endive' });
      verified.push(stripe.webhooks.verify(e.raw, e.headers));
    }
    const byType = Object.fromEntries(verified.map((v) => [v.type, v]));
    expect(byType['payment_intent.amount_capturable_updated']?.payment).toMatchObject({ providerPaymentId: p.providerPaymentId, reference, status: 'authorized' });
    expect(byType['payment_intent.succeeded']?.payment).toMatchObject({ status: 'captured', capturedAmount: 2500 });
    // A charge event is verified but carries no payment state for orderly to apply.
    expect(byType['charge.refunded']).toMatchObject({ type: 'charge.refunded' });
    expect(byType['charge.refunded']?.payment).toBeUndefined();
    expect(events.find((e) => e.body.type === 'charge.refunded')?.body.data.object).toMatchObject({ object: 'charge', refunded: true, payment_intent: p.providerPaymentId });
  });

  it('rejects tampered, wrongly signed, stale and unsigned events; accepts the previous secret', async () => {
    const p = await authorize('pm_card_visa');
    const [event] = await waitFor(() => receiver.for(p.providerPaymentId), (e) => e.length >= 1);
    const body = event!.raw;
    const headers = event!.headers;
    const reason = (f: () => unknown): string => {
      try {
        f();
      } catch (err) {
        expect(err).toBeInstanceOf(WebhookSignatureError);
        return (err as WebhookSignatureError).reason;
      }
      return 'accepted';
    };
    expect(reason(() => stripe.webhooks.verify(body, headers))).toBe('accepted');
    expect(reason(() => stripe.webhooks.verify(body.replace('"livemode":false', '"livemode":true '), headers))).toBe('mismatch');
    expect(reason(() => adapter({ webhookSecrets: ['whsec_someone_else'] }).webhooks.verify(body, headers))).toBe('mismatch');
    expect(reason(() => stripe.webhooks.verify(body, headers, new Date(Date.now() + 301_000)))).toBe('too_old');
    expect(reason(() => stripe.webhooks.verify(body, {}))).toBe('missing');
    expect(reason(() => stripe.webhooks.verify(body, { 'stripe-signature': 'garbage' }))).toBe('malformed');

    const t = Math.floor(Date.now() / 1000);
    expect(reason(() => stripe.webhooks.verify(body, { 'stripe-signature': stripeSignature(PREVIOUS_SECRET, t, body) }))).toBe('accepted');
    const signedNotJson = 'not json';
    expect(reason(() => stripe.webhooks.verify(signedNotJson, { 'stripe-signature': stripeSignature(WEBHOOK_SECRET, t, signedNotJson) }))).toBe('bad_body');
    expect(stripe.webhooks.decode(body)).toMatchObject({ id: event!.body.id, payment: { providerPaymentId: p.providerPaymentId } });
  });

  it('the same event is byte-identical on every delivery', async () => {
    await setFaults([{ operation: 'webhook', provider: 'stripe', duplicate: 1, count: 1 }]);
    const p = await authorize('pm_card_visa');
    const copies = await waitFor(() => receiver.for(p.providerPaymentId), (e) => e.length >= 2);
    expect(copies[1]!.raw).toBe(copies[0]!.raw);
    expect(copies[1]!.body.id).toBe(copies[0]!.body.id);
  });
});

describe('secrets', () => {
  it('neither the secret key nor a webhook secret appears in anything the simulator logged', () => {
    const all = logLines.join('');
    expect(logLines.length).toBeGreaterThan(10);
    for (const secret of [SECRET_KEY, WEBHOOK_SECRET, PREVIOUS_SECRET, NATIVE_WEBHOOK_SECRET]) expect(all).not.toContain(secret);
  });
});
