import type { SimContext } from './sim.context.ts';
import { completeAuthentication, getPayment, withTransaction } from './sim.repository.ts';
import type { Payment } from './sim.types.ts';

/** Result of finishing a 3-D Secure challenge. */
export type CompletionResult =
  | { kind: 'done'; payment: Payment }
  | { kind: 'not_found' }
  | { kind: 'invalid_state'; payment: Payment };

/** Finishes the buyer's 3-D Secure step: success → authorized, failure → declined. */
export function completeChallenge(ctx: SimContext, id: string, success: boolean): Promise<CompletionResult> {
  return withTransaction(ctx.pool, async (tx) => {
    const p = await getPayment(tx, id, true);
    if (!p) return { kind: 'not_found' };
    const done = await completeAuthentication(tx, id, success);
    return done ? { kind: 'done', payment: done } : { kind: 'invalid_state', payment: p };
  });
}
