import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  type CircuitBreakerPolicy,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel';
import type { Logger } from 'pino';
import {
  ProviderAmbiguousError,
  ProviderError,
  ProviderUnavailableError,
  isProviderAmbiguous,
  isProviderRejected,
  isProviderUnavailable,
  type AuthorizeInput,
  type CaptureInput,
  type FindByReferenceInput,
  type GetInput,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderWebhooks,
  type RefundInput,
  type VoidInput,
} from '../provider.ts';
import { CallStats, type CallSummary } from './call-stats.ts';
import { RateLimiter } from './rate-limiter.ts';

export type Operation = 'authorize' | 'capture' | 'void' | 'refund' | 'get' | 'find';

/** How one provider is called: every number here comes from configuration. */
export interface EdgePolicy {
  timeoutsMs: Record<Operation, number>;
  /** Retries after the first call, for errors that prove the PSP did not act. */
  retry: { max: number; baseMs: number; maxDelayMs: number };
  circuit: { failures: number; halfOpenAfterMs: number };
  rateLimit: { perSecond: number; maxWaitMs: number };
}

export type CallOutcome = 'ok' | 'declined' | 'unavailable' | 'ambiguous' | 'rejected' | 'circuit_open' | 'rate_limited';
export type CircuitName = 'closed' | 'open' | 'half-open' | 'isolated';

/** Where the edge reports calls and circuit changes (Prometheus, in the service). */
export interface EdgeObserver {
  call(provider: string, operation: Operation, outcome: CallOutcome, seconds: number): void;
  circuit(provider: string, state: CircuitName): void;
}

/** One provider as the admin view shows it. */
export interface ProviderHealth {
  name: string;
  circuit: CircuitName;
  /** While open: seconds until a probe call is let through (0: the next call is the probe). */
  halfOpenInSeconds?: number;
  rateLimitPerSecond: number;
  recent: CallSummary;
  lastFailure: { at: string; operation: Operation; error: string; status?: number } | null;
}

const CIRCUIT_NAMES: Record<CircuitState, CircuitName> = {
  [CircuitState.Closed]: 'closed',
  [CircuitState.Open]: 'open',
  [CircuitState.HalfOpen]: 'half-open',
  [CircuitState.Isolated]: 'isolated',
};

// Money moves only through these; reads (status queries) are what resolve doubt, so
// they are never refused by an open circuit (they still time out, and are counted).
const GATED = new Set<Operation>(['authorize', 'capture', 'void', 'refund']);
// An authentication failure will not fix itself by retrying.
const NO_RETRY_STATUS = new Set([401, 403]);

/** Exponential backoff with full jitter, but never sooner than the PSP's `Retry-After`. */
class RetryAfterBackoff implements IBackoffFactory<IRetryBackoffContext<unknown>> {
  constructor(
    private readonly baseMs: number,
    private readonly maxMs: number,
  ) {}

  next(ctx: IRetryBackoffContext<unknown>): IBackoff<IRetryBackoffContext<unknown>> {
    const ceiling = Math.min(this.maxMs, this.baseMs * 2 ** Math.max(0, ctx.attempt - 1));
    const retryAfterMs = 'error' in ctx.result ? retryAfterMsOf(ctx.result.error) : 0;
    return { duration: Math.max(Math.random() * ceiling, retryAfterMs), next: (c) => this.next(c) };
  }
}

/**
 * Calls cut off by the caller's own deadline (the buyer's request ran out of
 * time), not by this provider: ambiguous like any cut-off call, but no sign the
 * PSP is sick, so the circuit does not count them.
 */
const CUT_BY_CALLER = new WeakSet<object>();

function retryAfterMsOf(e: unknown): number {
  return e instanceof ProviderError && e.detail.retryAfterSeconds ? e.detail.retryAfterSeconds * 1000 : 0;
}

/**
 * A PSP adapter behind the policies every PSP call needs, declared once here at
 * the edge: a timeout per operation (a write cut off by it is ambiguous, never
 * failed), retries with backoff and full jitter only where the PSP certainly did
 * not act (honouring Retry-After), a circuit breaker (consecutive failures open
 * it; after a pause one probe call is let through), a rate limit, and a record
 * of recent calls for the admin view.
 */
