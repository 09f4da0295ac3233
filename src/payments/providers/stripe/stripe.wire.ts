import type Stripe from 'stripe';
import type { ProviderPayment, ProviderRefund } from '../provider.ts';

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
/** Metadata key of a Refund: the idempotency key it was created with (Stripe does not echo request keys). */
export const REFUND_KEY = 'orderly_refund';

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
 * A Refund's status (https://docs.stripe.com/refunds#failed-refunds):
 * `requires_action` waits like `pending`; `canceled` never pays out, like `failed`.
 */
export function toRefund(r: Stripe.Refund): ProviderRefund {
  const status = r.status === 'succeeded' ? 'succeeded' : r.status === 'failed' || r.status === 'canceled' ? 'failed' : 'pending';
  const key = r.metadata?.[REFUND_KEY];
  const failureReason = r.failure_reason ?? (r.status === 'canceled' ? 'canceled' : undefined);
  return { refundId: r.id, amount: r.amount, status, ...(key ? { idempotencyKey: key } : {}), ...(status === 'failed' && failureReason ? { failureReason } : {}) };
}

/** The charge's refunds when it lists them all (`expand: ['latest_charge.refunds']`, nothing left on further pages). */
export function embeddedRefunds(pi: Stripe.PaymentIntent): { refunds: Stripe.Refund[]; complete: boolean } | undefined {
  const list = latestCharge(pi)?.refunds;
  return list && Array.isArray(list.data) ? { refunds: list.data, complete: !list.has_more } : undefined;
}

/**
 * Maps a PaymentIntent; undefined for a status orderly never creates
 * (requires_confirmation, or requires_payment_method before any attempt).
 * `allRefunds` (newest first, as Stripe lists them) is the charge's every
 * refund when the caller fetched them; else the charge's own list is used if
 * complete. With refunds known, `refundedAmount` counts only the succeeded
 * ones; without (a webhook's unexpanded charge), Stripe's `amount_refunded`,
 * which also counts pending refunds.
 */
export function toPayment(pi: Stripe.PaymentIntent, allRefunds?: Stripe.Refund[]): ProviderPayment | undefined {
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
      const embedded = embeddedRefunds(pi);
      const known = allRefunds ?? (embedded?.complete ? embedded.refunds : undefined);
      // Stripe lists newest first; the interface's order is oldest first.
      const refunds = known ? [...known].reverse().map(toRefund) : undefined;
      const refunded = refunds
        ? refunds.filter((r) => r.status === 'succeeded').reduce((n, r) => n + r.amount, 0)
        : (latestCharge(pi)?.amount_refunded ?? 0);
      return {
        ...base,
        status: refunded > 0 && refunded >= captured ? 'refunded' : 'captured',
        capturedAmount: captured,
        refundedAmount: refunded,
        ...(refunds ? { refunds } : {}),
      };
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
