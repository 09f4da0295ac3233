import { Type } from 'typebox';
import { ALL_EVENTS, eventTypes, MAX_URL_LENGTH } from '../../outbound/index.ts';
import { IsoTime, Line, Nullable } from './common.ts';

const EventType = Type.Enum([ALL_EVENTS, ...eventTypes()], { description: 'an event type of the catalog (see the AsyncAPI document), or "*" alone for every event' });
const SubscriptionStatus = Type.Enum(['active', 'disabled']);
const DeliveryStatus = Type.Enum(['pending', 'delivered', 'dead', 'skipped'], {
  description: 'pending: waiting for its (next) attempt; delivered: a 2xx came back; dead: its attempts ran out (or the receiver answered 410); skipped: its subscription was disabled',
});
const Cursor = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$', description: 'nextCursor of the previous page' });

export const SubscriptionParams = Type.Object({ subscriptionId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const DeliveryParams = Type.Object({ deliveryId: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

export const SubscriptionBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: MAX_URL_LENGTH, description: 'http(s), no credentials, no fragment; in production https on a public address only (OUTBOUND_ALLOW_HTTP, OUTBOUND_ALLOW_PRIVATE_URLS)' }),
    eventTypes: Type.Array(EventType, { minItems: 1, maxItems: 50 }),
    description: Type.Optional(Line(500)),
  },
  { additionalProperties: false },
);

const SubscriptionFields = {
  subscriptionId: Type.String({ format: 'uuid' }),
  url: Type.String(),
  eventTypes: Type.Array(Type.String()),
  description: Nullable(Type.String()),
  status: SubscriptionStatus,
  secretHint: Type.String({ description: 'whsec_… and the last 4 characters of the secret' }),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  disabled: Nullable(Type.Object({ at: IsoTime, reason: Type.Enum(['operator', 'gone'], { description: 'gone: the receiver answered 410 Gone' }) }, { additionalProperties: false })),
  secretRotatedAt: Nullable(IsoTime),
};

export const Subscription = Type.Object(SubscriptionFields, { additionalProperties: false });
export const SubscriptionWithSecret = Type.Object(
  { ...SubscriptionFields, secret: Type.String({ pattern: '^whsec_[A-Za-z0-9_-]{43}$', description: 'signs every delivery (Orderly-Signature); shown only in this answer' }) },
  { additionalProperties: false },
);
export const SubscriptionList = Type.Object({ subscriptions: Type.Array(Subscription) }, { additionalProperties: false });

export const DeliveryListQuery = Type.Object(
  { status: Type.Optional(DeliveryStatus), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })), cursor: Type.Optional(Cursor) },
  { additionalProperties: false },
);

const DeliveryFields = {
  deliveryId: Type.String({ format: 'uuid' }),
  subscriptionId: Type.String({ format: 'uuid' }),
  eventId: Type.String({ format: 'uuid' }),
  eventType: Type.String(),
  eventKey: Type.String({ description: 'the event key: the order number for order and payment events' }),
  occurredAt: IsoTime,
  status: DeliveryStatus,
  series: Type.Integer({ minimum: 1, description: '1, then one more per manual redelivery' }),
  attemptCount: Type.Integer({ minimum: 0, description: 'attempts in the current series' }),
  nextAttemptAt: Nullable(IsoTime),
  lastStatus: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: IsoTime,
  deliveredAt: Nullable(IsoTime),
  deadAt: Nullable(IsoTime),
  redelivered: Nullable(Type.Object({ at: IsoTime, by: Type.String() }, { additionalProperties: false })),
};

const Delivery = Type.Object(DeliveryFields, { additionalProperties: false });
export const DeliveryList = Type.Object({ deliveries: Type.Array(Delivery), nextCursor: Nullable(Type.String()) }, { additionalProperties: false });

const Attempt = Type.Object(
  {
    series: Type.Integer(),
    attempt: Type.Integer(),
    at: IsoTime,
    durationMs: Type.Integer({ minimum: 0 }),
    httpStatus: Nullable(Type.Integer({ description: "the receiver's status; null when none came (timeout, connection error, refused address)" })),
    error: Nullable(Type.String()),
    responseBody: Nullable(Type.String({ description: "the first bytes of the receiver's answer" })),
    outcome: Type.Enum(['delivered', 'failed']),
  },
  { additionalProperties: false },
);

export const DeliveryDetail = Type.Object({ ...DeliveryFields, attempts: Type.Array(Attempt, { description: 'every attempt of every series, oldest first' }) }, { additionalProperties: false });

export const RedeliverBody = Type.Union([Type.Object({ by: Type.Optional(Line(100)) }, { additionalProperties: false }), Type.Null()], { description: 'optional; who redelivers (default "admin")' });
