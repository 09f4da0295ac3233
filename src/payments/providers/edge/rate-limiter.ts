import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A token bucket per provider: at most `perSecond` calls a second, with a
 * burst of one second's worth. A call waits for a token (so short bursts are
 * smoothed, not refused) but never past `maxWaitMs` or its own deadline; then
 * it is refused locally, before anything is sent — which is safe to fail over.
 */
export class RateLimiter {
  private tokens: number;
  private last = Date.now();
  /** Calls that have reserved a future token; they wait in arrival order. */
  private debt = 0;

  constructor(
    readonly perSecond: number,
    private readonly maxWaitMs: number,
  ) {
    this.tokens = perSecond;
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  /** Takes a token, waiting if need be; false = refused (waiting would exceed the limit or the deadline). */
  async take(signal?: AbortSignal, deadline?: number): Promise<boolean> {
    this.refill();
    if (this.tokens - this.debt >= 1) {
      this.tokens -= 1;
      return true;
    }
    const waitMs = Math.ceil(((this.debt + 1 - this.tokens) / this.perSecond) * 1000);
    if (waitMs > this.maxWaitMs || (deadline !== undefined && Date.now() + waitMs >= deadline)) return false;
    this.debt += 1;
    try {
      await sleep(waitMs, undefined, { signal });
    } catch {
      return false;
    } finally {
      this.debt -= 1;
    }
    this.refill();
    this.tokens -= 1;
    return true;
  }
}
