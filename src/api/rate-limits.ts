import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';

/**
 * Fixed one-minute windows per key (a client address, a customer), in this
 * process's memory. Every route family has one, and it runs in `onRequest`,
 * before the body is read or validated: a flood of invalid requests is
 * limited like any other. The key map is bounded, so keys cannot grow memory
 * without end; when full, new keys share one overflow bucket (they are
 * limited together rather than not at all).
 */
const WINDOW_MS = 60_000;
const MAX_KEYS = 100_000;
const OVERFLOW = '\u0000overflow';

export class RateWindow {
  private counts = new Map<string, number>();
  private windowStart = Date.now();

  constructor(readonly perMinute: number) {}

  private roll(now: number): void {
    if (now - this.windowStart >= WINDOW_MS) {
      this.counts = new Map();
      this.windowStart = now - ((now - this.windowStart) % WINDOW_MS);
    }
  }

  /** Seconds until the window resets. */
  retryAfterSeconds(now = Date.now()): number {
    return Math.max(1, Math.ceil((this.windowStart + WINDOW_MS - now) / 1000));
  }

  /** Counts one request for `key`; false when the key is over its limit. */
  hit(key: string, now = Date.now()): boolean {
    this.roll(now);
    const k = this.counts.has(key) || this.counts.size < MAX_KEYS ? key : OVERFLOW;
    const n = (this.counts.get(k) ?? 0) + 1;
    this.counts.set(k, n);
    return n <= this.perMinute;
  }

  /** Whether `key` is over its limit, without counting. */
  exceeded(key: string, now = Date.now()): boolean {
    this.roll(now);
    return (this.counts.get(this.counts.has(key) ? key : OVERFLOW) ?? 0) >= this.perMinute;
  }
}

function refuse(w: RateWindow): never {
  throw new AppError('RATE_LIMITED', { retryAfterSeconds: w.retryAfterSeconds() });
}

/** onRequest hook: at most `w.perMinute` requests a minute per client address. */
export function limitByAddress(w: RateWindow) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!w.hit(req.ip)) refuse(w);
  };
}

/** onRequest hook, after authentication: per customer (a customer's requests from many addresses count together). */
export function limitByCustomer(w: RateWindow) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (!w.hit(req.customerId ?? req.ip)) refuse(w);
  };
}

/**
 * Failed authentication per client address: once over the limit, requests
 * from that address are refused before their credentials are even checked
 * (guessing keys or tokens gets nowhere), until the window turns.
 */
export class AuthFailures {
  constructor(private readonly w: RateWindow) {}

  /** Throws `429` for an address that failed too often this minute. */
  gate(req: FastifyRequest): void {
    if (this.w.exceeded(req.ip)) refuse(this.w);
  }

  failed(req: FastifyRequest): void {
    this.w.hit(req.ip);
  }
}
