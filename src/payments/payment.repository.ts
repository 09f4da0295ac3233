import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { AttemptStatus, NextAction, PaymentStatus } from './payment.table.ts';

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
  set: { status: AttemptStatus; providerPaymentId?: string; declineCode?: string | null; lastError?: string | null; amounts?: { amount: number; captured: number; refunded: number } },
  /** Only while the attempt is still in one of these statuses (never overwrite what a webhook recorded). */
  onlyFrom?: AttemptStatus[],
): Promise<void> {
  let q = db
    .updateTable('payment_attempts')
    .set({
      status: set.status,
      ...(set.providerPaymentId ? { provider_payment_id: set.providerPaymentId } : {}),
      ...(set.declineCode !== undefined ? { decline_code: set.declineCode } : {}),
      ...(set.lastError !== undefined ? { last_error: set.lastError } : {}),
      ...(set.amounts ? { amount: set.amounts.amount, captured_amount: set.amounts.captured, refunded_amount: set.amounts.refunded } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id);
  if (onlyFrom) q = q.where('status', 'in', onlyFrom);
  await q.execute();
}

/** Whether attempt `n` is the payment's last (the one the payment follows). */
export async function isLastAttempt(db: DbOrTx, paymentId: number, n: number): Promise<boolean> {
  const r = await db.selectFrom('payment_attempts').select((eb) => eb.fn.max('n').as('n')).where('payment_id', '=', paymentId).executeTakeFirst();
  return Number(r?.n ?? n) === n;
}

/** The attempt's status and what it last held, its row locked until the caller's transaction ends. */
export async function lockAttempt(db: DbOrTx, id: number): Promise<{ status: AttemptStatus; refundedAmount: number }> {
  const r = await db.selectFrom('payment_attempts').select(['status', 'refunded_amount']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow();
  return { status: r.status, refundedAmount: r.refunded_amount };
}

export async function updatePayment(
  db: DbOrTx,
  id: number,
  set: {
    status: PaymentStatus;
    provider?: string;
    authorizedAmount?: number;
    capturedAmount?: number;
    refundedAmount?: number;
    nextAction?: NextAction | null;
  },
): Promise<void> {
  await db
    .updateTable('payments')
    .set({
      status: set.status,
      ...(set.provider ? { provider: set.provider } : {}),
      ...(set.authorizedAmount !== undefined ? { authorized_amount: set.authorizedAmount } : {}),
      ...(set.capturedAmount !== undefined ? { captured_amount: set.capturedAmount } : {}),
      ...(set.refundedAmount !== undefined ? { refunded_amount: set.refundedAmount } : {}),
      ...(set.nextAction !== undefined ? { next_action: set.nextAction && JSON.stringify(set.nextAction) } : {}),
      updated_at: sql`now()`,
    })
    .where('id', '=', id)
    .execute();
}

/** Stores a webhook once per (provider, event id); undefined when it was already stored (a duplicate). `processed`: nothing is left to do about it. */
export async function insertWebhookEvent(
  db: DbOrTx,
  e: { provider: string; eventId: string; type: string; reference: string | null; rawBody: string; processed: boolean },
): Promise<number | undefined> {
  const r = await db
    .insertInto('payment_webhook_events')
    .values({ provider: e.provider, event_id: e.eventId, type: e.type, reference: e.reference, raw_body: e.rawBody, processed_at: e.processed ? sql`now()` : null })
    .onConflict((oc) => oc.columns(['provider', 'event_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r?.id;
}

export async function webhookEventById(db: DbOrTx, id: number) {
  return await db.selectFrom('payment_webhook_events').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function webhookEventsFor(db: DbOrTx, reference: string) {
  return await db
    .selectFrom('payment_webhook_events')
    .select(['provider', 'event_id', 'type', 'received_at', 'processed_at'])
    .where('reference', '=', reference)
    .orderBy('id')
    .execute();
}

export async function markWebhookProcessed(db: DbOrTx, id: number): Promise<void> {
  await db.updateTable('payment_webhook_events').set({ processed_at: sql`now()` }).where('id', '=', id).where('processed_at', 'is', null).execute();
}

/**
 * Per provider, how many of `references` have an attempt there that may still
 * hold or move money (not declined, refused, absent, voided or refunded).
 */
export async function providersHolding(db: DbOrTx, references: string[]): Promise<Map<string, number>> {
  if (references.length === 0) return new Map();
  const rows = await db
    .selectFrom('payment_attempts as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select(['a.provider', (eb) => eb.fn.count<number>('p.reference').distinct().as('n')])
    .where('p.reference', 'in', references)
    .where('a.status', 'not in', ['DECLINED', 'UNAVAILABLE', 'NOT_FOUND', 'VOIDED', 'REFUNDED'])
    .groupBy('a.provider')
    .execute();
  return new Map(rows.map((r) => [r.provider, Number(r.n)]));
}

/** Whether one of our attempts at `provider` is this PSP payment (by its id, or by our key). */
export async function attemptExists(db: DbOrTx, provider: string, providerPaymentId: string, idempotencyKey: string | undefined): Promise<boolean> {
  const r = await db
    .selectFrom('payment_attempts')
    .select('id')
    .where('provider', '=', provider)
    .where((eb) => eb.or([eb('provider_payment_id', '=', providerPaymentId), ...(idempotencyKey ? [eb('idempotency_key', '=', idempotencyKey)] : [])]))
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Whether this provider ever sent a webhook about this reference. */
export async function anyWebhook(db: DbOrTx, provider: string, reference: string): Promise<boolean> {
  const r = await db.selectFrom('payment_webhook_events').select('id').where('provider', '=', provider).where('reference', '=', reference).limit(1).executeTakeFirst();
  return r !== undefined;
}

/** Whether a webhook of this provider, reference and type came in the last `windowMs` (a hint repeated). */
export async function recentWebhook(db: DbOrTx, provider: string, reference: string, type: string, windowMs: number): Promise<boolean> {
  const r = await db
    .selectFrom('payment_webhook_events')
    .select('id')
    .where('provider', '=', provider)
    .where('reference', '=', reference)
    .where('type', '=', type)
    .where('received_at', '>', sql<Date>`now() - make_interval(secs => ${windowMs / 1000})`)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Whether another webhook about this reference at this provider was acted on in the last `windowMs`. */
export async function recentlyProcessed(db: DbOrTx, provider: string, reference: string, exceptId: number, windowMs: number): Promise<boolean> {
  const r = await db
    .selectFrom('payment_webhook_events')
    .select('id')
    .where('provider', '=', provider)
    .where('reference', '=', reference)
    .where('id', '<>', exceptId)
    .where('processed_at', '>', sql<Date>`now() - make_interval(secs => ${windowMs / 1000})`)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Serializes, until the transaction ends, the hints about one payment and status (a transaction-scoped advisory lock). */
export async function lockHintSlot(tx: DbOrTx, provider: string, reference: string, type: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`webhook-hint:${provider}:${reference}:${type}`}, 0))`.execute(tx);
}
