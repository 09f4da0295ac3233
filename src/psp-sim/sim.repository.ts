import { randomBytes } from 'node:crypto';
import type { Db } from './sim.db.ts';
import { PAYMENT_JSON_SQL, recordEvent } from './sim.events.ts';
import { settleRefundsDue } from './sim.refunds.repository.ts';
import { COLUMNS, toPayment, type PaymentRow } from './sim.rows.ts';
import type { Payment, PaymentMethod, PaymentStatus, SimProvider } from './sim.types.ts';

export type { Db } from './sim.db.ts';
export { withTransaction } from './sim.db.ts';

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
 * `authorized`, and pending refunds whose time has come succeed or fail
 * (sim.refunds.repository.ts). Run before every read and state change (and by
 * a 1 s ticker, so the webhook goes out even when nobody reads), so settlement
 * survives a kill -9. One statement settles payments and writes their events:
 * atomic even outside a transaction, and a concurrent settler re-checks the row
 * after its lock and skips it, so each settlement has exactly one event.
 * Returns how many payments and refunds settled.
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
  return (res.rowCount ?? 0) + (await settleRefundsDue(db, where));
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
  // Lock first, read after: a read that waited for the lock would see the row as the locker left it but its
  // refunds as they were before the wait (one statement, one snapshot), and count a settled refund twice.
  if (forUpdate) await db.query('select 1 from psp_sim.payments where id = $1 for update', [id]);
  const res = await db.query<PaymentRow>(
    `select ${COLUMNS} from psp_sim.payments where id = $1 and ($2::text is null or provider = $2)`,
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
