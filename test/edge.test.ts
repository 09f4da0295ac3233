import fc from 'fast-check';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerSettings, type BreakerState, type Permit } from '../src/payments/providers/edge/circuit-breaker.ts';
import { ResilientProvider, type EdgePolicy } from '../src/payments/providers/edge/resilient-provider.ts';
import {
  ProviderAmbiguousError,
  ProviderUnavailableError,
  type AuthorizeInput,
  type PaymentProvider,
  type ProviderPayment,
} from '../src/payments/providers/provider.ts';

/**
 * The resilience edge on its own, in front of a scripted PSP: each call to the
 * PSP runs the next step of its script (answer, fail, or hang until aborted),
 * and every call is recorded, so "the PSP was not called" can be asserted.
 */
type Step = 'ok' | 'declined' | '503' | '401' | 'timeout-error' | 'hang' | { retryAfter: number };

class ScriptedPsp implements PaymentProvider {
  readonly name = 'scripted';
  readonly calls: { op: string; key?: string; at: number }[] = [];
  constructor(private readonly script: Step[], private readonly fallback: Step = 'ok') {}

  /** Scripts the next call. */
  next(step: Step): void {
    this.script.push(step);
  }

  private async step(op: string, signal: AbortSignal | undefined, key?: string): Promise<ProviderPayment> {
    this.calls.push({ op, ...(key ? { key } : {}), at: Date.now() });
    const s = this.script.shift() ?? this.fallback;
    if (s === 'hang') {
      await new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    }
    if (s === '503') throw new ProviderUnavailableError('503', this.name, { status: 503, body: '{"error":"down"}' });
    if (s === '401') throw new ProviderUnavailableError('401', this.name, { status: 401 });
    if (s === 'timeout-error') throw new ProviderAmbiguousError('reset', this.name);
    if (typeof s === 'object') throw new ProviderUnavailableError('429', this.name, { status: 429, retryAfterSeconds: s.retryAfter });
    return { providerPaymentId: 'p1', reference: 'R', status: s === 'declined' ? 'declined' : 'authorized', amount: 100, capturedAmount: 0, refundedAmount: 0 };
  }

  authorize(i: AuthorizeInput) {
    return this.step('authorize', i.signal, i.idempotencyKey);
  }
  capture() {
    return this.step('capture', undefined);
  }
  void() {
    return this.step('void', undefined);
  }
  refund() {
    return this.step('refund', undefined);
  }
  get(i: { signal?: AbortSignal }) {
    return this.step('get', i.signal);
  }
  async findByReference() {
    return [await this.step('find', undefined)];
  }
}

const POLICY: EdgePolicy = {
  timeoutsMs: { authorize: 150, capture: 150, void: 150, refund: 150, get: 150, find: 150 },
  retry: { max: 2, baseMs: 5, maxDelayMs: 300 },
  circuit: { failureRate: 0.5, minCalls: 4, consecutiveFailures: 0, windowMs: 10_000, halfOpenAfterMs: 300, probes: 2 },
  rateLimit: { perSecond: 1000, maxWaitMs: 1000 },
};
const log = pino({ level: 'silent' });
const edge = (psp: ScriptedPsp, policy: Partial<EdgePolicy> = {}, now?: () => number) => new ResilientProvider(psp, { ...POLICY, ...policy }, log, undefined, now);
const auth = (p: PaymentProvider, signal?: AbortSignal) =>
  p.authorize({ reference: 'R', amount: 100, currency: 'JPY', idempotencyKey: 'R:1', source: { type: 'card', token: 'tok_visa' }, ...(signal ? { signal } : {}) });
const failure = async (p: Promise<unknown>) => await p.then(() => undefined, (e: unknown) => e);

