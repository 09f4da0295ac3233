import type { ApiBase, Config } from './config.ts';
import type { PaymentsConfig } from './payments/index.ts';
import type { PspSimOptions } from './psp-sim/index.ts';
import { keptSecret, scrubFromLogs } from './platform/secrets.ts';

/**
 * Provider credentials as the process uses them: from the environment (or
 * `*_FILE`), and — for a provider played by the in-process simulator
 * (`STRIPE_API_BASE=simulator`, `PAYPAY_API_BASE=simulator`) — local defaults,
 * generated secrets kept in the data dir. Every value is scrubbed from logs.
 */
export interface ProviderCredentials {
  /** Undefined in production, which has no simulator. */
  pspSimWebhookSecret: string | undefined;
  stripe?: { secretKey: string; webhookSecrets: string[]; simulated: boolean; apiBase: ApiBase };
  paypay?: { apiKey: string; apiSecret: string; merchantId: string; simulated: boolean; apiBase: ApiBase };
}

/** The simulator's Stripe key when none is given: a test-mode key that only the local simulator accepts. */
const SIM_STRIPE_KEY = 'sk_test_orderly_simulator';
const SIM_PAYPAY_API_KEY = 'a_orderly_simulator';
const SIM_PAYPAY_MERCHANT = 'orderly-simulator-merchant';

export async function providerCredentials(config: Config): Promise<ProviderCredentials> {
  const dir = config.dataDir;
  const creds: ProviderCredentials = {
    pspSimWebhookSecret: config.mode === 'production' ? undefined : await keptSecret(dir, 'psp-sim-webhook-secret', config.pspSim.webhookSecret, 32),
  };
  const s = config.stripe;
  if (s) {
    const simulated = s.apiBase.kind === 'simulator';
    const current = s.webhookSecret ?? (await keptSecret(dir, 'stripe-webhook-secret', undefined, 32));
    creds.stripe = {
      secretKey: s.secretKey ?? SIM_STRIPE_KEY,
      webhookSecrets: [current, ...(s.webhookSecretPrevious ? [s.webhookSecretPrevious] : [])],
      simulated,
      apiBase: s.apiBase,
    };
  }
  const p = config.paypay;
  if (p) {
    creds.paypay = {
      apiKey: p.apiKey ?? SIM_PAYPAY_API_KEY,
      apiSecret: p.apiSecret ?? (await keptSecret(dir, 'paypay-api-secret', undefined, 32)),
      merchantId: p.merchantId ?? SIM_PAYPAY_MERCHANT,
      simulated: p.apiBase.kind === 'simulator',
      apiBase: p.apiBase,
    };
  }
  scrubFromLogs(creds.pspSimWebhookSecret, creds.stripe?.secretKey, ...(creds.stripe?.webhookSecrets ?? []), creds.paypay?.apiSecret);
  return creds;
}

/** What the simulator must serve so it can play the configured providers. `all`: also those with a URL (`orderly psp-sim`). */
export function simulatedProviders(creds: ProviderCredentials, all: boolean): Pick<PspSimOptions, 'stripe' | 'paypay'> {
  return {
    ...(creds.stripe && (all || creds.stripe.simulated) ? { stripe: { secretKey: creds.stripe.secretKey, webhookSecret: creds.stripe.webhookSecrets[0]! } } : {}),
    ...(creds.paypay && (all || creds.paypay.simulated)
      ? { paypay: { apiKey: creds.paypay.apiKey, apiSecret: creds.paypay.apiSecret, merchantId: creds.paypay.merchantId } }
      : {}),
  };
}

/**
 * The payments configuration; `simUrl` (the simulator's, undefined in production)
 * replaces the `simulator` API bases. Every provider with credentials is built:
 * one that no route names serves its existing payments only (drain-only).
 */
export function paymentsConfig(config: Config, creds: ProviderCredentials, simUrl: string | undefined): Omit<PaymentsConfig, 'log' | 'observer'> {
  const base = (b: ApiBase) => (b.kind === 'url' ? b.url : (simUrl ?? 'http://simulator.invalid'));
  const { stripe, paypay } = creds;
  return {
    ...(simUrl && creds.pspSimWebhookSecret
      ? {
          pspSim: {
            url: simUrl,
            apiKey: config.pspSim.apiKey,
            webhookSecrets: [creds.pspSimWebhookSecret, ...(config.pspSim.webhookSecretPrevious ? [config.pspSim.webhookSecretPrevious] : [])],
            ratePerSecond: config.psp.pspSimRatePerSecond,
          },
        }
      : {}),
    ...(stripe && config.stripe
      ? { stripe: { secretKey: stripe.secretKey, apiBase: base(stripe.apiBase), webhookSecrets: stripe.webhookSecrets, ratePerSecond: config.stripe.ratePerSecond } }
      : {}),
    ...(paypay && config.paypay
      ? {
          paypay: {
            apiKey: paypay.apiKey,
            apiSecret: paypay.apiSecret,
            merchantId: paypay.merchantId,
            apiBase: base(paypay.apiBase),
            ratePerSecond: config.paypay.ratePerSecond,
          },
        }
      : {}),
    routes: config.routes,
    policy: {
      authorizeTimeoutMs: config.pspTimeoutMs,
      readTimeoutMs: config.psp.readTimeoutMs,
      followupTimeoutMs: config.psp.followupTimeoutMs,
      retryMax: config.psp.retryMax,
      retryBaseMs: config.psp.retryBaseMs,
      retryMaxDelayMs: config.psp.retryMaxDelayMs,
      circuitFailureRate: config.psp.circuitFailureRate,
      circuitMinCalls: config.psp.circuitMinCalls,
      circuitWindowMs: config.psp.circuitWindowMs,
      circuitHalfOpenMs: config.psp.circuitHalfOpenMs,
      circuitProbes: config.psp.circuitProbes,
      circuitConsecutiveFailures: config.psp.circuitConsecutiveFailures,
    },
    webhookToleranceSeconds: config.webhookToleranceSeconds,
    ambiguityWindowMs: config.pspAmbiguityWindowMs,
    hintWindowMs: config.webhookHintWindowMs,
  };
}
