import type { ColumnType, Generated } from 'kysely';

export type OrderStatus = 'PENDING' | 'WAITING_PAYMENT' | 'PAID' | 'FAILED' | 'CANCELLED';

/** Why an order was not established; stable codes shared with the error catalogue. */
export type FailureReason = 'PAYMENT_DECLINED' | 'PAYMENT_UNAVAILABLE' | 'CHECKOUT_TIMEOUT' | 'PAYMENT_EXPIRED';

export interface ShippingAddress {
  name: string;
  postalCode: string;
  prefecture: string;
  city: string;
  line1: string;
  line2?: string;
  phone: string;
}

export interface OrdersTable {
  id: Generated<number>;
  order_no: string;
  customer_id: string;
  status: OrderStatus;
  total_amount: number;
  currency: string;
  shipping_address: ColumnType<ShippingAddress, string, string>;
  payment_method: string;
  buyer_email: string | null;
  failure_reason: FailureReason | null;
  deadline_at: Date;
  /** Set when the order waits for the buyer (QR, 3-D Secure): after it, the order fails PAYMENT_EXPIRED. */
  payment_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  request_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  decided_at: Date | null;
  /** Set when an operator cancelled the (paid) order. */
  cancelled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  cancelled_by: ColumnType<string | null, string | null | undefined, string | null>;
  cancel_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface OrderItemsTable {
  order_id: number;
  sku: string;
  name: string;
  unit_price: number;
  quantity: number;
}

export interface OrderEventsTable {
  id: Generated<number>;
  order_id: number;
  type: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  at: Generated<Date>;
}

export interface IdempotencyKeysTable {
  customer_id: string;
  key: string;
  request_hash: string;
  state: 'in_progress' | 'done';
  order_no: string | null;
  /** What the first request came to (see purchase-outcome.ts), replayed for the same key and body. */
  outcome: ColumnType<unknown, string | null, string | null>;
  /** Releases before outcomes were kept stored the HTTP answer itself; still replayed as it was. */
  response_status: number | null;
  response_body: ColumnType<unknown, string | null, string | null>;
  created_at: Generated<Date>;
  expires_at: Date;
}

/** An operator action (cancel, refund) under its idempotency key: the first result, replayed for a repeat. */
export interface OperatorActionsTable {
  key: string;
  action: string;
  order_no: string;
  request_hash: string;
  result: ColumnType<unknown, string | null, string | null>;
  by: string;
  created_at: Generated<Date>;
}

/** One repair made by reconciliation or an operator (the audit trail; also on the order's timeline and the stream). */
export interface RemediationsTable {
  id: Generated<number>;
  order_no: string;
  rule_id: string;
  action: string;
  outcome: string;
  by: string;
  detail: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
}

/** One run of reconciliation (periodic or asked for), from its start: what it checked and what it found. */
export interface ReconcileRunsTable {
  id: Generated<number>;
  trigger: 'periodic' | 'operator';
  by: string;
  status: 'running' | 'finished' | 'failed';
  started_at: Date;
  finished_at: Date | null;
  window_from: Date;
  window_to: Date;
  /** Per PSP: `{ name, listed, payments, error? }`. */
  providers: ColumnType<{ name: string; listed: boolean; payments: number; error?: string }[], string, string>;
  payments_checked: number;
  orders_checked: number;
  reobserved: number;
  agreed: number;
  remediations: number;
  escalated: number;
  error: string | null;
}

export interface CheckoutTables {
  remediations: RemediationsTable;
  reconcile_runs: ReconcileRunsTable;
  operator_actions: OperatorActionsTable;
  orders: OrdersTable;
  order_items: OrderItemsTable;
  order_events: OrderEventsTable;
  idempotency_keys: IdempotencyKeysTable;
}

declare module '../platform/db/database.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's tables into the service's Database
  interface Database extends CheckoutTables {}
}
