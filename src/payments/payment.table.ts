import type { ColumnType, Generated } from 'kysely';

/** The buyer's next step for a payment that waits for them (QR page, 3-D Secure). */
export interface NextAction {
  type: 'redirect';
  url: string;
}

/** Normalised status of the money side of one order. */
export type PaymentStatus =
  | 'PENDING' // created, no answer yet
  | 'PROCESSING' // the PSP is still deciding
  | 'REQUIRES_ACTION' // the buyer must act (3-D Secure, QR)
  | 'AUTHORIZED'
  | 'CAPTURED'
  | 'DECLINED'
  | 'FAILED' // nothing authorized (PSP unavailable, unknown outcome that proved empty)
  | 'VOIDED'
  | 'REFUNDED';

/** Status of one attempt at one PSP. */
export type AttemptStatus =
  | 'CREATED' // recorded before the PSP call; outcome not known yet
  | 'AUTHORIZED'
  | 'DECLINED'
  | 'PROCESSING'
  | 'REQUIRES_ACTION'
  | 'UNAVAILABLE' // the PSP certainly did not accept the request
  | 'UNKNOWN' // the call timed out and asking the PSP did not tell
  | 'NOT_FOUND' // the PSP has no record of it: nothing was authorized
  | 'CAPTURED'
  | 'VOIDED'
  | 'REFUNDED';

export interface PaymentsTable {
  id: Generated<number>;
  reference: string;
  amount: number;
  currency: string;
  method: string;
  status: PaymentStatus;
  provider: string | null;
  authorized_amount: Generated<number>;
  captured_amount: Generated<number>;
  refunded_amount: Generated<number>;
  next_action: ColumnType<NextAction | null, string | null | undefined, string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PaymentAttemptsTable {
  id: Generated<number>;
  payment_id: number;
  n: number;
  provider: string;
  idempotency_key: string;
  provider_payment_id: string | null;
  status: AttemptStatus;
  decline_code: string | null;
  last_error: string | null;
  /** What the PSP last said this attempt holds, took and gave back (null: it never said). */
  amount: ColumnType<number | null, number | null | undefined, number | null>;
  captured_amount: Generated<number>;
  refunded_amount: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A PSP webhook as received: raw, once per (provider, event id), before anything acts on it. */
export interface PaymentWebhookEventsTable {
  id: Generated<number>;
  provider: string;
  event_id: string;
  type: string;
  reference: string | null;
  raw_body: string;
  received_at: Generated<Date>;
  processed_at: Date | null;
}

export type RefundStatus = 'requested' | 'pending' | 'succeeded' | 'failed';

/** A refund an operator asked for: recorded before the PSP call, followed to `succeeded` or `failed`. */
export interface RefundsTable {
  id: Generated<number>;
  reference: string;
  payment_id: number;
  attempt_id: number;
  amount: number;
  status: RefundStatus;
  idempotency_key: string;
  provider_refund_id: string | null;
  reason: string;
  requested_by: string;
  /** The caller's own data (checkout: the refunded lines); payments does not read it. */
  meta: ColumnType<Record<string, unknown>, string, string>;
  failure_reason: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  settled_at: Date | null;
}

export interface PaymentTables {
  payments: PaymentsTable;
  refunds: RefundsTable;
  payment_attempts: PaymentAttemptsTable;
  payment_webhook_events: PaymentWebhookEventsTable;
}

declare module '../platform/db/database.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's tables into the service's Database
  interface Database extends PaymentTables {}
}
