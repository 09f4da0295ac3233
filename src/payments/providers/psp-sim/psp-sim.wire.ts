import type { ProviderPayment, ProviderRefund, ProviderStatus } from '../provider.ts';

/** A refund as the simulator's API spells it (inside its payment, oldest first). */
export interface SimRefund {
  id: string;
  amount: number;
  status: ProviderRefund['status'];
  idempotencyKey?: string;
  failureReason?: string;
}

/** A payment as the simulator's API and webhooks spell it. */
export interface SimPayment {
  id: string;
  reference: string;
  status: ProviderStatus;
  amount: number;
  capturedAmount: number;
  refundedAmount: number;
  declineCode?: string;
  idempotencyKey?: string;
  nextAction?: { type: 'redirect'; url: string };
  /** Absent in webhooks written before refunds had statuses. */
  refunds?: SimRefund[];
}

function toRefund(r: SimRefund): ProviderRefund {
  return {
    refundId: r.id,
    amount: r.amount,
    status: r.status,
    ...(r.idempotencyKey ? { idempotencyKey: r.idempotencyKey } : {}),
    ...(r.failureReason ? { failureReason: r.failureReason } : {}),
  };
}

/** The simulator's payment in the provider interface's terms. */
export function toPayment(p: SimPayment): ProviderPayment {
  return {
    providerPaymentId: p.id,
    reference: p.reference,
    status: p.status,
    amount: p.amount,
    capturedAmount: p.capturedAmount,
    refundedAmount: p.refundedAmount,
    ...(p.declineCode ? { declineCode: p.declineCode } : {}),
    ...(p.idempotencyKey ? { idempotencyKey: p.idempotencyKey } : {}),
    ...(p.nextAction ? { nextAction: p.nextAction } : {}),
    ...(p.refunds ? { refunds: p.refunds.map(toRefund) } : {}),
  };
}

