import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { PAYMENT_JSON_SQL, recordEvent } from './sim.events.ts';
import type { Payment, PaymentMethod, PaymentStatus, SimProvider } from './sim.types.ts';

/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Db = pg.Pool | pg.PoolClient;

/** A payments row as `COLUMNS` selects it. */
export interface PaymentRow {
  id: string;
  provider: SimProvider;
  reference: string;
  idempotency_key: string;
  amount: string;
  currency: string;
  method: PaymentMethod;
  status: PaymentStatus;
  decline_code: string | null;
  authorized_amount: string;
  captured_amount: string;
  refunded_amount: string;
  created_at: Date;
  meta: Record<string, unknown>;
}

// pg returns bigint as string; amounts stay far below 2^53, so Number is exact.
/** A row selected with `COLUMNS` as a Payment. */
export function toPayment(r: PaymentRow): Payment {
  return {
    id: r.id,
    provider: r.provider,
    reference: r.reference,
    idempotencyKey: r.idempotency_key,
    amount: Number(r.amount),
    currency: r.currency,
    method: r.method,
    status: r.status,
    declineCode: r.decline_code,
    authorizedAmount: Number(r.authorized_amount),
    capturedAmount: Number(r.captured_amount),
    refundedAmount: Number(r.refunded_amount),
    createdAt: r.created_at,
    meta: r.meta,
  };
}

/** The columns every payment read selects (and every change returns). */
export const COLUMNS = `id, provider, reference, idempotency_key, amount, currency, method, status, decline_code,
  authorized_amount, captured_amount, refunded_amount, created_at, meta`;

/** Which payments a lazy settlement (or a lookup) applies to. */
export interface PaymentScope {
  id?: string;
  reference?: string;
  idempotencyKey?: string;
  provider?: SimProvider;
  /** Payments whose `meta` contains these key/value pairs (jsonb containment). */
  metaEquals?: Record<string, string>;
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
  add('provider', scope.provider);
  if (scope.metaEquals !== undefined) {
    params.push(JSON.stringify(scope.metaEquals));
    parts.push(`meta @> $${firstParam + params.length - 1}::jsonb`);
  }
  return { sql: parts.length ? parts.join(' and ') : 'true', params };
}

/**
 * Lazy settlement: `processing` payments whose settle time has passed become
 * `authorized`. Run before every read and state change (and by a 1 s ticker, so
 * the webhook goes out even when nobody reads), so settlement survives a kill -9.
 * One statement settles and writes the events: atomic even outside a
 * transaction, and a concurrent settler re-checks the row after its lock and
 * skips it, so each settlement has exactly one event. Returns how many settled.
 */
export async function settleDue(db: Db, scope: PaymentScope): Promise<number> {
  const where = scopeWhere(scope, 1);
  const res = await db.query(
    `with settled as (
       update psp_sim.payments
          set status = 'authorized', authorized_amount = amount, settle_at = null, updated_at = clock_timestamp()
        where status = 'processing' and settle_at <= clock_timestamp() and ${where.sql}
        returning ${COLUMNS})
     insert into psp_sim.webhook_events (payment_id, reference, type, payload, provider)
     select id, reference, 'payment.' || status, jsonb_build_object('payment', ${PAYMENT_JSON_SQL}, 'meta', meta), provider
       from settled`,
    where.params,
  );
  return res.rowCount ?? 0;
}

/** Fields of a payment being recorded by `POST /v1/payments`. */
export interface NewPayment {
  reference: string;
  idempotencyKey: string;
  amount: number;
  currency: string;
  method: PaymentMethod;
  /** The card token; `paypay` for a PayPay payment (the column is not null). */
  token: string;
  status: PaymentStatus;
  declineCode: string | null;
  /** Only for `processing`: milliseconds until it settles to authorized. */
  settleAfterMs: number | null;
  /** Which simulated PSP takes it; default `psp-sim`. */
  provider?: SimProvider;
  /** The payment id; default `pay_<hex>` (Stripe-compatible payments use `pi_<hex>`). */
  id?: string;
  /** Provider-specific fields; default `{}`. */
  meta?: Record<string, unknown>;
}

