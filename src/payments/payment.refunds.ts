import { randomUUID } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import type { Logger } from 'pino';
import { emitEvent } from '../events/index.ts';
import type { Db, DbOrTx, Tx } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { lockEventKey } from '../platform/outbox/outbox.ts';
import type { ObservationSource } from './payment.events.ts';
import * as repo from './payment.repository.ts';
import type { RefundStatus, RefundsTable } from './payment.table.ts';
import type { PaymentProvider, ProviderPayment, ProviderRefund } from './providers/provider.ts';

/** A refund as the admin API shows it. */
export interface RefundView {
  refundId: number;
  amount: number;
  status: RefundStatus;
  reason: string;
  requestedBy: string;
  createdAt: string;
  settledAt: string | null;
  failureReason: string | null;
  meta: Record<string, unknown>;
}

/** What a refund task's run came to: done (succeeded or failed for good), or look again at `at`. */
export type RefundStep = { kind: 'done'; status: 'succeeded' | 'failed'; refund: RefundView } | { kind: 'retry_at'; at: Date; why: string };

type Row = Selectable<RefundsTable>;
type Attempt = Awaited<ReturnType<typeof repo.attemptsOf>>[number];

const view = (r: Row): RefundView => ({
  refundId: r.id,
  amount: r.amount,
  status: r.status,
  reason: r.reason,
  requestedBy: r.requested_by,
  createdAt: r.created_at.toISOString(),
  settledAt: r.settled_at?.toISOString() ?? null,
  failureReason: r.failure_reason,
  meta: r.meta,
});

/** How often a pending refund is looked at again: 2 s, doubling, at most a minute apart. */
const pendingWaitMs = (n: number) => Math.min(60_000, 2_000 * 2 ** Math.min(n, 10));

/**
 * Operator refunds (a whole or part of a captured payment): recorded with
 * their own PSP idempotency key before any call, then driven through the
 * PSP's statuses — a refund can be pending for a while and can fail.
 */
export class RefundDesk {
  constructor(
    private readonly deps: {
      provider(name: string): PaymentProvider;
      /** Applies the PSP's word to the attempt and payment in the caller's transaction (which holds the event key). */
      apply(tx: Tx, reference: string, paymentId: number, attempt: Attempt, p: ProviderPayment, meta: { source: ObservationSource }): Promise<unknown>;
    },
  ) {}

