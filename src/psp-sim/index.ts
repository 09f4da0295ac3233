/**
 * The PSP simulator: a real HTTP server behaving like a payment service
 * provider, with its own Postgres schema (`psp_sim`), idempotency keys, lazy
 * settlement, signed webhooks (an outbox delivered with retries) and fault
 * injection. See the README, "The PSP simulator".
 */
export { startPspSim, buildSimApp, type PspSim, type PspSimOptions } from './sim.server.ts';
export { migratePspSim } from './sim.migrate.ts';
export { SIM_PROVIDERS, type PaymentJson, type PaymentMethod, type PaymentStatus, type LedgerJson, type SimProvider } from './sim.types.ts';
export type { FaultRule, FaultOperation } from './sim.faults.ts';
export type { WebhookEventJson, WebhookEventInfo, WebhookState } from './sim.events.ts';
export { SIGNATURE_HEADER, signWebhook } from './sim.webhooks.ts';
