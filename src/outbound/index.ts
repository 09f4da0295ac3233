/**
 * Outbound webhooks: the shop's other systems (fulfilment, accounting, CRM)
 * subscribe to event types and get each event POSTed to their URL, signed
 * like Stripe's (`Orderly-Signature`). A stream consumer creates one
 * delivery per (subscription, event) in its own transaction; a task per
 * delivery sends it, retrying with backoff until it is delivered or dead.
 * Imports only platform and events.
 */
export { startOutbound, fanOut, envelopeOf, type RunningOutbound } from './outbound.service.ts';
export { deliveryTasks, deliveryHeaders } from './delivery.tasks.ts';
export { outboundAdmin, type OutboundAdmin } from './outbound.admin.ts';
export { verifyOrderlySignature, signatureHeader, SIGNATURE_HEADER } from './signing.ts';
export { ALL_EVENTS, eventTypes, type NewSubscription } from './subscription.service.ts';
export { isPrivateAddress, urlProblem, MAX_URL_LENGTH } from './url.policy.ts';
export { OUTBOUND_CONSUMER, DELIVER_TASK, type OutboundDeps, type OutboundSettings } from './outbound.deps.ts';
export type { DeliveryFilter } from './delivery.service.ts';
export type { SubscriptionView, SubscriptionWithSecret, DeliveryView, DeliveryDetail, AttemptView } from './outbound.view.ts';
export type { OutboundTables, DeliveryStatus, SubscriptionStatus, DisabledReason } from './outbound.table.ts';
