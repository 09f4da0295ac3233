import type { ProviderPayment, ProviderStatus } from '../provider.ts';

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
  };
}

