/** Inventory: products, stock levels and reservations (HELD → COMMITTED | RELEASED). */
export {
  reserve,
  commitReservations,
  releaseReservations,
  stockLevel,
  adjustStock,
  upsertProduct,
  listProducts,
  priceList,
  reservationsFor,
  type CartLine,
  type StockLevel,
} from './inventory.service.ts';
export type { InventoryTables } from './inventory.table.ts';
