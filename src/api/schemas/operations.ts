import { Type } from 'typebox';
import { IsoTime, Line, Money, Nullable, OrderNo, Sku } from './common.ts';

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
