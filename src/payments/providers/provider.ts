/**
 * The provider interface: what payments asks of any PSP. One Input/Output pair
 * per operation and one normalised status; only adapters know a wire format.
 */
export type ProviderStatus = 'authorized' | 'declined' | 'processing' | 'requires_action' | 'captured' | 'voided' | 'refunded';

/**
 * One refund of a payment and where it stands. A real PSP may take time to
 * pay a refund out (`pending`) and may fail to (`failed`, for good): only
 * `succeeded` ones count in the payment's `refundedAmount`.
 */
export interface ProviderRefund {
  /** The PSP's id (PayPay: the merchantRefundId). */
  refundId: string;
  amount: number;
  status: 'pending' | 'succeeded' | 'failed';
  /** The key the refund was asked for with, where the PSP gives it back. */
  idempotencyKey?: string;
  failureReason?: string;
}

export interface ProviderPayment {
  providerPaymentId: string;
  reference: string;
  status: ProviderStatus;
  amount: number;
  capturedAmount: number;
  /** Succeeded refunds only: a pending refund is not money returned yet, a failed one never is. */
  refundedAmount: number;
  declineCode?: string;
  idempotencyKey?: string;
  nextAction?: { type: 'redirect'; url: string };
  /**
   * Every refund with its current status, oldest first, where the PSP tells it
   * (`get`, `refund` and `list` fill it; webhooks may not).
   */
  refunds?: ProviderRefund[];
}

/** What the buyer pays with: a card token, or a PayPay-style QR / app payment. */
export type PaymentSource = { type: 'card'; token: string } | { type: 'paypay' };

export interface AuthorizeInput {
  reference: string;
  amount: number;
  currency: string;
  idempotencyKey: string;
  source: PaymentSource;
  signal?: AbortSignal;
}
export type AuthorizeOutput = ProviderPayment;

export interface CaptureInput {
  providerPaymentId: string;
  amount: number;
  idempotencyKey: string;
  signal?: AbortSignal;
}
export type CaptureOutput = ProviderPayment;

export interface VoidInput {
  providerPaymentId: string;
  idempotencyKey: string;
  signal?: AbortSignal;
}
export type VoidOutput = ProviderPayment;

export interface RefundInput {
  providerPaymentId: string;
  amount: number;
  /** One key per refund: a repeat with it returns the same refund; a partial refund after it needs a new key. */
  idempotencyKey: string;
  signal?: AbortSignal;
}
/**
 * The payment after the refund was accepted. Its `refunds` include this one
 * (found by its idempotency key), which may still be `pending`: follow it with
 * `get` until it is `succeeded` or `failed`.
 */
export type RefundOutput = ProviderPayment;

export interface GetInput {
  providerPaymentId: string;
  signal?: AbortSignal;
}
export type GetOutput = ProviderPayment | undefined;

export interface FindByReferenceInput {
  reference: string;
  idempotencyKey?: string;
  signal?: AbortSignal;
}
export type FindByReferenceOutput = ProviderPayment[];

/**
 * Most pages one `list` call reads before giving up with
 * {@link ProviderListTooLongError}: a window that needs more is too wide for
 * one call (narrow it), and a bound keeps a runaway listing from hanging a job.
 */
export const LIST_MAX_PAGES = 100;

/** Every payment the PSP has that was created in [createdFrom, createdTo): what reconciliation compares with our records. */
export interface ListInput {
  createdFrom: Date;
  /** Exclusive; default now. */
  createdTo?: Date;
  signal?: AbortSignal;
  /**
   * Bound of each page's HTTP call (a listing is many calls): the edge sets it
   * from its read timeout. Without it the adapter's transport timeout applies.
   */
  pageTimeoutMs?: number;
}
/**
 * Oldest or newest first, as the PSP pages them. Payments that are not ours
 * are kept, with the `reference` the PSP has for them ('' when none):
 * reconciliation reports them as foreign.
 */
export type ListOutput = ProviderPayment[];

/**
 * One webhook event, normalised: the PSP's event id and the payment as the
 * event describes it. `payment` is absent for verified events that are not
 * about a payment we act on (they are stored as processed and do nothing).
 */
export interface ProviderEvent {
  id: string;
  type: string;
  payment?: ProviderPayment;
  /**
   * True when the PSP does not sign its notifications (the body proves
   * nothing): the event is only a hint, and what is applied is what the PSP
   * answers when asked about the payment.
   */
  confirmWithPsp?: boolean;
}

