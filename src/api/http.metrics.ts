import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../platform/metrics.ts';

/** The route families of `orderly_http_requests_total` and `orderly_http_request_seconds`: a fixed, small set. */
export type RouteFamily = 'orders' | 'live' | 'catalog' | 'admin' | 'webhooks' | 'health' | 'metrics' | 'docs' | 'unmatched';

/**
 * A route's family, from its declared pattern (`/api/v1/orders/:orderNo`), never
 * from the raw URL: an order number or a probe's path must not become a label.
 * `unmatched` is every answer no route gave (404, 405, refusals before routing).
 */
export function routeFamily(pattern: string | undefined): RouteFamily {
  if (!pattern) return 'unmatched';
  if (pattern === '/api/v1/orders/:orderNo/live' || pattern === '/api/v1/orders/:orderNo/events') return 'live';
  if (pattern.startsWith('/api/v1/orders')) return 'orders';
  if (pattern.startsWith('/api/v1/products')) return 'catalog';
  if (pattern.startsWith('/api/v1/admin/')) return 'admin';
  if (pattern.startsWith('/webhooks/')) return 'webhooks';
  if (pattern.startsWith('/health/')) return 'health';
  if (pattern === '/metrics') return 'metrics';
  if (pattern === '/openapi.json' || pattern === '/asyncapi.json' || pattern.startsWith('/docs')) return 'docs';
  return 'unmatched';
}

/**
 * RED metrics for every answer, in one `onResponse` hook: rate and errors in
 * `orderly_http_requests_total{family,method,status_class}`, duration in
 * `orderly_http_request_seconds{family}`. Register it before the routes.
 */
export function registerHttpMetrics(app: FastifyInstance, metrics: Metrics): void {
  app.addHook('onResponse', async (req, reply) => {
    const family = routeFamily(req.routeOptions.url);
    // Methods outside this list (a scanner's PROPFIND) are folded, so they cannot grow the label set.
    const method = KNOWN_METHODS.has(req.method) ? req.method : 'OTHER';
    metrics.httpRequests.inc({ family, method, status_class: `${Math.floor(reply.statusCode / 100)}xx` });
    metrics.httpRequestSeconds.observe({ family }, reply.elapsedTime / 1000);
  });
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
