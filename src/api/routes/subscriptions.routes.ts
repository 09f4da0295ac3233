import { outboundAdmin } from '../../outbound/index.ts';
import { limitByAddress } from '../rate-limits.ts';
import { ADMIN, errors } from '../schemas/common.ts';
import {
  DeliveryDetail,
  DeliveryList,
  DeliveryListQuery,
  DeliveryParams,
  RedeliverBody,
  Subscription,
  SubscriptionBody,
  SubscriptionList,
  SubscriptionParams,
  SubscriptionWithSecret,
} from '../schemas/subscriptions.ts';
import type { Api, RouteKit } from '../types.ts';

const DEFAULT_ACTOR = 'admin';
const SIGNING =
  'Each delivery is a POST of the event envelope `{ id, family, type, version, subject, key, occurredAt, data }` as JSON, with ' +
  '`Orderly-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the secret>`, `Orderly-Event-Id`, `Orderly-Event-Type`, `Orderly-Delivery-Id`.';

/** Outbound webhooks: subscriptions of the shop's other systems, their deliveries, redelivery. */
export async function subscriptionRoutes(app: Api, { ctx, auth, limits }: RouteKit): Promise<void> {
  const { deps } = ctx;
  const outbound = outboundAdmin({ db: deps.db, registry: deps.metrics.registry, settings: deps.config.outbound });
  const onRequest = [limitByAddress(limits.admin), auth.admin];
  const tags = ['operations'];
  const base = '/api/v1/admin/webhook-subscriptions';

  app.post(
    base,
    {
      onRequest,
      schema: {
        tags,
        summary: 'Subscribe a system to events (outbound webhooks)',
        description: `\`201\` with the signing \`secret\`, shown only in this answer (later reads show \`secretHint\`). Events that occur from now on are delivered. ${SIGNING}`,
        security: ADMIN,
        body: SubscriptionBody,
        response: { 201: SubscriptionWithSecret, ...errors(['UNAUTHENTICATED', 'SUBSCRIPTION_LIMIT_REACHED'], { body: true }) },
      },
    },
    async (req, reply) => {
      const s = await outbound.create({ url: req.body.url, eventTypes: req.body.eventTypes, ...(req.body.description ? { description: req.body.description } : {}) });
      req.log.info({ subscriptionId: s.subscriptionId, eventTypes: s.eventTypes }, 'webhook subscription created');
      return reply.code(201).send(s);
    },
  );

  app.get(
    base,
    { onRequest, schema: { tags, summary: 'Webhook subscriptions, oldest first', security: ADMIN, response: { 200: SubscriptionList, ...errors(['UNAUTHENTICATED']) } } },
    async () => await outbound.list(),
  );

  app.get(
    `${base}/:subscriptionId`,
    { onRequest, schema: { tags, summary: 'One webhook subscription', security: ADMIN, params: SubscriptionParams, response: { 200: Subscription, ...errors(['UNAUTHENTICATED', 'SUBSCRIPTION_NOT_FOUND']) } } },
    async (req) => await outbound.get(req.params.subscriptionId),
  );

  app.post(
    `${base}/:subscriptionId/disable`,
    {
      onRequest,
      schema: {
        tags,
        summary: 'Stop delivering to a subscription',
        description: 'No new deliveries; its pending ones become `skipped`. Idempotent.',
        security: ADMIN,
        params: SubscriptionParams,
        response: { 200: Subscription, ...errors(['UNAUTHENTICATED', 'SUBSCRIPTION_NOT_FOUND'], { body: true }) },
      },
    },
    async (req) => {
      const s = await outbound.disable(req.params.subscriptionId);
      req.log.info({ event: 'operator_subscription_disabled', subscriptionId: s.subscriptionId }, 'webhook subscription disabled');
      return s;
    },
  );

  app.post(
    `${base}/:subscriptionId/enable`,
    {
      onRequest,
      schema: {
        tags,
        summary: 'Deliver to a subscription again',
        description: 'Events from now on are delivered; those that occurred while it was disabled are not. Idempotent.',
        security: ADMIN,
        params: SubscriptionParams,
        response: { 200: Subscription, ...errors(['UNAUTHENTICATED', 'SUBSCRIPTION_NOT_FOUND', 'SUBSCRIPTION_LIMIT_REACHED'], { body: true }) },
      },
    },
    async (req) => {
      const s = await outbound.enable(req.params.subscriptionId);
      req.log.info({ subscriptionId: s.subscriptionId }, 'webhook subscription enabled');
      return s;
    },
  );

  app.post(
    `${base}/:subscriptionId/rotate-secret`,
    {
      onRequest,
      schema: {
        tags,
        summary: 'Replace the signing secret',
        description: 'The new `secret` is shown only in this answer. Every attempt from now on, retries included, is signed with it alone: the old one stops at once.',
        security: ADMIN,
        params: SubscriptionParams,
        response: { 200: SubscriptionWithSecret, ...errors(['UNAUTHENTICATED', 'SUBSCRIPTION_NOT_FOUND'], { body: true }) },
      },
    },
    async (req) => {
      const s = await outbound.rotateSecret(req.params.subscriptionId);
      req.log.info({ event: 'operator_secret_rotated', subscriptionId: s.subscriptionId }, 'webhook secret rotated');
      return s;
    },
  );

  app.get(
    `${base}/:subscriptionId/deliveries`,
    {
      onRequest,
      schema: {
        tags,
        summary: "A subscription's deliveries, newest first",
        security: ADMIN,
        params: SubscriptionParams,
        querystring: DeliveryListQuery,
        response: { 200: DeliveryList, ...errors(['UNAUTHENTICATED', 'SUBSCRIPTION_NOT_FOUND']) },
      },
    },
    async (req) => {
      const q = req.query;
      return await outbound.deliveries(req.params.subscriptionId, { limit: q.limit ?? 50, ...(q.status ? { status: q.status } : {}), ...(q.cursor ? { cursor: q.cursor } : {}) });
    },
  );

  app.get(
    '/api/v1/admin/webhook-deliveries/:deliveryId',
    {
      onRequest,
      schema: {
        tags,
        summary: 'One delivery with its attempts',
        description: 'Every attempt of every series: when, how long, the HTTP status or the error, the first bytes of the answer.',
        security: ADMIN,
        params: DeliveryParams,
        response: { 200: DeliveryDetail, ...errors(['UNAUTHENTICATED', 'DELIVERY_NOT_FOUND']) },
      },
    },
    async (req) => await outbound.delivery(req.params.deliveryId),
  );

  app.post(
    '/api/v1/admin/webhook-deliveries/:deliveryId/redeliver',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Send a delivery again',
        description: '`202`: a new series of attempts for the same event (same `Orderly-Event-Id`) with a fresh budget, whatever its status; the earlier attempts stay in the log.',
        security: ADMIN,
        params: DeliveryParams,
        body: RedeliverBody,
        response: { 202: DeliveryDetail, ...errors(['UNAUTHENTICATED', 'DELIVERY_NOT_FOUND', 'SUBSCRIPTION_DISABLED'], { body: true }) },
      },
    },
    async (req, reply) => {
      const by = req.body?.by ?? DEFAULT_ACTOR;
      const d = await outbound.redeliver(req.params.deliveryId, by);
      req.log.info({ deliveryId: d.deliveryId, series: d.series, by }, 'webhook redelivery requested');
      return reply.code(202).send(d);
    },
  );
}
