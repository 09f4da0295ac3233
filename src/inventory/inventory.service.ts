import type { DbOrTx, Tx } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import * as repo from './inventory.repository.ts';

export type { StockLevel } from './inventory.repository.ts';

export interface CartLine {
  sku: string;
  quantity: number;
}

/**
 * Holds stock for every line of a reference inside the caller's transaction.
 * The conditional UPDATEs come last so the hot stock rows stay locked only until
 * the caller commits; callers should make this their last statement too. Lines
 * are taken in SKU order so two carts never wait on each other's rows in
 * opposite orders (no deadlock). Throws OUT_OF_STOCK; the caller rolls back.
 */
export async function reserve(tx: Tx, reference: string, lines: CartLine[]): Promise<void> {
  const sorted = [...lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  await repo.insertReservations(tx, reference, sorted);
  for (const [i, line] of sorted.entries()) {
    if (!(await repo.tryReserve(tx, line.sku, line.quantity))) {
      throw new AppError('OUT_OF_STOCK', { details: { items: await shortages(tx, sorted, i) } });
    }
  }
}

/**
 * Which lines cannot be had, and how many of each can: what a shop shows the
 * buyer. Counted as if this cart held nothing (the caller rolls its holds back):
 * the lines before `failedAt` are held by it already.
 */
async function shortages(tx: Tx, lines: CartLine[], failedAt: number): Promise<{ sku: string; requested: number; available: number }[]> {
  const out: { sku: string; requested: number; available: number }[] = [];
  for (const [i, line] of lines.entries()) {
    const s = await repo.getStock(tx, line.sku);
    const available = Math.max(0, (s?.available ?? 0) + (i < failedAt ? line.quantity : 0));
    if (available < line.quantity) out.push({ sku: line.sku, requested: line.quantity, available });
  }
  return out;
}

/** HELD → COMMITTED: the goods are sold. Idempotent; returns the lines it committed. */
export async function commitReservations(db: DbOrTx, reference: string): Promise<{ sku: string; quantity: number }[]> {
  return await repo.settleReservations(db, reference, 'COMMITTED');
}

/** HELD → RELEASED: the goods go back on sale. Idempotent; returns the lines it released. */
export async function releaseReservations(db: DbOrTx, reference: string): Promise<{ sku: string; quantity: number }[]> {
  return await repo.settleReservations(db, reference, 'RELEASED');
}

/** A cancelled sale: HELD → RELEASED, COMMITTED → RETURNED (back on hand). Idempotent; returns the lines it moved. */
export async function returnReservations(db: DbOrTx, reference: string): Promise<{ sku: string; quantity: number; from: 'HELD' | 'COMMITTED' }[]> {
  return await repo.returnReservations(db, reference);
}

export async function stockLevel(db: DbOrTx, sku: string): Promise<repo.StockLevel> {
  const s = await repo.getStock(db, sku);
  if (!s) throw new AppError('PRODUCT_NOT_FOUND');
  return s;
}

export async function adjustStock(db: DbOrTx, sku: string, delta: number): Promise<repo.StockLevel> {
  const r = await repo.adjustOnHand(db, sku, delta);
  if (!r) {
    const now = await stockLevel(db, sku); // 404 when the SKU is unknown
    if (now.onHand + delta > repo.MAX_ON_HAND) throw new AppError('STOCK_LIMIT_EXCEEDED', { details: { onHand: now.onHand, max: repo.MAX_ON_HAND } });
    throw new AppError('STOCK_BELOW_RESERVED');
  }
  return { sku: r.sku, onHand: r.on_hand, reserved: r.reserved, available: r.on_hand - r.reserved };
}

export async function upsertProduct(db: DbOrTx, p: { sku: string; name: string; price: number }, expectedVersion?: number) {
  const r = await repo.upsertProduct(db, p, expectedVersion);
  if (!r) throw new AppError('CONFLICT');
  return r;
}

export async function listProducts(db: DbOrTx) {
  const rows = await repo.listProducts(db);
  return rows.map((r) => ({ sku: r.sku, name: r.name, price: r.price, version: r.version, available: r.on_hand - r.reserved }));
}

/**
 * Server-side prices for the given SKUs (never trust a client's price), with what is available of each
 * as of this read: a hint for refusing a sold-out cart cheaply, never a promise (only `reserve` holds).
 */
export async function catalogFor(db: DbOrTx, skus: string[]): Promise<Map<string, { name: string; price: number; available: number }>> {
  const rows = await repo.findProductsWithStock(db, skus);
  return new Map(rows.map((r) => [r.sku, { name: r.name, price: r.price, available: Number(r.available) }]));
}

export async function reservationsFor(db: DbOrTx, reference: string) {
  return await repo.reservationsFor(db, reference);
}