/** A new random payment id such as `pay_3f9c…`. */
export function newPaymentId(): string {
  return `pay_${randomBytes(12).toString('hex')}`;
}

/** Records a new payment and its creation event; `baseUrl` builds the event's buyer link. */
export async function insertPayment(db: Db, p: NewPayment, baseUrl: string): Promise<Payment> {
  const res = await db.query<PaymentRow>(
    `insert into psp_sim.payments
       (id, reference, idempotency_key, amount, currency, token, status, decline_code, settle_at, authorized_amount, method,
        provider, meta)
     values ($1, $2, $3, $4, $5, $6, $7, $8,
             case when $9::float8 is null then null else clock_timestamp() + make_interval(secs => $9::float8 / 1000) end,
             case when $7 = 'authorized' then $4::bigint else 0 end, $10, $11, $12::jsonb)
     returning ${COLUMNS}`,
    [
      p.id ?? newPaymentId(),
      p.reference,
      p.idempotencyKey,
      p.amount,
      p.currency,
      p.token,
      p.status,
      p.declineCode,
      p.settleAfterMs,
      p.method,
      p.provider ?? 'psp-sim',
      JSON.stringify(p.meta ?? {}),
    ],
  );
  const payment = toPayment(res.rows[0] as PaymentRow);
  await recordEvent(db, payment, baseUrl);
  return payment;
}

/**
 * One payment by id (settled first), or undefined. `forUpdate` locks the row.
 * With `provider`, another provider's payment is not found (each API sees its own).
 */
export async function getPayment(db: Db, id: string, forUpdate = false, provider?: SimProvider): Promise<Payment | undefined> {
  await settleDue(db, { id });
  const res = await db.query<PaymentRow>(
    `select ${COLUMNS} from psp_sim.payments where id = $1 and ($2::text is null or provider = $2) ${forUpdate ? 'for update' : ''}`,
    [id, provider ?? null],
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

/** Merges `patch` into a payment's `meta` (provider-specific bookkeeping, no status change, no event). */
export async function setMeta(db: Db, id: string, patch: Record<string, unknown>): Promise<void> {
  await db.query(`update psp_sim.payments set meta = meta || $2::jsonb, updated_at = clock_timestamp() where id = $1`, [
    id,
    JSON.stringify(patch),
  ]);
}

/**
 * Runs a one-row update and records the event when `changed` says the status
 * moved. The buyer link is never needed: no update leads to `requires_action`.
 */
async function updateOne(
  db: Db,
  sql: string,
  params: unknown[],
  changed: (p: Payment) => boolean = () => true,
): Promise<Payment | undefined> {
  const res = await db.query<PaymentRow>(`${sql} returning ${COLUMNS}`, params);
  const row = res.rows[0];
  if (!row) return undefined;
  const payment = toPayment(row);
  if (changed(payment)) await recordEvent(db, payment, '');
  return payment;
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
    // A partial refund leaves the payment captured: no status change, no event. A
    // refund that succeeds cannot start from `refunded` (nothing is left to refund).
    (p) => p.status === 'refunded',
  );
}

const PREAUTH = `coalesce((meta->>'preauth')::boolean, false)`;

/**
 * Finishes the buyer's step of a `requires_action` payment; undefined in any
 * other status. Card (3-D Secure): authorized, or declined
 * `authentication_failed`. PayPay takes the money at once: captured in full, or
 * declined `user_cancelled` — unless it was created as a preauthorization
 * (`meta.preauth`, PayPay's `isAuthorization`): then it is only authorized.
 */
export function completeAuthentication(db: Db, id: string, success: boolean): Promise<Payment | undefined> {
  return updateOne(
    db,
    `update psp_sim.payments
        set status = case when not $2 then 'declined' when method = 'paypay' and not ${PREAUTH} then 'captured'
                          else 'authorized' end,
            authorized_amount = case when $2 then amount else authorized_amount end,
            captured_amount = case when $2 and method = 'paypay' and not ${PREAUTH} then amount else captured_amount end,
            decline_code = case when $2 then null when method = 'paypay' then 'user_cancelled'
                                else 'authentication_failed' end,
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