export class ResilientProvider implements PaymentProvider {
  readonly name: string;
  readonly webhooks?: ProviderWebhooks;
  private readonly breaker: CircuitBreakerPolicy;
  private readonly limiter: RateLimiter;
  private readonly stats = new CallStats();
  private openedAt = 0;
  private lastFailure: ProviderHealth['lastFailure'] = null;

  constructor(
    private readonly inner: PaymentProvider,
    private readonly policy: EdgePolicy,
    private readonly log: Logger,
    private readonly observer?: EdgeObserver,
  ) {
    this.name = inner.name;
    if (inner.webhooks) this.webhooks = inner.webhooks;
    this.limiter = new RateLimiter(policy.rateLimit.perSecond, policy.rateLimit.maxWaitMs);
    // Only failures that say the PSP is sick count; a decline or a refusal is a healthy answer.
    this.breaker = circuitBreaker(
      handleWhen((e) => (isProviderUnavailable(e) || isProviderAmbiguous(e)) && !CUT_BY_CALLER.has(e)),
      { halfOpenAfter: policy.circuit.halfOpenAfterMs, breaker: new ConsecutiveBreaker(policy.circuit.failures) },
    );
    this.breaker.onStateChange((s) => {
      const state = CIRCUIT_NAMES[s];
      if (s === CircuitState.Open) this.openedAt = Date.now();
      this.log.warn({ provider: this.name, circuit: state }, `circuit ${state}`);
      this.observer?.circuit(this.name, state);
    });
    this.observer?.circuit(this.name, 'closed');
  }

  /** False while the circuit is open and not yet due for a probe: routing skips this provider. */
  available(): boolean {
    return !this.circuitRefuses();
  }

  private circuitRefuses(): boolean {
    const s = this.breaker.state;
    if (s === CircuitState.HalfOpen || s === CircuitState.Isolated) return true;
    return s === CircuitState.Open && Date.now() - this.openedAt < this.policy.circuit.halfOpenAfterMs;
  }

  /** Seconds until the circuit lets a probe through (0 when closed). */
  private secondsUntilProbe(): number {
    if (this.breaker.state !== CircuitState.Open) return 0;
    return Math.max(1, Math.ceil((this.openedAt + this.policy.circuit.halfOpenAfterMs - Date.now()) / 1000));
  }

  health(): ProviderHealth {
    const circuit = CIRCUIT_NAMES[this.breaker.state];
    // The breaker only leaves "open" when a call comes: say so rather than "1 s" for ever.
    const wait = Math.max(0, Math.ceil((this.openedAt + this.policy.circuit.halfOpenAfterMs - Date.now()) / 1000));
    return {
      name: this.name,
      circuit,
      ...(circuit === 'open' ? { halfOpenInSeconds: wait } : {}),
      rateLimitPerSecond: this.limiter.perSecond,
      recent: this.stats.summary(),
      lastFailure: this.lastFailure,
    };
  }

  private retryable(op: Operation, e: unknown): boolean {
    if (retryAfterMsOf(e) > this.policy.retry.maxDelayMs) return false; // the PSP asks for longer than we wait: fail over
    if (isProviderUnavailable(e)) return !e.local && !NO_RETRY_STATUS.has(e.detail.status ?? 0);
    // A status read may be repeated freely; a write that may have happened is resolved by asking, not by repeating.
    return isProviderAmbiguous(e) && !GATED.has(op);
  }

  private async run<T>(op: Operation, signal: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const policy = retry(handleWhen((e) => this.retryable(op, e)), {
      maxAttempts: this.policy.retry.max,
      backoff: new RetryAfterBackoff(this.policy.retry.baseMs, this.policy.retry.maxDelayMs),
    });
    // With the caller's signal: no retry is started once its deadline has passed.
    return await policy.execute(() => this.once(op, signal, fn), signal);
  }

  private refuse(op: Operation, outcome: CallOutcome, message: string, retryAfterSeconds?: number): never {
    this.observer?.call(this.name, op, outcome, 0);
    throw new ProviderUnavailableError(message, this.name, retryAfterSeconds ? { retryAfterSeconds } : {}, undefined, outcome);
  }

