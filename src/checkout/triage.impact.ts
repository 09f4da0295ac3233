import { sql } from 'kysely';
import type { Db } from '../platform/db/database.ts';
import type { OrdersFigures, PurchaseRate } from '../triage/index.ts';

/**
 * What a failure cost, read from the orders themselves (issue 12's triage
 * impact): the log lines say which orders a category touched; the database
 * says what they were worth, whose they were, and what their buyers did next.
 * The shapes are triage's (a pure module: it is given these figures).
 */

/** Established: paid (a cancelled order was paid first, then refunded by a person). */
const ESTABLISHED = ['PAID', 'CANCELLED'] as const;

/** How long after a failed order another one by the same customer counts as a retry. */
export const RETRY_WINDOW_MS = 15 * 60_000;

/** The impact of the orders `orderNos` (at most a few thousand: the caller caps them). */
export async function ordersImpact(db: Db, orderNos: readonly string[]): Promise<OrdersFigures> {
  if (orderNos.length === 0) return { orders: 0, gmvAtRisk: 0, customers: 0, retried: { customers: 0, laterPaid: 0 } };
  const nos = [...new Set(orderNos)];
  const { rows } = await sql<{ orders: string; gmv: string | null; customers: string; retried: string; later_paid: string }>`
    with affected as (select id, customer_id, status, total_amount, created_at from orders where order_no = any(${nos}::text[])),
    retries as (
      select f.customer_id, bool_or(n.status = any(${[...ESTABLISHED]}::text[])) as paid
        from affected f
        join orders n on n.customer_id = f.customer_id and n.id <> f.id
             and n.created_at > f.created_at and n.created_at <= f.created_at + make_interval(secs => ${RETRY_WINDOW_MS / 1000})
       where f.status = 'FAILED'
       group by f.customer_id
    )
    select (select count(*) from affected) as orders,
           (select sum(total_amount) from affected) as gmv,
           (select count(distinct customer_id) from affected) as customers,
           (select count(*) from retries) as retried,
           (select count(*) from retries where paid) as later_paid`.execute(db);
  const r = rows[0]!;
  return {
    orders: Number(r.orders),
    gmvAtRisk: Number(r.gmv ?? 0),
    customers: Number(r.customers),
    retried: { customers: Number(r.retried), laterPaid: Number(r.later_paid) },
  };
}

/** How the orders placed in [from, to) ended. */
export async function purchaseRate(db: Db, from: Date, to: Date): Promise<PurchaseRate> {
  const { rows } = await sql<{ placed: string; established: string; failed: string }>`
    select count(*) as placed,
           count(*) filter (where status = any(${[...ESTABLISHED]}::text[])) as established,
           count(*) filter (where status = 'FAILED') as failed
      from orders where created_at >= ${from} and created_at < ${to}`.execute(db);
  const r = rows[0]!;
  const placed = Number(r.placed);
  const established = Number(r.established);
  const failed = Number(r.failed);
  const decided = established + failed;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    placed,
    established,
    failed,
    undecided: placed - decided,
    successRate: decided === 0 ? null : established / decided,
  };
}
