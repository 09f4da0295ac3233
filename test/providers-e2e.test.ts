import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * The whole service with card payments on Stripe and PayPay payments on PayPay,
 * both played by the simulator's compatible APIs and reached through the real
 * adapters (the official Stripe SDK; PayPay's REST API with OPA-Auth), with the
 * PSPs' webhooks coming back over HTTP. Every secret is explicit, so the log
 * check at the end knows what to look for.
 */
const SECRETS = {
  STRIPE_SECRET_KEY: 'sk_test_e2e_0123456789abcdefSECRET',
  STRIPE_WEBHOOK_SECRET: 'whsec_e2e_0123456789abcdefSECRET',
  PAYPAY_API_KEY: 'a_e2e_paypay_key',
  PAYPAY_API_SECRET: 'paypay_e2e_0123456789abcdefSECRET',
  PSP_SIM_API_KEY: 'sk_sim_e2e_0123456789SECRET',
  PSP_SIM_WEBHOOK_SECRET: 'psp_sim_e2e_webhook_0123456789SECRET',
  ORDERLY_ADMIN_KEY: 'admin_e2e_0123456789abcdefSECRET',
  ORDERLY_JWT_SECRET: 'jwt_e2e_0123456789abcdef0123456789SECRET',
};

/** Card payments on Stripe, PayPay payments on PayPay, both played by the simulator. */
const PROVIDERS = {
  ...SECRETS,
  STRIPE_API_BASE: 'simulator',
  PAYPAY_API_BASE: 'simulator',
  PAYPAY_MERCHANT_ID: 'e2e-merchant',
  PAYMENT_PROVIDERS_CARD: 'stripe',
  PAYMENT_PROVIDERS_PAYPAY: 'paypay',
  // Only webhooks decide waiting orders here: the first poll would come after a minute.
  PAYMENT_POLL_FIRST_MS: '60000',
  PAYMENT_POLL_MAX_MS: '60000',
};

let t: TestService;

beforeAll(async () => {
  t = await startTestService({ ...PROVIDERS, PAYMENT_EXPIRES_MS: '6000' });
  await t.product('E2E-SKU', 3300, 100);
});
afterAll(async () => t?.close());

const items = [{ sku: 'E2E-SKU', quantity: 1 }];

async function complete(paymentId: string, outcome: 'success' | 'failure'): Promise<void> {
  const r = await fetch(`${t.simUrl}/__sim/payments/${encodeURIComponent(paymentId)}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome }),
  });
  expect(r.status).toBe(200);
}

async function orderStatus(orderNo: string): Promise<string> {
  return (await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body.status as string;
}

describe('Stripe through the official SDK', () => {
  it('authorizes with manual capture, captures once, and receives its signed webhooks', async () => {
    const r = await t.buy('tok_visa', { items });
    expect(r.status).toBe(201);
    const orderNo = r.body.orderNo as string;
    const d = await settled(t, orderNo);
    expect(d.payment).toMatchObject({ provider: 'stripe', status: 'CAPTURED', capturedAmount: 3300 });
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ provider: 'stripe', status: 'captured', capturedAmount: 3300 })]);
    const hooks = await waitFor(
      async () => {
        const w = (await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body.webhooks as { provider: string; type: string }[];
        return w.some((x) => x.type === 'payment_intent.succeeded') ? w : undefined;
      },
      { what: 'Stripe webhooks' },
    );
    expect(hooks!.every((h) => h.provider === 'stripe')).toBe(true);
    expect(hooks!.map((h) => h.type)).toContain('payment_intent.amount_capturable_updated');
  });

  it('3-D Secure: the order waits, the Stripe webhook decides it, the capture follows', async () => {
    const r = await t.buy('tok_3ds', { items });
    expect(r.status).toBe(202);
    expect(r.body.payment.nextAction.url).toContain('/sim/3ds/');
    const orderNo = r.body.orderNo as string;
    const [pi] = await t.ledger(orderNo);
    expect(pi!.id).toMatch(/^pi_/);
    await complete(pi!.id, 'success');
    await waitFor(async () => (await orderStatus(orderNo)) === 'PAID', { what: 'PAID by the Stripe webhook' });
    await settled(t, orderNo);
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 3300 })]);
  });

  it('a waiting order that expires is voided at Stripe (PaymentIntent canceled)', async () => {
    const r = await t.buy('tok_3ds', { items });
    const orderNo = r.body.orderNo as string;
    const d = await settled(t, orderNo, 30_000);
    expect(d.status).toBe('FAILED');
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ provider: 'stripe', status: 'voided' })]);
  });

  it('a Stripe webhook with a bad signature is refused and changes nothing', async () => {
    const r = await t.call('POST', '/webhooks/stripe', {
      body: JSON.stringify({ id: 'evt_forged', type: 'payment_intent.succeeded', data: { object: { id: 'pi_x' } } }),
      headers: { 'content-type': 'application/json', 'stripe-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
    });
    expect(r.status).toBe(401);
  });
});

describe('unsigned PayPay hints are bounded', () => {
  /**
   * A service of its own, where nothing but the hints asks PayPay while a test runs: waiting orders expire
   * after the default ten minutes (the file's 6 s expiry wakes the order's poll, which asks PayPay too) and are
   * first polled after a minute. So every "Get payment details" counted below is a hint's confirmation. The
   * hint window is a minute, so the machine's speed cannot push a test's hints out of one window.
   */
  let h: TestService;
  beforeAll(async () => {
    h = await startTestService({ ...PROVIDERS, WEBHOOK_HINT_WINDOW_MS: '60000' });
    await h.product('E2E-SKU', 3300, 100);
  });
  afterAll(async () => h?.close());

  const hint = (merchantOrderId: string, state: string, pad = '') =>
    JSON.stringify({
      notification_type: 'Transaction',
      merchant_id: 'e2e-merchant',
      order_id: `pp-${pad}`,
      merchant_order_id: merchantOrderId,
      paid_at: new Date().toISOString(),
      order_amount: '3300',
      state,
    });
  const send = (body: string) => h.call('POST', '/webhooks/paypay', { body, headers: { 'content-type': 'application/json' } });
  /** PayPay webhooks kept, in all or about one order. */
  const stored = async (orderNo?: string) =>
    Number(
      (await sql<{ n: string }>`select count(*) as n from payment_webhook_events where provider = 'paypay' and (${orderNo ?? null}::text is null or reference = ${orderNo ?? null})`.execute(h.svc.db))
        .rows[0]!.n,
    );
  /** Counts PayPay's "Get payment details" from here on (a no-op rule whose uses are counted). */
  const countGets = async () =>
    await fetch(`${h.simUrl}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rules: [{ provider: 'paypay', operation: 'get', latencyMs: 1, count: 1_000_000 }] }),
    });
  const gets = async () => {
    const r = await fetch(`${h.simUrl}/__sim/faults`);
    const rule = ((await r.json()) as { rules: { operation: string; remaining: number | null }[] }).rules.find((x) => x.operation === 'get');
    return 1_000_000 - (rule?.remaining ?? 1_000_000);
  };
  const processed = (orderNo: string, n: number) =>
    waitFor(
      async () => {
        const webhooks = (await h.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body.webhooks as { processedAt: string | null }[];
        return webhooks.length === n && webhooks.every((w) => w.processedAt);
      },
      { what: `the ${n} kept hints to be processed` },
    );
  const waitingOrder = async () => {
    const r = await h.buy({ method: 'paypay' }, { items });
    expect(r.status).toBe(202);
    return r.body.orderNo as string;
  };
  /** Every state PayPay notifies (paypay.wire.ts STATUS): one hint of each is a new status, never a duplicate. */
  const STATES = ['COMPLETED', 'AUTHORIZED', 'REAUTHORIZING', 'CREATED', 'REFUNDED', 'FAILED', 'CANCELED', 'EXPIRED'];

  afterEach(async () => {
    await fetch(`${h.simUrl}/__sim/faults`, { method: 'DELETE' });
  });

  it('a hint about no payment of ours is not kept; a flood about one payment is kept once and costs one PayPay query', async () => {
    const before = await stored();
    const unknown = await send(hint('ORD-20261201-NOSUCH_3a1', 'COMPLETED'));
    expect(unknown.status).toBe(200);
    expect(unknown.body).toEqual({ received: true, ignored: true });
    expect(await stored()).toBe(before);

    const orderNo = await waitingOrder();
    await countGets();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => send(hint(`${orderNo}_3a1`, 'COMPLETED', String(i)))));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.body.duplicate).length).toBe(39);
    await processed(orderNo, 1);
    expect(await stored()).toBe(before + 1);
    // One kept hint, one job, one question to PayPay (nothing else asks it here: see the beforeAll).
    expect(await gets()).toBe(1);
  });

  it('hints of other statuses about a payment just confirmed are kept but merged: no further PayPay query within the window', async () => {
    const orderNo = await waitingOrder();
    const ref = `${orderNo}_3a1`;
    await countGets();
    const [first, ...others] = STATES;
    expect((await send(hint(ref, first!))).body).toEqual({ received: true });
    await processed(orderNo, 1);
    expect(await gets()).toBe(1);
    // Each is a status not seen yet, so none is a duplicate: each is kept and its job runs, and each finds
    // the confirmation a moment ago (WebhookInbox.confirmedRecently) and asks PayPay nothing.
    const answers = await Promise.all(others.map((state) => send(hint(ref, state))));
    expect(answers.map((a) => a.body)).toEqual(others.map(() => ({ received: true })));
    await processed(orderNo, STATES.length);
    expect(await gets()).toBe(1);
    // What PayPay said (still waiting for the buyer) is what counts, not what the hints claimed.
    expect((await h.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body.status).toBe('WAITING_PAYMENT');
  });

  it('a flood of every status at once about a payment not yet confirmed is kept once per status, and costs at most that many PayPay queries', async () => {
    const orderNo = await waitingOrder();
    const ref = `${orderNo}_3a1`;
    await countGets();
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => send(hint(ref, STATES[i % STATES.length]!, String(i)))));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    await processed(orderNo, STATES.length);
    expect(await stored(orderNo)).toBe(STATES.length);
    // Not one: the jobs of hints kept at the same moment run side by side (WORKER_CONCURRENCY), each before any
    // of them is marked processed, so each asks PayPay — merging covers the hints that come after a confirmation,
    // not those racing the first one. As built the bound is one query per status (8 here, and this run usually
    // sees all 8), never one per hint; one per payment would need its hint jobs serialized.
    const n = await gets();
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(STATES.length);
  });

  it('ids longer than any PSP sends are refused (422), bodies over PayPay\'s limit too (413)', async () => {
    const long = await send(hint(`ORD-${'X'.repeat(300)}_3a1`, 'COMPLETED'));
    expect(long.status).toBe(422);
    const big = await send(hint('ORD-20261201-BIG_3a1', 'COMPLETED', 'x'.repeat(17 * 1024)));
    expect(big.status).toBe(413);
  });

  it('no secret appears in this service\'s log lines either', () => {
    const all = h.logs.join('\n');
    for (const [name, value] of Object.entries(SECRETS)) expect(all.includes(value), `${name} leaked into the logs`).toBe(false);
  });
});

