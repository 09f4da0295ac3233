import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, prefersJapanese } from '../platform/errors.ts';
import type { FieldProblem } from './validation.ts';

/**
 * The rest of the input policy, in one place, for every route:
 * - JSON bodies only as `application/json` in UTF-8 (another charset or media type: 415);
 * - no string anywhere in the request (body, query, path, headers we read)
 *   holds a NUL or an unpaired UTF-16 surrogate — Postgres cannot store the
 *   first and mangles the second, so both are refused here as 422, never a 500;
 * - every number in a body is finite (`1e400` parses to Infinity) and nested
 *   at most {@link MAX_DEPTH} deep;
 * - security headers on every answer.
 */

const MAX_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string Postgres can keep as it is: no NUL, no lone surrogate. */
export function cleanString(s: string): boolean {
  return !s.includes('\u0000') && !LONE_SURROGATE.test(s);
}

/** The first thing in a parsed JSON value that the policy refuses, with its JSON Pointer; undefined if it is clean. */
function firstProblem(v: unknown, path: string, depth: number): { field: string; why: 'string' | 'number' | 'depth' } | undefined {
  if (typeof v === 'string') return cleanString(v) ? undefined : { field: path, why: 'string' };
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : { field: path, why: 'number' };
  if (v === null || typeof v !== 'object') return undefined;
  if (depth > MAX_DEPTH) return { field: path, why: 'depth' };
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = firstProblem(v[i], `${path}/${i}`, depth + 1);
      if (p) return p;
    }
    return undefined;
  }
  for (const [k, x] of Object.entries(v)) {
    const field = `${path}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (!cleanString(k)) return { field, why: 'string' };
    const p = firstProblem(x, field, depth + 1);
    if (p) return p;
  }
  return undefined;
}

const WHY = {
  string: { en: 'holds a NUL character or an unpaired surrogate', ja: 'NUL 文字または対になっていないサロゲートが含まれています' },
  number: { en: 'must be a finite number', ja: '有限の数値で指定してください' },
  depth: { en: `is nested more than ${MAX_DEPTH} levels deep`, ja: `入れ子が${MAX_DEPTH}段を超えています` },
};

/** Throws `422 VALIDATION_FAILED` when `value` (a request part) holds what the policy refuses. */
export function assertClean(value: unknown, part: string, acceptLanguage: string | undefined): void {
  const p = firstProblem(value, '', 0);
  if (!p) return;
  const details: FieldProblem[] = [{ in: part, field: p.field, message: WHY[p.why][prefersJapanese(acceptLanguage) ? 'ja' : 'en'] }];
  throw new AppError('VALIDATION_FAILED', { details });
}

/** `application/json`, with no charset or UTF-8 (JSON is UTF-8: RFC 8259). */
function acceptableJsonType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [type, ...params] = contentType.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || /^charset="?utf-8"?$/.test(p));
}

/** Replaces Fastify's parsers: JSON only, UTF-8 only, checked against the policy as it is parsed. */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    if (!acceptableJsonType(req.headers['content-type'])) return done(new AppError('UNSUPPORTED_MEDIA_TYPE'), undefined);
    const text = body as string;
    if (text.trim() === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return done(new AppError('BAD_REQUEST'), undefined);
    }
    try {
      assertClean(parsed, 'body', req.headers['accept-language']);
    } catch (e) {
      return done(e as Error, undefined);
    }
    done(null, parsed);
  });
}

/** preValidation hook: the query string and path parameters are held to the same string rules as bodies. */
export async function cleanQueryAndParams(req: FastifyRequest): Promise<void> {
  const lang = req.headers['accept-language'];
  assertClean(req.params, 'path', lang);
  assertClean(req.query, 'query', lang);
}

/**
 * Headers every answer carries. JSON is never to be sniffed, framed or cached
 * by a shared cache (authenticated answers hold personal data); `/docs` sets
 * its own content policy.
 */
export async function securityHeaders(_req: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', "default-src 'none'; frame-ancestors 'none'");
  if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
}
