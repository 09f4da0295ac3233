import { useCallback, useEffect, useState } from 'react';
import { errorOf, type ApiError } from '../shared/client.ts';
import { api, type Product } from './api.ts';

/** The public catalog (GET /api/v1/products), with `reload` for after a purchase changed availability. */
export function useCatalog(): { products: Product[] | undefined; error: ApiError | undefined; reload: () => void } {
  const [products, setProducts] = useState<Product[]>();
  const [error, setError] = useState<ApiError>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    api
      .GET('/api/v1/products')
      .then(({ data, error: e, response }) => {
        if (!live) return;
        if (data) setProducts(data.products);
        else setError(errorOf(e, response.status));
      })
      .catch((e: unknown) => live && setError(errorOf(e)));
    return () => {
      live = false;
    };
  }, [tick]);
  return { products, error, reload: useCallback(() => setTick((n) => n + 1), []) };
}
