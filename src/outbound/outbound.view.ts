import type { AttemptRow, DeliveryRow } from './delivery.repository.ts';
import type { DeliveryStatus, DisabledReason, SubscriptionStatus } from './outbound.table.ts';
import { secretHint } from './signing.ts';
import type { SubscriptionRow } from './subscription.repository.ts';

/** A subscription as operators see it: never its secret, only a hint of it. */
export interface SubscriptionView {
  subscriptionId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  status: SubscriptionStatus;
  secretHint: string;
  createdAt: string;
  updatedAt: string;
  disabled: { at: string; reason: DisabledReason } | null;
  secretRotatedAt: string | null;
}

/** The answer to creation and rotation: the only times the secret is shown. */
export type SubscriptionWithSecret = SubscriptionView & { secret: string };

export interface DeliveryView {
  deliveryId: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  /** The event's key: the order number for order and payment events. */
  eventKey: string;
  occurredAt: string;
  status: DeliveryStatus;
  /** 1, then one more per manual redelivery. */
  series: number;
  /** Attempts in the current series. */
  attemptCount: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
  redelivered: { at: string; by: string } | null;
}

export interface AttemptView {
  series: number;
  attempt: number;
  at: string;
  durationMs: number;
  /** The receiver's HTTP status; null when none came (timeout, connection error, refused address). */
  httpStatus: number | null;
  error: string | null;
  /** The first bytes of the receiver's answer. */
  responseBody: string | null;
  outcome: 'delivered' | 'failed';
}

export type DeliveryDetail = DeliveryView & { attempts: AttemptView[] };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function subscriptionView(r: SubscriptionRow): SubscriptionView {
  return {
    subscriptionId: r.id,
    url: r.url,
    eventTypes: r.event_types,
    description: r.description,
    status: r.status,
    secretHint: secretHint(r.secret),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    disabled: r.disabled_at && r.disabled_reason ? { at: r.disabled_at.toISOString(), reason: r.disabled_reason } : null,
    secretRotatedAt: iso(r.secret_rotated_at),
  };
}

export function deliveryView(r: DeliveryRow): DeliveryView {
  return {
    deliveryId: r.id,
    subscriptionId: r.subscription_id,
    eventId: r.event_id,
    eventType: r.event_type,
    eventKey: r.event_key,
    occurredAt: r.occurred_at.toISOString(),
    status: r.status,
    series: r.series,
    attemptCount: r.attempts,
    nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    deliveredAt: iso(r.delivered_at),
    deadAt: iso(r.dead_at),
    redelivered: r.redelivered_at && r.redelivered_by ? { at: r.redelivered_at.toISOString(), by: r.redelivered_by } : null,
  };
}

export function attemptView(a: AttemptRow): AttemptView {
  return {
    series: a.series,
    attempt: a.attempt,
    at: a.started_at.toISOString(),
    durationMs: a.duration_ms,
    httpStatus: a.http_status,
    error: a.error,
    responseBody: a.response_body,
    outcome: a.outcome,
  };
}