describe('provider edge: retries', () => {
  it('retries a 503 with the same idempotency key and succeeds', async () => {
    const psp = new ScriptedPsp(['503', '503', 'ok']);
    expect((await auth(edge(psp))).status).toBe('authorized');
    expect(psp.calls.map((c) => c.key)).toEqual(['R:1', 'R:1', 'R:1']);
  });

  it('never repeats a write whose outcome is unknown, nor a refused key; does repeat a read', async () => {
    const ambiguous = new ScriptedPsp(['timeout-error', 'ok']);
    expect(await failure(auth(edge(ambiguous)))).toBeInstanceOf(ProviderAmbiguousError);
    expect(ambiguous.calls).toHaveLength(1);
    const refused = new ScriptedPsp(['401', 'ok']);
    expect(await failure(auth(edge(refused)))).toMatchObject({ detail: { status: 401 } });
    expect(refused.calls).toHaveLength(1);
    const read = new ScriptedPsp(['timeout-error', 'ok']);
    expect((await edge(read).get({ providerPaymentId: 'p1' }))?.status).toBe('authorized');
    expect(read.calls).toHaveLength(2);
  });

  it('honours Retry-After, and fails fast (for failover) when the PSP asks for longer than the retry cap', async () => {
    const short = new ScriptedPsp([{ retryAfter: 0.2 }, 'ok']);
    expect((await auth(edge(short))).status).toBe('authorized');
    expect(short.calls[1]!.at - short.calls[0]!.at).toBeGreaterThanOrEqual(190);
    const long = new ScriptedPsp([{ retryAfter: 30 }, 'ok']);
    expect(await failure(auth(edge(long)))).toMatchObject({ detail: { retryAfterSeconds: 30 } });
    expect(long.calls).toHaveLength(1);
  });

  it('a write cut off by its timeout is ambiguous', async () => {
    const psp = new ScriptedPsp(['hang']);
    const e = await failure(auth(edge(psp, { retry: { ...POLICY.retry, max: 0 } })));
    expect(e).toBeInstanceOf(ProviderAmbiguousError);
    expect((e as Error).message).toContain('no answer within 150 ms');
  });
});

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

const SETTINGS: BreakerSettings = { failureRate: 0.5, minCalls: 10, windowMs: 10_000, openMs: 5_000, probes: 3 };

function breaker(settings: Partial<BreakerSettings> = {}) {
  const clock = manualClock();
  const changes: BreakerState[] = [];
  const b = new CircuitBreaker({ ...SETTINGS, ...settings }, (s) => changes.push(s), clock.now);
  /** One whole call, acquired and judged at once. */
  const call = (verdict: 'success' | 'failure' | 'ignored'): boolean => {
    const p = b.tryAcquire();
    if (p) b.record(p, verdict);
    return p !== undefined;
  };
  return { b, clock, changes, call };
}

