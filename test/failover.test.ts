import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADDRESS, settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * Card payments routed to Stripe (played by the simulator's Stripe-compatible
 * API, through the official SDK) first and the native simulator second, with
 * the faults aimed at Stripe only. The ledger (`/__sim/payments`) holds both
 * providers' payments, so a double authorization would show there.
 */
const ROUTED = {
  STRIPE_API_BASE: 'simulator',
  PAYMENT_PROVIDERS_CARD: 'stripe,psp-sim',
  PSP_TIMEOUT_MS: '800',
  PSP_READ_TIMEOUT_MS: '800',
  PSP_RETRY_BASE_MS: '20',
  PSP_RETRY_MAX_DELAY_MS: '200',
  // Small numbers so a test opens the circuit in a few calls: 3 whole calls in 10 s, half of them failing.
  PSP_CIRCUIT_MIN_CALLS: '3',
  PSP_CIRCUIT_WINDOW_MS: '10000',
  PSP_CIRCUIT_HALF_OPEN_MS: '1500',
  // Two probes at threshold 0.5: one failed probe reopens it, two good ones close it.
  PSP_CIRCUIT_PROBES: '2',
};

type Ledger = Awaited<ReturnType<TestService['ledger']>>;
const live = (l: Ledger) => l.filter((p) => p.authorizedAmount > 0 && !['voided', 'refunded'].includes(p.status));

