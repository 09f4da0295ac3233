import type Stripe from 'stripe';
import type { ProviderPayment } from '../provider.ts';

/**
 * Stripe's PaymentIntent (https://docs.stripe.com/api/payment_intents/object)
 * in the provider interface's terms. The lifecycle
 * (https://docs.stripe.com/payments/paymentintents/lifecycle) with
 * `capture_method=manual`: requires_capture = authorized, succeeded =
 * captured (refunded when the latest charge is refunded in full), canceled =
 * voided, requires_payment_method after a failed attempt = declined.
 */

/** Metadata keys orderly writes on every PaymentIntent, and searches by. */
export const REFERENCE_KEY = 'orderly_reference';
export const ATTEMPT_KEY = 'orderly_attempt';

/** Stripe's code for a failed 3-D Secure step, named as the other PSPs name it. */
const AUTHENTICATION_FAILURE = 'payment_intent_authentication_failure';

function declineCode(pi: Stripe.PaymentIntent): string {
  const err = pi.last_payment_error;
  if (err?.decline_code) return err.decline_code;
  if (err?.code === AUTHENTICATION_FAILURE) return 'authentication_failed';
  return err?.code ?? 'declined';
}

/** The latest charge when it was expanded (`expand: ['latest_charge']`), else undefined. */
function latestCharge(pi: Stripe.PaymentIntent): Stripe.Charge | undefined {
  return pi.latest_charge && typeof pi.latest_charge === 'object' ? pi.latest_charge : undefined;
}

/**
 * Maps a PaymentIntent; undefined for a status orderly never creates
 * (requires_confirmation, or requires_payment_method before any attempt).
 */
export function toPayment(pi: Stripe.PaymentIntent): ProviderPayment | undefined {
  const metadata = pi.metadata ?? {};
  const base = {
    providerPaymentId: pi.id,
    reference: metadata[REFERENCE_KEY] ?? '',
    amount: pi.amount,
    capturedAmount: 0,
    refundedAmount: 0,
    ...(metadata[ATTEMPT_KEY] ? { idempotencyKey: metadata[ATTEMPT_KEY] } : {}),
  };
  switch (pi.status) {
    case 'requires_capture':
      return { ...base, status: 'authorized' };
    case 'succeeded': {
      const captured = pi.amount_received;
      const refunded = latestCharge(pi)?.amount_refunded ?? 0;
      return { ...base, status: refunded > 0 && refunded >= captured ? 'refunded' : 'captured', capturedAmount: captured, refundedAmount: refunded };
    }
    case 'canceled':
      return { ...base, status: 'voided' };
    case 'processing':
      return { ...base, status: 'processing' };
    case 'requires_action': {
      // Only a redirect can be handed to the buyer; `use_stripe_sdk` needs Stripe.js on the page.
      const url = pi.next_action?.redirect_to_url?.url;
      return { ...base, status: 'requires_action', ...(url ? { nextAction: { type: 'redirect' as const, url } } : {}) };
    }
    case 'requires_payment_method':
      return pi.last_payment_error ? { ...base, status: 'declined', declineCode: declineCode(pi) } : undefined;
    default:
      return undefined;
  }
}
