/**
 * Payments: the money side of an order (payment, attempts, normalised statuses)
 * and the PSP adapters behind one provider interface. Never imports checkout.
 */
export { createPayments, type PaymentsConfig, type ProviderPolicyConfig } from './payment.factory.ts';
export type { CallOutcome, CircuitName, EdgeObserver, Operation, ProviderHealth } from './providers/edge/resilient-provider.ts';
export {
  meaningOf,
  Payments,
  type AuthorizeOutcome,
  type FollowUpOutcome,
  type Observation,
  type PaymentSummary,
  type RetryAt,
} from './payment.service.ts';
export type { ReceiveResult, StoredWebhook } from './payment.webhooks.ts';
export type { RefundView, RefundStep } from './payment.refunds.ts';
export type { ObservationSource } from './payment.events.ts';
export { pspHoldsMoney, type Compared } from './payment.reconcile.ts';
export { STATUS_OF } from './payment.status.ts';
export type { PaymentTables, PaymentStatus, AttemptStatus, NextAction } from './payment.table.ts';
export type { PaymentSource, ProviderPayment, WebhookHeaders } from './providers/provider.ts';