  /**
   * Records a refund of `amount` in the caller's transaction (which holds the
   * reference's event key). Refused when the payment is not captured, or when
   * it would take back more than is left after the refunds already asked for.
   */
  async request(tx: Tx, reference: string, r: { amount: number; reason: string; by: string; meta?: Record<string, unknown> }): Promise<RefundView> {
    const payment = await tx.selectFrom('payments').selectAll().where('reference', '=', reference).forUpdate().executeTakeFirst();
    if (!payment || (payment.status !== 'CAPTURED' && payment.status !== 'REFUNDED') || payment.captured_amount === 0) throw new AppError('PAYMENT_NOT_CAPTURED');
    const attempts = await repo.attemptsOf(tx, payment.id);
    const attempt = attempts.find((a) => (a.status === 'CAPTURED' || a.status === 'REFUNDED') && a.provider_payment_id);
    if (!attempt) throw new AppError('PAYMENT_NOT_CAPTURED');
    const open = await this.openAmount(tx, reference);
    const left = payment.captured_amount - payment.refunded_amount - open;
    if (r.amount > left) throw new AppError('REFUND_EXCEEDS_CAPTURED', { details: { requested: r.amount, refundable: Math.max(0, left) } });
    const row = await tx
      .insertInto('refunds')
      .values({
        reference,
        payment_id: payment.id,
        attempt_id: attempt.id,
        amount: r.amount,
        status: 'requested',
        idempotency_key: `${attempt.idempotency_key}:refund:${randomUUID()}`,
        provider_refund_id: null,
        reason: r.reason,
        requested_by: r.by,
        meta: JSON.stringify(r.meta ?? {}),
        failure_reason: null,
        settled_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await emitEvent(tx, 'payment-refund-requested', reference, { orderNo: reference, refundId: String(row.id), amount: r.amount, reason: r.reason, by: r.by });
    return view(row);
  }

  /** What refunds asked for and not settled yet will take back. */
  async openAmount(db: DbOrTx, reference: string): Promise<number> {
    const r = await db.selectFrom('refunds').select(sql<string>`coalesce(sum(amount), 0)`.as('n')).where('reference', '=', reference).where('status', 'in', ['requested', 'pending']).executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async list(db: DbOrTx, reference: string): Promise<RefundView[]> {
    return (await db.selectFrom('refunds').selectAll().where('reference', '=', reference).orderBy('id').execute()).map(view);
  }

  async get(db: DbOrTx, refundId: number): Promise<RefundView | undefined> {
    const r = await db.selectFrom('refunds').selectAll().where('id', '=', refundId).executeTakeFirst();
    return r && view(r);
  }

  /**
   * One step of a refund, outside any transaction: asks the PSP to refund
   * (the same key every time: a retry never refunds twice), or — once the
   * PSP took it and said `pending` — asks how it went. `pendingWaits`: how
   * often it found it pending already (its backoff).
   */
  async execute(db: Db, refundId: number, log: Logger, pendingWaits = 0): Promise<RefundStep> {
    const r = await db.selectFrom('refunds').selectAll().where('id', '=', refundId).executeTakeFirst();
    if (!r) throw new Error(`refund ${refundId} not found`);
    if (r.status === 'succeeded' || r.status === 'failed') return { kind: 'done', status: r.status, refund: view(r) };
    const attempt = (await repo.attemptsOf(db, r.payment_id)).find((a) => a.id === r.attempt_id);
    if (!attempt?.provider_payment_id) throw new Error(`refund ${refundId}: its attempt has no PSP payment`);
    const provider = this.deps.provider(attempt.provider);
    const p =
      r.status === 'pending'
        ? await provider.get({ providerPaymentId: attempt.provider_payment_id })
        : await provider.refund({ providerPaymentId: attempt.provider_payment_id, amount: r.amount, idempotencyKey: r.idempotency_key });
    if (!p) throw new Error(`refund ${refundId}: the PSP no longer knows payment ${attempt.provider_payment_id}`);
    const theirs = findRefund(p.refunds ?? [], r);
    if (!theirs) throw new Error(`refund ${refundId}: the PSP's answer does not show it`);
    if (theirs.status === 'pending') {
      await db.updateTable('refunds').set({ status: 'pending', provider_refund_id: theirs.refundId, updated_at: sql`now()` }).where('id', '=', r.id).where('status', 'in', ['requested', 'pending']).execute();
      log.info({ refundId, providerRefundId: theirs.refundId }, 'refund pending at the PSP; looking again later');
      return { kind: 'retry_at', at: new Date(Date.now() + pendingWaitMs(pendingWaits)), why: `refund ${refundId} is pending at the PSP` };
    }
    const settled = await db.transaction().execute(async (tx) => {
      await lockEventKey(tx, r.reference);
      const row = await tx
        .updateTable('refunds')
        .set({ status: theirs.status, provider_refund_id: theirs.refundId, failure_reason: theirs.failureReason ?? null, settled_at: sql`now()`, updated_at: sql`now()` })
        .where('id', '=', r.id)
        .where('status', 'in', ['requested', 'pending'])
        .returningAll()
        .executeTakeFirst();
      if (row && theirs.status === 'failed') {
        await emitEvent(tx, 'payment-refund-failed', r.reference, { orderNo: r.reference, refundId: String(r.id), amount: r.amount, reason: theirs.failureReason ?? 'failed' });
      }
      // The payment's amounts (and payment-refunded) follow the PSP's word in the same transaction:
      // a refund is never counted neither as open nor as refunded (what is left to refund stays exact).
      if (theirs.status === 'succeeded') await this.deps.apply(tx, r.reference, r.payment_id, attempt, p, { source: 'refund' });
      return row;
    });
    const final = settled ?? (await db.selectFrom('refunds').selectAll().where('id', '=', r.id).executeTakeFirstOrThrow());
    log.info({ refundId, status: theirs.status, amount: r.amount }, `refund ${theirs.status}`);
    return { kind: 'done', status: theirs.status, refund: view(final) };
  }
}

/** Ours among the PSP's refunds: by the key we sent, else by the PSP's id we kept. */
function findRefund(refunds: ProviderRefund[], r: Row): ProviderRefund | undefined {
  return refunds.find((x) => x.idempotencyKey === r.idempotency_key) ?? (r.provider_refund_id ? refunds.find((x) => x.refundId === r.provider_refund_id) : undefined);
}
