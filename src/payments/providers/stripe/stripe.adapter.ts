import Stripe from 'stripe';
import {
  LIST_MAX_PAGES,
  ProviderAmbiguousError,
  ProviderListTooLongError,
  ProviderRejectedError,
  ProviderUnavailableError,
  isProviderUnavailable,
  type AuthorizeInput,
  type CaptureInput,
  type FindByReferenceInput,
  type GetInput,
  type ListInput,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderWebhooks,
  type RefundInput,
  type VoidInput,
} from '../provider.ts';
import { classifyStripeError } from './stripe.errors.ts';
import { stripeWebhooks } from './stripe.webhook.ts';
import { ATTEMPT_KEY, REFERENCE_KEY, REFUND_KEY, embeddedRefunds, toPayment } from './stripe.wire.ts';

export interface StripeProviderOptions {
  /** `sk_test_…` / `sk_live_…` (or a restricted `rk_…` key with PaymentIntents and Refunds write). */
  secretKey: string;
  /** Default `https://api.stripe.com`; the simulator passes e.g. `http://127.0.0.1:4010`. */
  apiBase?: string;
  /** Webhook signing secrets accepted (current first, then the previous one while rolling). */
  webhookSecrets: string[];
  /** Oldest webhook signature accepted, in seconds. */
  webhookToleranceSeconds: number;
  /** Socket timeout of one call; a call cut off by it is ambiguous, not failed. */
  timeoutMs: number;
  /** Paging of `list`: PaymentIntents per page (1–100, default 100) and most pages (default LIST_MAX_PAGES); tests use small ones. */
  list?: { pageSize?: number; maxPages?: number };
}

const NAME = 'stripe';

/**
 * The API version this adapter is written against: the one `stripe` 23.1.0
 * pins. Pinned explicitly so an SDK upgrade never silently changes the objects
 * we read (https://docs.stripe.com/api/versioning).
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' as const;

/** Host, port and protocol of `apiBase`, as the SDK's client options want them. */
function endpoint(apiBase: string): { host: string; port: number; protocol: 'http' | 'https' } {
  const url = new URL(apiBase);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`stripe apiBase must be http(s): ${apiBase}`);
  if (url.pathname !== '/' || url.search) throw new Error(`stripe apiBase must have no path: ${apiBase}`);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443,
    protocol,
  };
}

/**
 * Runs `call`, abandoning it when `signal` aborts (the SDK takes no signal): an
 * abort before sending proves nothing was done; after, the outcome is unknown.
 */
async function withSignal<T>(signal: AbortSignal | undefined, operation: string, call: () => Promise<T>): Promise<T> {
  if (!signal) return await call();
  if (signal.aborted) throw new ProviderUnavailableError(`stripe ${operation} aborted before sending`, NAME);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new ProviderAmbiguousError(`stripe ${operation} aborted in flight`, NAME));
    signal.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([call(), aborted]);
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}

/** Escapes a value for a quoted search clause (https://docs.stripe.com/search#search-query-language). */
const quote = (s: string): string => `"${s.replace(/["\\]/g, (c) => `\\${c}`)}"`;

/**
 * The Stripe adapter: PaymentIntents with manual capture through the official
 * SDK (https://docs.stripe.com/payments/capture-later).
 * No retries here (the resilience edge owns them); every POST carries orderly's
 * idempotency key (https://docs.stripe.com/api/idempotent_requests).
 */
export class StripeProvider implements PaymentProvider {
  readonly name = NAME;
  readonly webhooks: ProviderWebhooks;
  /** A true private field: the client holds the secret key, and must never be serialised into a log line. */
  readonly #stripe: Stripe;
  private readonly listPaging: { pageSize: number; maxPages: number };

