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
  /** The circuit breaker: opens at this failure rate (0–1) of whole calls … */
  circuitFailureRate: number;
  /** … once the window holds at least this many calls … */
  circuitMinCalls: number;
  /** … in a sliding window this long; */
  circuitWindowMs: number;
  /** stays open this long, then lets this many probe calls through at once. */
  circuitHalfOpenMs: number;
  circuitProbes: number;
  circuitConsecutiveFailures: number;
}

export interface PaymentsConfig {
  /** The simulator's own API; absent in production. */
  pspSim?: { url: string; apiKey: string; webhookSecrets: string[]; ratePerSecond: number };
  stripe?: { secretKey: string; apiBase: string; webhookSecrets: string[]; ratePerSecond: number };
  paypay?: { apiKey: string; apiSecret: string; merchantId: string; apiBase: string; ratePerSecond: number };
  /** Per payment method, provider names in order of preference. */
  routes: Record<string, string[]>;
  policy: ProviderPolicyConfig;
  webhookToleranceSeconds: number;
  ambiguityWindowMs: number;
  hintWindowMs: number;
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
    circuit: {
      failureRate: p.circuitFailureRate,
      minCalls: p.circuitMinCalls,
      windowMs: p.circuitWindowMs,
      halfOpenAfterMs: p.circuitHalfOpenMs,
      probes: p.circuitProbes,
      consecutiveFailures: p.circuitConsecutiveFailures,
    },
    rateLimit: { perSecond: ratePerSecond, maxWaitMs: RATE_LIMIT_MAX_WAIT_MS },
  };
}

/**
 * Builds the payments service: each configured adapter behind its resilience
 * edge, and the method → providers routes. A configured provider no route
 * names is drain-only: it serves its existing payments (webhooks, polls,
 * captures, voids, refunds) and takes no new authorizations. Webhooks of
 * providers not configured answer 404.
 */
export function createPayments(cfg: PaymentsConfig): Payments {
  // The transport's own timeout is a backstop; the edge's per-operation timeouts are tighter.
  const transportTimeoutMs = Math.max(cfg.policy.authorizeTimeoutMs, cfg.policy.followupTimeoutMs, cfg.policy.readTimeoutMs) + 1_000;
  const adapters: [PaymentProvider, number][] = [];
  if (cfg.pspSim) {
    const sim = cfg.pspSim;
    adapters.push([
      new PspSimProvider({
        baseUrl: sim.url,
        apiKey: sim.apiKey,
        timeoutMs: transportTimeoutMs,
        webhookSecrets: sim.webhookSecrets,
        webhookToleranceSeconds: cfg.webhookToleranceSeconds,
      }),
      sim.ratePerSecond,
    ]);
  }
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
  return new Payments({ providers, routes: cfg.routes, ambiguityWindowMs: cfg.ambiguityWindowMs, hintWindowMs: cfg.hintWindowMs });
}
