import {
  TaskCancelledError,
  TimeoutStrategy,
  handleWhen,
  retry,
  timeout,
  type IBackoff,
  type IBackoffFactory,
  type IRetryBackoffContext,
} from 'cockatiel';
import type { Logger } from 'pino';
import {
  ProviderAmbiguousError,
  ProviderError,
  ProviderUnavailableError,
  LIST_MAX_PAGES,
  isProviderAmbiguous,
  isProviderListTooLong,
  isProviderRejected,
  isProviderUnavailable,
  type AuthorizeInput,
  type CaptureInput,
  type FindByReferenceInput,
  type GetInput,
  type ListInput,
  type ListOutput,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderWebhooks,
  type RefundInput,
  type VoidInput,
} from '../provider.ts';
import { CallStats, type CallSummary } from './call-stats.ts';
import { CircuitBreaker, type BreakerSnapshot, type Permit, type Verdict } from './circuit-breaker.ts';
import { RateLimiter } from './rate-limiter.ts';
import { safeFailureBody } from './failure-body.ts';
import { scrubSecrets } from '../../../platform/secrets.ts';
import { SpanKind, SpanStatusCode, startSpan, withContext } from '../../../platform/tracing.ts';

export type Operation = 'authorize' | 'capture' | 'void' | 'refund' | 'get' | 'find' | 'list';

/** How one provider is called: every number here comes from configuration. */
export interface EdgePolicy {
  /**
   * Per operation. `list` bounds each page of a listing (the whole call gets
   * LIST_MAX_PAGES times that); without it, a page gets `find`'s timeout.
   */
  timeoutsMs: Record<Exclude<Operation, 'list'>, number> & { list?: number };
  /** Retries after the first call, for errors that prove the PSP did not act. */
  retry: { max: number; baseMs: number; maxDelayMs: number };
  /** The breaker (see circuit-breaker.ts): failure rate of whole calls over a sliding window, then probes. */
  circuit: { failureRate: number; minCalls: number; consecutiveFailures: number; windowMs: number; halfOpenAfterMs: number; probes: number };
  rateLimit: { perSecond: number; maxWaitMs: number };
}

export type CallOutcome = 'ok' | 'declined' | 'unavailable' | 'ambiguous' | 'rejected' | 'circuit_open' | 'rate_limited';
export type CircuitName = 'closed' | 'open' | 'half-open';

/** Where the edge reports calls and circuit changes (Prometheus, in the service). */
export interface EdgeObserver {
  call(provider: string, operation: Operation, outcome: CallOutcome, seconds: number): void;
  circuit(provider: string, state: CircuitName): void;
}

/** One provider as the admin view shows it. */
export interface ProviderHealth {
  name: string;
  circuit: CircuitName;
  /** While open: seconds until probe calls are let through (0: the next call is a probe). */
  halfOpenInSeconds?: number;
  /** The breaker's own figures: whole calls and their failure rate in its window; the probes while half-open. */
  breaker: Pick<BreakerSnapshot, 'window' | 'probes'>;
  rateLimitPerSecond: number;
  recent: CallSummary;
  lastFailure: { at: string; operation: Operation; error: string; status?: number } | null;
  /** Percentiles of the same calls as `recent`; null without calls. */
  latency: { p50Ms: number | null; p95Ms: number | null; p99Ms: number | null; count: number };
  /** The last {@link RECENT_FAILURES} failed calls (unavailable or timed out), newest first. */
  recentFailures: RecentFailure[];
}

/** One failed call as the admin view shows it: never a secret or card data (see failure-body.ts). */
export interface RecentFailure {
  at: string;
  operation: Operation;
  /** The PSP's HTTP status; null when it did not answer. */
  status: number | null;
  code: string;
  error: string;
  body: string | null;
}

/** How many failed calls each provider keeps for the admin view. */
export const RECENT_FAILURES = 20;

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
 * What a whole call (after its retries) says about the PSP, for the breaker.
 * Only "unavailable" and "no answer in time" are failures; a decline or a
 * refusal is the PSP answering. Calls we refused ourselves (rate limit, open
 * circuit, deadline before sending) and calls the caller's own deadline cut off
 * never reached a verdict at the PSP: they say nothing.
 */
function verdictOf(e: unknown): Verdict {
  if (isProviderUnavailable(e) && e.local) return 'ignored';
  if (e instanceof ProviderError && CUT_BY_CALLER.has(e)) return 'ignored';
  return isProviderUnavailable(e) || isProviderAmbiguous(e) ? 'failure' : 'success';
}

/**
 * A PSP adapter behind the policies every PSP call needs, declared once here at
 * the edge: a timeout per operation (a write cut off by it is ambiguous, never
 * failed), retries with backoff and full jitter only where the PSP certainly did
 * not act (honouring Retry-After, never past the caller's deadline), a circuit
 * breaker judging whole calls by failure rate (see circuit-breaker.ts), a rate
 * limit, and a record of recent calls for the admin view.
 */
