import type { SimContext } from './sim.context.ts';
import type { Answer } from './sim.idempotency.ts';
import { listPayments } from './sim.list.repository.ts';
import type { FindQuery } from './sim.schemas.ts';
import { errorBody, toPaymentJson } from './sim.types.ts';

/**
 * The native API's list (`GET /v1/payments?createdFrom=…`), what
 * reconciliation pages through: payments created in [createdFrom, createdTo),
 * oldest first, `limit` at a time, answered as `{ payments, nextCursor }` —
 * `nextCursor` is null on the last page, else passed back as `cursor`.
 */

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 100;

/** A query naming a window (or continuing one) is a listing; anything else is a lookup. */
export function isListQuery(q: FindQuery | undefined): boolean {
  return q?.createdFrom !== undefined || q?.createdTo !== undefined || q?.cursor !== undefined || q?.limit !== undefined;
}

const invalid = (message: string): Answer => ({ status: 400, body: errorBody('invalid_request', { message }) });

function time(value: string | undefined): Date | null | undefined {
  if (value === undefined) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? null : at;
}

/** One page of the listing, or a 400 for a query that is not one. */
export async function listPage(ctx: SimContext, q: FindQuery): Promise<Answer> {
  if (q.reference !== undefined || q.idempotencyKey !== undefined) return invalid('a listing (createdFrom, createdTo, limit, cursor) takes no reference or idempotencyKey');
  const createdFrom = time(q.createdFrom);
  const createdTo = time(q.createdTo);
  if (createdFrom === undefined) return invalid('createdFrom is required to list payments');
  if (createdFrom === null || createdTo === null) return invalid('createdFrom and createdTo must be ISO 8601 times');
  const limit = q.limit === undefined ? DEFAULT_LIMIT : Number(q.limit);
  if (!(limit >= 1 && limit <= MAX_LIMIT)) return invalid(`limit must be between 1 and ${MAX_LIMIT}`);
  const page = await listPayments(ctx.pool, {
    provider: 'psp-sim',
    createdFrom,
    ...(createdTo ? { createdTo } : {}),
    order: 'asc',
    limit,
    ...(q.cursor !== undefined ? { after: q.cursor } : {}),
  });
  if (!page) return invalid('cursor is not one this API gave');
  const last = page.payments.at(-1);
  return {
    status: 200,
    body: { payments: page.payments.map((p) => toPaymentJson(p, ctx.baseUrl)), nextCursor: page.hasMore && last ? last.id : null },
  };
}
