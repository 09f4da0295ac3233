import { Type } from 'typebox';
import { IsoTime, Line, Money, Nullable, OrderNo, Sku } from './common.ts';
import { OrderList, OrderStatus, PageCursor, ShippingAddress } from './orders.ts';

const Status = OrderStatus;

export const OrderListQuery = Type.Object(
  {
    status: Type.Optional(Status),
    sku: Type.Optional(Sku),
    customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: "only this customer's orders (the JWT `sub` they ordered with)" })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'only orders created at or after this moment' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'only orders created before this moment (exclusive)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(PageCursor),
  },
  { additionalProperties: false },
);

export { OrderList };

const Attempt = Type.Object({ provider: Type.String(), status: Type.String(), idempotencyKey: Type.String(), declineCode: Nullable(Type.String()) }, { additionalProperties: false });

export const OrderDetail = Type.Object(
  {
    orderNo: OrderNo,
    status: Status,
    total: Money,
    customerId: Type.String(),
    failure: Nullable(Type.Object({ reason: Type.String() }, { additionalProperties: false })),
    createdAt: IsoTime,
    deadlineAt: IsoTime,
    paymentExpiresAt: Nullable(IsoTime),
    items: Type.Array(Type.Object({ sku: Sku, name: Type.String(), quantity: Type.Integer(), unitPrice: Money }, { additionalProperties: false })),
    shippingAddress: ShippingAddress,
    reservations: Type.Array(Type.Object({ sku: Sku, quantity: Type.Integer(), status: Type.String() }, { additionalProperties: false })),
    payment: Nullable(
      Type.Object(
        {
          status: Type.String(),
          provider: Nullable(Type.String()),
          authorizedAmount: Type.Integer(),
          capturedAmount: Type.Integer(),
          refundedAmount: Type.Integer(),
          nextAction: Nullable(Type.Object({ type: Type.Literal('redirect'), url: Type.String() }, { additionalProperties: false })),
          attempts: Type.Array(Attempt),
        },
        { additionalProperties: false },
      ),
    ),
    notifications: Type.Array(
      Type.Object({ kind: Type.String(), recipient: Type.String(), subject: Type.String(), state: Type.String(), sentAt: Nullable(IsoTime) }, { additionalProperties: false }),
    ),
    tasks: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), state: Type.String(), attempts: Type.Integer(), lastError: Nullable(Type.String()) }, { additionalProperties: false })),
    webhooks: Type.Array(
      Type.Object({ provider: Type.String(), eventId: Type.String(), type: Type.String(), receivedAt: IsoTime, processedAt: Nullable(IsoTime) }, { additionalProperties: false }),
    ),
    timeline: Type.Array(Type.Object({ at: IsoTime, what: Type.String(), data: Type.Optional(Type.Record(Type.String(), Type.Unknown())) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

// ---- dead letters

export const DeadLetterParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }, { additionalProperties: false });

export const DeadLetterQuery = Type.Object(
  {
    task: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,100}$' })),
    orderNo: Type.Optional(OrderNo),
    state: Type.Optional(Type.Union([Type.Literal('dead'), Type.Literal('discarded')], { default: 'dead' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
  },
  { additionalProperties: false },
);

const DeadLetterSummaryProps = {
  id: Type.Integer(),
  task: Type.String(),
  orderNo: Nullable(Type.String()),
  state: Type.String(),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  diedAt: Nullable(IsoTime),
  retries: Type.Integer(),
};

export const DeadLetterList = Type.Object({ deadLetters: Type.Array(Type.Object(DeadLetterSummaryProps, { additionalProperties: false })) }, { additionalProperties: false });

export const DeadLetter = Type.Object(
  {
    ...DeadLetterSummaryProps,
    createdAt: IsoTime,
    payload: Type.Record(Type.String(), Type.Unknown()),
    errors: Type.Array(Type.Object({ at: IsoTime, attempt: Type.Integer(), error: Type.String() }, { additionalProperties: false })),
    lastRetry: Nullable(Type.Object({ at: IsoTime, by: Nullable(Type.String()) }, { additionalProperties: false })),
    discarded: Nullable(Type.Object({ at: Nullable(IsoTime), by: Nullable(Type.String()), reason: Nullable(Type.String()) }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

export const RetryBody = Type.Union([Type.Object({ by: Type.Optional(Line(100)) }, { additionalProperties: false }), Type.Null()], { description: 'optional; who retries (default "admin")' });
export const DiscardBody = Type.Object({ reason: Type.String({ minLength: 3, maxLength: 1000, pattern: '\\S' }), by: Type.Optional(Line(100)) }, { additionalProperties: false });
export const DeadLetterState = (state: string) => Type.Object({ id: Type.Integer(), state: Type.Literal(state) }, { additionalProperties: false });

// ---- providers

/** Percentiles of the calls of the last 60 s (the same calls as `recent`); null without calls. */
export const Latency = Type.Object(
  {
    p50Ms: Nullable(Type.Number({ minimum: 0 })),
    p95Ms: Nullable(Type.Number({ minimum: 0 })),
    p99Ms: Nullable(Type.Number({ minimum: 0 })),
    count: Type.Integer({ minimum: 0, description: 'calls measured' }),
  },
  { additionalProperties: false },
);

const RecentFailure = Type.Object(
  {
    at: IsoTime,
    operation: Type.String(),
    status: Nullable(Type.Integer({ description: "the PSP's HTTP status; null when it did not answer (timeout, refused connection)" })),
    code: Type.String({ description: 'PROVIDER_UNAVAILABLE (it certainly did not act) or PROVIDER_AMBIGUOUS (it may have)' }),
    error: Type.String(),
    body: Nullable(Type.String({ maxLength: 2048, description: "the PSP's answer body as the adapter kept it, at most 2 KB, secrets and card data cut out" })),
  },
  { additionalProperties: false },
);

const Window = Type.Object({ windowMs: Type.Integer(), calls: Type.Integer(), failures: Type.Integer(), failureRate: Nullable(Type.Number()) }, { additionalProperties: false });
const Probes = Type.Object({ permitted: Type.Integer(), inFlight: Type.Integer(), succeeded: Type.Integer(), failed: Type.Integer() }, { additionalProperties: false });

export const Providers = Type.Object(
  {
    providers: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          circuit: Type.Enum(['closed', 'open', 'half-open', 'isolated']),
          halfOpenInSeconds: Type.Optional(Type.Integer()),
          breaker: Type.Object({ window: Window, probes: Type.Optional(Probes) }, { additionalProperties: false }),
          rateLimitPerSecond: Type.Number(),
          recent: Type.Object(
            {
              windowSeconds: Type.Number(),
              calls: Type.Integer(),
              successRate: Nullable(Type.Number()),
              latencyMs: Nullable(Type.Object({ p50: Type.Number(), p95: Type.Number(), p99: Type.Number() }, { additionalProperties: false })),
            },
            { additionalProperties: false },
          ),
          lastFailure: Nullable(Type.Object({ at: IsoTime, operation: Type.String(), error: Type.String(), status: Type.Optional(Type.Integer()) }, { additionalProperties: false })),
          latency: Latency,
          recentFailures: Type.Array(RecentFailure, { maxItems: 20, description: 'the last 20 failed calls (unavailable or timed out), newest first' }),
          methods: Type.Array(Type.String()),
          role: Type.Union([Type.Literal('routed'), Type.Literal('drain-only')]),
        },
        { additionalProperties: false },
      ),
    ),
    routes: Type.Record(Type.String(), Type.Array(Type.String())),
  },
  { additionalProperties: false },
);
