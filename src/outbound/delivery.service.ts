import type { Db, DbOrTx } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { enqueueTask } from '../platform/jobs/task.repository.ts';
import { encodeCursor } from '../platform/paging.ts';
import * as repo from './delivery.repository.ts';
import { DELIVER_TASK, DELIVERY_PRIORITY } from './outbound.deps.ts';
import type { DeliveryStatus } from './outbound.table.ts';
import { attemptView, deliveryView, type DeliveryDetail, type DeliveryView } from './outbound.view.ts';
import { subscriptionById } from './subscription.repository.ts';

export interface DeliveryFilter {
  status?: DeliveryStatus;
  limit: number;
  /** The previous page's `nextCursor`. */
  cursor?: string;
}

/** A page of a subscription's deliveries, newest first; SUBSCRIPTION_NOT_FOUND. */
export async function listDeliveries(db: DbOrTx, subscriptionId: string, f: DeliveryFilter): Promise<{ deliveries: DeliveryView[]; nextCursor: string | null }> {
  if (!(await subscriptionById(db, subscriptionId))) throw new AppError('SUBSCRIPTION_NOT_FOUND');
  const rows = await repo.deliveriesOf(db, subscriptionId, f);
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return { deliveries: page.map(deliveryView), nextCursor: rows.length > f.limit && last ? encodeCursor(last.created_exact, last.id) : null };
}

/** One delivery with every attempt of every series, oldest first; DELIVERY_NOT_FOUND. */
export async function getDelivery(db: DbOrTx, deliveryId: string): Promise<DeliveryDetail> {
  const r = await repo.deliveryById(db, deliveryId);
  if (!r) throw new AppError('DELIVERY_NOT_FOUND');
  return { ...deliveryView(r), attempts: (await repo.attemptsOf(db, deliveryId)).map(attemptView) };
}

/**
 * Sends the event again, as a new series with a fresh attempt budget (its
 * attempts so far stay in the log). Works whatever the delivery's status: a
 * task of an older series still queued sees the new series and stops.
 * DELIVERY_NOT_FOUND; SUBSCRIPTION_DISABLED (enable it first).
 */
export async function redeliver(db: Db, deliveryId: string, by: string): Promise<DeliveryDetail> {
  const current = await repo.deliveryById(db, deliveryId);
  if (!current) throw new AppError('DELIVERY_NOT_FOUND');
  const sub = await subscriptionById(db, current.subscription_id);
  if (sub?.status !== 'active') throw new AppError('SUBSCRIPTION_DISABLED');
  await db.transaction().execute(async (tx) => {
    const series = await repo.startSeries(tx, deliveryId, by);
    if (series === undefined) throw new AppError('DELIVERY_NOT_FOUND');
    await enqueueTask(tx, { name: DELIVER_TASK, payload: { deliveryId, series }, priority: DELIVERY_PRIORITY });
  });
  return await getDelivery(db, deliveryId);
}
