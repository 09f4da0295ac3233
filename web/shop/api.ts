import { apiClient, type Schemas } from '../shared/client.ts';
import type { paths } from '../shared/api.gen.ts';
import { sessionToken } from './session.ts';

/** The page's language for the API's messages: whatever the page shows (see I18nProvider). */
export const api = apiClient(sessionToken, () => document.documentElement.lang || 'ja');

export type Product = paths['/api/v1/products']['get']['responses'][200]['content']['application/json']['products'][number];
export type OrderView = paths['/api/v1/orders/{orderNo}']['get']['responses'][200]['content']['application/json'];
export type PlaceOrderBody = paths['/api/v1/orders']['post']['requestBody']['content']['application/json'];
export type { Schemas };
