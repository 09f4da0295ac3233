import { errorOf, newIdempotencyKey, retryAfterSeconds, type ApiError } from '../shared/client.ts';
import { api, type OrderView, type PlaceOrderBody } from './api.ts';

/** What one press of "place order" came to. */
export type PurchaseResult =
  | { kind: 'paid'; order: OrderView }
  | { kind: 'waiting'; order: OrderView; channelToken: string | undefined }
  | { kind: 'refused'; status: number; error: ApiError; retryAfter: number | undefined };

/**
 * One purchase attempt and its Idempotency-Key. The key belongs to a body: pressing again with the same
 * body (a retry after a lost answer, a 409 IDEMPOTENCY_IN_PROGRESS, a 429, a 503 CHECKOUT_BUSY) sends the
 * same key, so the server does the work at most once and replays its answer. Once the server has
 * recorded an outcome with an order (201, 202, 402, and 503 PAYMENT_UNAVAILABLE / CHECKOUT_TIMEOUT, whose
 * order is FAILED and charged nothing), that key can only replay the same answer: the next press is a
 * new attempt with a new key.
 */
export class PurchaseAttempt {
  private key: string | undefined;
  private body: string | undefined;

  /** The key the next send uses (for the page to show and tests to read). */
  keyFor(body: PlaceOrderBody): string {
    const json = JSON.stringify(body);
    if (!this.key || this.body !== json) {
      this.key = newIdempotencyKey();
      this.body = json;
    }
    return this.key;
  }

  async send(body: PlaceOrderBody): Promise<PurchaseResult> {
    const key = this.keyFor(body);
    let result: PurchaseResult;
    try {
      const { data, error, response } = await api.POST('/api/v1/orders', { params: { header: { 'idempotency-key': key } }, body });
      if (response.status === 201 && data) result = { kind: 'paid', order: data as OrderView };
      else if (response.status === 202 && data) {
        const { channelToken, ...order } = data as OrderView & { channelToken?: string };
        result = { kind: 'waiting', order, channelToken };
      } else result = { kind: 'refused', status: response.status, error: errorOf(error, response.status), retryAfter: retryAfterSeconds(response) };
    } catch (e) {
      // No answer (a dropped connection): the server may have done it. Keep the key: a retry replays.
      result = { kind: 'refused', status: 0, error: errorOf(e), retryAfter: undefined };
    }
    if (result.kind !== 'refused' || result.error.orderNo || result.status === 409 && result.error.code === 'OUT_OF_STOCK') this.key = undefined;
    return result;
  }
}

/** Whether pressing again with the same body may help (after Retry-After when given). */
export function retryable(r: Extract<PurchaseResult, { kind: 'refused' }>): boolean {
  return r.status === 0 || r.error.retryable;
}