/** Headers as Node gives them. */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface ProviderWebhooks {
  /** Checks the signature over the raw body (and its age); throws {@link WebhookSignatureError}. */
  verify(rawBody: string, headers: WebhookHeaders, now?: Date): ProviderEvent;
  /** Reads a body that was verified when it was received. */
  decode(rawBody: string): ProviderEvent;
}

export interface PaymentProvider {
  readonly name: string;
  /** Present when the PSP sends webhooks. */
  readonly webhooks?: ProviderWebhooks;
  authorize(input: AuthorizeInput): Promise<AuthorizeOutput>;
  capture(input: CaptureInput): Promise<CaptureOutput>;
  void(input: VoidInput): Promise<VoidOutput>;
  refund(input: RefundInput): Promise<RefundOutput>;
  get(input: GetInput): Promise<GetOutput>;
  findByReference(input: FindByReferenceInput): Promise<FindByReferenceOutput>;
  /**
   * Pages through the PSP's own list API until done (at most
   * {@link LIST_MAX_PAGES} pages). Absent when the PSP has no list API
   * (PayPay): reconciliation then asks about each known payment with `get`.
   */
  list?(input: ListInput): Promise<ListOutput>;
}

/** Base of every provider failure; `code` is stable, `retryable` says whether trying again may help. */
export abstract class ProviderError extends Error {
  abstract readonly code: string;
  abstract readonly retryable: boolean;
  constructor(
    message: string,
    readonly provider: string,
    readonly detail: { status?: number; body?: string; retryAfterSeconds?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The PSP certainly did not accept the request (503, 429, our key refused, connection refused): safe to retry or fail over. */
export class ProviderUnavailableError extends ProviderError {
  readonly code = 'PROVIDER_UNAVAILABLE';
  readonly retryable = true;
  override name = 'ProviderUnavailableError';
  constructor(
    message: string,
    provider: string,
    detail: { status?: number; body?: string; retryAfterSeconds?: number } = {},
    options?: { cause?: unknown },
    /** Set when we refused the call ourselves before sending it (open circuit, rate limit, deadline). */
    readonly local?: string,
  ) {
    super(message, provider, detail, options);
  }
}

/** We do not know whether the PSP acted (timeout, connection reset): ask the PSP, never guess. */
export class ProviderAmbiguousError extends ProviderError {
  readonly code = 'PROVIDER_AMBIGUOUS';
  readonly retryable = true;
  override name = 'ProviderAmbiguousError';
}

/** The PSP refused the operation in the payment's current state (e.g. void while processing). */
export class ProviderRejectedError extends ProviderError {
  readonly code = 'PROVIDER_REJECTED';
  readonly retryable = false;
  override name = 'ProviderRejectedError';
  constructor(
    message: string,
    provider: string,
    readonly reason: string,
    detail: { status?: number; body?: string } = {},
  ) {
    super(message, provider, detail);
  }
}

/**
 * A `list` window holding more than {@link LIST_MAX_PAGES} pages: nothing is
 * wrong with the PSP, the window is too wide. Retrying changes nothing; ask
 * again with a narrower window.
 */
export class ProviderListTooLongError extends ProviderError {
  readonly code = 'PROVIDER_LIST_TOO_LONG';
  readonly retryable = false;
  override name = 'ProviderListTooLongError';
  constructor(
    provider: string,
    readonly pages: number,
  ) {
    super(`${provider} list: more than ${pages} pages in the window; narrow createdFrom/createdTo`, provider);
  }
}

/** A webhook whose signature is missing, wrong or too old; nothing in it may be believed. */
export class WebhookSignatureError extends Error {
  readonly code = 'WEBHOOK_SIGNATURE_INVALID';
  override name = 'WebhookSignatureError';
  constructor(readonly reason: 'missing' | 'malformed' | 'too_old' | 'mismatch' | 'bad_body') {
    super(`webhook signature rejected: ${reason}`);
  }
}

export const isWebhookSignatureError = (e: unknown): e is WebhookSignatureError => e instanceof WebhookSignatureError;
export const isProviderUnavailable = (e: unknown): e is ProviderUnavailableError => e instanceof ProviderUnavailableError;
export const isProviderAmbiguous = (e: unknown): e is ProviderAmbiguousError => e instanceof ProviderAmbiguousError;
export const isProviderListTooLong = (e: unknown): e is ProviderListTooLongError => e instanceof ProviderListTooLongError;
export const isProviderRejected = (e: unknown): e is ProviderRejectedError => e instanceof ProviderRejectedError;