  constructor(opts: StripeProviderOptions) {
    this.listPaging = { pageSize: opts.list?.pageSize ?? 100, maxPages: opts.list?.maxPages ?? LIST_MAX_PAGES };
    this.#stripe = new Stripe(opts.secretKey, {
      apiVersion: STRIPE_API_VERSION,
      ...endpoint(opts.apiBase ?? 'https://api.stripe.com'),
      maxNetworkRetries: 0,
      timeout: opts.timeoutMs,
      telemetry: false,
      appInfo: { name: 'orderly' },
    });
    this.webhooks = stripeWebhooks(this.#stripe, { secrets: opts.webhookSecrets, toleranceSeconds: opts.webhookToleranceSeconds });
  }

  /** One SDK call: the signal honoured, errors classified. */
  private async call<T>(operation: string, signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await withSignal(signal, operation, run);
    } catch (err) {
      throw classifyStripeError(err, operation);
    }
  }

  private payment(pi: Stripe.PaymentIntent, operation: string, allRefunds?: Stripe.Refund[]): ProviderPayment {
    const p = toPayment(pi, allRefunds);
    if (!p) throw new ProviderAmbiguousError(`stripe ${operation}: unexpected PaymentIntent status ${pi.status}`, NAME);
    return p;
  }

  /**
   * The charge's refunds when its embedded list (Stripe shows 10) is cut
   * short: the rest are paged from `GET /v1/refunds?payment_intent=`. Undefined
   * when the embedded list is whole (or the charge has none to show).
   */
  private async remainingRefunds(pi: Stripe.PaymentIntent, signal?: AbortSignal, timeout?: number): Promise<Stripe.Refund[] | undefined> {
    if (embeddedRefunds(pi)?.complete !== false) return undefined;
    return await this.call('get', signal, () =>
      this.#stripe.refunds.list({ payment_intent: pi.id, limit: 100 }, timeout ? { timeout } : {}).autoPagingToArray({ limit: 10_000 }),
    );
  }

  /** The PaymentIntent a refused request carries, when its status shows the request was already done. */
  private static alreadyDone(err: unknown, status: Stripe.PaymentIntent.Status): Stripe.PaymentIntent | undefined {
    if (!(err instanceof Stripe.errors.StripeInvalidRequestError) || err.code !== 'payment_intent_unexpected_state') return undefined;
    return err.payment_intent?.status === status ? err.payment_intent : undefined;
  }

  async authorize(i: AuthorizeInput): Promise<ProviderPayment> {
    if (i.source.type !== 'card') {
      throw new ProviderRejectedError(`stripe does not take ${i.source.type} payments here`, NAME, 'unsupported_payment_method');
    }
    const params: Stripe.PaymentIntentCreateParams = {
      amount: i.amount,
      currency: i.currency.toLowerCase(),
      capture_method: 'manual',
      confirm: true,
      payment_method: i.source.token,
      // Cards only, so no redirect-based method can demand a return_url.
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      // What findByReference searches by: the order and this attempt's key.
      metadata: { [REFERENCE_KEY]: i.reference, [ATTEMPT_KEY]: i.idempotencyKey },
      description: `orderly ${i.reference}`,
      expand: ['latest_charge'],
    };
    try {
      const pi = await withSignal(i.signal, 'authorize', () =>
        this.#stripe.paymentIntents.create(params, { idempotencyKey: i.idempotencyKey }),
      );
      return this.payment(pi, 'authorize');
    } catch (err) {
      // A decline is an answer, not a failure: the 402 carries the PaymentIntent (requires_payment_method).
      if (err instanceof Stripe.errors.StripeCardError && err.payment_intent) return this.payment(err.payment_intent, 'authorize');
      throw classifyStripeError(err, 'authorize');
    }
  }

  async capture(i: CaptureInput): Promise<ProviderPayment> {
    try {
      const pi = await withSignal(i.signal, 'capture', () =>
        this.#stripe.paymentIntents.capture(
          i.providerPaymentId,
          { amount_to_capture: i.amount, expand: ['latest_charge'] },
          { idempotencyKey: i.idempotencyKey },
        ),
      );
      return this.payment(pi, 'capture');
    } catch (err) {
      // Captured already (an earlier attempt under another key): the goal is reached.
      const done = StripeProvider.alreadyDone(err, 'succeeded');
      if (done) return this.payment(done, 'capture');
      throw classifyStripeError(err, 'capture');
    }
  }

  async void(i: VoidInput): Promise<ProviderPayment> {
    try {
      const pi = await withSignal(i.signal, 'void', () =>
        this.#stripe.paymentIntents.cancel(i.providerPaymentId, { expand: ['latest_charge'] }, { idempotencyKey: i.idempotencyKey }),
      );
      return this.payment(pi, 'void');
    } catch (err) {
      const done = StripeProvider.alreadyDone(err, 'canceled');
      if (done) return this.payment(done, 'void');
      throw classifyStripeError(err, 'void');
    }
  }

  /**
   * One Refund per idempotency key, tagged with it (metadata `orderly_refund`)
   * so the payment's `refunds` name it. Its status may be `pending`: `get`
   * follows it to `succeeded` or `failed`.
   */
  async refund(i: RefundInput): Promise<ProviderPayment> {
    const refund = await this.call('refund', i.signal, () =>
      this.#stripe.refunds.create(
        { payment_intent: i.providerPaymentId, amount: i.amount, metadata: { [REFUND_KEY]: i.idempotencyKey }, expand: ['payment_intent.latest_charge.refunds'] },
        { idempotencyKey: i.idempotencyKey },
      ),
    );
    if (refund.payment_intent && typeof refund.payment_intent === 'object') {
      const pi = refund.payment_intent;
      // The refund is made: a failure reading the rest of its siblings must not look like "not done".
      const rest = await this.remainingRefunds(pi, i.signal).catch((err: unknown) => {
        throw isProviderUnavailable(err) ? new ProviderAmbiguousError('stripe refund made, reading its refunds back failed', NAME, err.detail, { cause: err }) : err;
      });
      const known = rest ?? embeddedRefunds(pi)?.refunds;
      // The answer's own Refund is the truth about this one (a replay shows it as it was first answered).
      const all = known ? [refund, ...known.filter((r) => r.id !== refund.id)] : undefined;
      return this.payment(pi, 'refund', all);
    }
    // The refund is made: a failure reading the result back must not look like "not done".
    const after = await this.get({ providerPaymentId: i.providerPaymentId, signal: i.signal }).catch((err: unknown) => {
      throw isProviderUnavailable(err) ? new ProviderAmbiguousError('stripe refund made, reading it back failed', NAME, err.detail, { cause: err }) : err;
    });
    if (!after) throw new ProviderAmbiguousError('stripe refund made, PaymentIntent not found', NAME);
    return after;
  }

  async get(i: GetInput): Promise<ProviderPayment | undefined> {
    try {
      const pi = await withSignal(i.signal, 'get', () =>
        this.#stripe.paymentIntents.retrieve(i.providerPaymentId, { expand: ['latest_charge.refunds'] }),
      );
      return this.payment(pi, 'get', await this.remainingRefunds(pi, i.signal));
    } catch (err) {
      if (err instanceof Stripe.errors.StripeInvalidRequestError && err.code === 'resource_missing') return undefined;
      throw classifyStripeError(err, 'get');
    }
  }

  /**
   * Search by the metadata authorize wrote. Stripe's search index lags writes by
   * up to a minute (https://docs.stripe.com/search, "Data freshness"): an empty
   * answer right after a timed-out create means "not yet visible", not "never made".
   */
  async findByReference(i: FindByReferenceInput): Promise<ProviderPayment[]> {
    const clauses = [`metadata[${quote(REFERENCE_KEY)}]:${quote(i.reference)}`];
    if (i.idempotencyKey) clauses.push(`metadata[${quote(ATTEMPT_KEY)}]:${quote(i.idempotencyKey)}`);
    const result = await this.call('find', i.signal, () =>
      this.#stripe.paymentIntents.search({ query: clauses.join(' AND '), limit: 100, expand: ['data.latest_charge'] }),
    );
    return result.data.flatMap((pi) => {
      const p = toPayment(pi);
      return p ? [p] : [];
    });
  }

  /**
   * Every PaymentIntent created in the window, newest first, through the SDK's
   * auto-pagination (`starting_after` the last id of each page). Stripe
   * compares `created` in whole seconds, so the window is [⌊from⌋, ⌊to⌋) in
   * seconds: consecutive windows tile with no gap and no overlap. Intents in a
   * status orderly never creates (never confirmed: no money moved) are left out.
   */
  async list(i: ListInput): Promise<ProviderPayment[]> {
    const { pageSize, maxPages } = this.listPaging;
    const seconds = (d: Date): number => Math.floor(d.getTime() / 1000);
    const params: Stripe.PaymentIntentListParams = {
      created: { gte: seconds(i.createdFrom), lt: seconds(i.createdTo ?? new Date()) },
      limit: pageSize,
      expand: ['data.latest_charge.refunds'],
    };
    // The SDK takes no signal: each page is bounded by the edge's page timeout, the whole by withSignal.
    const options: Stripe.RequestOptions = i.pageTimeoutMs ? { timeout: i.pageTimeoutMs } : {};
    return await this.call('list', i.signal, async () => {
      const out: ProviderPayment[] = [];
      let seen = 0;
      for await (const pi of this.#stripe.paymentIntents.list(params, options)) {
        if (i.signal?.aborted) break; // withSignal has answered already; stop fetching pages nobody reads
        if (++seen > pageSize * maxPages) throw new ProviderListTooLongError(NAME, maxPages);
        const p = toPayment(pi, await this.remainingRefunds(pi, i.signal, i.pageTimeoutMs));
        if (p) out.push(p);
      }
      return out;
    });
  }
}
