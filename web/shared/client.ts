import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './api.gen.ts';

/** The API's error shape (every refusal), as the OpenAPI document declares it. */
export type ApiError = { code: string; message: string; retryable: boolean; orderNo?: string; details?: unknown };

/**
 * The typed client of this origin's API (types generated from /openapi.json: `npm run gen:client`).
 * `auth` gives the Bearer token of the moment (the admin key or a customer token, held in memory by
 * the page); `lang` the language the API should answer its messages in.
 */
export function apiClient(auth: () => string | undefined, lang: () => string) {
  const client = createClient<paths>({ baseUrl: '' });
  const headers: Middleware = {
    onRequest({ request }) {
      const token = auth();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      request.headers.set('accept-language', lang());
      return request;
    },
  };
  client.use(headers);
  return client;
}

export type Api = ReturnType<typeof apiClient>;
export type Schemas = components['schemas'];

/** The error of a refused call, or a stand-in when the answer was not the API's (a proxy, a dropped connection). */
export function errorOf(e: unknown, status?: number): ApiError {
  const inner = (e as { error?: ApiError } | undefined)?.error;
  if (inner && typeof inner.code === 'string') return inner;
  return { code: status ? `HTTP_${status}` : 'NETWORK', message: status ? `HTTP ${status}` : 'The service could not be reached.', retryable: true };
}

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or undefined. */
export function retryAfterSeconds(res: Response | undefined): number | undefined {
  const v = res?.headers.get('retry-after');
  if (!v) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** A new idempotency key (one per purchase attempt; a retry of the same attempt reuses it). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
