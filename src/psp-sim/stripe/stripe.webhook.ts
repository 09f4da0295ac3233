import type { WebhookFormat } from '../sim.webhooks.ts';
import type { StripeSimOptions } from './stripe.options.ts';

/** Formats and signs outbox events as Stripe events (placeholder). */
export function stripeWebhookFormat(_opts: StripeSimOptions): WebhookFormat {
  return (e) => ({ body: JSON.stringify({ id: e.id, type: e.type }), headers: {} });
}
