import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { limitByAddress } from '../rate-limits.ts';
import type { Api, RouteKit } from '../types.ts';

/**
 * The built web pages (web/, `npm run build:web`): the ops console at /console and the demo storefront
 * at /shop, each a single page whose own paths (/console/orders/…) all answer its index.html, and their
 * assets under /ui/. Only files the build wrote are served — read once into memory, each encoding made once —
 * so no request path ever reaches the file system. The pages talk to the API of this same origin only
 * (the content security policy says so).
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};
const TEXT = new Set(['.html', '.js', '.css', '.svg', '.json']);

/** Scripts, styles and fetches from this origin only; live status over this origin's WebSocket; never framed. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
  "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

interface File {
  type: string;
  etag: string;
  body: Buffer;
  /** Worth compressing (text of some size): each encoding made once, when first asked for. */
  compressible: boolean;
  gzip?: Buffer;
  br?: Buffer;
}

function load(full: string): File {
  const body = readFileSync(full);
  const ext = path.extname(full);
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  return { type: TYPES[ext] ?? 'application/octet-stream', etag, body, compressible: TEXT.has(ext) && body.length > 512 };
}

const gzipOf = (f: File) => (f.gzip ??= gzipSync(f.body, { level: 9 }));
const brotliOf = (f: File) => (f.br ??= brotliCompressSync(f.body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 10, [zlib.BROTLI_PARAM_SIZE_HINT]: f.body.length } }));

/** What one build wrote: `/ui/assets/x.js` → file, and each page's index.html. */
class Build {
  private files: Map<string, File> | undefined;
  private loadedAt = 0;

  constructor(private readonly dir: string) {}

  /** The build's files, read again when the build is newer (`npm run build:web` while the service runs). */
  current(): Map<string, File> | undefined {
    let builtAt: number;
    try {
      builtAt = statSync(path.join(this.dir, '.built')).mtimeMs;
    } catch {
      return undefined;
    }
    if (!this.files || builtAt > this.loadedAt) {
      const files = new Map<string, File>();
      for (const rel of readdirSync(this.dir, { recursive: true, encoding: 'utf8' })) {
        const full = path.join(this.dir, rel);
        if (!statSync(full).isFile() || rel === '.built') continue;
        files.set(`/ui/${rel.split(path.sep).join('/')}`, load(full));
      }
      this.files = files;
      this.loadedAt = builtAt;
    }
    return this.files;
  }
}

function send(req: FastifyRequest, reply: FastifyReply, file: File, cache: string) {
  reply.header('cache-control', cache).header('etag', file.etag).header('vary', 'accept-encoding').type(file.type);
  if (file.type.startsWith('text/html')) reply.header('content-security-policy', PAGE_CSP);
  if (req.headers['if-none-match'] === file.etag) return reply.code(304).send();
  const accepts = String(req.headers['accept-encoding'] ?? '');
  if (file.compressible && /\bbr\b/.test(accepts)) return reply.header('content-encoding', 'br').send(brotliOf(file));
  if (file.compressible && /\bgzip\b/.test(accepts)) return reply.header('content-encoding', 'gzip').send(gzipOf(file));
  return reply.send(file.body);
}

export async function webRoutes(app: Api, { ctx, limits }: RouteKit): Promise<void> {
  const { web } = ctx.deps.config;
  if (!web.console && !web.shop) return;
  const build = new Build(web.dir);
  const onRequest = limitByAddress(limits.public);
  const hidden = { schema: { hide: true }, onRequest };

  const files = () => {
    const f = build.current();
    // Not a client's mistake: the service runs without its pages built (`npm run build:web`).
    if (!f) throw new AppError('SERVICE_UNAVAILABLE', { details: { reason: 'the web pages are not built: run npm run build:web' } });
    return f;
  };

  app.get('/ui/*', hidden, async (req, reply) => {
    const file = files().get(req.url.split('?')[0]!);
    if (!file || file.type.startsWith('text/html')) throw new AppError('NOT_FOUND');
    // Names carry a content hash: a browser may keep them for good.
    return send(req, reply, file, 'public, max-age=31536000, immutable');
  });

  const page = (name: 'console' | 'shop') => async (req: FastifyRequest, reply: FastifyReply) => {
    const file = files().get(`/ui/${name}/index.html`);
    if (!file) throw new AppError('NOT_FOUND');
    return send(req, reply, file, 'no-cache');
  };
  for (const name of ['console', 'shop'] as const) {
    if (!web[name]) continue;
    app.get(`/${name}`, hidden, page(name));
    app.get(`/${name}/*`, hidden, page(name));
  }
  app.get('/', hidden, async (_req, reply) => reply.redirect(web.shop ? '/shop' : '/console', 302));
}
