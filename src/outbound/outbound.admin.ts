import type { Db } from '../platform/db/database.ts';
import type { DeliveryFilter } from './delivery.service.ts';
import * as deliveries from './delivery.service.ts';
import type { OutboundDeps } from './outbound.deps.ts';
import { outboundMetrics } from './outbound.metrics.ts';
import type { DeliveryDetail, DeliveryView, SubscriptionView, SubscriptionWithSecret } from './outbound.view.ts';
import * as subscriptions from './subscription.service.ts';

/** What operators do with outbound webhooks (the admin routes call only this). */
export interface OutboundAdmin {
  create(s: subscriptions.NewSubscription): Promise<SubscriptionWithSecret>;
  list(): Promise<{ subscriptions: SubscriptionView[] }>;
  get(subscriptionId: string): Promise<SubscriptionView>;
  disable(subscriptionId: string): Promise<SubscriptionView>;
  enable(subscriptionId: string): Promise<SubscriptionView>;
  rotateSecret(subscriptionId: string): Promise<SubscriptionWithSecret>;
  deliveries(subscriptionId: string, f: DeliveryFilter): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }>;
  delivery(deliveryId: string): Promise<DeliveryDetail>;
  redeliver(deliveryId: string, by: string): Promise<DeliveryDetail>;
}

/**
 * The operations bound to the process's database, settings and metrics.
 * Each throws the catalogue's errors (SUBSCRIPTION_NOT_FOUND,
 * DELIVERY_NOT_FOUND, SUBSCRIPTION_DISABLED, SUBSCRIPTION_LIMIT_REACHED,
 * VALIDATION_FAILED); see subscription.service.ts and delivery.service.ts.
 */
export function outboundAdmin(deps: Omit<OutboundDeps, 'log'>): OutboundAdmin {
  const db: Db = deps.db;
  const { settings } = deps;
  const m = outboundMetrics(deps.registry, db);
  return {
    create: (s) => subscriptions.createSubscription(db, settings, s),
    list: () => subscriptions.listSubscriptions(db),
    get: (id) => subscriptions.getSubscription(db, id),
    disable: async (id) => {
      const r = await subscriptions.disableSubscription(db, id);
      if (r.skipped > 0) m.deliveries.inc({ outcome: 'skipped' }, r.skipped);
      return r.subscription;
    },
    enable: (id) => subscriptions.enableSubscription(db, settings, id),
    rotateSecret: (id) => subscriptions.rotateSecret(db, id),
    deliveries: (id, f) => deliveries.listDeliveries(db, id, f),
    delivery: (id) => deliveries.getDelivery(db, id),
    redeliver: (id, by) => deliveries.redeliver(db, id, by),
  };
}
