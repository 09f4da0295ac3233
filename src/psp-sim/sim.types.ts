/** Every status a simulated payment can be in. */
export type PaymentStatus =
  | 'authorized'
  | 'declined'
  | 'processing'
  | 'requires_action'
  | 'captured'
  | 'voided'
  | 'refunded';

/** The PSPs the simulator plays: its own API, and Stripe- and PayPay-compatible subsets. */
export const SIM_PROVIDERS = ['psp-sim', 'stripe', 'paypay'] as const;
export type SimProvider = (typeof SIM_PROVIDERS)[number];

/** How the buyer pays: a card token, or a PayPay-style QR payment taken at once. */
export type PaymentMethod = 'card' | 'paypay';

/** A refund's status: `pending` until it settles (the `settle` fault option), then `succeeded` or `failed` for good. */
export type RefundStatus = 'pending' | 'succeeded' | 'failed';

/** One refund of a payment, as the repository returns it. Only `succeeded` ones count in `refundedAmount`. */
export interface Refund {
  id: string;
  amount: number;
  status: RefundStatus;
  /** The request's idempotency key (PayPay: the merchantRefundId); null when the request had none. */
  idempotencyKey: string | null;
  failureReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Provider-specific fields (Stripe reason and metadata, PayPay requestedAt …). */
  meta: Record<string, unknown>;
}

/** The wire shape of a refund inside a `/v1` payment (`refunds`, oldest first). */
export interface RefundJson {
  id: string;
  amount: number;
  status: RefundStatus;
  idempotencyKey?: string;
  failureReason?: string;
  createdAt: string;
  updatedAt: string;
}

/** A payment as the repository returns it (amounts as numbers, minor units). */
export interface Payment {
  id: string;
  /** Which simulated PSP holds it (its API family). */
  provider: SimProvider;
  reference: string;
  idempotencyKey: string;
  amount: number;
  currency: string;
  method: PaymentMethod;
  status: PaymentStatus;
  declineCode: string | null;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
  createdAt: Date;
  /** Provider-specific fields the compatible APIs keep (Stripe metadata, PayPay merchantPaymentId …). */
  meta: Record<string, unknown>;
  /** Every refund, oldest first, whatever its status. */
  refunds: Refund[];
}

/** What refunds still pending hold back from the captured amount. */
export function pendingRefundAmount(p: Pick<Payment, 'refunds'>): number {
  return p.refunds.filter((r) => r.status === 'pending').reduce((n, r) => n + r.amount, 0);
}

/**
 * What may still be refunded: captured, less succeeded refunds and those still
 * pending (a pending refund may yet succeed, so its amount is spoken for, as
 * at Stripe). A failed refund gives its amount back.
 */
export function refundable(p: Pick<Payment, 'capturedAmount' | 'refundedAmount' | 'refunds'>): number {
  return p.capturedAmount - p.refundedAmount - pendingRefundAmount(p);
}

/** The wire shape of a payment on `/v1`. */
export interface PaymentJson {
  id: string;
  reference: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  declineCode?: string;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
  idempotencyKey: string;
  createdAt: string;
  nextAction?: { type: 'redirect'; url: string };
  /** Every refund with its status, oldest first; `refundedAmount` counts the succeeded ones. */
  refunds: RefundJson[];
}

/** The wire shape of one ledger line on `/__sim/payments`. */
export interface LedgerJson {
  id: string;
  provider: SimProvider;
  reference: string;
  status: PaymentStatus;
  amount: number;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
}

/** Error body used by every endpoint: `{ error: { code, ... } }`. */
export function errorBody(code: string, extra: Record<string, unknown> = {}): { error: Record<string, unknown> } {
  return { error: { code, ...extra } };
}

/** The buyer page a `requires_action` payment redirects to: 3-D Secure for cards, the QR page for PayPay. */
export function buyerPageUrl(p: Pick<Payment, 'id' | 'method'>, baseUrl: string): string {
  const kind = p.method === 'paypay' ? 'pay' : '3ds';
  return `${baseUrl}/sim/${kind}/${encodeURIComponent(p.id)}`;
}

/** Converts a payment to its `/v1` JSON (also the webhook's `data.payment`); `baseUrl` builds the buyer link. */
export function toPaymentJson(p: Payment, baseUrl: string): PaymentJson {
  const json: PaymentJson = {
    id: p.id,
    reference: p.reference,
    amount: p.amount,
    currency: p.currency,
    status: p.status,
    authorizedAmount: p.authorizedAmount,
    capturedAmount: p.capturedAmount,
    refundedAmount: p.refundedAmount,
    idempotencyKey: p.idempotencyKey,
    createdAt: p.createdAt.toISOString(),
    refunds: p.refunds.map(toRefundJson),
  };
  if (p.declineCode !== null) json.declineCode = p.declineCode;
  if (p.status === 'requires_action') {
    json.nextAction = { type: 'redirect', url: buyerPageUrl(p, baseUrl) };
  }
  return json;
}

/** A refund as the native API shows it. */
export function toRefundJson(r: Refund): RefundJson {
  return {
    id: r.id,
    amount: r.amount,
    status: r.status,
    ...(r.idempotencyKey !== null ? { idempotencyKey: r.idempotencyKey } : {}),
    ...(r.failureReason !== null ? { failureReason: r.failureReason } : {}),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** Converts a payment to the ledger line outside checks read. */
export function toLedgerJson(p: Payment): LedgerJson {
  return {
    id: p.id,
    provider: p.provider,
    reference: p.reference,
    status: p.status,
    amount: p.amount,
    authorizedAmount: p.authorizedAmount,
    capturedAmount: p.capturedAmount,
    refundedAmount: p.refundedAmount,
  };
}
