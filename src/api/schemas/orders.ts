import { Type, type Static } from 'typebox';
import { IsoTime, Line, Money, Nullable, OrderNo, Sku } from './common.ts';

/** A Japanese shipping address. */
export const ShippingAddress = Type.Object(
  {
    name: Line(100),
    postalCode: Type.String({ pattern: '^[0-9]{3}-?[0-9]{4}$', maxLength: 8, description: 'Japanese postal code: 123-4567 or 1234567' }),
    prefecture: Line(10),
    city: Line(100),
    line1: Line(200),
    line2: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.String({ pattern: '^\\+?[0-9][0-9-]{8,19}$', maxLength: 21 }),
  },
  { additionalProperties: false },
);

/** `POST /api/v1/orders`: what a buyer sends. Prices come from the server, never from here. */
export const PlaceOrderBody = Type.Object(
  {
    items: Type.Array(
      Type.Object({ sku: Sku, quantity: Type.Integer({ minimum: 1, maximum: 999 }) }, { additionalProperties: false }),
      { minItems: 1, maxItems: 50, description: 'the same SKU twice is one line with the quantities added' },
    ),
    shippingAddress: ShippingAddress,
    payment: Type.Object(
      {
        method: Type.Enum(['card', 'paypay'], { description: 'card needs a token; paypay (QR / app) has none' }),
        token: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'the PSP card token (tok_visa … in development)' })),
      },
      { additionalProperties: false },
    ),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254, description: "the buyer's mails go here" })),
  },
  { additionalProperties: false },
);
export type PlaceOrderBody = Static<typeof PlaceOrderBody>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({ minLength: 1, maxLength: 255, description: 'required: the same key and body never make a second order and always get the same answer' }),
});

const Payment = Type.Object(
  {
    status: Type.String({ description: 'PENDING, PROCESSING, REQUIRES_ACTION, AUTHORIZED, CAPTURED, DECLINED, FAILED, VOIDED, REFUNDED' }),
    method: Type.String(),
    nextAction: Type.Optional(Type.Object({ type: Type.Literal('redirect'), url: Type.String() }, { additionalProperties: false, description: 'while the buyer must act (QR page, 3-D Secure)' })),
    expiresAt: Type.Optional(IsoTime),
  },
  { additionalProperties: false },
);

/** The order as its customer sees it; also what live updates carry. */
export const OrderView = Type.Object(
  {
    orderNo: OrderNo,
    status: Type.Enum(['PENDING', 'WAITING_PAYMENT', 'PAID', 'FAILED', 'CANCELLED']),
    total: Money,
    items: Type.Array(Type.Object({ sku: Sku, name: Type.String(), quantity: Type.Integer(), unitPrice: Money, lineTotal: Money }, { additionalProperties: false })),
    payment: Payment,
    failure: Type.Optional(Type.Object({ reason: Type.String() }, { additionalProperties: false })),
    createdAt: IsoTime,
  },
  { additionalProperties: false },
);

/** A `202`: the order the buyer follows, with the token that opens its live updates. */
export const OrderAccepted = Type.Object(
  {
    ...OrderView.properties,
    channelToken: Type.Optional(Type.String({ description: 'opens this order\'s live updates (WebSocket ?token=, or Bearer) and nothing else' })),
  },
  { additionalProperties: false },
);

export const OrderParams = Type.Object({ orderNo: OrderNo }, { additionalProperties: false });

export const OrderStatus = Type.Enum(['PENDING', 'WAITING_PAYMENT', 'PAID', 'FAILED', 'CANCELLED']);

export const PageCursor = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' });

/** A page of orders, newest first (the admin list and "my orders"). */
export const OrderList = Type.Object(
  {
    orders: Type.Array(Type.Object({ orderNo: OrderNo, status: OrderStatus, total: Money, createdAt: IsoTime }, { additionalProperties: false })),
    nextCursor: Nullable(Type.String()),
  },
  { additionalProperties: false },
);

export const MyOrdersQuery = Type.Object(
  {
    status: Type.Optional(OrderStatus),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(PageCursor),
  },
  { additionalProperties: false },
);