  /** One call: deadline, rate limit, circuit, timeout; recorded and classified. */
  private async once<T>(op: Operation, signal: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    // Refusals here happen before anything is sent: certainly not accepted, safe to fail over.
    if (signal?.aborted) this.refuse(op, 'unavailable', `${this.name}: deadline passed before the ${op} call was sent`);
    if (GATED.has(op) && this.circuitRefuses()) this.refuse(op, 'circuit_open', `${this.name}: circuit open; ${op} not sent`, this.secondsUntilProbe());
    if (!(await this.limiter.take(signal))) this.refuse(op, 'rate_limited', `${this.name}: rate limit of ${this.limiter.perSecond}/s reached; ${op} not sent`);
    // Again, with no await before the breaker: while another call probes, cockatiel would make this one wait for it.
    if (GATED.has(op) && this.circuitRefuses()) this.refuse(op, 'circuit_open', `${this.name}: circuit open; ${op} not sent`, this.secondsUntilProbe());
    const started = performance.now();
    try {
      const result = GATED.has(op) ? await this.breaker.execute(() => this.timed(op, signal, fn)) : await this.timed(op, signal, fn);
      const declined = (result as ProviderPayment | undefined)?.status === 'declined';
      this.done(op, declined ? 'declined' : 'ok', started);
      return result;
    } catch (e) {
      if (e instanceof BrokenCircuitError) this.refuse(op, 'circuit_open', `${this.name}: circuit open; ${op} not sent`, this.secondsUntilProbe());
      const outcome: CallOutcome = isProviderRejected(e) ? 'rejected' : isProviderUnavailable(e) ? 'unavailable' : 'ambiguous';
      this.done(op, outcome, started);
      const detail = e instanceof ProviderError ? e.detail : {};
      // The PSP's own status and body, as it sent them (secrets are scrubbed from every log line).
      this.log.warn({ provider: this.name, operation: op, outcome, pspStatus: detail.status, pspBody: detail.body, err: e }, 'PSP call failed');
      if (outcome !== 'rejected') {
        this.lastFailure = { at: new Date().toISOString(), operation: op, error: (e as Error).message, ...(detail.status ? { status: detail.status } : {}) };
      }
      throw e;
    }
  }

  private done(op: Operation, outcome: CallOutcome, started: number): void {
    const ms = performance.now() - started;
    this.stats.record({ at: Date.now(), operation: op, ok: outcome === 'ok' || outcome === 'declined' || outcome === 'rejected', ms: Math.round(ms) });
    this.observer?.call(this.name, op, outcome, ms / 1000);
  }

  /** The call under its operation's timeout; a cut-off call is ambiguous (it may have reached the PSP). */
  private async timed<T>(op: Operation, signal: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ms = this.policy.timeoutsMs[op];
    try {
      return await timeout(ms, TimeoutStrategy.Aggressive).execute((_ctx, s) => fn(signal ? AbortSignal.any([s, signal]) : s), signal);
    } catch (e) {
      const byCaller = signal?.aborted === true;
      const why = byCaller ? 'the caller’s deadline passed' : `no answer within ${ms} ms`;
      const err = e instanceof TaskCancelledError ? new ProviderAmbiguousError(`${this.name} ${op}: ${why}`, this.name, {}, { cause: e }) : e;
      if (byCaller && err instanceof ProviderError) CUT_BY_CALLER.add(err);
      throw err;
    }
  }

  authorize(i: AuthorizeInput): Promise<ProviderPayment> {
    return this.run('authorize', i.signal, (signal) => this.inner.authorize({ ...i, signal }));
  }

  capture(i: CaptureInput): Promise<ProviderPayment> {
    return this.run('capture', i.signal, (signal) => this.inner.capture({ ...i, signal }));
  }

  void(i: VoidInput): Promise<ProviderPayment> {
    return this.run('void', i.signal, (signal) => this.inner.void({ ...i, signal }));
  }

  refund(i: RefundInput): Promise<ProviderPayment> {
    return this.run('refund', i.signal, (signal) => this.inner.refund({ ...i, signal }));
  }

  get(i: GetInput): Promise<ProviderPayment | undefined> {
    return this.run('get', i.signal, (signal) => this.inner.get({ ...i, signal }));
  }

  findByReference(i: FindByReferenceInput): Promise<ProviderPayment[]> {
    return this.run('find', i.signal, (signal) => this.inner.findByReference({ ...i, signal }));
  }
}
