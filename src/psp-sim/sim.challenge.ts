import type { SimContext } from './sim.context.ts';
import { completeAuthentication, getPayment, withTransaction } from './sim.repository.ts';
import type { Payment } from './sim.types.ts';

/** Result of finishing the buyer's step (3-D Secure or PayPay QR). */
export type CompletionResult =
  | { kind: 'done'; payment: Payment }
  | { kind: 'not_found' }
  | { kind: 'invalid_state'; payment: Payment };

/**
 * Finishes the buyer's step of a `requires_action` payment. Card: authorized or
 * declined `authentication_failed`; PayPay: captured or declined `user_cancelled`.
 * The event is written in the same transaction (see completeAuthentication).
 */
export function completeChallenge(ctx: SimContext, id: string, success: boolean): Promise<CompletionResult> {
  return withTransaction(ctx.pool, async (tx) => {
    const p = await getPayment(tx, id, true);
    if (!p) return { kind: 'not_found' };
    const done = await completeAuthentication(tx, id, success);
    return done ? { kind: 'done', payment: done } : { kind: 'invalid_state', payment: p };
  });
}
