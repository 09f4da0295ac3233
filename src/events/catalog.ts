import { Type, type Static, type TSchema } from 'typebox';

/**
 * Every event orderly publishes, declared once: family (its JetStream stream),
 * version, subject and the JSON Schema of its data. The outbox validates
 * against these, the AsyncAPI document is generated from them, consumers
 * read their types from them. A change that breaks a consumer is a new
 * version, never an edit.
 */

const OrderNo = Type.String({ minLength: 1, maxLength: 64, description: 'the order number (the event key)' });
const Time = Type.String({ format: 'date-time' });
const Money = Type.Object({ amount: Type.Integer({ minimum: 0, description: 'integer minor units' }), currency: Type.String({ minLength: 3, maxLength: 3 }) }, { additionalProperties: false });
const OrderStatus = Type.Enum(['PENDING', 'WAITING_PAYMENT', 'PAID', 'FAILED', 'CANCELLED'] as const);
const PaymentStatus = Type.Enum(['PENDING', 'PROCESSING', 'REQUIRES_ACTION', 'AUTHORIZED', 'CAPTURED', 'DECLINED', 'FAILED', 'VOIDED', 'REFUNDED'] as const);
const Actor = Type.String({ minLength: 1, maxLength: 100, description: 'who or what made the change: request, webhook, poll, expiry, recovery, reconcile, monitor, or an operator' });
const Lines = Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }));
const Provider = Type.String({ minLength: 1, maxLength: 40 });
const RuleId = Type.Enum(['RULE_A', 'RULE_B', 'RULE_C', 'RULE_D', 'RULE_E', 'RULE_F'] as const);
const Obj = <P extends Record<string, TSchema>>(p: P, description: string) => Type.Object(p, { additionalProperties: false, description });

interface Declared {
  family: Family;
  version: number;
  summary: string;
  data: TSchema;
  /** Set when the subject is fixed by a contract (seed 003's alert topic); else `orderly.<family>.<type>.v<version>`. */
  subject?: string;
}

/** The families: one JetStream stream each, under these subjects. */
export const FAMILIES = {
  orders: { subjects: ['orderly.orders.>'], description: 'order lifecycle: placed, waiting, paid, failed, cancelled, remediated' },
  payments: { subjects: ['orderly.payments.>'], description: 'what the PSPs said and what we did with the money' },
  stock: { subjects: ['orderly.stock.>'], description: 'reservations committed or released' },
  notifications: { subjects: ['orderly.notifications.>'], description: 'mails sent' },
  tasks: { subjects: ['orderly.tasks.>'], description: 'follow-up tasks that died, were put back or discarded' },
  alerts: { subjects: ['alerts.order_payment_inconsistency.>'], description: 'the consistency monitor (seed 003 kafka-alert)' },
} as const;
export type Family = keyof typeof FAMILIES;

