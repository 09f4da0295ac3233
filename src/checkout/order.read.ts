import type { Payments } from '../payments/index.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { orderByNo } from './order.repository.ts';
import { customerView, type OrderView } from './order.view.ts';

/** A customer's own order as they see it; undefined for an order that is not theirs (its existence is not their business). */
export async function orderForCustomer(db: DbOrTx, payments: Payments, orderNo: string, customerId: string): Promise<OrderView | undefined> {
  const order = await orderByNo(db, orderNo);
  if (!order || order.customer_id !== customerId) return undefined;
  return await customerView(db, payments, order);
}

/** Whether `orderNo` is `customerId`'s order. */
export async function orderBelongsTo(db: DbOrTx, orderNo: string, customerId: string): Promise<boolean> {
  const order = await orderByNo(db, orderNo);
  return order !== undefined && order.customer_id === customerId;
}
