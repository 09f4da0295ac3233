/**
 * Error bodies of the Stripe-compatible API, shaped as Stripe's
 * (https://docs.stripe.com/api/errors): `{ error: { type, code?, decline_code?,
 * message, param?, payment_intent?, doc_url? } }`. The HTTP status decides which
 * SDK error class a client raises (400/404 → StripeInvalidRequestError, 401 →
 * StripeAuthenticationError, 402 → StripeCardError, 429 → StripeRateLimitError,
 * other 4xx/5xx → StripeAPIError), so each helper returns the status with the body.
 */

export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorBody {
  error: {
    type: StripeErrorType;
    message: string;
    code?: string;
    decline_code?: string;
    param?: string;
    doc_url?: string;
    payment_intent?: unknown;
  };
}

/** A Stripe error answer: status and body. */
export interface StripeErrorAnswer {
  status: number;
  body: StripeErrorBody;
}

function body(type: StripeErrorType, message: string, extra: Omit<StripeErrorBody['error'], 'type' | 'message'> = {}): StripeErrorBody {
  const docUrl = extra.code ? { doc_url: `https://docs.stripe.com/error-codes/${extra.code.replace(/_/g, '-')}` } : {};
  return { error: { type, message, ...extra, ...docUrl } };
}

/** 400 `invalid_request_error` (bad or missing parameter, wrong state …). */
export function invalidRequest(message: string, extra: { code?: string; param?: string; payment_intent?: unknown } = {}, status = 400): StripeErrorAnswer {
  return { status, body: body('invalid_request_error', message, extra) };
}

/** 404 `resource_missing`, as for an unknown PaymentIntent id. */
export function resourceMissing(kind: string, id: string, param: string): StripeErrorAnswer {
  return invalidRequest(`No such ${kind}: '${id}'`, { code: 'resource_missing', param }, 404);
}

/**
 * 401 without echoing any part of the presented key (Stripe shows a masked key;
 * the simulator shows none, so nothing key-like ever reaches a log).
 */
export function unauthorized(): StripeErrorAnswer {
  return {
    status: 401,
    body: body('invalid_request_error', 'Invalid API Key provided. Use `Authorization: Bearer <secret key>`.'),
  };
}

/** 402 `card_error` for a declined confirmation; `payment_intent` is the PaymentIntent after the attempt. */
export function cardDeclined(declineCode: string, paymentIntent: unknown): StripeErrorAnswer {
  const authentication = declineCode === 'authentication_failed';
  // Stripe reports every issuer decline as `card_declined` with the reason in `decline_code`.
  const code = authentication ? 'payment_intent_authentication_failure' : 'card_declined';
  return {
    status: 402,
    body: body('card_error', declineMessage(declineCode), {
      code,
      ...(authentication ? {} : { decline_code: declineCode }),
      payment_intent: paymentIntent,
    }),
  };
}

/** The customer-facing message Stripe gives for common decline codes. */
export function declineMessage(declineCode: string): string {
  if (declineCode === 'insufficient_funds') return 'Your card has insufficient funds.';
  if (declineCode === 'authentication_failed') {
    return 'We are unable to authenticate your payment method. Please choose a different payment method and try again.';
  }
  return 'Your card was declined.';
}

/** The same key with other parameters (https://docs.stripe.com/api/idempotent_requests). */
export function idempotencyMismatch(key: string): StripeErrorAnswer {
  return {
    status: 400,
    body: body(
      'idempotency_error',
      `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
    ),
  };
}

/** The same key while its first request is still running: nothing is saved, retrying later is safe. */
export function idempotencyInProgress(): StripeErrorAnswer {
  return {
    status: 409,
    body: body(
      'idempotency_error',
      'There is currently another in-progress request using this Idempotency-Key. Please try again later.',
    ),
  };
}

/** 429 as Stripe sends it (`rate_limit` under `invalid_request_error`). */
export function rateLimited(): StripeErrorAnswer {
  return { status: 429, body: body('invalid_request_error', 'Request rate limit exceeded.', { code: 'rate_limit' }) };
}

/** 5xx `api_error`: a problem on the PSP's side. */
export function apiError(status: number): StripeErrorAnswer {
  return { status, body: body('api_error', 'An unknown error occurred on Stripe\'s servers. Please try again.') };
}

/** Renders an injected fault status the way Stripe would answer it (for `faultHook`). */
export function injectedError(status: number): StripeErrorBody {
  if (status === 429) return rateLimited().body;
  if (status === 401) return unauthorized().body;
  if (status === 402) return body('card_error', 'Your card was declined.', { code: 'card_declined', decline_code: 'generic_decline' });
  if (status >= 500) return apiError(status).body;
  return body('invalid_request_error', 'Injected fault.');
}
