import type { DbOrTx } from '../platform/db/database.ts';
import { money, type Money } from '../platform/money.ts';
import type { ErrorCode } from '../platform/errors.ts';
import type { Payments } from '../payments/index.ts';
import { signChannelToken } from './channel-token.ts';
import { itemsOf, type OrderRow } from './order.repository.ts';
import type { PurchaseOutcome } from './purchase-outcome.ts';


/** The order as its customer sees it (`GET /api/v1/orders/:orderNo`, the 201 body, live updates). */
export interface OrderView {
  orderNo: string;
  status: OrderRow['status'];
  total: Money;
  items: { sku: string; name: string; quantity: number; unitPrice: Money; lineTotal: Money }[];
  payment: { status: string; method: string; nextAction?: { type: 'redirect'; url: string }; expiresAt?: string };
  failure?: { reason: string };
  createdAt: string;
}

export async function customerView(db: DbOrTx, payments: Payments, order: OrderRow): Promise<OrderView> {
  const items = await itemsOf(db, order.id);
  const payment = await payments.summary(db, order.order_no);
  return {
    orderNo: order.order_no,
    status: order.status,
    total: money(order.total_amount),
    items: items.map((i) => ({
      sku: i.sku,
      name: i.name,
      quantity: i.quantity,
      unitPrice: money(i.unit_price),
      lineTotal: money(i.unit_price * i.quantity),
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

/** A failed order's reason is the buyer's error code. */
const FAILURE_CODE: Record<string, ErrorCode> = {
  PAYMENT_DECLINED: 'PAYMENT_DECLINED',
  PAYMENT_UNAVAILABLE: 'PAYMENT_UNAVAILABLE',
  CHECKOUT_TIMEOUT: 'CHECKOUT_TIMEOUT',
  PAYMENT_EXPIRED: 'PAYMENT_EXPIRED',
};

/**
 * The outcome of `POST /api/v1/orders` for an order in its current state. An
 * order still waiting carries a channel token for its live updates.
 */
export async function purchaseOutcome(db: DbOrTx, payments: Payments, order: OrderRow, jwtSecret?: string): Promise<PurchaseOutcome> {
  if (order.status === 'FAILED') return { kind: 'refused', code: FAILURE_CODE[order.failure_reason ?? ''] ?? 'CHECKOUT_TIMEOUT', orderNo: order.order_no };
  const view = await customerView(db, payments, order);
  if (order.status === 'PAID' || !jwtSecret) return { kind: 'order', order: view };
  return { kind: 'order', order: view, channelToken: await signChannelToken(jwtSecret, order.order_no) };
}
