/** Credentials of the simulator's Stripe-compatible API (`/v1/payment_intents…`, `/v1/refunds`). */
export interface StripeSimOptions {
  /** The `sk_test_…` key the Stripe SDK sends as `Authorization: Bearer`. */
  secretKey: string;
  /** Signs the `Stripe-Signature` header of webhooks (a `whsec_…` value); never logged. */
  webhookSecret: string;
}
