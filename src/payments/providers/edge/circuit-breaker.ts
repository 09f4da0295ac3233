/**
 * A provider's circuit breaker, in the resilience4j / Envoy outlier-detection
 * style: it judges the PSP by the failure RATE of whole calls (after the edge's
 * retries) over a sliding time window, never by a few unlucky tries in a row.
 * Pure logic: no I/O, the clock is injected (tests drive it by hand).
 *
 *   closed ──(≥ minCalls in the window and failures/calls ≥ failureRate,
 *            or `consecutiveFailures` whole calls failed in a row)──▶ open
 *   open ──(openMs passed; the next call asks)──▶ half-open
 *   half-open: up to `probes` calls go through at once, the rest are refused;
 *     once the probes' verdict is certain (all finished, or enough finished that
 *     the rest cannot change it): failure rate < failureRate ▶ closed, else ▶ open.
 *
 * A call is judged `success` (the PSP answered, a decline or refusal included),
 * `failure` (unavailable, or no answer in time) or `ignored` (it says nothing
 * about the PSP: refused locally before sending, or cut off by the caller's own
 * deadline). An ignored probe hands its permit back, so a later call can probe.
 */

export type BreakerState = 'closed' | 'open' | 'half-open';
export type Verdict = 'success' | 'failure' | 'ignored';

export interface BreakerSettings {
  /** Opens at or above this share of failed calls (0–1, exclusive); half-open closes below it. */
  failureRate: number;
  /** Fewer calls than this in the window never open the circuit by rate: a sample too small to judge. */
  minCalls: number;
  /**
   * Also open after this many whole calls failed one after another (0: never). A window full of
   * healthy calls is slow to notice a PSP that just went down; whole calls of a PSP that still takes
   * most of them almost never fail five times in a row (at 30 % 503 and 3 retries: 0.008⁵).
   */
  consecutiveFailures?: number;
  /** Length of the sliding window the rate is measured over. */
  windowMs: number;
  /** How long an open circuit refuses every call before it lets probes through. */
  openMs: number;
  /** Calls let through at once while half-open. */
  probes: number;
  /** Granularity of the window (default: a tenth of it, at most 1 s). */
  bucketMs?: number;
}

/** Leave to make one call, from {@link CircuitBreaker.tryAcquire}; hand it back with {@link CircuitBreaker.record}. */
export interface Permit {
  /** The breaker's generation when it was issued: a verdict from an older generation is stale and ignored. */
  readonly generation: number;
  readonly probe: boolean;
}

/** The breaker as the admin view shows it. */
export interface BreakerSnapshot {
  state: BreakerState;
  /** While open: ms until probes are let through (0: the next call is a probe). */
  probeInMs?: number;
  /** The sliding window (closed state; empty right after a state change). */
  window: { windowMs: number; calls: number; failures: number; failureRate: number | null };
  /** While half-open: probes out and their verdicts so far. */
  probes?: { permitted: number; inFlight: number; succeeded: number; failed: number };
}

interface Bucket {
  /** Which bucket of time this slot holds (now / bucketMs, floored); a slot from an older epoch is empty. */
  epoch: number;
  calls: number;
  failures: number;
}

/** Seconds to tell a refused caller while half-open with every probe out: the probes decide soon. */
const HALF_OPEN_RETRY_AFTER_SECONDS = 1;

