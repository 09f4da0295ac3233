import * as inventory from '../../inventory/index.ts';
import { limitByAddress } from '../rate-limits.ts';
import { ProductBody, Product, ProductList, SkuParams, StockBody, StockLevel } from '../schemas/catalog.ts';
import { ADMIN, errors } from '../schemas/common.ts';
import type { Api, RouteKit } from '../types.ts';

/** The catalog (public) and stock (operators). */
export async function productRoutes(app: Api, { ctx, auth, limits }: RouteKit): Promise<void> {
  const { db } = ctx.deps;
  const admin = [limitByAddress(limits.admin), auth.admin];

  app.get(
    '/api/v1/products',
    { onRequest: limitByAddress(limits.public), schema: { tags: ['catalog'], summary: 'The catalog with what is available', response: { 200: ProductList, ...errors([]) } } },
    async () => {
      const products = await inventory.listProducts(db);
      return { products: products.map((p) => ({ sku: p.sku, name: p.name, price: { amount: p.price, currency: 'JPY' as const }, available: p.available })) };
    },
  );

  app.put(
    '/api/v1/admin/products/:sku',
    {
      onRequest: admin,
      schema: {
        tags: ['catalog'],
        summary: 'Create or update a product',
        description: '`201` created, `200` updated. With `version`, the update applies only to that version (optimistic locking).',
        security: ADMIN,
        params: SkuParams,
        body: ProductBody,
        response: { 200: Product, 201: Product, ...errors(['UNAUTHENTICATED', 'CONFLICT'], { body: true }) },
      },
    },
    async (req, reply) => {
      const price = typeof req.body.price === 'number' ? req.body.price : req.body.price.amount;
      const p = await inventory.upsertProduct(db, { sku: req.params.sku, name: req.body.name, price }, req.body.version);
      reply.code(p.created ? 201 : 200);
      return { sku: p.sku, name: p.name, price: { amount: p.price, currency: 'JPY' as const }, version: p.version };
    },
  );

  app.post(
    '/api/v1/admin/products/:sku/stock',
    {
      onRequest: admin,
      schema: {
        tags: ['catalog'],
        summary: 'Move stock on hand',
        description: 'Never below what is reserved (`409 STOCK_BELOW_RESERVED`), never above 10¹² units.',
        security: ADMIN,
        params: SkuParams,
        body: StockBody,
        response: { 200: StockLevel, ...errors(['UNAUTHENTICATED', 'PRODUCT_NOT_FOUND', 'STOCK_BELOW_RESERVED', 'STOCK_LIMIT_EXCEEDED'], { body: true }) },
      },
    },
    async (req) => await inventory.adjustStock(db, req.params.sku, req.body.delta),
  );

  app.get(
    '/api/v1/admin/inventory/:sku',
    {
      onRequest: admin,
      schema: { tags: ['catalog'], summary: 'Stock of one product', security: ADMIN, params: SkuParams, response: { 200: StockLevel, ...errors(['UNAUTHENTICATED', 'PRODUCT_NOT_FOUND']) } },
    },
    async (req) => await inventory.stockLevel(db, req.params.sku),
  );
}