describe('circuit breaker (the state machine, with a hand-driven clock)', () => {
  it('never opens on fewer than the minimum calls in the window, whatever they are', () => {
    const { b, call } = breaker();
    for (let i = 0; i < 9; i++) call('failure');
    expect(b.state).toBe('closed');
    call('failure');
    expect(b.state).toBe('open');
  });

  it.each([
    // [failures, successes, opens?] — judged once the window holds 20 calls, threshold 0.5
    [9, 11, false],
    [10, 10, true],
    [15, 5, true],
    [3, 17, false],
  ])('rate, not streaks: %i failures among %i successes → open %s', (failures, successes, opens) => {
    const { b, call } = breaker({ minCalls: 20 });
    // Successes first, then a streak of failures: only the rate counts.
    for (let i = 0; i < successes; i++) call('success');
    for (let i = 0; i < failures; i++) call('failure');
    expect(b.state).toBe(opens ? 'open' : 'closed');
  });

  it('a PSP that just went down opens it at once: consecutive whole-call failures, however healthy the window', () => {
    const { b, call } = breaker({ consecutiveFailures: 5 });
    for (let i = 0; i < 100; i++) call('success');
    for (let i = 0; i < 4; i++) call('failure');
    call('success'); // a healthy answer breaks the run
    for (let i = 0; i < 4; i++) call('failure');
    call('ignored'); // a local refusal neither breaks nor extends it
    expect(b.state).toBe('closed');
    call('failure');
    expect(b.state).toBe('open');
  });

  it('ignored calls (local refusals, the caller’s deadline) count neither way', () => {
    const { b, call } = breaker();
    for (let i = 0; i < 50; i++) call('ignored');
    for (let i = 0; i < 9; i++) call('failure');
    expect(b.state).toBe('closed');
    expect(b.snapshot().window).toMatchObject({ calls: 9, failures: 9 });
  });

  it('the window slides: failures older than it no longer count', () => {
    const { b, clock, call } = breaker({ windowMs: 10_000 });
    for (let i = 0; i < 9; i++) call('failure');
    clock.advance(10_001);
    expect(b.snapshot().window.calls).toBe(0);
    for (let i = 0; i < 9; i++) call('failure');
    expect(b.state).toBe('closed');
    call('failure');
    expect(b.state).toBe('open');
  });

  it('open: refuses everything until the pause is over, saying when probes start', () => {
    const { b, clock, call } = breaker();
    for (let i = 0; i < 10; i++) call('failure');
    expect(b.tryAcquire()).toBeUndefined();
    expect(b.retryAfterSeconds()).toBe(5);
    expect(b.wouldPermit()).toBe(false);
    clock.advance(3_500);
    expect(b.retryAfterSeconds()).toBe(2);
    expect(b.snapshot()).toMatchObject({ state: 'open', probeInMs: 1_500 });
    clock.advance(1_500);
    expect(b.wouldPermit()).toBe(true);
    expect(b.state).toBe('open'); // it moves on when a call comes
  });

  it('half-open: several probes at once, the rest refused; probes mostly succeeding close it', () => {
    const { b, clock, changes, call } = breaker();
    for (let i = 0; i < 10; i++) call('failure');
    clock.advance(5_000);
    const probes = [b.tryAcquire(), b.tryAcquire(), b.tryAcquire()];
    expect(probes.every((p) => p?.probe)).toBe(true);
    expect(b.state).toBe('half-open');
    expect(b.tryAcquire()).toBeUndefined();
    expect(b.wouldPermit()).toBe(false);
    expect(b.retryAfterSeconds()).toBe(1);
    b.record(probes[0]!, 'failure');
    expect(b.state).toBe('half-open'); // 1 of 3 failed: the other two decide
    b.record(probes[1]!, 'success');
    expect(b.state).toBe('half-open');
    b.record(probes[2]!, 'success');
    expect(b.state).toBe('closed');
    expect(changes).toEqual(['open', 'half-open', 'closed']);
    // Closed again with a clean window: the failures that opened it are forgotten.
    expect(b.snapshot().window.calls).toBe(0);
    expect(call('success')).toBe(true);
  });

  it('half-open: decided as soon as the rest cannot change the verdict; a late probe is stale', () => {
    const { b, clock, call } = breaker();
    for (let i = 0; i < 10; i++) call('failure');
    clock.advance(5_000);
    const [p1, p2, p3] = [b.tryAcquire()!, b.tryAcquire()!, b.tryAcquire()!];
    b.record(p1, 'failure');
    b.record(p2, 'failure'); // 2 of 3 failed: at or above 0.5 whatever the third says
    expect(b.state).toBe('open');
    expect(b.retryAfterSeconds()).toBe(5);
    b.record(p3, 'success'); // from the half-open that is over: changes nothing
    expect(b.state).toBe('open');
    clock.advance(5_000);
    const [q1, q2] = [b.tryAcquire()!, b.tryAcquire()!];
    b.record(q1, 'success');
    b.record(q2, 'success'); // 2 of 3 succeeded: below 0.5 even if the third fails
    expect(b.state).toBe('closed');
  });

  it('an ignored probe hands its permit back', () => {
    const { b, clock, call } = breaker({ probes: 1 });
    for (let i = 0; i < 10; i++) call('failure');
    clock.advance(5_000);
    const p = b.tryAcquire()!;
    expect(b.tryAcquire()).toBeUndefined();
    b.record(p, 'ignored');
    expect(b.state).toBe('half-open');
    const again = b.tryAcquire()!;
    expect(again.probe).toBe(true);
    b.record(again, 'success');
    expect(b.state).toBe('closed');
  });

  it('a call that started while closed cannot reopen or close the circuit after it changed; its retries are not admitted', () => {
    const { b, call } = breaker();
    const old: Permit = b.tryAcquire()!;
    for (let i = 0; i < 10; i++) call('failure');
    expect(b.state).toBe('open');
    expect(b.admits(old)).toBe(false);
    b.record(old, 'success');
    expect(b.state).toBe('open');
  });

  it('property: never more probes out than allowed, nothing through while open, and it opens exactly when the window says so', () => {
    type Op = { kind: 'start' } | { kind: 'finish'; index: number; verdict: 'success' | 'failure' | 'ignored' } | { kind: 'wait'; ms: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.constant({ kind: 'start' as const }),
      fc.record({ kind: fc.constant('finish' as const), index: fc.nat(20), verdict: fc.constantFrom('success' as const, 'failure' as const, 'ignored' as const) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 1, max: 3_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 1, max: 8 }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (ops, minCalls, failureRate) => {
        const clock = manualClock();
        // 1 ms buckets: the window is exactly the last windowMs, so a simple model can follow it.
        const settings: BreakerSettings = { failureRate, minCalls, windowMs: 4_000, openMs: 2_000, probes: 3, bucketMs: 1 };
        let openedAt = 0;
        const b = new CircuitBreaker(settings, (s) => void (s === 'open' && (openedAt = clock.now())), clock.now);
        const out: Permit[] = [];
        // Model of the closed window: verdicts since the last state change, with their times.
        let model: { at: number; failure: boolean }[] = [];
        let lastState = b.state;
        for (const o of ops) {
          if (o.kind === 'wait') clock.advance(o.ms);
          else if (o.kind === 'start') {
            const stateBefore = b.state;
            const p = b.tryAcquire();
            if (stateBefore === 'open' && clock.now() - openedAt < settings.openMs) expect(p).toBeUndefined();
            if (p) out.push(p);
          } else if (out.length > 0) {
            const p = out.splice(o.index % out.length, 1)[0]!;
            const wasClosed = b.state === 'closed' && !p.probe && b.admits(p);
            b.record(p, o.verdict);
            if (wasClosed && o.verdict !== 'ignored') {
              model.push({ at: clock.now(), failure: o.verdict === 'failure' });
              const w = model.filter((m) => m.at > clock.now() - settings.windowMs);
              const failures = w.filter((m) => m.failure).length;
              const shouldOpen = o.verdict === 'failure' && w.length >= minCalls && failures / w.length >= failureRate;
              expect(b.state).toBe(shouldOpen ? 'open' : 'closed');
            }
          }
          if (b.state !== lastState) model = [];
          lastState = b.state;
          const snap = b.snapshot();
          if (snap.probes) expect(snap.probes.inFlight).toBeLessThanOrEqual(settings.probes);
          if (b.state === 'half-open') expect(out.filter((p) => p.probe && b.admits(p)).length).toBeLessThanOrEqual(settings.probes);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('provider edge: circuit breaker around whole calls', () => {
  const noRetry = { ...POLICY.retry, max: 0 };

  it('judges whole calls after retries: a PSP failing two tries of every three is healthy', async () => {
    const psp = new ScriptedPsp([], 'ok');
    const p = edge(psp, { circuit: { ...POLICY.circuit, minCalls: 3 } });
    for (let i = 0; i < 20; i++) {
      psp.next('503');
      psp.next('503');
      psp.next('ok');
      expect((await auth(p)).status).toBe('authorized');
    }
    expect(p.health()).toMatchObject({ circuit: 'closed', breaker: { window: { calls: 20, failures: 0, failureRate: 0 } } });
    expect(psp.calls).toHaveLength(60);
  });

  it('opens on the failure rate of whole calls, refuses gated calls without sending (Retry-After until probes), never refuses reads', async () => {
    const clock = manualClock();
    const psp = new ScriptedPsp([], '503');
    const p = edge(psp, { retry: noRetry }, clock.now);
    for (let i = 0; i < 4; i++) expect(await failure(auth(p))).toMatchObject({ detail: { status: 503 } });
    expect(p.health()).toMatchObject({ circuit: 'open', halfOpenInSeconds: 1 });
    expect(p.available()).toBe(false);
    const refused = await failure(auth(p));
    expect(refused).toMatchObject({ local: 'circuit_open', detail: { retryAfterSeconds: 1 } });
    expect(await failure(p.capture({ providerPaymentId: 'p1', amount: 100, idempotencyKey: 'k' }))).toMatchObject({ local: 'circuit_open' });
    expect(psp.calls).toHaveLength(4);
    psp.next('ok');
    expect((await p.get({ providerPaymentId: 'p1' }))?.status).toBe('authorized'); // reads resolve doubt: never refused
    expect(psp.calls).toHaveLength(5);
  });

  it('half-open lets the configured probes through at once and refuses the rest; good probes close it', async () => {
    const clock = manualClock();
    const psp = new ScriptedPsp([], '503');
    const p = edge(psp, { retry: noRetry }, clock.now);
    for (let i = 0; i < 4; i++) await failure(auth(p));
    clock.advance(300);
    expect(p.available()).toBe(true);
    psp.next('hang');
    psp.next('hang');
    const probes = [failure(auth(p)), failure(auth(p))];
    expect(p.health().circuit).toBe('half-open');
    expect(p.available()).toBe(false);
    expect(await failure(auth(p))).toMatchObject({ local: 'circuit_open', detail: { retryAfterSeconds: 1 } });
    // Both probes time out (150 ms): no answer is a failure, so it opens again.
    for (const e of await Promise.all(probes)) expect(e).toBeInstanceOf(ProviderAmbiguousError);
    expect(p.health().circuit).toBe('open');
    expect(psp.calls).toHaveLength(6);

    clock.advance(300);
    psp.next('ok');
    psp.next('declined'); // a decline is the PSP answering
    expect((await Promise.all([auth(p), auth(p)])).map((r) => r.status).sort()).toEqual(['authorized', 'declined']);
    expect(p.health().circuit).toBe('closed');
  });

  it('a decline is a healthy answer; the caller running out of time is not the PSP failing', async () => {
    const declines = new ScriptedPsp([], 'declined');
    const p = edge(declines);
    for (let i = 0; i < 8; i++) expect((await auth(p)).status).toBe('declined');
    expect(p.health()).toMatchObject({ circuit: 'closed', breaker: { window: { calls: 8, failures: 0 } } });

    const slow = new ScriptedPsp([], 'hang');
    const q = edge(slow, { timeoutsMs: { ...POLICY.timeoutsMs, authorize: 5_000 } });
    for (let i = 0; i < 6; i++) expect(await failure(auth(q, AbortSignal.timeout(30)))).toBeInstanceOf(ProviderAmbiguousError);
    expect(q.health()).toMatchObject({ circuit: 'closed', breaker: { window: { calls: 0 } } });
  });

  it('local refusals (our rate limit) never reached the PSP and count neither way', async () => {
    const psp = new ScriptedPsp([], 'ok');
    const p = edge(psp, { rateLimit: { perSecond: 2, maxWaitMs: 0 } });
    const results = await Promise.all(Array.from({ length: 10 }, () => failure(auth(p))));
    expect(results.filter((r) => (r as ProviderUnavailableError | undefined)?.local === 'rate_limited')).toHaveLength(8);
    expect(p.health()).toMatchObject({ circuit: 'closed', breaker: { window: { calls: 2, failures: 0 } } });
  });

  it('a retry is not sent once the circuit has opened meanwhile', async () => {
    // The first call gets its permit, is told to come back in 100 ms; meanwhile a capture fails (401) and opens the circuit.
    const psp = new ScriptedPsp([{ retryAfter: 0.1 }, '401'], 'ok');
    const p = edge(psp, { retry: { max: 2, baseMs: 5, maxDelayMs: 300 }, circuit: { ...POLICY.circuit, minCalls: 1 } });
    const first = failure(auth(p));
    await failure(p.capture({ providerPaymentId: 'p1', amount: 100, idempotencyKey: 'k' }));
    expect(p.health().circuit).toBe('open');
    expect(await first).toMatchObject({ local: 'circuit_open' });
    expect(psp.calls.map((c) => c.op)).toEqual(['authorize', 'capture']);
  });
});

describe('provider edge: the caller’s deadline', () => {
  it('ends a call waiting between retries at once, with the last try’s error, and sends nothing after', async () => {
    const psp = new ScriptedPsp([{ retryAfter: 1 }, 'ok']);
    const p = edge(psp, { retry: { max: 2, baseMs: 5, maxDelayMs: 2_000 } });
    const started = Date.now();
    const e = await failure(auth(p, AbortSignal.timeout(100)));
    expect(Date.now() - started).toBeLessThan(400);
    expect(e).toMatchObject({ detail: { status: 429, retryAfterSeconds: 1 } });
    await new Promise((r) => setTimeout(r, 1_100));
    expect(psp.calls).toHaveLength(1);
  });
});

describe('provider edge: rate limit', () => {
  it('smooths a burst within the limit and refuses, before sending, what would wait too long', async () => {
    const psp = new ScriptedPsp([]);
    const p = edge(psp, { rateLimit: { perSecond: 20, maxWaitMs: 200 } });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 30 }, () => failure(auth(p))));
    const refused = results.filter((r) => r instanceof ProviderUnavailableError);
    // 20 at once (the bucket), about 4 more within 200 ms, the rest refused locally.
    expect(psp.calls.length).toBeGreaterThanOrEqual(20);
    expect(psp.calls.length).toBeLessThanOrEqual(25);
    expect(refused.length).toBe(30 - psp.calls.length);
    expect(refused.every((r) => (r as ProviderUnavailableError).local === 'rate_limited')).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
