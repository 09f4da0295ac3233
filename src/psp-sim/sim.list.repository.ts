import type { Db } from './sim.db.ts';
import { settleDue } from './sim.repository.ts';
import { COLUMNS, toPayment, type PaymentRow } from './sim.rows.ts';
import type { Payment, SimProvider } from './sim.types.ts';

/** One page of a provider's payments created in a window, in creation order, after a cursor. */
export interface ListQuery {
  provider: SimProvider;
  /** Inclusive. */
  createdFrom?: Date;
  /** Exclusive. */
  createdTo?: Date;
  /** Oldest first (the native API) or newest first (Stripe). */
  order: 'asc' | 'desc';
  limit: number;
  /** The id of the last payment of the previous page: the page starts after it in `order`. */
  after?: string;
}

export interface ListPage {
  payments: Payment[];
  hasMore: boolean;
}

/**
 * One page of payments in (created_at, id) order. The cursor is a payment id,
 * compared by its own (created_at, id): exact to the microsecond, so payments
 * created in the same millisecond are neither skipped nor repeated. Undefined
 * when `after` names no payment of this provider.
 */
export async function listPayments(db: Db, q: ListQuery): Promise<ListPage | undefined> {
  await settleDue(db, { provider: q.provider });
  const cmp = q.order === 'asc' ? '>' : '<';
  const dir = q.order === 'asc' ? 'asc' : 'desc';
  if (q.after !== undefined) {
    const known = await db.query('select 1 from psp_sim.payments where id = $1 and provider = $2', [q.after, q.provider]);
    if (known.rowCount === 0) return undefined;
  }
  const res = await db.query<PaymentRow>(
    `select ${COLUMNS} from psp_sim.payments
      where provider = $1
        and ($2::timestamptz is null or created_at >= $2)
        and ($3::timestamptz is null or created_at < $3)
        and ($4::text is null or (created_at, id) ${cmp} (select created_at, id from psp_sim.payments where id = $4))
      order by created_at ${dir}, id ${dir}
      limit $5`,
    [q.provider, q.createdFrom ?? null, q.createdTo ?? null, q.after ?? null, q.limit + 1],
  );
  const rows = res.rows.map(toPayment);
  return { payments: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}
