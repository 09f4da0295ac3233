import { Type } from 'typebox';
import { IsoTime, Line, Money, Nullable, OrderNo, Sku } from './common.ts';
import { PageCursor } from './orders.ts';

export const OperatorIdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 255, description: 'required: a repeat with the same key and body gets the first answer and never acts twice' }),
});

export const CancelBody = Type.Object(
  { reason: Type.String({ minLength: 3, maxLength: 1000, pattern: '\\S', description: 'why (kept with the order)' }), by: Type.Optional(Line(100)) },
  { additionalProperties: false },
);

export const CancelAnswer = Type.Object(
  {
    orderNo: OrderNo,
    status: Type.Literal('CANCELLED'),
    refund: Money,
    cancelledBy: Type.String(),
  },
  { additionalProperties: false },
);

const Line_ = Type.Object({ sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: 10_000 }) }, { additionalProperties: false });

export const RefundBody = Type.Object(
  {
    reason: Type.String({ minLength: 3, maxLength: 1000, pattern: '\\S' }),
    amount: Type.Optional(Money),
    lines: Type.Optional(Type.Array(Line_, { minItems: 1, maxItems: 100, description: 'refund these lines at the price they were sold at (instead of `amount`)' })),
    by: Type.Optional(Line(100)),
  },
  { additionalProperties: false, description: 'exactly one of `amount` and `lines`' },
);

const RefundStatus = Type.Enum(['requested', 'pending', 'succeeded', 'failed']);

export const RefundAnswer = Type.Object(
  {
    orderNo: OrderNo,
    refund: Type.Object(
      { refundId: Type.Integer(), amount: Money, status: RefundStatus, reason: Type.String(), lines: Type.Optional(Type.Array(Line_)) },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

export const RefundList = Type.Object(
  {
    refunds: Type.Array(
      Type.Object(
        {
          refundId: Type.Integer(),
          amount: Money,
          status: RefundStatus,
          reason: Type.String(),
          requestedBy: Type.String(),
          createdAt: IsoTime,
          settledAt: Nullable(IsoTime),
          failureReason: Nullable(Type.String()),
          lines: Type.Optional(Type.Array(Line_)),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ReconcileBody = Type.Object(
  {
    since: Type.String({ format: 'date-time', description: 'start of the window (payments created from then)' }),
    until: Type.Optional(Type.String({ format: 'date-time', description: 'end of the window (default now)' })),
    orderNos: Type.Optional(Type.Array(OrderNo, { maxItems: 100, description: "also read these orders' payments at their PSP again and tell the stream (e.g. those with open alerts)" })),
    by: Type.Optional(Line(100)),
  },
  { additionalProperties: false },
);

const RuleId = Type.Enum(['RULE_A', 'RULE_B', 'RULE_C', 'RULE_D', 'RULE_E', 'RULE_F']);

const RemediationItem = Type.Object(
  { orderNo: Type.String(), ruleId: RuleId, action: Type.String(), outcome: Type.Enum(['done', 'escalated']), detail: Type.Record(Type.String(), Type.Unknown()) },
  { additionalProperties: false },
);

export const ReconcileReport = Type.Object(
  {
    window: Type.Object({ from: IsoTime, to: IsoTime }, { additionalProperties: false }),
    providers: Type.Array(Type.Object({ name: Type.String(), listed: Type.Boolean(), payments: Type.Integer(), error: Type.Optional(Type.String()) }, { additionalProperties: false })),
    agreed: Type.Integer({ description: 'PSP payments whose word we had already' }),
    remediations: Type.Array(RemediationItem),
    reobserved: Type.Integer({ description: 'PSP payments of `orderNos` read again' }),
  },
  { additionalProperties: false },
);

export const RemediationQuery = Type.Object(
  { orderNo: Type.Optional(OrderNo), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) },
  { additionalProperties: false },
);

export const RemediationList = Type.Object(
  {
    remediations: Type.Array(
      Type.Object(
        { id: Type.Integer(), orderNo: Type.String(), ruleId: Type.String(), action: Type.String(), outcome: Type.String(), by: Type.String(), detail: Type.Record(Type.String(), Type.Unknown()), at: IsoTime },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const ReconcileRunQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    cursor: Type.Optional(PageCursor),
  },
  { additionalProperties: false },
);

const ReconcileRun = Type.Object(
  {
    id: Type.Integer(),
    trigger: Type.Enum(['periodic', 'operator'], { description: 'periodic: every RECONCILE_INTERVAL_MS in `start`; operator: POST /api/v1/admin/reconcile' }),
    by: Type.String(),
    status: Type.Enum(['running', 'finished', 'failed']),
    startedAt: IsoTime,
    finishedAt: Nullable(IsoTime),
    window: Type.Object({ from: IsoTime, to: IsoTime }, { additionalProperties: false }),
    checked: Type.Object(
      {
        payments: Type.Integer({ minimum: 0, description: 'PSP payments compared with ours' }),
        orders: Type.Integer({ minimum: 0, description: 'decided orders of the window whose money was checked' }),
        reobserved: Type.Integer({ minimum: 0, description: 'PSP payments of the orders asked about read again' }),
        providers: Type.Array(Type.Object({ name: Type.String(), listed: Type.Boolean(), payments: Type.Integer(), error: Type.Optional(Type.String()) }, { additionalProperties: false })),
      },
      { additionalProperties: false },
    ),
    agreed: Type.Integer({ minimum: 0, description: 'PSP payments whose word we had already' }),
    remediations: Type.Integer({ minimum: 0, description: 'repairs made (GET /api/v1/admin/remediations), escalations included' }),
    escalated: Type.Integer({ minimum: 0, description: 'of those, left to a person' }),
    error: Nullable(Type.String({ description: 'why a failed run stopped' })),
  },
  { additionalProperties: false },
);

export const ReconcileRunList = Type.Object({ runs: Type.Array(ReconcileRun), nextCursor: Nullable(Type.String()) }, { additionalProperties: false });
