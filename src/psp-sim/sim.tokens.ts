import type { PaymentStatus } from './sim.types.ts';

/** What `POST /v1/payments` does for a card token, like a real PSP's test cards. */
export type AuthorizationPlan =
  | { kind: 'unavailable' }
  | { kind: 'invalid_token' }
  | {
      kind: 'record';
      status: PaymentStatus;
      declineCode: string | null;
      /** For `processing`: settle to authorized after this many ms. */
      settleAfterMs: number | null;
      /** Hold the answer this long after recording (the money is already held). */
      answerDelayMs: number;
    };

/** Timing knobs the plan depends on. */
export interface TokenTiming {
  pendingSettleMs: number;
  timeoutDelayMs: number;
}

function record(status: PaymentStatus, extra: Partial<{ declineCode: string; settleAfterMs: number; answerDelayMs: number }> = {}): AuthorizationPlan {
  return {
    kind: 'record',
    status,
    declineCode: extra.declineCode ?? null,
    settleAfterMs: extra.settleAfterMs ?? null,
    answerDelayMs: extra.answerDelayMs ?? 0,
  };
}

/** Decides a token's behaviour; see the README, "The PSP simulator". */
export function planAuthorization(token: string, timing: TokenTiming): AuthorizationPlan {
  switch (token) {
    case 'tok_visa':
      return record('authorized');
    case 'tok_declined':
      return record('declined', { declineCode: 'card_declined' });
    case 'tok_insufficient_funds':
      return record('declined', { declineCode: 'insufficient_funds' });
    case 'tok_psp_unavailable':
      return { kind: 'unavailable' };
    case 'tok_timeout':
      return record('authorized', { answerDelayMs: timing.timeoutDelayMs });
    case 'tok_pending':
      return record('processing', { settleAfterMs: timing.pendingSettleMs });
    case 'tok_3ds':
      return record('requires_action');
    default:
      return { kind: 'invalid_token' };
  }
}

/** A PayPay payment always waits for the buyer to scan the QR code and confirm in the app. */
export function planPayPay(): AuthorizationPlan {
  return record('requires_action');
}
