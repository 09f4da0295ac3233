import { randomBytes } from 'node:crypto';
import type { SimContext } from '../sim.context.ts';
import type { NewPayment } from '../sim.repository.ts';
import { planAuthorization, type AuthorizationPlan } from '../sim.tokens.ts';
import { invalidRequest } from './stripe.errors.ts';
import type { FormParams } from './stripe.form.ts';
import { metaFromMetadata } from './stripe.objects.ts';
import {
  StripeParamError,
  amountParam,
  booleanParam,
  enumParam,
  expandParam,
  hashParam,
  listParam,
  metadataParam,
  onlyKnown,
  stringParam,
} from './stripe.params.ts';

/**
 * `POST /v1/payment_intents` with `confirm=true` and `capture_method=manual`
 * (https://docs.stripe.com/api/payment_intents/create,
 * https://docs.stripe.com/payments/capture-later): reads and
 * checks the parameters and turns the payment method into one of the
 * simulator's token plans (sim.tokens.ts).
 */

const CREATE_PARAMS = [
  'amount',
  'currency',
  'capture_method',
  'confirm',
  'payment_method',
  'metadata',
  'description',
  'return_url',
  'expand',
  'automatic_payment_methods',
  'allowed_payment_method_types',
  'payment_method_types',
] as const;

/**
 * Stripe's test PaymentMethods (https://docs.stripe.com/testing) mapped to the
 * simulator's tokens; the simulator's own `tok_*` tokens are taken as they are.
 */
const TEST_PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: 'tok_visa',
  pm_card_mastercard: 'tok_visa',
  pm_card_jcb: 'tok_visa',
  pm_card_chargeDeclined: 'tok_declined',
  pm_card_visa_chargeDeclined: 'tok_declined',
  pm_card_chargeDeclinedInsufficientFunds: 'tok_insufficient_funds',
  pm_card_visa_chargeDeclinedInsufficientFunds: 'tok_insufficient_funds',
  pm_card_authenticationRequired: 'tok_3ds',
  pm_card_threeDSecure2Required: 'tok_3ds',
  // The brief's name for the simulator's 503 token.
  tok_unavailable: 'tok_psp_unavailable',
};

export function tokenFor(paymentMethod: string): string {
  return TEST_PAYMENT_METHODS[paymentMethod] ?? paymentMethod;
}

/** A checked create request: the PSP is "down" for it, or a payment to record. */
export type CreateRequest =
  | { kind: 'unavailable' }
  | {
      kind: 'record';
      plan: Extract<AuthorizationPlan, { kind: 'record' }>;
      expand: Set<string>;
      /** The row to insert, given the request's Idempotency-Key (or ''). */
      payment: (idempotencyKey: string) => NewPayment;
    };

const newPaymentIntentId = (): string => `pi_${randomBytes(12).toString('hex')}`;

/** Checks the parameters (throwing Stripe's 400s) and plans the authorization. */
export function readCreate(params: FormParams, ctx: SimContext): CreateRequest {
  onlyKnown(params, CREATE_PARAMS);
  const amount = amountParam(params, 'amount', true) as number;
  const currency = stringParam(params, 'currency', true) as string;
  if (currency.toLowerCase() !== 'jpy') {
    throw new StripeParamError(invalidRequest(`Invalid currency: ${currency}. The simulator supports jpy only.`, { param: 'currency' }));
  }
  // The simulator holds and captures separately only; it has no automatic capture.
  if (enumParam(params, 'capture_method', ['manual', 'automatic', 'automatic_async']) !== 'manual') {
    throw new StripeParamError(invalidRequest('The simulator supports capture_method=manual only.', { param: 'capture_method' }));
  }
  if (booleanParam(params, 'confirm') !== true) {
    throw new StripeParamError(invalidRequest('The simulator supports confirm=true only (create and confirm in one call).', { param: 'confirm' }));
  }
  const paymentMethod = stringParam(params, 'payment_method', true, 255) as string;
  const metadata = metadataParam(params);
  const description = stringParam(params, 'description', false, 1000);
  const returnUrl = stringParam(params, 'return_url', false, 2048);
  const expand = expandParam(params, ['latest_charge', 'latest_charge.refunds']);
  for (const name of ['allowed_payment_method_types', 'payment_method_types']) {
    const types = listParam(params, name);
    if (types.some((t) => t !== 'card')) {
      throw new StripeParamError(invalidRequest(`The simulator supports ${name}=[card] only.`, { param: name }));
    }
  }
  const apm = hashParam(params, 'automatic_payment_methods');
  const automatic = apm
    ? { enabled: apm.enabled === 'true', ...(typeof apm.allow_redirects === 'string' ? { allow_redirects: apm.allow_redirects } : {}) }
    : undefined;

  const token = tokenFor(paymentMethod);
  const plan = planAuthorization(token, ctx);
  if (plan.kind === 'invalid_token') {
    // A missing object named in a parameter is a 400 (404 is for the object in the path).
    throw new StripeParamError(invalidRequest(`No such PaymentMethod: '${paymentMethod}'`, { code: 'resource_missing', param: 'payment_method' }));
  }
  if (plan.kind === 'unavailable') return { kind: 'unavailable' };

  const id = newPaymentIntentId();
  return {
    kind: 'record',
    plan,
    expand,
    payment: (idempotencyKey) => ({
      id,
      provider: 'stripe',
      // The ledger (`/__sim/payments?reference=`) shows orderly's reference, as for the native API.
      reference: metadata.orderly_reference ?? id,
      idempotencyKey,
      amount,
      currency: 'JPY',
      method: 'card',
      token,
      status: plan.status,
      declineCode: plan.declineCode,
      settleAfterMs: plan.settleAfterMs,
      meta: {
        ...metaFromMetadata(metadata),
        payment_method: paymentMethod,
        ...(description !== undefined ? { description } : {}),
        ...(returnUrl !== undefined ? { return_url: returnUrl } : {}),
        ...(automatic ? { automatic_payment_methods: automatic } : {}),
      },
    }),
  };
}
