import type Stripe from 'stripe';
import { WebhookSignatureError, type ProviderEvent, type ProviderWebhooks, type WebhookHeaders } from '../provider.ts';
import { toPayment } from './stripe.wire.ts';

/**
 * Verifies Stripe webhooks with the SDK (`stripe.webhooks.constructEvent`,
 * https://docs.stripe.com/webhooks/signature): `Stripe-Signature:
 * t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. Several secrets are
 * accepted while one is rotated (Stripe keeps the old secret valid for a while after a roll).
 */

export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

export interface StripeWebhookOptions {
  /** Every accepted signing secret (`whsec_…`): the current one and, while rolling, the previous one. */
  secrets: string[];
  /** Oldest signature accepted, in seconds (Stripe's default is 300). */
  toleranceSeconds: number;
}

/** `t=` and `v1=` as the SDK reads them; anything less is malformed, before any secret is tried. */
function timestampOf(header: string): number {
  let t: number | undefined;
  let signatures = 0;
  for (const part of header.split(',')) {
    const [k, v] = part.split('=');
    if (k === 't' && v && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && v) signatures++;
  }
  if (t === undefined || signatures === 0) throw new WebhookSignatureError('malformed');
  return t;
}

/** Reads a verified (or stored) body as a provider event; only `payment_intent.*` events carry a payment. */
function decode(rawBody: string): ProviderEvent {
  let event: { id?: unknown; type?: unknown; object?: unknown; data?: { object?: { object?: unknown } } };
  try {
    event = JSON.parse(rawBody) as typeof event;
  } catch {
    throw new WebhookSignatureError('bad_body');
  }
  if (typeof event.id !== 'string' || typeof event.type !== 'string' || event.object !== 'event') {
    throw new WebhookSignatureError('bad_body');
  }
  const object = event.data?.object;
  const payment =
    event.type.startsWith('payment_intent.') && object?.object === 'payment_intent'
      ? toPayment(object as unknown as Stripe.PaymentIntent)
      : undefined;
  return { id: event.id, type: event.type, ...(payment ? { payment } : {}) };
}

/** Stripe's own check, secret by secret; the SDK's messages tell a stale signature from a wrong one. */
export function stripeWebhooks(stripe: Stripe, opts: StripeWebhookOptions): ProviderWebhooks {
  const secrets = opts.secrets.filter((s) => s.trim().length > 0);
  // The SDK reads a tolerance of 0 as "no age check"; never allow that by accident.
  const tolerance = Math.max(1, Math.floor(opts.toleranceSeconds));
  return {
    verify(rawBody: string, headers: WebhookHeaders, now = new Date()): ProviderEvent {
      const raw = headers[STRIPE_SIGNATURE_HEADER];
      const header = Array.isArray(raw) ? raw[0] : raw;
      if (!header) throw new WebhookSignatureError('missing');
      const t = timestampOf(header);
      if (!rawBody) throw new WebhookSignatureError('bad_body');
      // The SDK only rejects signatures that are too old; one from the future is as suspect.
      if (t - now.getTime() / 1000 > tolerance) throw new WebhookSignatureError('too_old');
      let reason: 'mismatch' | 'too_old' = 'mismatch';
      for (const secret of secrets) {
        try {
          stripe.webhooks.constructEvent(rawBody, header, secret, tolerance, undefined, now.getTime());
        } catch (err) {
          // Verified but unreadable (not JSON, a thin event): no other secret can fix that.
          if (!(err instanceof stripe.errors.StripeSignatureVerificationError)) throw new WebhookSignatureError('bad_body');
          // The SDK checks the signature first: "outside the tolerance zone" means it matched but is stale.
          if (/tolerance/i.test(err.message)) reason = 'too_old';
          continue;
        }
        return decode(rawBody);
      }
      throw new WebhookSignatureError(reason);
    },
    decode,
  };
}
