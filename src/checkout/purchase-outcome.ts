import type { ErrorCode } from '../platform/errors.ts';
import type { OrderView } from './order.view.ts';

/**
 * What `POST /api/v1/orders` came to, as data: the API maps it onto a status,
 * headers and a body (api/outcomes.ts), the idempotency record keeps it for
 * replays. Nothing here is HTTP.
 */
export type PurchaseOutcome =
  /** An order the buyer can follow: `PAID`, or still waiting (for the buyer, or undecided). */
  | { kind: 'order'; order: OrderView; channelToken?: string }
  /** No order for the buyer to follow: refused up front, or the order failed. */
  | { kind: 'refused'; code: ErrorCode; orderNo?: string; details?: unknown; retryAfterSeconds?: number }
  /** A response stored as HTTP by a release before outcomes were kept; replayed as it was. */
  | { kind: 'stored_response'; status: number; body: unknown };
