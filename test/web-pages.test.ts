import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_TYPES_FILE, renderClientTypes } from '../scripts/client-types.ts';
import { PAGE_CSP } from '../src/api/routes/web.routes.ts';
import { startTestService, type TestService } from './helpers/service.ts';

/**
 * How the service serves its web pages (src/api/routes/web.routes.ts): each page's paths answer its
 * index.html under the page CSP, assets are served compressed and kept for good, nothing outside
 * the build is reachable, and the pages' API types are those of this checkout's OpenAPI document.
 */

const REPO = path.resolve(import.meta.dirname, '..');
let t: TestService;

beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => t?.close());

const get = (p: string, headers: Record<string, string> = {}) => fetch(t.svc.url + p, { headers, redirect: 'manual' });

/** The bytes as sent (fetch would undo the compression), with the answer's status and headers. */
function rawGet(p: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(t.svc.url + p, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

/** The scripts a page's index.html loads at first (its module entry and the chunks it preloads). */
function scriptsOf(html: string): string[] {
  return [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+)"/g)].map((m) => m[1]!);
}

describe('web pages', () => {
  it.each(['/console', '/console/orders/ORD-20261201-AAAAAA', '/shop', '/shop/orders'])('%s answers its page under the page CSP, never cached stale', async (p) => {
    const r = await get(p);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(PAGE_CSP);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await r.text();
    expect(html).toContain('<div id="root"></div>');
    expect(scriptsOf(html).length).toBeGreaterThan(0);
    // Nothing inline: the CSP would refuse it.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('/ sends a browser to the storefront (in development)', async () => {
    const r = await get('/');
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/shop');
  });

  it('assets: compressed as the browser accepts, kept for good, answered 304 to their etag; nothing else under /ui/', async () => {
    const html = await (await get('/console')).text();
    const src = scriptsOf(html)[0]!;
    expect(src).toMatch(/^\/ui\/assets\/[\w-]+\.js$/);
    const plain = await get(src, { 'accept-encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const body = Buffer.from(await plain.arrayBuffer());
    const gz = await get(src, { 'accept-encoding': 'gzip' });
    if (body.length > 512) {
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      const br = await get(src, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers.get('content-encoding')).toBe('br');
    }
    const again = await get(src, { 'if-none-match': plain.headers.get('etag')! });
    expect(again.status).toBe(304);

    for (const p of ['/ui/assets/nope.js', '/ui/console/index.html', '/ui/../package.json', '/ui/%2e%2e/package.json', '/ui/.built']) {
      const r = await get(p);
      expect(r.status, p).toBe(404);
      expect(((await r.json()) as { error: { code: string } }).error.code, p).toBe('NOT_FOUND');
    }
  });

  it("the console's first load stays under 300 KB of compressed JavaScript", async () => {
    const html = await (await get('/console')).text();
    let total = 0;
    for (const src of scriptsOf(html)) {
      const r = await rawGet(src, { 'accept-encoding': 'gzip' });
      expect(r.status, src).toBe(200);
      total += r.body.length;
      const text = (r.headers['content-encoding'] === 'gzip' ? gunzipSync(r.body) : r.body).toString('utf8');
      // React's production build: no development runtime (a test run's NODE_ENV must not leak into the bundle).
      expect(text, src).not.toContain('jsxDEV');
    }
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(300 * 1024);
  });

  it(`${CLIENT_TYPES_FILE} is generated from this checkout's OpenAPI document (npm run gen:client)`, async () => {
    const doc = (await t.svc.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const committed = readFileSync(path.join(REPO, CLIENT_TYPES_FILE), 'utf8');
    expect(committed === (await renderClientTypes(doc)), `${CLIENT_TYPES_FILE} is out of date: run npm run gen:client`).toBe(true);
  });
});

describe('web pages switched off', () => {
  it('WEB_CONSOLE=false and WEB_SHOP=false: no page routes at all', async () => {
    const off = await startTestService({ WEB_CONSOLE: 'false', WEB_SHOP: 'false' });
    try {
      for (const p of ['/console', '/shop', '/ui/assets/x.js']) expect((await fetch(off.svc.url + p)).status, p).toBe(404);
    } finally {
      await off.close();
    }
  });
});