async function faults(t: TestService, rules: unknown[]): Promise<void> {
  const r = await fetch(`${t.simUrl}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) });
  expect(r.status).toBe(200);
}

type Health = { circuit: string; halfOpenInSeconds?: number; breaker: { window: { calls: number; failureRate: number | null } }; recent: { calls: number; successRate: number | null } };

async function providers(t: TestService): Promise<Record<string, Health>> {
  const r = await t.admin('GET', '/api/v1/admin/providers');
  expect(r.status).toBe(200);
  return Object.fromEntries((r.body.providers as { name: string }[]).map((p) => [p.name, p])) as never;
}

/** Runs `fn` over `items` with at most `n` at once. */
async function pool<T, R>(items: T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

describe('failover between providers', () => {
  let t: TestService;
  beforeAll(async () => {
    // No same-provider retries here, and no circuit: every 503 is a failover decision.
    t = await startTestService({ ...ROUTED, PSP_RETRY_MAX: '0', PSP_CIRCUIT_MIN_CALLS: '100000', PSP_CIRCUIT_CONSECUTIVE_FAILURES: '0' });
    await t.product('FO-SKU', 2000, 1000);
  });
  afterAll(async () => t?.close());
  afterEach(async () => {
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
  });

  it('primary at 30 % 503: every order succeeds, some through the secondary, never two authorizations', async () => {
    await faults(t, [{ provider: 'stripe', operation: 'authorize', status: 503, errorRate: 0.3 }]);
    const results = await pool(Array.from({ length: 40 }, (_, i) => i), 8, async () => await t.buy('tok_visa', { items: [{ sku: 'FO-SKU', quantity: 1 }] }));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    const via: Record<string, number> = {};
    for (const r of results) {
      const d = await settled(t, r.body.orderNo);
      expect(d.status).toBe('PAID');
      const ledger = await t.ledger(r.body.orderNo);
      // Exactly one payment ever held money for the order, and it was captured once.
      expect(live(ledger)).toHaveLength(1);
      expect(ledger.filter((p) => p.capturedAmount > 0)).toEqual([expect.objectContaining({ capturedAmount: 2000 })]);
      const provider = d.payment.provider as string;
      via[provider] = (via[provider] ?? 0) + 1;
      const attempts = d.payment.attempts as { provider: string; status: string; idempotencyKey: string }[];
      attempts.forEach((a, i) => expect(a.idempotencyKey).toBe(`${r.body.orderNo}:${i + 1}`));
      if (provider === 'psp-sim') expect(attempts.map((a) => [a.provider, a.status])).toEqual([['stripe', 'UNAVAILABLE'], ['psp-sim', 'CAPTURED']]);
    }
    expect(via.stripe).toBeGreaterThan(0);
    expect(via['psp-sim']).toBeGreaterThan(0);
  });

  it('a decline on the primary is final: no failover, nothing at the secondary', async () => {
    const r = await t.buy('tok_declined', { items: [{ sku: 'FO-SKU', quantity: 1 }] });
    expect(r.status).toBe(402);
    expect(r.body.error.code).toBe('PAYMENT_DECLINED');
    const d = await settled(t, r.body.error.orderNo);
    expect(d.payment.attempts).toEqual([expect.objectContaining({ provider: 'stripe', status: 'DECLINED' })]);
    const ledger = await t.ledger(r.body.error.orderNo);
    expect(ledger.map((p) => p.provider)).toEqual(['stripe']);
  });

  it('the primary times out but authorized: the order uses that authorization, captured exactly once', async () => {
    // tok_timeout: Stripe records the PaymentIntent but answers after PSP_SIM_TIMEOUT_DELAY_MS, past our timeout.
    const r = await t.buy('tok_timeout', { items: [{ sku: 'FO-SKU', quantity: 1 }] });
    const orderNo = (r.body.orderNo ?? r.body.error?.orderNo) as string;
    const d = await settled(t, orderNo);
    const ledger = await t.ledger(orderNo);
    expect(ledger.map((p) => p.provider)).toEqual(['stripe']); // never failed over
    expect(r.status).toBe(201);
    expect(d.status).toBe('PAID');
    expect(ledger).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 2000 })]);
    expect(d.tasks.filter((x: { name: string }) => x.name === 'capture_payment')).toHaveLength(1);
  });

  it('every provider unavailable: 503 PAYMENT_UNAVAILABLE with the PSPs’ Retry-After, in Japanese too; the log keeps the PSP’s status and body', async () => {
    await faults(t, [
      { provider: 'stripe', operation: 'authorize', status: 503, retryAfterSeconds: 30 },
      { provider: 'psp-sim', operation: 'authorize', status: 401 },
    ]);
    const r = await t.call('POST', '/api/v1/orders', {
      auth: await t.token(),
      headers: { 'idempotency-key': `k-${Date.now()}`, 'accept-language': 'ja' },
      body: { items: [{ sku: 'FO-SKU', quantity: 1 }], shippingAddress: ADDRESS, payment: { method: 'card', token: 'tok_visa' } },
    });
    // Seed 001: a PSP's 503 (or our key refused with 401) is never a 500 or a 401 to the buyer.
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('PAYMENT_UNAVAILABLE');
    expect(r.body.error.message).toContain('決済サービスが一時的に利用できません');
    expect(r.headers.get('retry-after')).toBe('30');
    const lines = t.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === 'PSP call failed' && l.operation === 'authorize');
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ provider: 'stripe', pspStatus: 503, pspBody: expect.stringContaining('error') }),
        expect.objectContaining({ provider: 'psp-sim', pspStatus: 401, pspBody: expect.stringContaining('injected_fault') }),
      ]),
    );
    const ledger = await t.ledger(r.body.error.orderNo);
    expect(ledger).toEqual([]);
  });
});

describe('circuit breaker', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(ROUTED);
    await t.product('CB-SKU', 1000, 1000);
  });
  afterAll(async () => t?.close());

  it('a hanging primary opens its circuit once the minimum calls have failed; orders flow through the secondary with bounded latency; after recovery a probe closes it', async () => {
    await faults(t, [{ provider: 'stripe', operation: 'authorize', hang: true }]);
    const timings: { status: number; ms: number; provider?: string }[] = [];
    const buy = async () => {
      const started = Date.now();
      const r = await t.buy('tok_visa', { items: [{ sku: 'CB-SKU', quantity: 1 }] });
      const orderNo = (r.body.orderNo ?? r.body.error?.orderNo) as string;
      timings.push({ status: r.status, ms: Date.now() - started });
      return orderNo;
    };
    // The first calls each wait out the authorize timeout and fail cleanly (nothing can have been authorized).
    const first: string[] = [];
    for (let i = 0; i < 3; i++) first.push(await buy());
    expect((await providers(t)).stripe!.circuit).toBe('open');
    expect(timings.slice(0, 3).map((x) => x.status)).toEqual([503, 503, 503]);

    // While it is open, orders go straight to the secondary.
    for (let i = 0; i < 20; i++) await buy();
    const open = timings.slice(3);
    expect(open.filter((x) => x.status === 201).length).toBeGreaterThanOrEqual(15);
    const sorted = open.map((x) => x.ms).sort((a, b) => a - b);
    const p99 = sorted[Math.ceil(sorted.length * 0.99) - 1]!;
    // Bounded by one authorize timeout (a half-open probe) plus the lookup and the secondary's answer.
    expect(p99).toBeLessThan(800 + 800 + 1000);

    // Nothing was ever authorized at the hanging primary.
    for (const orderNo of first) {
      const d = await settled(t, orderNo);
      expect(d.status).toBe('FAILED');
      expect(live(await t.ledger(orderNo))).toEqual([]);
    }

    // Recovery: after the half-open pause, probe calls go through and close the circuit.
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
    await waitFor(
      async () => {
        await buy();
        return (await providers(t)).stripe!.circuit === 'closed';
      },
      { timeoutMs: 10_000, intervalMs: 300, what: 'the circuit to close' },
    );
    const r = await t.buy('tok_visa', { items: [{ sku: 'CB-SKU', quantity: 1 }] });
    expect(r.status).toBe(201);
    const d = await settled(t, r.body.orderNo);
    expect(d.payment.provider).toBe('stripe');
    const health = await providers(t);
    expect(health.stripe!.recent.calls).toBeGreaterThan(0);
    expect(health['psp-sim']!.circuit).toBe('closed');
  });
});

describe('failover pair, the breaker at its default settings', () => {
  // The target for the pair: the other tests of the pair switch the breaker off (every 503 a
  // failover decision) or shrink it. Here only the routing is set: retries, window, minimum calls,
  // consecutive failures and probes are the defaults, as a deployment gets them.
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ STRIPE_API_BASE: 'simulator', PAYMENT_PROVIDERS_CARD: 'stripe,psp-sim' });
    await t.product('PAIR-SKU', 1000, 10_000);
  });
  afterAll(async () => t?.close());

  it('primary at 30 % 503: at least 97 % of 120 purchases succeed, the circuit never opens, no order holds two authorizations', async () => {
    await faults(t, [{ provider: 'stripe', operation: 'authorize', status: 503, errorRate: 0.3 }]);
    const results = await pool(Array.from({ length: 120 }, (_, i) => i), 8, async () => await t.buy('tok_visa', { items: [{ sku: 'PAIR-SKU', quantity: 1 }] }));
    const ok = results.filter((r) => r.status === 201).length;
    // Whole calls fail 0.3⁴ = 0.8 % of the time after the default 3 retries, and then go to psp-sim.
    expect(ok / results.length, `${ok} of ${results.length} succeeded`).toBeGreaterThanOrEqual(0.97);
    expect(circuitLines(t, 'open')).toEqual([]);
    expect((await providers(t)).stripe!.circuit).toBe('closed');
    const held = new Map<string, number>();
    for (const p of live(await t.ledger())) held.set(p.reference, (held.get(p.reference) ?? 0) + 1);
    expect([...held.values()].filter((n) => n > 1)).toEqual([]);
  }, 60_000);
});

/**
 * One card provider, nothing to fail over to: the breaker is all that stands
 * between a sick PSP and the buyers. It must cost nothing while the PSP answers
 * most calls after a retry, and answer fast (503 with Retry-After) without
 * hammering the PSP while it is down.
 */
const SINGLE = {
  PAYMENT_PROVIDERS_CARD: 'psp-sim',
  // Judged on whole calls, a PSP answering 70 % of tries is healthy. With 2 retries a call would still
  // fail 0.3³ = 2.7 % of the time: 97 % would then be the expected share, and 150 purchases would miss it
  // by chance about every third run. The default, 3 retries (0.3⁴: 0.8 % of calls fail), keeps the test
  // about the breaker; it is set here so the test holds whatever the default becomes.
  PSP_RETRY_MAX: '3',
  PSP_RETRY_BASE_MS: '20',
  PSP_RETRY_MAX_DELAY_MS: '200',
  PSP_CIRCUIT_MIN_CALLS: '5',
  PSP_CIRCUIT_WINDOW_MS: String(2_000),
  PSP_CIRCUIT_HALF_OPEN_MS: '2000',
  PSP_CIRCUIT_PROBES: '2',
};
const WINDOW_MS = 2_000;
const HALF_OPEN_MS = 2_000;
const PSP_TIMEOUT_MS = 1_500; // the test service's default
/** Each call is tried 1 + PSP_RETRY_MAX times. */
const TRIES_PER_CALL = 4;
/** The fault rule's uses show how many authorize requests reached the simulator. */
const USES = 1_000_000;

async function authorizeRequestsSoFar(t: TestService): Promise<number> {
  const r = await fetch(`${t.simUrl}/__sim/faults`);
  const rule = ((await r.json()) as { rules: { operation: string; remaining: number | null }[] }).rules.find((x) => x.operation === 'authorize');
  return USES - (rule?.remaining ?? USES);
}

const circuitLines = (t: TestService, state: string) => t.logs.map((l) => JSON.parse(l)).filter((l) => l.msg === `circuit ${state}`);

describe('circuit breaker, single provider', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService(SINGLE);
    await t.product('SP-SKU', 1000, 100_000);
  });
  afterAll(async () => t?.close());
  afterEach(async () => {
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
  });
  beforeEach(async () => {
    // Each test starts from a closed circuit with an empty window (the last test's calls age out of it).
    await waitFor(
      async () => {
        const h = (await providers(t))['psp-sim']!;
        return h.circuit === 'closed' && h.breaker.window.calls === 0;
      },
      // The window empties WINDOW_MS after the last call; the rest is room for a loaded machine.
      { timeoutMs: WINDOW_MS + 10_000, intervalMs: 100, what: 'an empty breaker window' },
    );
  });
  const buy = async () => {
    const started = Date.now();
    const r = await t.buy('tok_visa', { items: [{ sku: 'SP-SKU', quantity: 1 }] });
    return { status: r.status, code: r.body.error?.code as string | undefined, retryAfter: r.headers.get('retry-after'), ms: Date.now() - started };
  };

  it('30 % 503 on authorize: at least 97 % of purchases succeed and the circuit never opens', async () => {
    await faults(t, [{ operation: 'authorize', status: 503, errorRate: 0.3 }]);
    let everOpen = false;
    let stop = false;
    const watch = (async () => {
      while (!stop) {
        if ((await providers(t))['psp-sim']!.circuit !== 'closed') everOpen = true;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const results = await pool(Array.from({ length: 150 }, (_, i) => i), 8, buy);
    stop = true;
    await watch;
    const ok = results.filter((r) => r.status === 201).length;
    const answers = results.reduce<Record<string, number>>((m, r) => ({ ...m, [`${r.status} ${r.code ?? ''}`]: (m[`${r.status} ${r.code ?? ''}`] ?? 0) + 1 }), {});
    expect(ok / results.length, JSON.stringify(answers)).toBeGreaterThanOrEqual(0.97);
    // The few that failed did so at the PSP (every try a 503), never refused by our own circuit.
    expect(results.filter((r) => r.status !== 201).every((r) => r.status === 503 && r.code === 'PAYMENT_UNAVAILABLE')).toBe(true);
    expect(everOpen).toBe(false);
    expect(circuitLines(t, 'open')).toEqual([]);
    const health = (await providers(t))['psp-sim']!;
    expect(health.circuit).toBe('closed');
    // The breaker judged whole calls (those of the last WINDOW_MS), (almost) all healthy: enough of them
    // to open it by rate twice over (how many more depends on how fast a loaded machine buys).
    expect(health.breaker.window.calls).toBeGreaterThanOrEqual(2 * Number(SINGLE.PSP_CIRCUIT_MIN_CALLS));
    expect(health.breaker.window.failureRate).toBeLessThan(0.1);
  });

  it('100 % 503: once open, buyers get 503 PAYMENT_UNAVAILABLE with Retry-After at once, only probes reach the PSP, and recovery is one probe interval away', async () => {
    await faults(t, [{ operation: 'authorize', status: 503, count: USES }]);
    // Opens after the minimum calls, all failed.
    let calls = 0;
    await waitFor(
      async () => {
        const r = await buy();
        expect(r).toMatchObject({ status: 503, code: 'PAYMENT_UNAVAILABLE' });
        calls += 1;
        return (await providers(t))['psp-sim']!.circuit === 'open';
      },
      { timeoutMs: 10_000, intervalMs: 0, what: 'the circuit to open' },
    );
    expect(calls).toBe(5);
    expect(await authorizeRequestsSoFar(t)).toBe(5 * TRIES_PER_CALL);
    expect(circuitLines(t, 'open')).toEqual([expect.objectContaining({ provider: 'psp-sim', window: expect.objectContaining({ calls: 5, failures: 5 }) })]);

    // While open: refused locally, fast, with the time until probing as Retry-After; nothing sent.
    const before = await authorizeRequestsSoFar(t);
    const burst = await pool(Array.from({ length: 12 }, (_, i) => i), 4, buy);
    expect((await providers(t))['psp-sim']!.circuit).toBe('open');
    expect(await authorizeRequestsSoFar(t)).toBe(before);
    for (const r of burst) {
      expect(r).toMatchObject({ status: 503, code: 'PAYMENT_UNAVAILABLE' });
      expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(r.retryAfter)).toBeLessThanOrEqual(HALF_OPEN_MS / 1000);
      // Within one PSP timeout, as the issue sets it: nothing waited for the PSP (nothing was sent, above).
      expect(r.ms).toBeLessThan(PSP_TIMEOUT_MS);
    }
    // And typically at once: a loaded CI machine may hold one answer up, not the middle one.
    const middle = burst.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(burst.length / 2)]!;
    expect(middle).toBeLessThan(PSP_TIMEOUT_MS / 3);

    // Through a half-open round: its probes are the only calls that reach the PSP; they fail, so it opens again.
    const from = await authorizeRequestsSoFar(t);
    const startedAt = Date.now();
    const during: Awaited<ReturnType<typeof buy>>[] = [];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (Date.now() - startedAt < HALF_OPEN_MS + 500) during.push(await buy());
      }),
    );
    const reached = (await authorizeRequestsSoFar(t)) - from;
    expect(during.length).toBeGreaterThan(20);
    expect(during.every((r) => r.status === 503 && r.code === 'PAYMENT_UNAVAILABLE' && r.retryAfter)).toBe(true);
    expect(reached).toBeGreaterThan(0); // the probes
    expect(reached).toBeLessThanOrEqual(2 * TRIES_PER_CALL); // two probes of one round, with their retries
    expect(circuitLines(t, 'half-open').length).toBeGreaterThanOrEqual(1);
    expect((await providers(t))['psp-sim']!.circuit).toBe('open');

    // Recovery: purchases succeed again within one probe interval (plus slack), and the circuit closes.
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
    const fixedAt = Date.now();
    await waitFor(async () => (await buy()).status === 201, { timeoutMs: HALF_OPEN_MS + 1_500, intervalMs: 20, what: 'a purchase to succeed again' });
    expect(Date.now() - fixedAt).toBeLessThan(HALF_OPEN_MS + 1_000);
    await waitFor(async () => (await buy()).status === 201 && (await providers(t))['psp-sim']!.circuit === 'closed', { timeoutMs: 3_000, intervalMs: 20, what: 'the circuit to close' });
  });

  it('a hanging PSP: the timeouts open the circuit after the minimum calls; then buyers get 503 PAYMENT_UNAVAILABLE without a call to the PSP, in less than a PSP timeout', async () => {
    await faults(t, [{ operation: 'authorize', hang: true }]);
    // Five buyers at once each wait out the authorize timeout (nothing can have been authorized: the order fails CHECKOUT_TIMEOUT).
    const first = await Promise.all(Array.from({ length: 5 }, buy));
    expect(first.map((r) => r.code)).toEqual(Array(5).fill('CHECKOUT_TIMEOUT'));
    expect((await providers(t))['psp-sim']!.circuit).toBe('open');
    const before = await authorizeRequestsSoFar(t);
    const after = await pool(Array.from({ length: 8 }, (_, i) => i), 4, buy);
    expect(await authorizeRequestsSoFar(t), 'refused here, never sent').toBe(before);
    for (const r of after) {
      expect(r).toMatchObject({ status: 503, code: 'PAYMENT_UNAVAILABLE' });
      expect(r.retryAfter).toBeTruthy();
      // Nothing waited for the PSP (that alone takes PSP_TIMEOUT_MS); the rest is the purchase's own work on a loaded machine.
      expect(r.ms).toBeLessThan(PSP_TIMEOUT_MS);
    }
  });
});
