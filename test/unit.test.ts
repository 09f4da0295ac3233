import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { prefersJapanese } from '../src/platform/errors.ts';
import { newOrderNo } from '../src/platform/ids.ts';
import { backoffMs } from '../src/platform/jobs/task.runner.ts';
import { requestHash } from '../src/checkout/idempotency.repository.ts';

describe('backoff with full jitter', () => {
  it('stays within [10 ms, min(max, base·2^(n−1))] for every attempt and random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 10, max: 10_000 }),
        fc.integer({ min: 10, max: 1_000_000 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (attempt, base, extra, r) => {
          const policy = { maxAttempts: 10, retryBaseMs: base, retryMaxMs: base + extra };
          const d = backoffMs(attempt, policy, () => r);
          const ceiling = Math.min(policy.retryMaxMs, base * 2 ** Math.min(attempt - 1, 30));
          return d >= 10 && d <= Math.max(10, ceiling);
        },
      ),
    );
  });
});

describe('order numbers', () => {
  it('look like ORD-YYYYMMDD-XXXXXX with the Japan date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const no = newOrderNo(d);
        const jst = new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10).replaceAll('-', '');
        return new RegExp(`^ORD-${jst}-[0-9A-HJKMNP-TV-Z]{6}$`).test(no);
      }),
    );
    expect(newOrderNo(new Date('2026-11-21T15:30:00Z'))).toMatch(/^ORD-20261122-/);
  });
});

describe('Accept-Language', () => {
  it.each([
    ['ja', true],
    ['ja-JP,ja;q=0.9,en;q=0.8', true],
    ['en-US,en;q=0.9,ja;q=0.8', false],
    ['fr, ja;q=0.5', true],
    ['ja;q=0, en', false],
    [undefined, false],
    ['*', false],
  ])('%s → Japanese: %s', (header, ja) => {
    expect(prefersJapanese(header)).toBe(ja);
  });
});

describe('idempotency request hash', () => {
  it('does not depend on key order but does on values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        return requestHash('POST', '/x', obj) === requestHash('POST', '/x', reversed);
      }),
    );
    expect(requestHash('POST', '/x', { a: 1 })).not.toBe(requestHash('POST', '/x', { a: 2 }));
  });
});

