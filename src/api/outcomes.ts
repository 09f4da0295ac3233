import type { FastifyReply } from 'fastify';
import type { PurchaseOutcome } from '../checkout/index.ts';
import { ERRORS, errorBody, type ErrorCode } from '../platform/errors.ts';

/**
 * The one place where outcomes and errors become HTTP: status code, headers
 * (`Retry-After`) and body. Routes, the error handler and replays of stored
 * purchases all answer through here.
 */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** How long a client should wait before retrying, when nothing more precise is known. */
const DEFAULT_RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  PAYMENT_UNAVAILABLE: 5,
  CHECKOUT_TIMEOUT: 2,
  CHECKOUT_BUSY: 5,
  IDEMPOTENCY_IN_PROGRESS: 1,
  RATE_LIMITED: 1,
  SERVICE_UNAVAILABLE: 5,
};

export interface ErrorExtra {
  orderNo?: string | undefined;
  details?: unknown;
  retryAfterSeconds?: number | undefined;
}

/** A catalogued error as an answer, its message in the language the client prefers. */
export function errorAnswer(code: ErrorCode, acceptLanguage: string | undefined, extra: ErrorExtra = {}): HttpAnswer {
  const body = errorBody(code, acceptLanguage, { orderNo: extra.orderNo, details: extra.details });
  const retryAfter = extra.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS[code];
  // The body says it too (a client that cannot read headers): how long the PSPs or our circuit asked for.
  if (extra.retryAfterSeconds !== undefined) Object.assign(body.error, { retryAfterSeconds: extra.retryAfterSeconds });
  return { status: ERRORS[code].status, headers: retryAfter !== undefined ? { 'retry-after': String(Math.max(1, Math.ceil(retryAfter))) } : {}, body };
}

/**
 * `POST /api/v1/orders`: `201` for a `PAID` order, `202` for one the buyer
 * can still follow (waiting for them, or undecided) with its channel token,
 * the error of a refusal or a failed order.
 */
export function purchaseAnswer(outcome: PurchaseOutcome, acceptLanguage: string | undefined): HttpAnswer {
  switch (outcome.kind) {
    case 'order': {
      const body = outcome.channelToken ? { ...outcome.order, channelToken: outcome.channelToken } : outcome.order;
      return { status: outcome.order.status === 'PAID' ? 201 : 202, headers: {}, body };
    }
    case 'refused':
      return errorAnswer(outcome.code, acceptLanguage, outcome);
    case 'stored_response': {
      const error = (outcome.body as { error?: { code?: ErrorCode; retryAfterSeconds?: number } }).error;
      const retryAfter = error?.retryAfterSeconds ?? (error?.code ? DEFAULT_RETRY_AFTER_SECONDS[error.code] : undefined);
      return { status: outcome.status, headers: retryAfter ? { 'retry-after': String(retryAfter) } : {}, body: outcome.body };
    }
  }
}

// What each reply said (an error code or an order's status), for the metrics the route counts in onResponse.
const said = new WeakMap<object, string>();

/** Sends an answer (its status may be any the route declares, success or error). */
export function sendAnswer(reply: unknown, a: HttpAnswer): FastifyReply {
  const body = a.body as { status?: unknown; error?: { code?: unknown } } | null;
  const outcome = body?.error?.code ?? body?.status;
  if (typeof outcome === 'string') said.set(reply as object, outcome);
  return (reply as FastifyReply).code(a.status).headers(a.headers).send(a.body);
}

/**
 * What a reply sent through `sendAnswer` said: its error code (`OUT_OF_STOCK`),
 * or for an order its status (`PAID`); undefined for anything else. Every
 * error answer goes through `sendAnswer` (the error handler too), so this is
 * exact for a purchase whatever stage refused it.
 */
export function answeredOutcome(reply: FastifyReply): string | undefined {
  return said.get(reply);
}
