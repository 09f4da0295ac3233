/**
 * Payments: the money side of an order (payment, attempts, normalised statuses)
 * and the PSP adapters behind one provider interface. Never imports checkout.
 */
import { PspSimProvider } from './providers/psp-sim/psp-sim.adapter.ts';
import type { PaymentProvider } from './providers/provider.ts';
import { Payments } from './payment.service.ts';

export { meaningOf, Payments, PaymentStillProcessingError, type AuthorizeOutcome, type Observation, type PaymentSummary } from './payment.service.ts';
export type { ReceiveResult, StoredWebhook } from './payment.webhooks.ts';
export type { PaymentTables, PaymentStatus, AttemptStatus, NextAction } from './payment.table.ts';
export type { PaymentSource, ProviderPayment, WebhookHeaders } from './providers/provider.ts';

export interface PaymentsConfig {
  pspSim: { url: string; apiKey: string; webhookSecrets: string[]; webhookToleranceSeconds: number };
  pspTimeoutMs: number;
  ambiguityWindowMs: number;
}

/** Builds the payments service with its providers from configuration. */
export function createPayments(cfg: PaymentsConfig): Payments {
  const sim = new PspSimProvider({
    baseUrl: cfg.pspSim.url,
    apiKey: cfg.pspSim.apiKey,
    timeoutMs: cfg.pspTimeoutMs,
    webhookSecrets: cfg.pspSim.webhookSecrets,
    webhookToleranceSeconds: cfg.pspSim.webhookToleranceSeconds,
  });
  const providers = new Map<string, PaymentProvider>([[sim.name, sim]]);
  return new Payments({ providers, routes: { card: sim.name, paypay: sim.name }, ambiguityWindowMs: cfg.ambiguityWindowMs });
}
