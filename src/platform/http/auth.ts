import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { jwtVerify, SignJWT } from 'jose';
import { AppError } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated customer (JWT `sub`), set by {@link customerAuth}. */
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

/** onRequest hook: `Authorization: Bearer <ORDERLY_ADMIN_KEY>`. */
export function adminAuth(adminKey: string) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearer(req);
    if (!token || !sameSecret(token, adminKey)) throw new AppError('UNAUTHENTICATED');
  };
}

/** onRequest hook for `/metrics`: the admin key, or the narrower METRICS_TOKEN given to a scraper. */
export function metricsAuth(adminKey: string, metricsToken: string | undefined) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearer(req);
    if (!token) throw new AppError('UNAUTHENTICATED');
    if (sameSecret(token, adminKey) || (metricsToken !== undefined && sameSecret(token, metricsToken))) return;
    throw new AppError('UNAUTHENTICATED');
  };
}

/** onRequest hook: `Authorization: Bearer <JWT>` (HS256, `sub` = customer id). */
export function customerAuth(jwtSecret: string) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = bearer(req);
    if (!token) throw new AppError('UNAUTHENTICATED');
    req.customerId = await verifyCustomerToken(jwtSecret, token);
  };
}

/** The customer id (`sub`) of a valid customer JWT; `401 UNAUTHENTICATED` otherwise. */
export async function verifyCustomerToken(jwtSecret: string, token: string): Promise<string> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(jwtSecret), { algorithms: ['HS256'] });
    if (typeof payload.sub !== 'string' || payload.sub.length === 0 || payload.sub.length > 200) throw new Error('no sub');
    return payload.sub;
  } catch (e) {
    throw new AppError('UNAUTHENTICATED', { cause: e });
  }
}

/** Issues a customer token (the demo and tests; in production the shop's identity provider does this). */
export async function signCustomerToken(jwtSecret: string, customerId: string, ttl = '30d'): Promise<string> {
  return await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(customerId)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(jwtSecret));
}
