import { randomBytes } from 'node:crypto';

// Crockford base32 without I, L, O, U: readable over the phone, no look-alikes.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Random string over the Crockford alphabet. */
export function randomCode(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % 32];
  return out;
}

/** Japan-time calendar date as YYYYMMDD: the shop's day, not UTC's. */
function jstDate(now: Date): string {
  const jst = new Date(now.getTime() + 9 * 3600_000);
  return jst.toISOString().slice(0, 10).replaceAll('-', '');
}

/** An order number like `ORD-20261121-7K3Q9X`. */
export function newOrderNo(now: Date = new Date()): string {
  return `ORD-${jstDate(now)}-${randomCode(6)}`;
}
