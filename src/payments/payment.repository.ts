import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { AttemptStatus, PaymentStatus } from './payment.table.ts';

export async function insertPayment(
  db: DbOrTx,
  p: { reference: string; amount: number; currency: string; method: string; provider: string },
): Promise<number> {
  const r = await db
    .insertInto('payments')
    .values({ reference: p.reference, amount: p.amount, currency: p.currency, method: p.method, status: 'PENDING', provider: p.provider })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function insertAttempt(db: DbOrTx, a: { paymentId: number; n: number; provider: string; idempotencyKey: string }) {
  return await db
    .insertInto('payment_attempts')
    .values({
      payment_id: a.paymentId,
      n: a.n,
      provider: a.provider,
      idempotency_key: a.idempotencyKey,
      status: 'CREATED',
      provider_payment_id: null,
      decline_code: null,
      last_error: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function paymentByReference(db: DbOrTx, reference: string) {
  return await db.selectFrom('payments').selectAll().where('reference', '=', reference).executeTakeFirst();
}

export async function attemptsOf(db: DbOrTx, paymentId: number) {
  return await db.selectFrom('payment_attempts').selectAll().where('payment_id', '=', paymentId).orderBy('n').execute();
}

export async function updateAttempt(
  db: DbOrTx,
  id: number,
  set: { status: AttemptStatus; providerPaymentId?: string; declineCode?: string | null; lastError?: string | null },
): Promise<void> {
  await db
    .updateTable('payment_attempts')
    .set({
      status: set.status,
      ...(set.providerPaymentId ? { provider_payment_id: set.providerPaymentId } : {}),
      ...(set.declineCode !== undefined ? { decline_code: set.declineCode } : {}),
      ...(set.lastError !== undefined ? { last_error: set.lastError } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

export async function updatePayment(
  db: DbOrTx,
  id: number,
  set: { status: PaymentStatus; provider?: string; authorizedAmount?: number; capturedAmount?: number; refundedAmount?: number },
): Promise<void> {
  await db
    .updateTable('payments')
    .set({
      status: set.status,
      ...(set.provider ? { provider: set.provider } : {}),
      ...(set.authorizedAmount !== undefined ? { authorized_amount: set.authorizedAmount } : {}),
      ...(set.capturedAmount !== undefined ? { captured_amount: set.capturedAmount } : {}),
      ...(set.refundedAmount !== undefined ? { refunded_amount: set.refundedAmount } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}