export const CATALOG = {
  'order-status-changed': {
    family: 'orders',
    version: 1,
    summary: "An order's status changed (seed 003's order-status-changed, the monitor's input).",
    data: Obj(
      {
        orderNo: OrderNo,
        status: OrderStatus,
        paymentStatus: Type.Union([PaymentStatus, Type.Null()]),
        updatedAt: Time,
        previousStatus: Type.Union([OrderStatus, Type.Null()]),
        paymentExpiresAt: Type.Optional(Time),
        reason: Type.Optional(Type.String()),
      },
      'seed 003 fields (orderNo, status, paymentStatus, updatedAt) plus where it came from',
    ),
  },
  'order-placed': {
    family: 'orders',
    version: 1,
    summary: 'A buyer placed an order; its stock is held until it is decided.',
    data: Obj(
      {
        orderNo: OrderNo,
        customerId: Type.String(),
        total: Money,
        items: Type.Array(Type.Object({ sku: Type.String(), quantity: Type.Integer({ minimum: 1 }), unitPrice: Type.Integer({ minimum: 0 }) }, { additionalProperties: false })),
        paymentMethod: Type.String(),
        deadlineAt: Time,
      },
      'no address, no e-mail: events carry no personal data',
    ),
  },
  'order-awaiting-payment': {
    family: 'orders',
    version: 1,
    summary: 'The buyer must act (QR app, 3-D Secure); the order waits until the payment expires.',
    data: Obj({ orderNo: OrderNo, paymentExpiresAt: Time }, 'the buyer has until paymentExpiresAt'),
  },
  'order-paid': {
    family: 'orders',
    version: 1,
    summary: 'The order is established: it can no longer fail, only be cancelled by a person.',
    data: Obj({ orderNo: OrderNo, total: Money, by: Actor }, 'PAID'),
  },
  'order-failed': {
    family: 'orders',
    version: 1,
    summary: 'The order was not established; its stock is released and any money returned.',
    data: Obj({ orderNo: OrderNo, reason: Type.String(), by: Actor }, 'FAILED with a stable reason code'),
  },
  'order-cancelled': {
    family: 'orders',
    version: 1,
    summary: 'An operator cancelled a paid order: its money is refunded and its stock returned.',
    data: Obj({ orderNo: OrderNo, reason: Type.String(), by: Actor, refund: Money }, 'CANCELLED'),
  },
  'remediation-applied': {
    family: 'orders',
    version: 1,
    summary: 'Reconciliation or an operator repaired an inconsistency (one per action, audited).',
    data: Obj(
      {
        orderNo: OrderNo,
        ruleId: RuleId,
        action: Type.Enum(['reapply_observation', 'cancel_with_refund', 'void_stray', 'refund_stray', 'return_money', 'capture_again', 'escalate']),
        outcome: Type.Enum(['done', 'escalated'], { description: 'escalated: left for a person (the alert stays open)' }),
        by: Actor,
        detail: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      },
      'what was done about which rule',
    ),
  },
  'payment-status-observed': {
    family: 'payments',
    version: 1,
    summary: "The PSP's word about one attempt was recorded (seed 003's payment-status-observed, the monitor's input).",
    data: Obj(
      {
        orderNo: OrderNo,
        status: PaymentStatus,
        eventId: Type.String({ description: "the PSP's event id (webhook) or this observation's own id" }),
        occurredAt: Time,
        provider: Provider,
        providerPaymentId: Type.Union([Type.String(), Type.Null()]),
        attempt: Type.Integer({ minimum: 0, description: 'attempt number; 0 = a PSP payment none of our attempts matches' }),
        live: Type.Boolean({ description: "the attempt the order's payment follows (false: a stray)" }),
        amount: Type.Integer({ minimum: 0 }),
        capturedAmount: Type.Integer({ minimum: 0 }),
        refundedAmount: Type.Integer({ minimum: 0 }),
        source: Type.String({ description: 'authorize, webhook, poll, capture, cancel, refund, reconcile' }),
      },
      'seed 003 fields (orderNo, status, eventId, occurredAt) plus the attempt and amounts',
    ),
  },
  'payment-authorized': {
    family: 'payments',
    version: 1,
    summary: 'Money is held for the order at a PSP.',
    data: Obj({ orderNo: OrderNo, provider: Provider, attempt: Type.Integer(), amount: Type.Integer({ minimum: 0 }) }, 'authorized'),
  },
  'payment-captured': {
    family: 'payments',
    version: 1,
    summary: 'The held money was taken.',
    data: Obj({ orderNo: OrderNo, provider: Provider, attempt: Type.Integer(), capturedAmount: Type.Integer({ minimum: 0 }) }, 'captured'),
  },
  'payment-voided': {
    family: 'payments',
    version: 1,
    summary: 'A hold was dropped.',
    data: Obj({ orderNo: OrderNo, provider: Provider, attempt: Type.Integer() }, 'voided'),
  },
  'payment-refunded': {
    family: 'payments',
    version: 1,
    summary: 'Taken money went back to the buyer (all or part).',
    data: Obj(
      { orderNo: OrderNo, provider: Provider, attempt: Type.Integer(), amount: Type.Integer({ minimum: 0, description: 'this refund' }), refundedAmount: Type.Integer({ minimum: 0, description: 'all refunds so far' }), refundId: Type.Optional(Type.String()) },
      'refunded',
    ),
  },
  'payment-refund-requested': {
    family: 'payments',
    version: 1,
    summary: 'An operator asked for a refund (all or part); it is recorded before the PSP is called.',
    data: Obj({ orderNo: OrderNo, refundId: Type.String(), amount: Type.Integer({ minimum: 1 }), reason: Type.String(), by: Actor }, 'refund requested'),
  },
  'payment-refund-failed': {
    family: 'payments',
    version: 1,
    summary: 'The PSP could not refund: an operator must act.',
    data: Obj({ orderNo: OrderNo, refundId: Type.String(), amount: Type.Integer({ minimum: 0 }), reason: Type.String() }, 'refund failed'),
  },
  'stock-committed': {
    family: 'stock',
    version: 1,
    summary: "A paid order's held stock left the shelf.",
    data: Obj({ orderNo: OrderNo, lines: Lines }, 'committed'),
  },
  'stock-released': {
    family: 'stock',
    version: 1,
    summary: 'Held (or committed) stock is back on sale.',
    data: Obj({ orderNo: OrderNo, lines: Lines, returned: Type.Boolean({ description: 'true: committed stock came back (a cancelled order)' }) }, 'released'),
  },
  'mail-sent': {
    family: 'notifications',
    version: 1,
    summary: 'A mail of the order went out (once per kind).',
    data: Obj({ orderNo: OrderNo, kind: Type.String() }, 'no recipient: events carry no personal data'),
  },
  'task-dead': {
    family: 'tasks',
    version: 1,
    summary: 'A follow-up task used up its retries and waits for an operator.',
    data: Obj({ taskId: Type.Integer(), task: Type.String(), reference: Type.Union([Type.String(), Type.Null()]), attempts: Type.Integer(), lastError: Type.String({ maxLength: 500 }) }, 'dead letter'),
  },
  'task-requeued': {
    family: 'tasks',
    version: 1,
    summary: 'An operator put a dead task back in the queue.',
    data: Obj({ taskId: Type.Integer(), task: Type.String(), reference: Type.Union([Type.String(), Type.Null()]), by: Actor }, 'retried'),
  },
  'task-discarded': {
    family: 'tasks',
    version: 1,
    summary: 'An operator discarded a dead task.',
    data: Obj({ taskId: Type.Integer(), task: Type.String(), reference: Type.Union([Type.String(), Type.Null()]), by: Actor, reason: Type.String() }, 'discarded'),
  },
  AlertRaised: {
    family: 'alerts',
    version: 1,
    subject: 'alerts.order_payment_inconsistency.v1',
    summary: 'The consistency monitor found an order and its payment disagreeing past the grace window (seed 003 kafka-alert).',
    data: Obj(
      {
        alertId: Type.String({ format: 'uuid' }),
        ruleId: RuleId,
        orderNo: OrderNo,
        observed: Type.Record(Type.String(), Type.Unknown()),
        expected: Type.Record(Type.String(), Type.Unknown()),
        detectedAt: Time,
        source: Type.String(),
      },
      "exactly seed 003's AlertRaised fields",
    ),
  },
  AlertResolved: {
    family: 'alerts',
    version: 1,
    subject: 'alerts.order_payment_inconsistency.resolved.v1',
    summary: "An alert's condition ended (by itself or remediated), or an operator resolved it.",
    data: Obj(
      { alertId: Type.String({ format: 'uuid' }), ruleId: RuleId, orderNo: OrderNo, resolvedAt: Time, resolution: Type.Union([Type.Literal('auto'), Type.Literal('operator')]), note: Type.Optional(Type.String()), source: Type.String() },
      'resolved',
    ),
  },
} as const satisfies Record<string, Declared>;

export type EventType = keyof typeof CATALOG;
export type EventData<T extends EventType> = Static<(typeof CATALOG)[T]['data']>;
export type RuleIdName = Static<typeof RuleId>;

/** The NATS subject (and Postgres-stream subject) of an event type. */
export function subjectOf(type: EventType): string {
  const d: Declared = CATALOG[type];
  return d.subject ?? `orderly.${d.family}.${type}.v${d.version}`;
}
