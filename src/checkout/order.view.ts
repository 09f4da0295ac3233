import type { DbOrTx } from '../platform/db/database.ts';
import { ERRORS, errorBody, type ErrorCode } from '../platform/errors.ts';
import type { Payments } from '../payments/index.ts';
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
    payment: { status: payment?.status ?? 'PENDING', method: order.payment_method },
    ...(order.failure_reason ? { failure: { reason: order.failure_reason } } : {}),
    createdAt: order.created_at.toISOString(),
  };
}

const FAILURE_STATUS: Record<string, ErrorCode> = {
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  PAYMENT_UNAVAILABLE: 'PAYMENT_UNAVAILABLE',
  CHECKOUT_TIMEOUT: 'CHECKOUT_TIMEOUT',
};

/** The HTTP answer to `POST /api/v1/orders` for an order in its current state. */
export async function purchaseResponse(db: DbOrTx, payments: Payments, order: OrderRow, acceptLanguage: string | undefined): Promise<StoredResponse> {
  if (order.status === 'FAILED') {
    const code = FAILURE_STATUS[order.failure_reason ?? ''] ?? 'CHECKOUT_TIMEOUT';
    return { status: ERRORS[code].status, body: errorBody(code, acceptLanguage, { orderNo: order.order_no }) };
  }
  const view = await customerView(db, payments, order);
  return { status: order.status === 'PAID' ? 201 : 202, body: view };
}
