import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declaredRoutes } from '../src/api/index.ts';
import { ERRORS } from '../src/platform/errors.ts';
import { startTestService, type TestService } from './helpers/service.ts';

/**
 * The served OpenAPI document is the contract a shop generates its client
 * from: it must validate as OpenAPI 3.1, describe every route, every error
 * code a route answers with, the auth schemes and the idempotency header.
 * (Every answer of the e2e tests is also held to it: test/helpers/contract.ts.)
 */

let t: TestService;
let doc: any;

beforeAll(async () => {
  t = await startTestService();
  const r = await t.svc.app.inject({ method: 'GET', url: '/openapi.json' });
  expect(r.statusCode).toBe(200);
  doc = r.json();
});
afterAll(async () => t?.close());

/** `/api/v1/orders/:orderNo` → `/api/v1/orders/{orderNo}`. */
const openapiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
/** Not part of the API: the documents themselves and the web pages (console, storefront and their assets). */
const HIDDEN = new Set(['/openapi.json', '/asyncapi.json', '/docs', '/', '/ui/*', '/console', '/console/*', '/shop', '/shop/*']);

describe('OpenAPI document', () => {
  it('validates as OpenAPI 3.1', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? [], JSON.stringify(result.errors ?? []).slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes every route the service has (and nothing it has not)', () => {
    const routes = declaredRoutes(t.svc.app)
      .filter((r) => r.method !== 'HEAD' && !HIDDEN.has(r.url))
      .map((r) => `${r.method} ${openapiPath(r.url)}`);
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(new Set(documented)).toEqual(new Set(routes));
    expect(routes.length).toBeGreaterThan(15);
  });

  it('names, per route, every error code it answers, at its catalogue status', () => {
    const purchase = doc.paths['/api/v1/orders'].post.responses;
    const codesAt = (status: number) => purchase[String(status)].content['application/json'].schema.properties.error.properties.code.enum as string[];
    expect(codesAt(409)).toEqual(expect.arrayContaining(['OUT_OF_STOCK', 'IDEMPOTENCY_IN_PROGRESS']));
    expect(codesAt(503)).toEqual(expect.arrayContaining(['PAYMENT_UNAVAILABLE', 'CHECKOUT_TIMEOUT']));
    expect(codesAt(422)).toEqual(expect.arrayContaining(['VALIDATION_FAILED', 'UNKNOWN_PRODUCT', 'IDEMPOTENCY_KEY_REUSED', 'PAYMENT_METHOD_NOT_AVAILABLE', 'ORDER_TOTAL_ZERO', 'ORDER_TOTAL_TOO_LARGE']));
    // Every code of every operation is listed at the status the catalogue gives it.
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [m, op] of Object.entries(ops)) {
        for (const [status, r] of Object.entries(op.responses as Record<string, any>)) {
          const codes = r.content?.['application/json']?.schema?.properties?.error?.properties?.code?.enum as string[] | undefined;
          for (const c of codes ?? []) expect(String(ERRORS[c as keyof typeof ERRORS].status), `${m} ${p} ${c}`).toBe(status);
        }
      }
    }
  });

  it('declares the auth schemes, the idempotency header, the live endpoints and the webhooks', () => {
    expect(Object.keys(doc.components.securitySchemes).sort()).toEqual(['adminKey', 'channelToken', 'customerJwt', 'metricsToken']);
    const post = doc.paths['/api/v1/orders'].post;
    expect(post.security).toEqual([{ customerJwt: [] }]);
    expect(post.parameters).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key', required: true }));
    expect(doc.paths['/api/v1/orders/{orderNo}/live'].get.description).toMatch(/WebSocket|snapshot/);
    expect(doc.paths['/api/v1/orders/{orderNo}/events'].get.description).toMatch(/event: snapshot/);
    expect(doc.paths['/webhooks/{provider}'].post.description).toMatch(/Stripe-Signature/);
    expect(doc.paths['/api/v1/admin/orders'].get.security).toEqual([{ adminKey: [] }]);
  });

  it('/docs is a reference page that works offline: every operation, no script, nothing fetched from elsewhere', async () => {
    const r = await t.svc.app.inject({ method: 'GET', url: '/docs' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    for (const p of Object.keys(doc.paths)) expect(r.body).toContain(p.replaceAll('{', '{'));
    expect(r.body).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/i);
  });

  it('the e2e hook holds answers to the document', async () => {
    const before = t.contract.checked;
    await t.call('GET', '/api/v1/products');
    expect(t.contract.checked).toBe(before + 1);
    expect(() => t.contract.check('GET', '/api/v1/products', 200, 'application/json', { products: [{ sku: 'X' }] })).toThrow(/does not match its schema/);
    expect(() => t.contract.check('GET', '/api/v1/products', 418, 'application/json', {})).toThrow(/does not list/);
  });
});
