import type { Generated } from 'kysely';

export type SubscriptionStatus = 'active' | 'disabled';
/** `operator`: disabled through the API; `gone`: the receiver answered 410 Gone. */
export type DisabledReason = 'operator' | 'gone';
/**
 * `pending` until an attempt gets a 2xx (`delivered`), the attempts run out
 * (`dead`) or its subscription is disabled when its turn comes (`skipped`).
 * A manual redelivery makes any of them `pending` again, in a new series.
 */
export type DeliveryStatus = 'pending' | 'delivered' | 'dead' | 'skipped';

/** A system of the shop that wants some event types POSTed to its URL, signed with its secret. */
export interface OutboundSubscriptionsTable {
  id: string;
  url: string;
  event_types: string[];
  description: string | null;
  status: SubscriptionStatus;
  /** Kept as is: signing needs it. Shown once, at creation or rotation. */
  secret: string;
  disabled_reason: DisabledReason | null;
  disabled_at: Date | null;
  secret_rotated_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** The exact body sent for an event (its stream envelope as JSON), kept once for all its deliveries. */
export interface OutboundEventsTable {
  event_id: string;
  type: string;
  key: string;
  occurred_at: Date;
  body: string;
  created_at: Generated<Date>;
}

/** One event for one subscription (unique pair: a replayed stream makes none twice). */
export interface OutboundDeliveriesTable {
  id: string;
  subscription_id: string;
  event_id: string;
  status: DeliveryStatus;
  /** 1, then +1 per manual redelivery; each series has its own attempt budget. */
  series: Generated<number>;
  /** Attempts made in the current series. */
  attempts: Generated<number>;
  next_attempt_at: Date | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  delivered_at: Date | null;
  dead_at: Date | null;
  redelivered_at: Date | null;
  redelivered_by: string | null;
}

/** One HTTP try of a delivery: when, how long, what came back. */
export interface OutboundAttemptsTable {
  id: Generated<number>;
  delivery_id: string;
  series: number;
  attempt: number;
  started_at: Date;
  duration_ms: number;
  http_status: number | null;
  error: string | null;
  /** The first bytes of the receiver's answer (truncated). */
  response_body: string | null;
  outcome: 'delivered' | 'failed';
}

export interface OutboundTables {
  outbound_subscriptions: OutboundSubscriptionsTable;
  outbound_events: OutboundEventsTable;
  outbound_deliveries: OutboundDeliveriesTable;
  outbound_attempts: OutboundAttemptsTable;
}

declare module '../platform/db/database.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's tables into the service's Database
  interface Database extends OutboundTables {}
}
