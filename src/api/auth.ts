import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jwtVerify, SignJWT } from 'jose';
import { AppError } from '../platform/errors.ts';
import { cleanString } from './policy.ts';
import type { AuthFailures } from './rate-limits.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated customer (JWT `sub`), set by {@link Authenticator.customer}. */
    customerId?: string;
  }
}

/** The token of `Authorization: Bearer <token>`, if any. */
export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  if (!h || !/^Bearer /i.test(h)) return undefined;
  return h.slice(7).trim();
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The authentication hooks of every route family. Each counts its failures
 * per client address (see rate-limits.ts): an address over the limit is
 * refused before its credentials are checked.
 */
export class Authenticator {
  constructor(
    private readonly secrets: { adminKey: string; jwtSecret: string; metricsToken: string | undefined; jwtMaxAgeSeconds: number },
    private readonly failures: AuthFailures,
  ) {}

  private async check(req: FastifyRequest, ok: (token: string) => Promise<boolean>): Promise<void> {
    this.failures.gate(req);
    const token = bearer(req);
    if (token && (await ok(token))) return;
    this.failures.failed(req);
    throw new AppError('UNAUTHENTICATED');
  }

  /** onRequest hook: `Authorization: Bearer <ORDERLY_ADMIN_KEY>`. */
  readonly admin = async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    await this.check(req, async (t) => sameSecret(t, this.secrets.adminKey));
  };

  /** onRequest hook for `/metrics`: the admin key, or the narrower METRICS_TOKEN given to a scraper. */
  readonly metrics = async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const { adminKey, metricsToken } = this.secrets;
    await this.check(req, async (t) => sameSecret(t, adminKey) || (metricsToken !== undefined && sameSecret(t, metricsToken)));
  };

  /** onRequest hook: `Authorization: Bearer <JWT>` (HS256, `sub` = customer id); see {@link verifyCustomerToken}. */
  readonly customer = async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    await this.check(req, async (t) => {
      const id = await this.customerOf(t);
      if (id !== undefined) req.customerId = id;
      return id !== undefined;
    });
  };

  /** The customer a token names, if it is a valid customer JWT. */
  async customerOf(token: string): Promise<string | undefined> {
    return await verifyCustomerToken(this.secrets.jwtSecret, token, this.secrets.jwtMaxAgeSeconds).catch(() => undefined);
  }

  /** Counts a failed authentication that a route checked itself (live endpoints): the error to throw. */
  refuse(req: FastifyRequest): AppError {
    this.failures.failed(req);
    return new AppError('UNAUTHENTICATED');
  }

  gate(req: FastifyRequest): void {
    this.failures.gate(req);
  }
}

/** Tokens may be a little ahead of our clock (the issuer's clock): not more than this. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * The customer id (`sub`) of a valid customer JWT; `401 UNAUTHENTICATED`
 * otherwise. Valid means HS256 with our secret, a `sub` of at most 200 clean
 * characters, an `exp` still ahead, an `iat` not in the future and not older
 * than `maxAgeSeconds` (a token without `exp` would be valid forever).
 */
export async function verifyCustomerToken(jwtSecret: string, token: string, maxAgeSeconds = 24 * 3600): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(jwtSecret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
      maxTokenAge: maxAgeSeconds,
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
    if ((payload.iat ?? 0) > Date.now() / 1000 + CLOCK_SKEW_SECONDS) throw new Error('issued in the future');
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200 || !cleanString(payload.sub)) throw new Error('bad sub');
    return payload.sub;
  } catch (e) {
    throw new AppError('UNAUTHENTICATED', { cause: e });
  }
}

/** Issues a customer token (the demo and tests; in production the shop's identity provider does this). */
export async function signCustomerToken(jwtSecret: string, customerId: string, ttl = '24h'): Promise<string> {
  return await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(customerId)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(jwtSecret));
}

/**
 * Issues a customer token valid for `maxAgeSeconds` (JWT_MAX_AGE_HOURS: the most {@link verifyCustomerToken}
 * accepts), signed like {@link signCustomerToken}; with the moment it expires.
 */
export async function issueCustomerToken(jwtSecret: string, customerId: string, maxAgeSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const iat = Math.floor(Date.now() / 1000);
  const exp = iat + maxAgeSeconds;
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(customerId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(new TextEncoder().encode(jwtSecret));
  return { token, expiresAt: new Date(exp * 1000) };
}