describe('PayPay QR with preauthorization', () => {
  it('QR created, the buyer pays in the app, the notification is confirmed with PayPay, the order is PAID and captured', async () => {
    const r = await t.buy({ method: 'paypay' }, { items });
    expect(r.status).toBe(202);
    expect(r.body.payment.nextAction.url).toContain('/sim/pay/');
    const orderNo = r.body.orderNo as string;
    const [qr] = await t.ledger(orderNo);
    expect(qr).toMatchObject({ provider: 'paypay', status: 'requires_action' });
    await complete(qr!.id, 'success');
    await waitFor(async () => (await orderStatus(orderNo)) === 'PAID', { what: 'PAID by the PayPay notification' });
    const d = await settled(t, orderNo);
    expect(d.payment).toMatchObject({ provider: 'paypay', status: 'CAPTURED', capturedAmount: 3300 });
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ provider: 'paypay', status: 'captured', capturedAmount: 3300 })]);
    expect(d.webhooks.some((w: { provider: string }) => w.provider === 'paypay')).toBe(true);
  });

  it('a forged PayPay notification (PayPay does not sign them) changes nothing: PayPay is asked', async () => {
    const r = await t.buy({ method: 'paypay' }, { items });
    const orderNo = r.body.orderNo as string;
    const merchantPaymentId = `${orderNo}_3a1`;
    const forged = await t.call('POST', '/webhooks/paypay', {
      body: JSON.stringify({
        notification_type: 'Transaction',
        merchant_id: 'e2e-merchant',
        store_id: '',
        pos_id: '',
        order_id: 'forged',
        merchant_order_id: merchantPaymentId,
        authorized_at: new Date().toISOString(),
        expires_at: null,
        paid_at: new Date().toISOString(),
        order_amount: '3300',
        state: 'COMPLETED',
      }),
      headers: { 'content-type': 'application/json' },
    });
    expect(forged.status).toBe(200);
    const job = await waitFor(
      async () => {
        const w = (await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body.webhooks as { processedAt: string | null }[];
        return w.find((x) => x.processedAt !== null);
      },
      { what: 'the forged notification to be processed' },
    );
    expect(job).toBeDefined();
    expect(await orderStatus(orderNo)).toBe('WAITING_PAYMENT');
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ status: 'requires_action' })]);
  });
});

describe('secrets', () => {
  it('no secret appears in any log line, even when PSPs fail and answer with bodies', async () => {
    await fetch(`${t.simUrl}/__sim/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      // Every try of the call (1 + PSP_RETRY_MAX, default 3) answers 503.
      body: JSON.stringify({ rules: [{ provider: 'stripe', operation: 'authorize', status: 503, count: 4 }] }),
    });
    const r = await t.buy('tok_visa', { items });
    expect(r.status).toBe(503);
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
    const all = t.logs.join('\n');
    expect(all).toContain('PSP call failed');
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(all.includes(value), `${name} leaked into the logs`).toBe(false);
    }
    // Generated secrets (the PayPay simulator's webhook format needs none; the admin key is given) are covered too.
    expect(all).not.toMatch(/sk_test_[A-Za-z0-9]{10,}/);
  });
});
