import { Type } from 'typebox';
import { MAX_AMOUNT } from '../../platform/money.ts';
import { Money, Sku } from './common.ts';

export const SkuParams = Type.Object({ sku: Sku }, { additionalProperties: false });

export const ProductList = Type.Object(
  { products: Type.Array(Type.Object({ sku: Sku, name: Type.String(), price: Money, available: Type.Integer() }, { additionalProperties: false })) },
  { additionalProperties: false },
);

export const ProductBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' }),
    price: Type.Union(
      [
        Type.Object({ amount: Type.Integer({ minimum: 0, maximum: MAX_AMOUNT }), currency: Type.Literal('JPY') }, { additionalProperties: false }),
        Type.Integer({ minimum: 0, maximum: MAX_AMOUNT, description: 'a bare integer of yen, for convenience' }),
      ],
      { description: 'money, at most ¥100,000,000' },
    ),
    version: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'makes the edit optimistic: 409 CONFLICT when stale' })),
  },
  { additionalProperties: false },
);

export const Product = Type.Object({ sku: Sku, name: Type.String(), price: Money, version: Type.Integer() }, { additionalProperties: false });

export const StockBody = Type.Object(
  { delta: Type.Integer({ minimum: -1_000_000, maximum: 1_000_000, description: 'units to add (negative: remove)' }) },
  { additionalProperties: false },
);

export const StockLevel = Type.Object(
  { sku: Sku, onHand: Type.Integer(), reserved: Type.Integer(), available: Type.Integer() },
  { additionalProperties: false },
);
