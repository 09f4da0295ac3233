import type { DbOrTx } from '../platform/db/database.ts';
import { ERRORS, errorBody, type ErrorCode } from '../platform/errors.ts';
import type { Payments } from '../payments/index.ts';
import { signChannelToken } from './channel-token.ts';
import { itemsOf, type OrderRow } from './order.repository.ts';
import type { StoredResponse } from './idempotency.repository.ts';

const money = (amount: number, currency: string) => ({ amount, currency });

/** The order as its customer sees it (`GET /api/v1/orders/:orderNo`, the 201 body). */
export async function customerView(db: DbOrTx, payments: Payments, order: OrderRow) {
  const items = await itemsOf(db, order.id);
  const payment = await payments.summary(db, order.order_no);
  return {
    orderNo: order.order_no,
    status: order.status,
    total: money(order.total_amount, order.currency),
    items: items.map((i) => ({
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      unitPrice: money(i.unit_price, order.currency),
      lineTotal: money(i.unit_price * i.quantity, order.currency),
    })),
    payment: {
      status: payment?.status ?? 'PENDING',
      method: order.payment_method,
      // Only while the buyer can still act on it.
      ...(order.status === 'WAITING_PAYMENT' && payment?.nextAction ? { nextAction: payment.nextAction } : {}),
      ...(order.payment_expires_at ? { expiresAt: order.payment_expires_at.toISOString() } : {}),
    },
    ...(order.failure_reason ? { failure: { reason: order.failure_reason } } : {}),
    createdAt: order.created_at.toISOString(),
  };
}

const FAILURE_STATUS: Record<string, ErrorCode> = {
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  PAYMENT_UNAVAILABLE: 'PAYMENT_UNAVAILABLE',
  CHECKOUT_TIMEOUT: 'CHECKOUT_TIMEOUT',
  PAYMENT_EXPIRED: 'PAYMENT_EXPIRED',
};

/**
 * The HTTP answer to `POST /api/v1/orders` for an order in its current state.
 * An undecided order (202) carries a channel token for its live updates.
 */
export async function purchaseResponse(
  db: DbOrTx,
  payments: Payments,
  order: OrderRow,
  acceptLanguage: string | undefined,
  jwtSecret?: string,
): Promise<StoredResponse> {
  if (order.status === 'FAILED') {
    const code = FAILURE_STATUS[order.failure_reason ?? ''] ?? 'CHECKOUT_TIMEOUT';
    return { status: ERRORS[code].status, body: errorBody(code, acceptLanguage, { orderNo: order.order_no }) };
  }
  const view = await customerView(db, payments, order);
  if (order.status === 'PAID' || !jwtSecret) return { status: order.status === 'PAID' ? 201 : 202, body: view };
  return { status: 202, body: { ...view, channelToken: await signChannelToken(jwtSecret, order.order_no) } };
}
