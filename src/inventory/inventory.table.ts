import type { Generated } from 'kysely';

export interface ProductsTable {
  sku: string;
  name: string;
  price: number;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface StockTable {
  sku: string;
  on_hand: number;
  reserved: number;
}

export type ReservationStatus = 'HELD' | 'COMMITTED' | 'RELEASED' | 'RETURNED';

export interface ReservationsTable {
  id: Generated<number>;
  /** The order number: inventory speaks of references, not of orders. */
  reference: string;
  sku: string;
  quantity: number;
  status: ReservationStatus;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface InventoryTables {
  products: ProductsTable;
  stock: StockTable;
  reservations: ReservationsTable;
}

declare module '../platform/db/database.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's tables into the service's Database
  interface Database extends InventoryTables {}
}
