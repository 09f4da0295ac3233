import Stripe from 'stripe';
import {
  ProviderAmbiguousError,
  ProviderRejectedError,
  ProviderUnavailableError,
  type ProviderError,
} from '../provider.ts';
import { NOT_SENT_CODES, retryAfterSeconds } from '../transport.ts';

/**
 * Stripe SDK errors (https://docs.stripe.com/error-handling,
 * https://docs.stripe.com/api/errors) classified by what they prove about the
 * request — the distinction failover depends on:
 *  - Unavailable: Stripe certainly did not act (503, 429, 401/403, refused
 *    connection or DNS failure): retrying or failing over is safe.
 *  - Ambiguous: it may have acted (timeout, reset, 500, 409 in-flight
 *    duplicate, unreadable answer): ask Stripe before anything else.
 *  - Rejected: it refused the request (invalid request, wrong state,
 *    idempotency mismatch): trying again changes nothing.
 * Card declines are not errors; the adapter turns them into declined payments.
 */

const NAME = 'stripe';


/** API keys and webhook secrets, should any appear in a message Stripe echoes. */
const SECRET = /\b(?:sk|rk|pk)_(?:test|live)_[0-9A-Za-z]+|\bwhsec_[0-9A-Za-z]+/g;

export const redactSecrets = (s: string): string => s.replace(SECRET, '[redacted]');

type Detail = { status?: number; body?: string; retryAfterSeconds?: number };

function header(err: Stripe.errors.StripeError, name: string): string | undefined {
  const v = err.headers?.[name];
  return typeof v === 'string' ? v : undefined;
}

/** Status, a ≤ 500-character body (Stripe's error fields, secrets redacted) and `Retry-After`. */
function detailOf(err: Stripe.errors.StripeError): Detail {
  const fields = { type: err.rawType, code: err.code, decline_code: err.decline_code, param: err.param, message: err.message };
  const retryAfter = retryAfterSeconds(header(err, 'retry-after'));
  return {
    ...(err.statusCode !== undefined ? { status: err.statusCode } : {}),
    body: redactSecrets(JSON.stringify(fields)).slice(0, 500),
    ...(retryAfter ? { retryAfterSeconds: retryAfter } : {}),
  };
}

/** The Node error code behind a StripeConnectionError (ECONNREFUSED, ETIMEDOUT, ECONNRESET …). */
function connectionCode(err: Stripe.errors.StripeConnectionError): string | undefined {
  const d = err.detail as { code?: unknown; exception?: { code?: unknown } } | undefined;
  const code = d?.code ?? d?.exception?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The provider error for a Stripe SDK error; anything else (a bug of ours) is returned unchanged. */
export function classifyStripeError(err: unknown, operation: string): ProviderError | unknown {
  const E = Stripe.errors;
  if (!(err instanceof E.StripeError)) return err;
  const what = `stripe ${operation}`;
  const detail = detailOf(err);
  const opts = { cause: err };

  if (err instanceof E.StripeConnectionError) {
    const code = connectionCode(err);
    if (code && NOT_SENT_CODES.has(code)) return new ProviderUnavailableError(`${what}: Stripe unreachable (${code})`, NAME, {}, opts);
    // Timed out, reset or cut mid-answer: the request may have been processed.
    return new ProviderAmbiguousError(`${what} did not complete (${code ?? 'connection error'})`, NAME, {}, opts);
  }
  if (err instanceof E.StripeRateLimitError) return new ProviderUnavailableError(`${what}: rate limited`, NAME, detail, opts);
  if (err instanceof E.StripeAuthenticationError || err instanceof E.StripePermissionError) {
    // Refused before doing anything: certainly not acted, so failing over is safe. A config problem, not a PSP outage.
    return new ProviderUnavailableError(`${what}: Stripe refused the API key (${err.statusCode})`, NAME, detail, opts);
  }
  if (err instanceof E.StripeIdempotencyError) {
    return new ProviderRejectedError(`${what}: idempotency key reused with other parameters`, NAME, 'idempotency_error', detail);
  }
  if (err instanceof E.StripeInvalidRequestError) {
    return new ProviderRejectedError(`${what} refused: ${err.code ?? 'invalid_request'}`, NAME, err.code ?? 'invalid_request', detail);
  }
  if (err instanceof E.StripeCardError) {
    return new ProviderRejectedError(`${what}: card declined`, NAME, err.decline_code ?? err.code ?? 'card_declined', detail);
  }
  const status = err.statusCode;
  // 502 comes from a gateway in front of Stripe, possibly after Stripe acted: ambiguous (below).
  if (status === 503) return new ProviderUnavailableError(`${what}: Stripe answered ${status}`, NAME, detail, opts);
  if (status !== undefined && status >= 400 && status < 500 && status !== 409 && status !== 424) {
    return new ProviderRejectedError(`${what} refused (HTTP ${status})`, NAME, err.code ?? `http_${status}`, detail);
  }
  // 500/504, 409 (the same key still in flight), 424, an unreadable answer, or no status at all.
  return new ProviderAmbiguousError(`${what}: outcome unknown (${status ?? err.type})`, NAME, detail, opts);
}
