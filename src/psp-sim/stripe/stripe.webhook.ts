import { createHmac } from 'node:crypto';
import type { FormattableEvent, WebhookFormat } from '../sim.webhooks.ts';
import { chargeJson, paymentIntentJson, refundJson, STRIPE_API_VERSION } from './stripe.objects.ts';
import type { StripeSimOptions } from './stripe.options.ts';

/**
 * Outbox events as Stripe Events (https://docs.stripe.com/api/events/object),
 * signed as Stripe signs them (https://docs.stripe.com/webhooks/signature):
 * `Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`,
 * which `stripe.webhooks.constructEvent` accepts.
 */

/** The simulator's `payment.<status>` → Stripe's event type (as the SDK's `Stripe.Event` union names them). */
const EVENT_TYPES: Record<string, string> = {
  'payment.authorized': 'payment_intent.amount_capturable_updated',
  'payment.captured': 'payment_intent.succeeded',
  'payment.declined': 'payment_intent.payment_failed',
  'payment.voided': 'payment_intent.canceled',
  'payment.processing': 'payment_intent.processing',
  'payment.requires_action': 'payment_intent.requires_action',
  'payment.refunded': 'charge.refunded',
  // A pending refund that settled (https://docs.stripe.com/api/events/types): Stripe's data.object is the Refund.
  'refund.succeeded': 'refund.updated',
  'refund.failed': 'refund.failed',
};

/** The signature header value for `body` sent at unix time `t`. */
export function stripeSignature(secret: string, t: number, body: string): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

/**
 * The event body: built from the outbox row alone (its id, creation time and the
 * payment as it was then), so every delivery of an event is byte-identical.
 */
export function stripeEventBody(e: FormattableEvent): string {
  const type = EVENT_TYPES[e.type] ?? `payment_intent.${e.type.replace(/^payment\./, '')}`;
  const src = { payment: e.payment, meta: e.meta };
  const object = e.refund && type.startsWith('refund.') ? refundJson(e.refund, src) : type.startsWith('charge.') ? chargeJson(src) : paymentIntentJson(src);
  return JSON.stringify({
    id: e.id,
    object: 'event',
    api_version: STRIPE_API_VERSION,
    created: e.created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  });
}

/** Formats and signs Stripe-compatible events; the signature is fresh at every send. */
export function stripeWebhookFormat(opts: StripeSimOptions): WebhookFormat {
  return (e) => {
    const body = stripeEventBody(e);
    return { body, headers: { 'stripe-signature': stripeSignature(opts.webhookSecret, Math.floor(Date.now() / 1000), body) } };
  };
}