export class ResilientProvider implements PaymentProvider {
  readonly name: string;
  readonly webhooks?: ProviderWebhooks;
  private readonly breaker: CircuitBreaker;
  private readonly limiter: RateLimiter;
  private readonly stats = new CallStats();
  /** Newest last; at most RECENT_FAILURES. */
  private readonly failures: RecentFailure[] = [];
  /** Present when the adapter has it (PayPay has no list API). A read: retried like `get`, never refused by the circuit. */
  readonly list?: (input: ListInput) => Promise<ListOutput>;

  constructor(
    private readonly inner: PaymentProvider,
    private readonly policy: EdgePolicy,
    private readonly log: Logger,
    private readonly observer?: EdgeObserver,
    /** The breaker's clock (tests). */
    now: () => number = Date.now,
  ) {
    this.name = inner.name;
    if (inner.webhooks) this.webhooks = inner.webhooks;
    if (inner.list) {
      const list = inner.list.bind(inner);
      const pageTimeoutMs = policy.timeoutsMs.list ?? policy.timeoutsMs.find;
      this.list = (i) => this.run('list', i.signal, (signal) => list({ ...i, signal, pageTimeoutMs }));
    }
    this.limiter = new RateLimiter(policy.rateLimit.perSecond, policy.rateLimit.maxWaitMs);
    const c = policy.circuit;
    this.breaker = new CircuitBreaker(
      { failureRate: c.failureRate, minCalls: c.minCalls, consecutiveFailures: c.consecutiveFailures, windowMs: c.windowMs, openMs: c.halfOpenAfterMs, probes: c.probes },
      (state, before) => {
        // The figures that decided: the window when a closed circuit opens, the probes when a half-open one closes or reopens.
        const { window, probes } = before;
        const fields = { provider: this.name, circuit: state, from: before.state, ...(before.state === 'closed' ? { window } : {}), ...(probes ? { probes } : {}) };
        // Only opening is a failure; half-open (probing) and closed (recovered) are info, so triage does not count them.
        if (state === 'open') this.log.warn({ event: 'psp_circuit_open', ...fields }, `circuit ${state}`);
        else if (state === 'half-open') this.log.info({ event: 'psp_circuit_half_open', ...fields }, `circuit ${state}`);
        else this.log.info({ event: 'psp_circuit_closed', ...fields }, `circuit ${state}`);
        this.observer?.circuit(this.name, state);
      },
      now,
    );
    this.observer?.circuit(this.name, 'closed');
  }

  /** False while the circuit refuses calls (open and not yet due for probes, or every probe out): routing skips this provider. */
  available(): boolean {
    return this.breaker.wouldPermit();
  }

  health(): ProviderHealth {
    const snap = this.breaker.snapshot();
    const recent = this.stats.summary();
    const last = this.failures.at(-1);
    return {
      name: this.name,
      circuit: snap.state,
      // The breaker only leaves "open" when a call comes: say 0 s once probes are due rather than "1 s" for ever.
      ...(snap.state === 'open' ? { halfOpenInSeconds: Math.ceil((snap.probeInMs ?? 0) / 1000) } : {}),
      breaker: { window: snap.window, ...(snap.probes ? { probes: snap.probes } : {}) },
      rateLimitPerSecond: this.limiter.perSecond,
      recent,
      lastFailure: last ? { at: last.at, operation: last.operation, error: last.error, ...(last.status !== null ? { status: last.status } : {}) } : null,
      latency: { p50Ms: recent.latencyMs?.p50 ?? null, p95Ms: recent.latencyMs?.p95 ?? null, p99Ms: recent.latencyMs?.p99 ?? null, count: recent.calls },
      recentFailures: [...this.failures].reverse(),
    };
  }

  private retryable(op: Operation, e: unknown): boolean {
    if (retryAfterMsOf(e) > this.policy.retry.maxDelayMs) return false; // the PSP asks for longer than we wait: fail over
    if (isProviderUnavailable(e)) return !e.local && !NO_RETRY_STATUS.has(e.detail.status ?? 0);
    // A status read may be repeated freely; a write that may have happened is resolved by asking, not by repeating.
    return isProviderAmbiguous(e) && !GATED.has(op);
  }

  /**
   * One whole call. Gated operations (money moves) need a permit from the
   * breaker, and the breaker hears the call's outcome after its retries: three
   * tries at a PSP answering 30 % 503 is a healthy call, not three failures.
   */
  private async run<T>(op: Operation, signal: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (!GATED.has(op)) return await this.retried(op, signal, fn);
    const permit = this.breaker.tryAcquire();
    if (!permit) this.refuse(op, 'circuit_open', `${this.name}: circuit open; ${op} not sent`, this.breaker.retryAfterSeconds());
    let verdict: Verdict = 'ignored';
    try {
      const result = await this.retried(op, signal, fn, permit);
      verdict = 'success';
      return result;
    } catch (e) {
      verdict = verdictOf(e);
      throw e;
    } finally {
      this.breaker.record(permit, verdict);
    }
  }

