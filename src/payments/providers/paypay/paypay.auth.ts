import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * PayPay's `OPA-Auth` HMAC request signature, as documented in "OPA API
 * Authorization" (https://www.paypay.ne.jp/opa/doc/v1.0/api_authorization.html)
 * and computed by the official Node SDK (paypayopa-sdk-node,
 * src/lib/paypay-rest-sdk.ts `createAuthHeader`):
 *
 *   payloadDigest = base64(MD5(contentType + body))   — both 'empty' without a body
 *   signature     = base64(HMAC-SHA256(apiSecret, [path, method, nonce, epoch, contentType, payloadDigest].join('\n')))
 *   Authorization: hmac OPA-Auth:<apiKey>:<signature>:<nonce>:<epoch>:<payloadDigest>
 *
 * `path` is the request path without its query string; `epoch` is unix seconds
 * (PayPay rejects it when more than 2 minutes off its clock).
 */
export interface OpaAuthInput {
  apiKey: string;
  apiSecret: string;
  method: string;
  /** Path as sent, e.g. `/v2/codes/payments/ORD-1_3a1`; a query string is ignored. */
  path: string;
  /** The exact body bytes sent, or undefined for none. */
  body?: string;
  /** The `Content-Type` header sent with the body. */
  contentType?: string;
  /** Fixed only in tests (the documented example); random by default. */
  nonce?: string;
  epoch?: number;
}

/** The `Authorization` header value for one request. The secret never leaves this function. */
export function opaAuthHeader(i: OpaAuthInput): string {
  const nonce = i.nonce ?? randomBytes(8).toString('hex');
  const epoch = i.epoch ?? Math.floor(Date.now() / 1000);
  const hasBody = i.body !== undefined && i.body !== '';
  const contentType = hasBody ? (i.contentType ?? 'application/json') : 'empty';
  const digest = hasBody ? createHash('md5').update(contentType).update(i.body as string).digest('base64') : 'empty';
  const path = i.path.split('?')[0] ?? i.path;
  const signed = [path, i.method.toUpperCase(), nonce, String(epoch), contentType, digest].join('\n');
  const signature = createHmac('sha256', i.apiSecret).update(signed).digest('base64');
  return `hmac OPA-Auth:${i.apiKey}:${signature}:${nonce}:${epoch}:${digest}`;
}
