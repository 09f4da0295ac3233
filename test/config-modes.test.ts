import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';

/** A production configuration that is safe: every test below breaks exactly one thing. */
const SAFE: Record<string, string> = {
  ORDERLY_ENV: 'production',
  DATABASE_URL: 'postgres://orderly:pw@db.internal:5432/orderly',
  ORDERLY_ADMIN_KEY: 'prod-admin-key-0123456789abcdef',
  ORDERLY_JWT_SECRET: 'prod-jwt-secret-0123456789abcdef0123456789',
  STRIPE_SECRET_KEY: 'sk_live_0123456789',
  STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdef',
  PAYPAY_API_KEY: 'a_live_0123',
  PAYPAY_API_SECRET: 'paypay-secret-0123456789',
  PAYPAY_MERCHANT_ID: 'merchant-1',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
}

describe('production mode', () => {
  it('accepts a safe configuration: real PSPs only, no simulator, no demo catalog', () => {
    const c = loadConfig(SAFE);
    expect(c.mode).toBe('production');
    expect(c.pspSim.enabled).toBe(false);
    expect(c.demoCatalog).toBe(false);
    expect(c.routes).toEqual({ card: ['stripe'], paypay: ['paypay'] });
  });

  it.each([
    ['the simulator switched on', { PSP_SIM_ENABLED: 'true' }, 'PSP_SIM_ENABLED=true'],
    ['psp-sim in the card route', { PAYMENT_PROVIDERS_CARD: 'psp-sim' }, 'PAYMENT_PROVIDERS_CARD names psp-sim'],
    ['psp-sim in the PayPay route', { PAYMENT_PROVIDERS_PAYPAY: 'psp-sim' }, 'PAYMENT_PROVIDERS_PAYPAY names psp-sim'],
    ['Stripe played by the simulator', { STRIPE_API_BASE: 'simulator' }, 'STRIPE_API_BASE=simulator'],
    ['PayPay played by the simulator', { PAYPAY_API_BASE: 'simulator' }, 'PAYPAY_API_BASE=simulator'],
    ['a plain-http PSP', { STRIPE_API_BASE: 'http://stripe.internal:8080' }, 'STRIPE_API_BASE is plain http'],
    ['no admin key (it would be generated)', { ORDERLY_ADMIN_KEY: undefined }, 'ORDERLY_ADMIN_KEY (or ORDERLY_ADMIN_KEY_FILE) is required'],
    ['no JWT secret (it would be generated)', { ORDERLY_JWT_SECRET: undefined }, 'ORDERLY_JWT_SECRET (or ORDERLY_JWT_SECRET_FILE) is required'],
    ['no DATABASE_URL (an embedded Postgres)', { DATABASE_URL: undefined }, 'DATABASE_URL is required'],
    ['the demo catalog', { DEMO_CATALOG: 'true' }, 'DEMO_CATALOG=true'],
    ['card enabled without a real card PSP', { STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined }, 'PAYMENT_METHODS enables card, but no real provider takes it'],
    ['PayPay enabled without PayPay', { PAYPAY_API_KEY: undefined, PAYPAY_API_SECRET: undefined, PAYPAY_MERCHANT_ID: undefined }, 'PAYMENT_METHODS enables paypay, but no real provider takes it'],
  ])('refuses %s, naming the variable', (_what, change, expected) => {
    const p = problems({ ...SAFE, ...change });
    expect(p.some((line) => line.includes(expected)), p.join('\n')).toBe(true);
  });

  it('a method left out of PAYMENT_METHODS needs no provider', () => {
    const c = loadConfig({ ...SAFE, PAYPAY_API_KEY: undefined, PAYPAY_API_SECRET: undefined, PAYPAY_MERCHANT_ID: undefined, PAYMENT_METHODS: 'card' });
    expect(c.paymentMethods).toEqual(['card']);
    expect(c.routes.paypay).toEqual([]);
  });

  it('plain http is allowed only with the explicit opt-in PSP_ALLOW_HTTP=true', () => {
    expect(loadConfig({ ...SAFE, STRIPE_API_BASE: 'http://psp-sim:4010', PAYPAY_API_BASE: 'http://psp-sim:4010', PSP_ALLOW_HTTP: 'true' }).routes.card).toEqual(['stripe']);
  });
});

describe('development mode (the default)', () => {
  it('keeps zero setup: simulator on, demo catalog, both methods on the simulator', () => {
    const c = loadConfig({});
    expect(c.mode).toBe('development');
    expect(c.pspSim.enabled).toBe(true);
    expect(c.demoCatalog).toBe(true);
    expect(c.routes).toEqual({ card: ['psp-sim'], paypay: ['psp-sim'] });
  });

  it('a configured real PSP takes its method by default, never the simulator (free goods)', () => {
    const c = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_0123456789', STRIPE_WEBHOOK_SECRET: 'whsec_0123456789' });
    expect(c.routes.card).toEqual(['stripe']);
    expect(c.routes.paypay).toEqual(['psp-sim']);
  });

  it('EMBEDDED_PG_SETTINGS: name=value pairs separated by spaces reach the embedded Postgres; anything else is refused', () => {
    expect(loadConfig({ EMBEDDED_PG_SETTINGS: ' shared_preload_libraries=pg_stat_statements  work_mem=8MB ' }).embeddedPgSettings).toEqual(['shared_preload_libraries=pg_stat_statements', 'work_mem=8MB']);
    expect(loadConfig({}).embeddedPgSettings).toEqual([]);
    for (const bad of ['work_mem', 'work_mem=', "a=b'c", 'Bad=1', '=1', 'x=1 y']) {
      expect(problems({ EMBEDDED_PG_SETTINGS: bad }).join('\n'), bad).toContain('EMBEDDED_PG_SETTINGS takes name=value pairs');
    }
  });

  it('WORKER_LOCAL_QUEUE and WORKER_COMPLETE_BATCH_MS batch the job queue by default, and can turn it off', () => {
    expect(loadConfig({}).tasks).toMatchObject({ localQueueSize: 16, completeBatchMs: 5 });
    expect(loadConfig({ WORKER_LOCAL_QUEUE: '0', WORKER_COMPLETE_BATCH_MS: '-1' }).tasks).toMatchObject({ localQueueSize: 0, completeBatchMs: -1 });
    expect(problems({ WORKER_COMPLETE_BATCH_MS: '-2' }).join('\n')).toContain('WORKER_COMPLETE_BATCH_MS');
  });

  it('refuses unknown payment methods', () => {
    expect(problems({ PAYMENT_METHODS: 'card,bitcoin' })).toEqual(['PAYMENT_METHODS: unknown method "bitcoin" (known: card, paypay)']);
  });
});