  /** The tries of one call under the retry policy, ended at once when the caller's deadline passes between tries. */
  private async retried<T>(op: Operation, signal: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>, permit?: Permit): Promise<T> {
    const policy = retry(handleWhen((e) => this.retryable(op, e)), {
      maxAttempts: this.policy.retry.max,
      backoff: new RetryAfterBackoff(this.policy.retry.baseMs, this.policy.retry.maxDelayMs),
    });
    let inFlight = false;
    let lastError: unknown;
    const tries = policy.execute(async () => {
      inFlight = true;
      try {
        return await this.once(op, signal, fn, permit);
      } catch (e) {
        lastError = e;
        throw e;
      } finally {
        inFlight = false;
      }
    }, signal); // with the caller's signal, no retry is started once its deadline has passed
    if (!signal) return await tries;
    // cockatiel's wait between tries does not listen to the signal. A deadline passing during that wait
    // ends the call now with the last try's error (nothing is in flight, so nothing more can have been
    // accepted); a try in flight is cut by the same signal in timed() and ends the call itself.
    return await new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        if (!inFlight && lastError !== undefined) reject(lastError as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      tries.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private refuse(op: Operation, outcome: CallOutcome, message: string, retryAfterSeconds?: number): never {
    this.observer?.call(this.name, op, outcome, 0);
    throw new ProviderUnavailableError(message, this.name, retryAfterSeconds ? { retryAfterSeconds } : {}, undefined, outcome);
  }

  /** One try: deadline, circuit (for a retry), rate limit, timeout; recorded and classified. */
  private async once<T>(op: Operation, signal: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>, permit?: Permit): Promise<T> {
    // Refusals here happen before anything is sent: certainly not accepted, safe to fail over.
    if (signal?.aborted) this.refuse(op, 'unavailable', `${this.name}: deadline passed before the ${op} call was sent`);
    const circuitOpened = () => permit !== undefined && !this.breaker.admits(permit);
    // A retry of a call whose circuit opened meanwhile is not sent: the PSP is judged sick.
    if (circuitOpened()) this.refuse(op, 'circuit_open', `${this.name}: circuit opened; ${op} retry not sent`, this.breaker.retryAfterSeconds());
    if (!(await this.limiter.take(signal))) this.refuse(op, 'rate_limited', `${this.name}: rate limit of ${this.limiter.perSecond}/s reached; ${op} not sent`);
    if (circuitOpened()) this.refuse(op, 'circuit_open', `${this.name}: circuit opened; ${op} retry not sent`, this.breaker.retryAfterSeconds());
    const started = performance.now();
    const { span, ctx } = startSpan(`psp ${op}`, { 'psp.provider': this.name, 'psp.operation': op }, { kind: SpanKind.CLIENT });
    try {
      const result = await withContext(ctx, () => this.timed(op, signal, fn));
      const declined = (result as ProviderPayment | undefined)?.status === 'declined';
      this.done(op, declined ? 'declined' : 'ok', started);
      span.setAttribute('psp.outcome', declined ? 'declined' : 'ok');
      return result;
    } catch (e) {
      // A window too wide to list is an answer about the request, like a refusal, not a sign of a sick PSP.
      const outcome: CallOutcome = isProviderRejected(e) || isProviderListTooLong(e) ? 'rejected' : isProviderUnavailable(e) ? 'unavailable' : 'ambiguous';
      this.done(op, outcome, started);
      const detail = e instanceof ProviderError ? e.detail : {};
      span.setAttributes({ 'psp.outcome': outcome, ...(detail.status ? { 'psp.status': detail.status } : {}) });
      if (outcome !== 'rejected') span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
      // The PSP's own status and body, as it sent them (secrets are scrubbed from every log line).
      this.log.warn({ event: 'psp_call_failed', provider: this.name, operation: op, outcome, pspStatus: detail.status, pspBody: detail.body, err: e }, 'PSP call failed');
      if (outcome !== 'rejected') {
        const at = new Date().toISOString();
        const error = scrubSecrets(String((e as Error).message ?? e));
        const code = e instanceof ProviderError ? e.code : 'PROVIDER_AMBIGUOUS';
        this.failures.push({ at, operation: op, status: detail.status ?? null, code, error, body: safeFailureBody(detail.body) });
        if (this.failures.length > RECENT_FAILURES) this.failures.shift();
      }
      throw e;
    } finally {
      span.end();
    }
  }

  private done(op: Operation, outcome: CallOutcome, started: number): void {
    const ms = performance.now() - started;
    this.stats.record({ at: Date.now(), operation: op, ok: outcome === 'ok' || outcome === 'declined' || outcome === 'rejected', ms: Math.round(ms) });
    this.observer?.call(this.name, op, outcome, ms / 1000);
  }

  /** A listing is many page calls, each bounded by its page timeout: the whole call gets room for every page. */
  private timeoutOf(op: Operation): number {
    const t = this.policy.timeoutsMs;
    return op === 'list' ? (t.list ?? t.find) * LIST_MAX_PAGES : t[op];
  }

  /** The call under its operation's timeout; a cut-off call is ambiguous (it may have reached the PSP). */
  private async timed<T>(op: Operation, signal: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const ms = this.timeoutOf(op);
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
