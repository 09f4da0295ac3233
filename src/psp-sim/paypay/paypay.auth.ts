import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { PayPaySimOptions } from './paypay.options.ts';
import { answer, type ResultCode } from './paypay.wire.ts';

/**
 * Checks PayPay's `OPA-Auth` HMAC signature the way PayPay documents it
 * (https://www.paypay.ne.jp/opa/doc/v1.0/api_authorization.html):
 * `Authorization: hmac OPA-Auth:<apiKey>:<signature>:<nonce>:<epoch>:<payloadDigest>` where
 * signature = base64(HMAC-SHA256(secret, path \n method \n nonce \n epoch \n contentType \n payloadDigest))
 * and payloadDigest = base64(MD5(contentType + body)), both `empty` without a body.
 * Written independently of orderly's adapter, so the two check each other.
 */

/** PayPay: the epoch is "validated whether less than 2 mins on server side". */
const MAX_SKEW_SECONDS = 120;
const PREFIX = 'hmac OPA-Auth:';

/** What a valid header claims about the body, checked once the body is read. */
interface Claim {
  contentType: string;
  digest: string;
}

// Keyed by the Node request, which lives exactly as long as the exchange.
const claims = new WeakMap<object, Claim>();
const rawBodies = new WeakMap<object, string>();

const sha256 = (s: string): Buffer => createHash('sha256').update(s).digest();
/** Constant-time equality (hashing equalises lengths). */
const same = (a: string, b: string): boolean => timingSafeEqual(sha256(a), sha256(b));

/** Nonces seen within the epoch window: a replayed request is refused. */
class NonceCache {
  private readonly seen = new Map<string, number>();
  private inserts = 0;

  /** False when `nonce` was used within the window. */
  use(nonce: string, nowMs: number): boolean {
    const until = this.seen.get(nonce);
    if (until !== undefined && until > nowMs) return false;
    this.seen.set(nonce, nowMs + 2 * MAX_SKEW_SECONDS * 1000);
    if (++this.inserts % 256 === 0) for (const [n, t] of this.seen) if (t <= nowMs) this.seen.delete(n);
    return true;
  }
}

function refuse(reply: FastifyReply, code: ResultCode = 'UNAUTHORIZED'): FastifyReply {
  const a = answer(code);
  return reply.code(a.status).send(a.body);
}

/**
 * Keeps JSON bodies as the exact bytes received (the digest covers them) and
 * parses them after. An empty body is "no body".
 */
export function keepRawJson(scope: FastifyInstance): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    rawBodies.set(request.raw, text);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
}

/** The two hooks: the signature before anything else, the body digest once the body is read. */
export function opaAuth(opts: PayPaySimOptions) {
  const nonces = new NonceCache();

  /** onRequest: key, signature over the claimed digest, epoch, nonce and merchant. */
  async function onRequest(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const header = request.headers.authorization;
    if (!header?.startsWith(PREFIX)) return refuse(reply);
    const parts = header.slice(PREFIX.length).split(':');
    if (parts.length !== 5) return refuse(reply);
    const [apiKey, signature, nonce, epochText, digest] = parts as [string, string, string, string, string];
    if (!same(apiKey, opts.apiKey) || !nonce || nonce.length > 128 || !/^\d{1,12}$/.test(epochText)) return refuse(reply);
    const now = Date.now();
    if (Math.abs(now / 1000 - Number(epochText)) > MAX_SKEW_SECONDS) return refuse(reply);
    const contentType = digest === 'empty' ? 'empty' : (request.headers['content-type'] ?? '');
    const path = request.url.split('?')[0] ?? request.url;
    const signed = [path, request.method, nonce, epochText, contentType, digest].join('\n');
    const expected = createHmac('sha256', opts.apiSecret).update(signed).digest('base64');
    if (!same(signature, expected)) return refuse(reply);
    if (!nonces.use(nonce, now)) return refuse(reply);
    // The merchant: `?assumeMerchant=` takes precedence over `X-ASSUME-MERCHANT`; absent is allowed (a direct client).
    const query = request.query as Record<string, unknown> | undefined;
    const merchant = typeof query?.assumeMerchant === 'string' ? query.assumeMerchant : request.headers['x-assume-merchant'];
    if (merchant !== undefined && merchant !== opts.merchantId) return refuse(reply, 'OP_OUT_OF_SCOPE');
    claims.set(request.raw, { contentType, digest });
    return undefined;
  }

  /** preValidation: the body received is the body signed. */
  async function bodyMatches(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    const claim = claims.get(request.raw);
    if (!claim) return refuse(reply);
    const raw = rawBodies.get(request.raw) ?? '';
    const ok =
      raw === ''
        ? claim.digest === 'empty'
        : claim.digest !== 'empty' && same(claim.digest, createHash('md5').update(claim.contentType).update(raw).digest('base64'));
    return ok ? undefined : refuse(reply);
  }

  return { onRequest, bodyMatches };
}
