import { createHmac } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/**
 * Channel tokens let a buyer's page follow one order live (WebSocket / SSE)
 * without holding the customer's JWT. They are signed with a key derived from
 * ORDERLY_JWT_SECRET for this purpose only, and carry an audience, so a channel
 * token can never pass as a customer token (nor the other way round).
 */
const AUDIENCE = 'orderly:order-live';
const TTL_SECONDS = 25 * 3600; // outlives the 24 h an idempotent replay may hand it out again

function keyOf(jwtSecret: string): Uint8Array {
  return createHmac('sha256', jwtSecret).update('orderly channel token v1').digest();
}

export async function signChannelToken(jwtSecret: string, orderNo: string): Promise<string> {
  return await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(orderNo)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + TTL_SECONDS)
    .sign(keyOf(jwtSecret));
}

/** True when `token` is a valid channel token for `orderNo`. */
export async function verifyChannelToken(jwtSecret: string, token: string, orderNo: string): Promise<boolean> {
  try {
    const { payload } = await jwtVerify(token, keyOf(jwtSecret), { algorithms: ['HS256'], audience: AUDIENCE });
    return payload.sub === orderNo;
  } catch {
    return false;
  }
}