export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private generation = 0;
  private openedAt = 0;
  private readonly bucketMs: number;
  private readonly buckets: Bucket[];
  private probe = { issued: 0, succeeded: 0, failed: 0 };
  private inARow = 0;

  constructor(
    private readonly settings: BreakerSettings,
    /** Called on every state change, after it happened, with the breaker as it was just before (the figures that decided). */
    private readonly onChange: (state: BreakerState, before: BreakerSnapshot) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {
    const { failureRate, minCalls, windowMs, openMs, probes } = settings;
    if (!(failureRate > 0 && failureRate < 1)) throw new RangeError(`failureRate must be between 0 and 1 (got ${failureRate})`);
    if (!(minCalls >= 1 && probes >= 1 && windowMs > 0 && openMs >= 0)) throw new RangeError('minCalls and probes must be ≥ 1, windowMs > 0, openMs ≥ 0');
    this.bucketMs = Math.max(1, Math.floor(settings.bucketMs ?? Math.min(1_000, windowMs / 10)));
    this.buckets = Array.from({ length: Math.ceil(windowMs / this.bucketMs) }, () => ({ epoch: -1, calls: 0, failures: 0 }));
  }

  get state(): BreakerState {
    return this.current;
  }

  /**
   * Leave for one call, or undefined: refuse it locally. Closed: always.
   * Open: none until `openMs` has passed, then the circuit turns half-open and
   * this call is the first probe. Half-open: while probe permits are left.
   */
  tryAcquire(): Permit | undefined {
    if (this.current === 'open' && this.now() - this.openedAt >= this.settings.openMs) this.become('half-open');
    if (this.current === 'closed') return { generation: this.generation, probe: false };
    if (this.current === 'half-open' && this.probe.issued < this.settings.probes) {
      this.probe.issued += 1;
      return { generation: this.generation, probe: true };
    }
    return undefined;
  }

  /** Whether a call would get a permit now (without taking one). */
  wouldPermit(): boolean {
    if (this.current === 'closed') return true;
    if (this.current === 'open') return this.now() - this.openedAt >= this.settings.openMs;
    return this.probe.issued < this.settings.probes;
  }

  /**
   * Whether a call holding `permit` may still send (a retry within the call):
   * not once the circuit has opened since the permit was issued.
   */
  admits(permit: Permit): boolean {
    return this.current === 'closed' || permit.generation === this.generation;
  }

  /** The verdict on a call made with `permit`. Every permit must be handed back exactly once. */
  record(permit: Permit, verdict: Verdict): void {
    // The circuit changed state while the call was out: its verdict belongs to a judgement already made.
    if (permit.generation !== this.generation) return;
    if (permit.probe) return this.recordProbe(verdict);
    if (verdict === 'ignored') return;
    const b = this.bucket();
    b.calls += 1;
    if (verdict !== 'failure') {
      this.inARow = 0;
      return;
    }
    b.failures += 1;
    this.inARow += 1;
    const run = this.settings.consecutiveFailures ?? 0;
    // The rate can only cross the threshold upwards on a failure.
    const w = this.window();
    if ((run > 0 && this.inARow >= run) || (w.calls >= this.settings.minCalls && w.failures / w.calls >= this.settings.failureRate)) this.become('open');
  }

  private recordProbe(verdict: Verdict): void {
    if (verdict === 'ignored') {
      this.probe.issued -= 1; // it never tested the PSP: another call may probe instead
      return;
    }
    if (verdict === 'failure') this.probe.failed += 1;
    else this.probe.succeeded += 1;
    const n = this.settings.probes;
    const pending = n - this.probe.succeeded - this.probe.failed;
    // Decided as soon as the remaining probes cannot change the verdict (all finished at the latest).
    if (this.probe.failed / n >= this.settings.failureRate) this.become('open');
    else if ((this.probe.failed + pending) / n < this.settings.failureRate) this.become('closed');
  }

  /** Whole seconds a refused caller should wait before trying again (at least 1). */
  retryAfterSeconds(): number {
    if (this.current !== 'open') return HALF_OPEN_RETRY_AFTER_SECONDS;
    return Math.max(1, Math.ceil(this.msUntilProbe() / 1000));
  }

  private msUntilProbe(): number {
    return Math.max(0, this.openedAt + this.settings.openMs - this.now());
  }

  snapshot(): BreakerSnapshot {
    const w = this.window();
    return {
      state: this.current,
      ...(this.current === 'open' ? { probeInMs: this.msUntilProbe() } : {}),
      window: { windowMs: this.settings.windowMs, calls: w.calls, failures: w.failures, failureRate: w.calls === 0 ? null : Math.round((w.failures / w.calls) * 1000) / 1000 },
      ...(this.current === 'half-open'
        ? {
            probes: {
              permitted: this.settings.probes,
              inFlight: this.probe.issued - this.probe.succeeded - this.probe.failed,
              succeeded: this.probe.succeeded,
              failed: this.probe.failed,
            },
          }
        : {}),
    };
  }

  private become(state: BreakerState): void {
    const before = this.snapshot();
    this.current = state;
    this.generation += 1;
    // Every state starts with a clean slate: an old window never reopens a circuit that just closed.
    for (const b of this.buckets) b.epoch = -1;
    this.probe = { issued: 0, succeeded: 0, failed: 0 };
    this.inARow = 0;
    if (state === 'open') this.openedAt = this.now();
    this.onChange(state, before);
  }

  private bucket(): Bucket {
    const epoch = Math.floor(this.now() / this.bucketMs);
    const b = this.buckets[epoch % this.buckets.length]!;
    if (b.epoch !== epoch) Object.assign(b, { epoch, calls: 0, failures: 0 });
    return b;
  }

  private window(): { calls: number; failures: number } {
    const newest = Math.floor(this.now() / this.bucketMs);
    let calls = 0;
    let failures = 0;
    for (const b of this.buckets) {
      if (b.epoch > newest - this.buckets.length && b.epoch <= newest) {
        calls += b.calls;
        failures += b.failures;
      }
    }
    return { calls, failures };
  }
}
