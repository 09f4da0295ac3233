/** Inventory: products, stock levels and reservations (HELD → COMMITTED | RELEASED; a cancelled sale: COMMITTED → RETURNED). */
export {
  reserve,
  commitReservations,
  releaseReservations,
  returnReservations,
  stockLevel,
  adjustStock,
  upsertProduct,
  listProducts,
  catalogFor,
  reservationsFor,
  type CartLine,
  type StockLevel,
} from './inventory.service.ts';
export type { InventoryTables } from './inventory.table.ts';