describe('configuration', () => {
  it('has documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, dataDir: './.orderly', reserveDeadlineMs: 15_000, pspSim: { port: 4010, url: 'http://127.0.0.1:4010' } });
  });

  it('lists every bad value with a clear message', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', TASK_MAX_ATTEMPTS: '0', ORDERLY_ADMIN_KEY: 'short', PSP_SIM_ENABLED: 'maybe' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toContain('PORT must be an integer from 0 to 65535 (got "eighty")');
      expect(problems).toContain('DATABASE_URL must be a URL starting with postgres:// or postgresql://');
      expect(problems).toContain('TASK_MAX_ATTEMPTS');
      expect(problems).toContain('ORDERLY_ADMIN_KEY must be at least 16 characters');
      expect(problems).toContain('PSP_SIM_ENABLED must be true or false');
    }
  });

  it('refuses a PSP timeout as long as the buyer-facing deadline', () => {
    expect(() => loadConfig({ PSP_TIMEOUT_MS: '15000', RESERVE_DEADLINE_MS: '15000' })).toThrow(/PSP_TIMEOUT_MS must be shorter/);
  });

  const problemsOf = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (e) {
      return (e as ConfigError).problems.join('\n');
    }
    return '';
  };

  it('circuit breaker and task settings: defaults, a rate between 0 and 1, and the replaced PSP_CIRCUIT_FAILURES refused with its successors named', () => {
    const c = loadConfig({});
    expect(c.psp).toMatchObject({ retryMax: 3, circuitFailureRate: 0.5, circuitMinCalls: 10, circuitWindowMs: 10_000, circuitHalfOpenMs: 10_000, circuitProbes: 3 });
    expect(c.tasks).toMatchObject({ maxAttempts: 50, retryMaxMs: 30_000 });
    expect(loadConfig({ PSP_CIRCUIT_FAILURE_RATE: '0.25', PSP_CIRCUIT_PROBES: '5' }).psp).toMatchObject({ circuitFailureRate: 0.25, circuitProbes: 5 });
    for (const bad of ['0', '1', '1.5', '-0.1', 'half']) {
      expect(problemsOf({ PSP_CIRCUIT_FAILURE_RATE: bad })).toContain(`PSP_CIRCUIT_FAILURE_RATE must be a number greater than 0 and less than 1 (got "${bad}")`);
    }
    expect(problemsOf({ PSP_CIRCUIT_MIN_CALLS: '0' })).toContain('PSP_CIRCUIT_MIN_CALLS must be an integer');
    expect(problemsOf({ PSP_CIRCUIT_FAILURES: '5' })).toMatch(/PSP_CIRCUIT_FAILURES .*replaced by PSP_CIRCUIT_FAILURE_RATE and PSP_CIRCUIT_MIN_CALLS/);
  });

  it('routes: ordered provider lists, each provider known, configured and able to take the method', () => {
    expect(loadConfig({}).routes).toEqual({ card: ['psp-sim'], paypay: ['psp-sim'] });
    expect(loadConfig({ STRIPE_API_BASE: 'simulator', PAYMENT_PROVIDERS_CARD: 'stripe, psp-sim' }).routes.card).toEqual(['stripe', 'psp-sim']);
    expect(problemsOf({ PAYMENT_PROVIDERS_CARD: 'adyen' })).toContain('unknown provider "adyen"');
    expect(problemsOf({ PAYMENT_PROVIDERS_CARD: 'paypay', PAYPAY_API_BASE: 'simulator' })).toContain('provider "paypay" cannot take card payments');
    expect(problemsOf({ PAYMENT_PROVIDERS_CARD: 'stripe' })).toContain('STRIPE_SECRET_KEY is not set');
    expect(problemsOf({ PAYMENT_PROVIDERS_CARD: 'psp-sim,psp-sim' })).toContain('listed twice');
    // A real Stripe with the simulator behind it would turn a Stripe outage into declines.
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_live_0123456789', STRIPE_WEBHOOK_SECRET: 'whsec_0123456789', PAYMENT_PROVIDERS_CARD: 'stripe,psp-sim' })).toContain(
      'psp-sim (the simulator) cannot back up a real PSP',
    );
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_live_0123456789' })).toContain('STRIPE_WEBHOOK_SECRET is required');
    expect(problemsOf({ PAYPAY_API_KEY: 'a_key_123' })).toContain('PAYPAY_API_KEY, PAYPAY_API_SECRET and PAYPAY_MERCHANT_ID together');
    expect(problemsOf({ STRIPE_API_BASE: 'https://api.stripe.com/v1', STRIPE_SECRET_KEY: 'sk_test_0123456789', STRIPE_WEBHOOK_SECRET: 'whsec_0123456789' })).toContain(
      'STRIPE_API_BASE must be a scheme, host and port only',
    );
  });

  it('reads secrets from *_FILE (one trailing newline dropped), refuses both forms, and scrubs them from logs', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const { scrubSecrets } = await import('../src/platform/secrets.ts');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orderly-secret-'));
    const file = path.join(dir, 'stripe_key');
    await writeFile(file, 'sk_test_from_file_0123456789\n');
    const c = loadConfig({ STRIPE_SECRET_KEY_FILE: file, STRIPE_WEBHOOK_SECRET: 'whsec_file_test_01234' });
    expect(c.stripe?.secretKey).toBe('sk_test_from_file_0123456789');
    expect(scrubSecrets('PSP said: bad key sk_test_from_file_0123456789!')).toBe('PSP said: bad key [redacted]!');
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_test_x123456789', STRIPE_SECRET_KEY_FILE: file })).toContain('set STRIPE_SECRET_KEY or STRIPE_SECRET_KEY_FILE, not both');
    expect(problemsOf({ ORDERLY_ADMIN_KEY_FILE: path.join(dir, 'missing') })).toContain('ORDERLY_ADMIN_KEY_FILE: cannot read');
    await rm(dir, { recursive: true, force: true });
  });
});
