import type pg from 'pg';
import type { SimContext } from '../sim.context.ts';
import { runIdempotent, type Outcome } from '../sim.idempotency.ts';
import { answer, type PayPayAnswer, type ResultCode } from './paypay.wire.ts';

/** What one unit of idempotent work decided: `store: false` leaves the id usable (nothing changed). */
export type PayPayOutcome = PayPayAnswer & { store: boolean };

export const stored = (a: PayPayAnswer): PayPayOutcome => ({ ...a, store: true });
/** A refusal that changed nothing: not kept, so the same id can succeed once the payment moves on. */
export const refused = (code: ResultCode): PayPayOutcome => ({ ...answer(code), store: false });

/**
 * PayPay's idempotency: the merchant's id (merchantPaymentId, merchantCaptureId,
 * merchantRevertId, merchantRefundId) names one operation; "when the same … is
 * specified, the previous result is returned". `requestedAt` is left out of the
 * comparison (a retry sends a new one). Keys are prefixed `paypay:` so they
 * never meet another API's. The same id with another request is refused with
 * `conflict`; a first request still running reads as PayPay's 500 (status unknown).
 */
export async function idempotent(
  ctx: SimContext,
  key: string,
  endpoint: string,
  body: Record<string, unknown>,
  conflict: ResultCode,
  work: (tx: pg.PoolClient) => Promise<PayPayOutcome>,
): Promise<PayPayAnswer> {
  const compared = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'requestedAt'));
  const a = await runIdempotent(ctx.pool, `paypay:${key}`, endpoint, compared, (tx) => work(tx) as Promise<Outcome>);
  const native = (a.body as { error?: { code?: string } } | null)?.error?.code;
  if (native === 'idempotency_key_reused') return answer(conflict);
  if (native === 'idempotency_in_progress') return answer('INTERNAL_SERVER_ERROR');
  return a as PayPayAnswer;
}
