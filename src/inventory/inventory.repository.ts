import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';

export interface StockLevel {
  sku: string;
  onHand: number;
  reserved: number;
  available: number;
}

export async function listProducts(db: DbOrTx) {
  return await db
    .selectFrom('products')
    .innerJoin('stock', 'stock.sku', 'products.sku')
    .select(['products.sku', 'products.name', 'products.price', 'products.version', 'stock.on_hand', 'stock.reserved'])
    .orderBy('products.sku')
    .execute();
}

/** Products with what is available of each right now (a snapshot: no lock, no transaction). */
export async function findProductsWithStock(db: DbOrTx, skus: string[]) {
  if (skus.length === 0) return [];
  return await db
    .selectFrom('products as p')
    .leftJoin('stock as s', 's.sku', 'p.sku')
    .select(['p.sku', 'p.name', 'p.price', (eb) => eb.fn.coalesce(eb(eb.ref('s.on_hand'), '-', eb.ref('s.reserved')), eb.val(0)).as('available')])
    .where('p.sku', 'in', skus)
    .execute();
}

/** Insert or update a product; `expectedVersion` makes the update optimistic. */
export async function upsertProduct(
  db: DbOrTx,
  p: { sku: string; name: string; price: number },
  expectedVersion?: number,
): Promise<{ sku: string; name: string; price: number; version: number; created: boolean } | undefined> {
  const r = await sql<{ sku: string; name: string; price: number; version: number; created: boolean }>`
    insert into products (sku, name, price) values (${p.sku}, ${p.name}, ${p.price})
    on conflict (sku) do update set name = excluded.name, price = excluded.price,
      version = products.version + 1, updated_at = now()
      where ${expectedVersion === undefined ? sql`true` : sql`products.version = ${expectedVersion}`}
    returning sku, name, price, version, (xmax = 0) as created`.execute(db);
  const row = r.rows[0];
  if (row?.created) await db.insertInto('stock').values({ sku: p.sku, on_hand: 0, reserved: 0 }).onConflict((oc) => oc.doNothing()).execute();
  return row;
}

export async function getStock(db: DbOrTx, sku: string): Promise<StockLevel | undefined> {
  const r = await db.selectFrom('stock').select(['sku', 'on_hand', 'reserved']).where('sku', '=', sku).executeTakeFirst();
  return r && { sku: r.sku, onHand: r.on_hand, reserved: r.reserved, available: r.on_hand - r.reserved };
}

/** Most units one SKU may have on hand: far beyond any shop, far below where numbers stop being exact. */
export const MAX_ON_HAND = 1_000_000_000_000;

/**
 * Moves on-hand stock by `delta`. The conditional update keeps on-hand at or
 * above what is reserved and at most {@link MAX_ON_HAND}; undefined means the
 * SKU is unknown or the delta would cross one of those.
 */
export async function adjustOnHand(db: DbOrTx, sku: string, delta: number) {
  return await db
    .updateTable('stock')
    .set({ on_hand: sql`on_hand + ${delta}` })
    .where('sku', '=', sku)
    .where(sql<boolean>`on_hand + ${delta} >= reserved and on_hand + ${delta} <= ${MAX_ON_HAND}`)
    .returning(['sku', 'on_hand', 'reserved'])
    .executeTakeFirst();
}

/**
 * Reserves `quantity` of `sku` if that much is available. One conditional
 * UPDATE: concurrent buyers serialise on the row and the loser sees no row,
 * so stock can never be oversold (I1).
 */
export async function tryReserve(db: DbOrTx, sku: string, quantity: number): Promise<boolean> {
  const r = await db
    .updateTable('stock')
    .set({ reserved: sql`reserved + ${quantity}` })
    .where('sku', '=', sku)
    .where(sql<boolean>`on_hand - reserved >= ${quantity}`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function insertReservations(db: DbOrTx, reference: string, lines: { sku: string; quantity: number }[]) {
  await db
    .insertInto('reservations')
    .values(lines.map((l) => ({ reference, sku: l.sku, quantity: l.quantity, status: 'HELD' as const })))
    .execute();
}

/**
 * Moves HELD reservations of a reference to `to`, adjusting stock once per row.
 * Rows already moved are not touched again, which makes commit and release
 * idempotent. Returns the lines it moved.
 */
export async function settleReservations(db: DbOrTx, reference: string, to: 'COMMITTED' | 'RELEASED'): Promise<{ sku: string; quantity: number }[]> {
  const stockChange =
    to === 'COMMITTED'
      ? sql`on_hand = stock.on_hand - moved.quantity, reserved = stock.reserved - moved.quantity`
      : sql`reserved = stock.reserved - moved.quantity`;
  const r = await sql<{ sku: string; quantity: number }>`
    with moved as (
      update reservations set status = ${to}, updated_at = now()
      where reference = ${reference} and status = 'HELD'
      returning sku, quantity
    ), changed as (
      update stock set ${stockChange} from moved where stock.sku = moved.sku
    )
    select sku, quantity from moved order by sku`.execute(db);
  return r.rows;
}

/**
 * A cancelled sale: HELD rows are released, COMMITTED rows come back on hand
 * (RETURNED). Idempotent like settling. Returns the lines it moved.
 */
export async function returnReservations(db: DbOrTx, reference: string): Promise<{ sku: string; quantity: number; from: 'HELD' | 'COMMITTED' }[]> {
  const r = await sql<{ sku: string; quantity: number; from: 'HELD' | 'COMMITTED' }>`
    with before as (
      select sku, status from reservations where reference = ${reference} and status in ('HELD', 'COMMITTED') for update
    ), moved as (
      update reservations r set status = case when b.status = 'HELD' then 'RELEASED' else 'RETURNED' end, updated_at = now()
      from before b where r.reference = ${reference} and r.sku = b.sku
      returning r.sku, r.quantity, b.status as was
    ), changed as (
      update stock set
        reserved = stock.reserved - case when moved.was = 'HELD' then moved.quantity else 0 end,
        on_hand = stock.on_hand + case when moved.was = 'COMMITTED' then moved.quantity else 0 end
      from moved where stock.sku = moved.sku
    )
    select sku, quantity, was as "from" from moved order by sku`.execute(db);
  return r.rows;
}

export async function reservationsFor(db: DbOrTx, reference: string) {
  return await db.selectFrom('reservations').select(['sku', 'quantity', 'status']).where('reference', '=', reference).orderBy('sku').execute();
}
