import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Payment, PaymentStatus } from './sim.types.ts';

/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Db = pg.Pool | pg.PoolClient;

interface PaymentRow {
  id: string;
  reference: string;
  idempotency_key: string;
  amount: string;
  currency: string;
  status: PaymentStatus;
  decline_code: string | null;
  authorized_amount: string;
  captured_amount: string;
  refunded_amount: string;
  created_at: Date;
}

// pg returns bigint as string; amounts stay far below 2^53, so Number is exact.
function toPayment(r: PaymentRow): Payment {
  return {
    id: r.id,
    reference: r.reference,
    idempotencyKey: r.idempotency_key,
    amount: Number(r.amount),
    currency: r.currency,
    status: r.status,
    declineCode: r.decline_code,
    authorizedAmount: Number(r.authorized_amount),
    capturedAmount: Number(r.captured_amount),
    refundedAmount: Number(r.refunded_amount),
    createdAt: r.created_at,
  };
}

const COLUMNS = `id, reference, idempotency_key, amount, currency, status, decline_code,
  authorized_amount, captured_amount, refunded_amount, created_at`;

/** Which payments a lazy settlement (or a lookup) applies to. */
export interface PaymentScope {
  id?: string;
  reference?: string;
  idempotencyKey?: string;
}

function scopeWhere(scope: PaymentScope, firstParam: number): { sql: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  const add = (column: string, value: string | undefined): void => {
    if (value === undefined) return;
    params.push(value);
    parts.push(`${column} = $${firstParam + params.length - 1}`);
  };
  add('id', scope.id);
  add('reference', scope.reference);
  add('idempotency_key', scope.idempotencyKey);
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

/**
 * Lazy settlement: `processing` payments whose settle time has passed become
 * `authorized`. Run before every read and state change instead of a timer, so
 * settlement needs no running process and survives a kill -9.
 */
export async function settleDue(db: Db, scope: PaymentScope): Promise<void> {
  const where = scopeWhere(scope, 1);
  await db.query(
    `update psp_sim.payments
        set status = 'authorized', authorized_amount = amount, settle_at = null, updated_at = clock_timestamp()
      where status = 'processing' and settle_at <= clock_timestamp() and ${where.sql}`,
    where.params,
  );
}

/** Fields of a payment being recorded by `POST /v1/payments`. */
export interface NewPayment {
  reference: string;
  idempotencyKey: string;
  amount: number;
  currency: string;
  token: string;
  status: PaymentStatus;
  declineCode: string | null;
  /** Only for `processing`: milliseconds until it settles to authorized. */
  settleAfterMs: number | null;
}

/** A new random payment id such as `pay_3f9c…`. */
export function newPaymentId(): string {
  return `pay_${randomBytes(12).toString('hex')}`;
}

/** Records a new payment and returns it. */
export async function insertPayment(db: Db, p: NewPayment): Promise<Payment> {
  const res = await db.query<PaymentRow>(
    `insert into psp_sim.payments
       (id, reference, idempotency_key, amount, currency, token, status, decline_code, settle_at, authorized_amount)
     values ($1, $2, $3, $4, $5, $6, $7, $8,
             case when $9::float8 is null then null else clock_timestamp() + make_interval(secs => $9::float8 / 1000) end,
             case when $7 = 'authorized' then $4::bigint else 0 end)
     returning ${COLUMNS}`,
    [newPaymentId(), p.reference, p.idempotencyKey, p.amount, p.currency, p.token, p.status, p.declineCode, p.settleAfterMs],
  );
  return toPayment(res.rows[0] as PaymentRow);
}

/** One payment by id (settled first), or undefined. `forUpdate` locks the row. */
export async function getPayment(db: Db, id: string, forUpdate = false): Promise<Payment | undefined> {
  await settleDue(db, { id });
  const res = await db.query<PaymentRow>(
    `select ${COLUMNS} from psp_sim.payments where id = $1 ${forUpdate ? 'for update' : ''}`,
    [id],
  );
  const row = res.rows[0];
  return row ? toPayment(row) : undefined;
}

/** Payments matching the scope (all when empty), settled first, oldest first. */
export async function findPayments(db: Db, scope: PaymentScope): Promise<Payment[]> {
  await settleDue(db, scope);
  const where = scopeWhere(scope, 1);
  const res = await db.query<PaymentRow>(
    `select ${COLUMNS} from psp_sim.payments where ${where.sql} order by created_at, id`,
    where.params,
  );
  return res.rows.map(toPayment);
}

async function updateOne(db: Db, sql: string, params: unknown[]): Promise<Payment | undefined> {
  const res = await db.query<PaymentRow>(`${sql} returning ${COLUMNS}`, params);
  const row = res.rows[0];
  return row ? toPayment(row) : undefined;
}

/** authorized → captured; undefined when the payment was not authorized. */
export function capturePayment(db: Db, id: string, amount: number): Promise<Payment | undefined> {
  return updateOne(
    db,
    `update psp_sim.payments set status = 'captured', captured_amount = $2, updated_at = clock_timestamp()
      where id = $1 and status = 'authorized' and $2 <= amount`,
    [id, amount],
  );
}

/** authorized | requires_action → voided; undefined otherwise. */
export function voidPayment(db: Db, id: string): Promise<Payment | undefined> {
  return updateOne(
    db,
    `update psp_sim.payments set status = 'voided', updated_at = clock_timestamp()
      where id = $1 and status in ('authorized', 'requires_action')`,
    [id],
  );
}

/**
 * Adds a refund; the status becomes `refunded` once everything captured is
 * refunded. Undefined when not captured or the refund would exceed the capture.
 */
export function refundPayment(db: Db, id: string, amount: number): Promise<Payment | undefined> {
  return updateOne(
    db,
    `update psp_sim.payments
        set refunded_amount = refunded_amount + $2,
            status = case when refunded_amount + $2 = captured_amount then 'refunded' else status end,
            updated_at = clock_timestamp()
      where id = $1 and status in ('captured', 'refunded') and refunded_amount + $2 <= captured_amount`,
    [id, amount],
  );
}

/** Finishes 3-D Secure: requires_action → authorized or declined; undefined otherwise. */
export function completeAuthentication(db: Db, id: string, success: boolean): Promise<Payment | undefined> {
  return updateOne(
    db,
    `update psp_sim.payments
        set status = case when $2 then 'authorized' else 'declined' end,
            authorized_amount = case when $2 then amount else authorized_amount end,
            decline_code = case when $2 then null else 'authentication_failed' end,
            updated_at = clock_timestamp()
      where id = $1 and status = 'requires_action'`,
    [id, success],
  );
}

/** Runs `fn` in a transaction on a client of its own. */
export async function withTransaction<T>(pool: pg.Pool, fn: (tx: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // A client whose rollback failed is in an unknown state: destroy it rather than reuse it.
  let broken = false;
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
