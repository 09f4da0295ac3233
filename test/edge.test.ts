import pino from 'pino';
import { describe, expect, it } from 'vitest';
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
  circuit: { failures: 3, halfOpenAfterMs: 300 },
  rateLimit: { perSecond: 1000, maxWaitMs: 1000 },
};
const log = pino({ level: 'silent' });
const edge = (psp: ScriptedPsp, policy: Partial<EdgePolicy> = {}) => new ResilientProvider(psp, { ...POLICY, ...policy }, log);
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

describe('provider edge: circuit breaker', () => {
  it('opens after the configured consecutive failures, refuses without calling the PSP, lets one probe through, closes on success', async () => {
    const psp = new ScriptedPsp(['503', '503', '503']);
    const p = edge(psp, { retry: { ...POLICY.retry, max: 0 } });
    for (let i = 0; i < 3; i++) expect(await failure(auth(p))).toBeInstanceOf(ProviderUnavailableError);
    expect(p.health().circuit).toBe('open');
    expect(p.available()).toBe(false);
    const refused = await failure(auth(p));
    expect(refused).toMatchObject({ local: 'circuit_open' });
    expect((refused as ProviderUnavailableError).detail.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(psp.calls).toHaveLength(3);

    await new Promise((r) => setTimeout(r, 320));
    expect(p.available()).toBe(true);
    // One probe goes through; a call arriving while it is out is refused at once, not made to wait.
    psp.next('hang');
    const probe = failure(auth(p));
    const during = await failure(auth(p));
    expect(during).toMatchObject({ local: 'circuit_open' });
    expect(await probe).toBeInstanceOf(ProviderAmbiguousError); // the hanging probe timed out: open again
    expect(p.health().circuit).toBe('open');

    await new Promise((r) => setTimeout(r, 320));
    expect((await auth(p)).status).toBe('authorized');
    expect(p.health().circuit).toBe('closed');
    expect(p.health().recent.calls).toBeGreaterThan(0);
  });

  it('a decline is a healthy answer; the caller running out of time is not the PSP failing', async () => {
    const declines = new ScriptedPsp([], 'declined');
    const p = edge(declines);
    for (let i = 0; i < 5; i++) expect((await auth(p)).status).toBe('declined');
    expect(p.health().circuit).toBe('closed');

    const slow = new ScriptedPsp([], 'hang');
    const q = edge(slow, { timeoutsMs: { ...POLICY.timeoutsMs, authorize: 5_000 } });
    for (let i = 0; i < 4; i++) expect(await failure(auth(q, AbortSignal.timeout(30)))).toBeInstanceOf(ProviderAmbiguousError);
    expect(q.health().circuit).toBe('closed');
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
