import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import { adminAuth } from '../platform/http/auth.ts';
import * as inventory from './inventory.service.ts';

const SKU = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' } as const;
const skuParams = { type: 'object', required: ['sku'], properties: { sku: SKU }, additionalProperties: false } as const;
const stockResponse = {
  type: 'object',
  properties: { sku: { type: 'string' }, onHand: { type: 'integer' }, reserved: { type: 'integer' }, available: { type: 'integer' } },
} as const;

/** Catalog and stock routes: public listing, admin upsert and stock moves. */
export async function inventoryRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const admin = adminAuth(ctx.adminKey);

  app.get('/api/v1/products', async () => {
    const products = await inventory.listProducts(ctx.db);
    return { products: products.map((p) => ({ sku: p.sku, name: p.name, price: { amount: p.price, currency: 'JPY' }, available: p.available })) };
  });

  app.put<{ Params: { sku: string }; Body: { name: string; price: number | { amount: number; currency: string }; version?: number } }>(
    '/api/v1/admin/products/:sku',
    {
      onRequest: admin,
      schema: {
        params: skuParams,
        body: {
          type: 'object',
          required: ['name', 'price'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            // The contract's money shape, or a bare integer of yen for convenience.
            price: {
              anyOf: [
                { type: 'integer', minimum: 0, maximum: 100_000_000 },
                {
                  type: 'object',
                  required: ['amount', 'currency'],
                  additionalProperties: false,
                  properties: { amount: { type: 'integer', minimum: 0, maximum: 100_000_000 }, currency: { const: 'JPY' } },
                },
              ],
            },
            version: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
    async (req, reply) => {
      const price = typeof req.body.price === 'number' ? req.body.price : req.body.price.amount;
      const p = await inventory.upsertProduct(ctx.db, { sku: req.params.sku, name: req.body.name, price }, req.body.version);
      reply.code(p.created ? 201 : 200);
      return { sku: p.sku, name: p.name, price: { amount: p.price, currency: 'JPY' }, version: p.version };
    },
  );

  app.post<{ Params: { sku: string }; Body: { delta: number } }>(
    '/api/v1/admin/products/:sku/stock',
    {
      onRequest: admin,
      schema: {
        params: skuParams,
        body: {
          type: 'object',
          required: ['delta'],
          additionalProperties: false,
          properties: { delta: { type: 'integer', minimum: -1_000_000, maximum: 1_000_000 } },
        },
        response: { 200: stockResponse },
      },
    },
    async (req) => await inventory.adjustStock(ctx.db, req.params.sku, req.body.delta),
  );

  app.get<{ Params: { sku: string } }>(
    '/api/v1/admin/inventory/:sku',
    { onRequest: admin, schema: { params: skuParams, response: { 200: stockResponse } } },
    async (req) => await inventory.stockLevel(ctx.db, req.params.sku),
  );
}
