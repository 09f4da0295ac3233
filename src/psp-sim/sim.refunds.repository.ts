import { randomBytes } from 'node:crypto';
import { inTransaction, type Db } from './sim.db.ts';
import { recordEvent, recordRefundEvent } from './sim.events.ts';
import { COLUMNS, REFUND_JSON_SQL, toPayment, toRefund, type PaymentRow, type RefundRowJson } from './sim.rows.ts';
import { refundable, type Payment, type Refund } from './sim.types.ts';

/**
 * Refunds as records of their own: each with its amount, status (pending →
 * succeeded | failed), idempotency key and failure reason. Every API's refund
 * endpoint records through {@link createRefund}; a payment's `refunded_amount`
 * (what the ledger shows) counts only succeeded refunds.
 */

/** How a refund is to settle later (the `settle` option of a refund fault rule): pending until then. */
export interface RefundSettle {
  afterMs: number;
  outcome: 'succeeded' | 'failed';
  /** For `failed`; default `declined`. */
  failureReason?: string;
}

/** Fields of a refund being recorded. */
export interface NewRefund {
  amount: number;
  /** The request's idempotency key (PayPay: the merchantRefundId), or null. */
  idempotencyKey: string | null;
  /** Default `ref_<hex>` (the Stripe-compatible API uses `re_<hex>`). */
  id?: string;
  meta?: Record<string, unknown>;
  /** Absent: the refund succeeds at once. */
  settle?: RefundSettle;
}

const newRefundId = (): string => `ref_${randomBytes(12).toString('hex')}`;

async function paymentById(db: Db, id: string): Promise<Payment> {
  const res = await db.query<PaymentRow>(`select ${COLUMNS} from psp_sim.payments where id = $1`, [id]);
  return toPayment(res.rows[0] as PaymentRow);
}

/**
 * Counts `amount` of succeeded refunds on the payment: `refunded` once all that
 * was captured is refunded, with its `payment.refunded` event (a partial refund
 * changes no status, so it has none).
 */
async function addSucceeded(db: Db, paymentId: string, amount: number): Promise<Payment> {
  const res = await db.query<PaymentRow>(
    `update psp_sim.payments
        set refunded_amount = refunded_amount + $2,
            status = case when refunded_amount + $2 = captured_amount then 'refunded' else status end,
            updated_at = clock_timestamp()
      where id = $1 and status in ('captured', 'refunded') and refunded_amount + $2 <= captured_amount
      returning ${COLUMNS}`,
    [paymentId, amount],
  );
  const row = res.rows[0];
  // createRefund checked the amount under the row lock, and a pending refund keeps its share spoken for.
  if (!row) throw new Error(`psp-sim: refund of ${amount} does not fit payment ${paymentId}`);
  const payment = toPayment(row);
  if (payment.status === 'refunded') await recordEvent(db, payment, '');
  return payment;
}

/**
 * Records a refund of the captured payment `p`, which the caller has locked
 * (getPayment … forUpdate) and checked the state of. Undefined — nothing
 * recorded — when `amount` is more than is still refundable (pending refunds
 * count against it). Without `settle` the refund succeeds at once; with it, it
 * stays pending until settleRefundsDue settles it.
 */
export async function createRefund(tx: Db, p: Payment, r: NewRefund): Promise<{ payment: Payment; refund: Refund } | undefined> {
  if (r.amount <= 0 || r.amount > refundable(p)) return undefined;
  const id = r.id ?? newRefundId();
  await tx.query(
    `insert into psp_sim.refunds (id, payment_id, provider, amount, status, idempotency_key, settle_at, settle_outcome, settle_failure_reason, meta)
     values ($1, $2, $3, $4, case when $6::float8 is null then 'succeeded' else 'pending' end, $5,
             case when $6::float8 is null then null else clock_timestamp() + make_interval(secs => $6::float8 / 1000) end,
             $7, $8, $9::jsonb)`,
    [id, p.id, p.provider, r.amount, r.idempotencyKey, r.settle?.afterMs ?? null, r.settle?.outcome ?? null, r.settle?.failureReason ?? null, JSON.stringify(r.meta ?? {})],
  );
  const payment = r.settle ? await paymentById(tx, p.id) : await addSucceeded(tx, p.id, r.amount);
  return { payment, refund: payment.refunds.find((x) => x.id === id) as Refund };
}

interface SettledRow {
  payment_id: string;
  refund: RefundRowJson;
}

/**
 * Lazy settlement of refunds (see settleDue): pending refunds of the payments
 * `filter` selects (SQL over psp_sim.payments) whose time has come become
 * `succeeded` (counted on their payment) or `failed` (never counted), with
 * their events, in one transaction. `skip locked`: a refund another settler is
 * settling is left to it. Returns how many settled.
 */
export async function settleRefundsDue(db: Db, filter: { sql: string; params: unknown[] }): Promise<number> {
  const due = `r.status = 'pending' and r.settle_at <= clock_timestamp()
    and r.payment_id in (select id from psp_sim.payments where ${filter.sql})`;
  // Most reads find nothing due: only then is a transaction worth opening.
  const any = await db.query(`select 1 from psp_sim.refunds r where ${due} limit 1`, filter.params);
  if (any.rowCount === 0) return 0;
  return await inTransaction(db, async (tx) => {
    const res = await tx.query<SettledRow>(
      `with due as (select r.id from psp_sim.refunds r where ${due} order by r.id for update skip locked)
       update psp_sim.refunds r
          set status = r.settle_outcome,
              failure_reason = case when r.settle_outcome = 'failed' then coalesce(r.settle_failure_reason, 'declined') end,
              settle_at = null, updated_at = clock_timestamp()
         from due where r.id = due.id
       returning r.payment_id, ${REFUND_JSON_SQL('r')} as refund`,
      filter.params,
    );
    const byPayment = new Map<string, Refund[]>();
    for (const row of res.rows) byPayment.set(row.payment_id, [...(byPayment.get(row.payment_id) ?? []), toRefund(row.refund)]);
    for (const [paymentId, refunds] of byPayment) {
      const succeeded = refunds.filter((r) => r.status === 'succeeded').reduce((n, r) => n + r.amount, 0);
      const payment = succeeded > 0 ? await addSucceeded(tx, paymentId, succeeded) : await paymentById(tx, paymentId);
      for (const r of refunds) await recordRefundEvent(tx, payment, r);
    }
    return res.rowCount ?? 0;
  });
}

/** A refund and its payment (settled first); undefined when the refund does not exist or is another provider's. */
export async function getRefund(db: Db, id: string, provider: Payment['provider']): Promise<{ refund: Refund; payment: Payment } | undefined> {
  await settleRefundsDue(db, { sql: 'id in (select payment_id from psp_sim.refunds where id = $1)', params: [id] });
  const res = await db.query<{ payment_id: string }>('select payment_id from psp_sim.refunds where id = $1 and provider = $2', [id, provider]);
  const paymentId = res.rows[0]?.payment_id;
  if (!paymentId) return undefined;
  const payment = await paymentById(db, paymentId);
  return { payment, refund: payment.refunds.find((r) => r.id === id) as Refund };
}
