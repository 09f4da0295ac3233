import type { Logger } from 'pino';
import { ResilientProvider, type EdgeObserver, type EdgePolicy } from './providers/edge/resilient-provider.ts';
import { PayPayProvider } from './providers/paypay/paypay.adapter.ts';
import type { PaymentProvider } from './providers/provider.ts';
import { PspSimProvider } from './providers/psp-sim/psp-sim.adapter.ts';
import { StripeProvider } from './providers/stripe/stripe.adapter.ts';
import { Payments } from './payment.service.ts';

/** Timeouts, retries and circuit thresholds shared by every provider; rate limits are per provider. */
export interface ProviderPolicyConfig {
  authorizeTimeoutMs: number;
  readTimeoutMs: number;
  followupTimeoutMs: number;
  retryMax: number;
  retryBaseMs: number;
  retryMaxDelayMs: number;
  circuitFailures: number;
  circuitHalfOpenMs: number;
}

export interface PaymentsConfig {
  pspSim: { url: string; apiKey: string; webhookSecrets: string[]; ratePerSecond: number };
  stripe?: { secretKey: string; apiBase: string; webhookSecrets: string[]; ratePerSecond: number };
  paypay?: { apiKey: string; apiSecret: string; merchantId: string; apiBase: string; ratePerSecond: number };
  /** Per payment method, provider names in order of preference. */
  routes: Record<string, string[]>;
  policy: ProviderPolicyConfig;
  webhookToleranceSeconds: number;
  ambiguityWindowMs: number;
  log: Logger;
  observer?: EdgeObserver;
}

/** A rate-limited call waits at most this long for its turn before it is refused (and failed over). */
const RATE_LIMIT_MAX_WAIT_MS = 1_000;

function edgePolicy(p: ProviderPolicyConfig, ratePerSecond: number): EdgePolicy {
  return {
    timeoutsMs: {
      authorize: p.authorizeTimeoutMs,
      capture: p.followupTimeoutMs,
      void: p.followupTimeoutMs,
      refund: p.followupTimeoutMs,
      get: p.readTimeoutMs,
      find: p.readTimeoutMs,
    },
    retry: { max: p.retryMax, baseMs: p.retryBaseMs, maxDelayMs: p.retryMaxDelayMs },
    circuit: { failures: p.circuitFailures, halfOpenAfterMs: p.circuitHalfOpenMs },
    rateLimit: { perSecond: ratePerSecond, maxWaitMs: RATE_LIMIT_MAX_WAIT_MS },
  };
}

/**
 * Builds the payments service: each configured adapter behind its resilience
 * edge, and the method → providers routes. Only providers some route names are
 * built; webhooks of the others answer 404.
 */
export function createPayments(cfg: PaymentsConfig): Payments {
  // The transport's own timeout is a backstop; the edge's per-operation timeouts are tighter.
  const transportTimeoutMs = Math.max(cfg.policy.authorizeTimeoutMs, cfg.policy.followupTimeoutMs, cfg.policy.readTimeoutMs) + 1_000;
  const adapters: [PaymentProvider, number][] = [
    [
      new PspSimProvider({
        baseUrl: cfg.pspSim.url,
        apiKey: cfg.pspSim.apiKey,
        timeoutMs: transportTimeoutMs,
        webhookSecrets: cfg.pspSim.webhookSecrets,
        webhookToleranceSeconds: cfg.webhookToleranceSeconds,
      }),
      cfg.pspSim.ratePerSecond,
    ],
  ];
  if (cfg.stripe) {
    const s = cfg.stripe;
    adapters.push([
      new StripeProvider({
        secretKey: s.secretKey,
        apiBase: s.apiBase,
        webhookSecrets: s.webhookSecrets,
        webhookToleranceSeconds: cfg.webhookToleranceSeconds,
        timeoutMs: transportTimeoutMs,
      }),
      s.ratePerSecond,
    ]);
  }
  if (cfg.paypay) {
    const p = cfg.paypay;
    adapters.push([
      new PayPayProvider({ apiKey: p.apiKey, apiSecret: p.apiSecret, merchantId: p.merchantId, apiBase: p.apiBase, timeoutMs: transportTimeoutMs }),
      p.ratePerSecond,
    ]);
  }
  const providers = new Map(
    adapters.map(([adapter, rate]) => [adapter.name, new ResilientProvider(adapter, edgePolicy(cfg.policy, rate), cfg.log, cfg.observer)]),
  );
  for (const [method, names] of Object.entries(cfg.routes)) {
    for (const n of names) if (!providers.has(n)) throw new Error(`payment method ${method} is routed to ${n}, which is not configured`);
  }
  return new Payments({ providers, routes: cfg.routes, ambiguityWindowMs: cfg.ambiguityWindowMs });
}
