import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The signature header of every outbound webhook (Stripe's scheme: `t=<unix seconds>,v1=<hex HMAC-SHA256>`). */
export const SIGNATURE_HEADER = 'Orderly-Signature';

/** A new subscription secret: `whsec_` + 32 random bytes, base64url (Stripe's prefix, so people know what it is). */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/** What a read shows instead of the secret: enough to tell two apart, never enough to sign. */
export function secretHint(secret: string): string {
  return `whsec_…${secret.slice(-4)}`;
}

function hmacHex(secret: string, t: number, rawBody: string | Buffer): string {
  // The key is the whole secret string as UTF-8, prefix included (as Stripe's libraries do).
  return createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
}

/** The `Orderly-Signature` value for a body sent at `t` (unix seconds). */
export function signatureHeader(secret: string, rawBody: string | Buffer, t: number = Math.floor(Date.now() / 1000)): string {
  return `t=${t},v1=${hmacHex(secret, t, rawBody)}`;
}

/**
 * Checks an `Orderly-Signature` header against the raw body (the exact bytes
 * received, before any JSON parsing) and the subscription's secret, the way a
 * receiver should: the timestamp must be within `toleranceSeconds` of now
 * (replay protection), and one of the `v1` signatures must match (compared
 * in constant time). Returns false for a missing or malformed header, never throws.
 */
export function verifyOrderlySignature(
  rawBody: string | Buffer,
  header: string | undefined | null,
  secret: string,
  toleranceSeconds = 300,
  nowMs: number = Date.now(),
): boolean {
  if (!header || header.length > 2000) return false;
  let t: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && /^[0-9a-f]{64}$/.test(v)) signatures.push(v);
  }
  if (t === undefined || signatures.length === 0) return false;
  if (Math.abs(nowMs / 1000 - t) > toleranceSeconds) return false;
  const expected = Buffer.from(hmacHex(secret, t, rawBody), 'hex');
  return signatures.some((s) => timingSafeEqual(Buffer.from(s, 'hex'), expected));
}
