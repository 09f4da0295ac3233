/** Every status a simulated payment can be in. */
export type PaymentStatus =
  | 'authorized'
  | 'declined'
  | 'processing'
  | 'requires_action'
  | 'captured'
  | 'voided'
  | 'refunded';

/** A payment as the repository returns it (amounts as numbers, minor units). */
export interface Payment {
  id: string;
  reference: string;
  idempotencyKey: string;
  amount: number;
  currency: string;
  status: PaymentStatus;
  declineCode: string | null;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
  createdAt: Date;
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
}

/** The wire shape of one ledger line on `/__sim/payments`. */
export interface LedgerJson {
  id: string;
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

/** Converts a payment to its `/v1` JSON; `baseUrl` builds the 3-D Secure link. */
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
  };
  if (p.declineCode !== null) json.declineCode = p.declineCode;
  if (p.status === 'requires_action') {
    json.nextAction = { type: 'redirect', url: `${baseUrl}/sim/3ds/${encodeURIComponent(p.id)}` };
  }
  return json;
}

/** Converts a payment to the ledger line outside checks read. */
export function toLedgerJson(p: Payment): LedgerJson {
  return {
    id: p.id,
    reference: p.reference,
    status: p.status,
    amount: p.amount,
    authorizedAmount: p.authorizedAmount,
    capturedAmount: p.capturedAmount,
    refundedAmount: p.refundedAmount,
  };
}
