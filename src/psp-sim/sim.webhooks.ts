import { createHmac, randomBytes } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { eventBody, type EventRefund } from './sim.events.ts';
import type { PaymentJson, SimProvider } from './sim.types.ts';
import type { FaultRules } from './sim.faults.ts';
import { settleDue } from './sim.repository.ts';
import {
  applyFault,
  claimDue,
  recordAttempt,
  releaseHeld,
  releaseLease,
  type ClaimedEvent,
} from './sim.webhooks.repository.ts';

/** Header carrying the signature: `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`. */
export const SIGNATURE_HEADER = 'psp-sim-signature';

/** An outbox event as a provider's formatter sees it. */
export interface FormattableEvent {
  id: string;
  /** `payment.<status>` or `refund.<status>`: the simulator's own name, which a formatter maps to its PSP's event type. */
  type: string;
  /** Unix seconds of the event's creation. */
  created: number;
  provider: SimProvider;
  /** The payment as it was at the change. */
  payment: PaymentJson;
  /** The payment's provider-specific fields at the change. */
  meta: Record<string, unknown>;
  /** Refund events (`refund.<status>`): the refund after the change. */
  refund?: EventRefund;
}

/**
 * Renders an event the way one PSP sends it. The body must be the same bytes
 * for every delivery of an event (duplicates are identical); the headers (a
 * signature with a timestamp) are computed at each send. `undefined` = this
 * PSP sends no notification for such a change: the event is marked `dropped`.
 */
export type WebhookFormat = (e: FormattableEvent) => { body: string; headers: Record<string, string> } | undefined;

/** Delivery settings of {@link WebhookDispatcher}. */
export interface WebhookOptions {
  /** Signs the native API's webhooks. */
  secret: string;
  /** Where each provider's events go; a provider without one keeps its events `pending` until a URL is set. */
  urls: Partial<Record<SimProvider, string>>;
  /** Formats of the compatible APIs' events; the native format is built in. */
  formats: Partial<Record<SimProvider, WebhookFormat>>;
  retryBaseMs: number;
  retryMaxMs: number;
  maxAttempts: number;
  timeoutMs: number;
}

/** Defaults of the optional tuning options. */
export const WEBHOOK_DEFAULTS = { retryBaseMs: 1000, retryMaxMs: 60_000, maxAttempts: 25, timeoutMs: 5000 } as const;

const MAX_IN_FLIGHT = 8;
/** Due retries, delayed first attempts and timed-out reorder holds are found by polling. */
const POLL_MS = 250;
/** Settles due `processing` payments even when nobody reads them, so their webhook goes out. */
const SETTLE_TICK_MS = 1000;
/** The claim lease outlives the request timeout by this much, so a live attempt is never claimed twice. */
const LEASE_MARGIN_MS = 2000;
const DEFAULT_HOLD_MS = 2000;

/** The signature header value for `body` sent at unix time `t`. */
export function signWebhook(secret: string, t: number, body: string): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/** Exponential backoff with full jitter (uniform in [0, min(max, base·2^(attempts-1))]). */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));
  return Math.floor(Math.random() * ceiling);
}

type SendResult = { ok: boolean; status: number | null; error: string | null };

function describeError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return 'timeout';
  return String(e.cause?.code ?? e.cause?.message ?? e.message ?? err).slice(0, 200);
}

/**
 * Delivers the webhook outbox: claims due events in short transactions, sends
 * them (up to MAX_IN_FLIGHT at once, no ordering, like Stripe), records each
 * result, retries with backoff. Woken in-process after commits that wrote
 * events, and by a poll for retries. Fault rules of operation `webhook` apply
 * once per event, when it is first claimed.
 */
export class WebhookDispatcher {
  private readonly urls = new Map<SimProvider, string>();
  private readonly formats = new Map<SimProvider, WebhookFormat>();
  private closed = false;
  private running: Promise<void> | undefined;
  private again = false;
  private checkHolds = false;
  private settling: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly pool: pg.Pool,
    private readonly log: Logger,
    private readonly faults: FaultRules,
    private readonly opts: WebhookOptions,
  ) {
    for (const [provider, url] of Object.entries(opts.urls)) if (url) this.urls.set(provider as SimProvider, url);
    this.formats.set('psp-sim', (e) => {
      const body = eventBody({ id: e.id, type: e.type, created: e.created, payload: { payment: e.payment } });
      return { body, headers: { [SIGNATURE_HEADER]: signWebhook(this.opts.secret, Math.floor(Date.now() / 1000), body) } };
    });
    for (const [provider, format] of Object.entries(opts.formats)) if (format) this.formats.set(provider as SimProvider, format);
  }

  /** Starts the poll and the settlement ticker (unref'd: they never keep the process alive). */
  start(): void {
    this.timers.push(setInterval(() => this.wake(true), POLL_MS).unref());
    this.timers.push(setInterval(() => this.settle(), SETTLE_TICK_MS).unref());
    this.wake(true);
  }

  /** Sets or clears a provider's delivery URL; its pending events go out once one is set. */
  setUrl(url: string | undefined, provider: SimProvider = 'psp-sim'): void {
    if (url) this.urls.set(provider, url);
    else this.urls.delete(provider);
    this.wake();
  }

  /** Looks for due events now (after a commit that wrote some). Cheap: concurrent wakes coalesce. */
  wake(timeUp = false): void {
    if (this.closed) return;
    if (timeUp) this.checkHolds = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = undefined;
      if (this.again) this.wake();
    });
  }

  /** Stops the loop, aborts deliveries in flight and gives their events back. */
  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    this.abort.abort();
    await this.running;
    await this.settling;
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.pass();
      } catch (err) {
        if (!this.closed) this.log.warn({ event: 'sim_webhook_loop_failed', err }, 'psp-sim webhook loop failed');
      }
    } while (this.again && !this.closed);
  }

  private async pass(): Promise<void> {
    if (this.checkHolds) {
      this.checkHolds = false;
      await releaseHeld(this.pool);
    }
    const targets = new Map(this.urls);
    const free = MAX_IN_FLIGHT - this.inFlight.size;
    if (targets.size === 0 || free <= 0 || this.closed) return;
    const token = randomBytes(12).toString('hex');
    const claimed = await claimDue(this.pool, free, token, this.opts.timeoutMs + LEASE_MARGIN_MS, [...targets.keys()]);
    if (claimed.length === free) this.again = true;
    // Faults are applied one event at a time: a reorder hold must be written
    // before the event that completes it releases the hold.
    for (const event of claimed) {
      if (this.closed) {
        await releaseLease(this.pool, event.id, token);
        continue;
      }
      if (event.firstDue && !(await this.applyFaults(event, token))) continue;
      this.track(this.deliver(event, targets.get(event.provider)!, token));
    }
  }

  /** Applies a webhook fault rule to a first-due event; true = send it now. */
  private async applyFaults(e: ClaimedEvent, token: string): Promise<boolean> {
    const taken = this.faults.takeWebhook(e.type, e.reference, e.provider);
    if (!taken) return true;
    const { rule } = taken;
    const copies = rule.duplicate ?? 0;
    this.log.info({ eventId: e.id, type: e.type, rule }, 'psp-sim webhook fault applied');
    if (rule.drop) {
      await applyFault(this.pool, e.id, token, { kind: 'drop' });
      return false;
    }
    if (rule.reorder) {
      const holdMs = rule.latencyMs ?? DEFAULT_HOLD_MS;
      await applyFault(this.pool, e.id, token, { kind: 'hold', group: taken.group, holdMs, copies });
      if (taken.exhausted) {
        await releaseHeld(this.pool, taken.group);
        this.again = true;
      }
      return false;
    }
    if (rule.latencyMs) {
      await applyFault(this.pool, e.id, token, { kind: 'delay', ms: rule.latencyMs, copies });
      return false;
    }
    if (copies > 0) await applyFault(this.pool, e.id, token, { kind: 'copies', copies });
    return true;
  }

  private track(task: Promise<void>): void {
    const tracked = task
      .catch((err: unknown) => {
        if (!this.closed) this.log.warn({ event: 'sim_webhook_bookkeeping_failed', err }, 'psp-sim webhook delivery bookkeeping failed');
      })
      .finally(() => {
        this.inFlight.delete(tracked);
        this.wake();
      });
    this.inFlight.add(tracked);
  }

  private async deliver(e: ClaimedEvent, url: string, token: string): Promise<void> {
    const format = this.formats.get(e.provider) ?? this.formats.get('psp-sim')!;
    const rendered = format({
      id: e.id,
      type: e.type,
      created: e.created,
      provider: e.provider,
      payment: e.payload.payment,
      meta: e.payload.meta ?? {},
      ...(e.payload.refund ? { refund: e.payload.refund } : {}),
    });
    if (!rendered) {
      await applyFault(this.pool, e.id, token, { kind: 'drop' });
      return;
    }
    const result = await this.send(url, rendered);
    if (result === 'closing') {
      await releaseLease(this.pool, e.id, token);
      return;
    }
    const attempts = e.attempts + 1;
    const retryInMs =
      result.ok || attempts >= this.opts.maxAttempts
        ? null
        : backoffMs(attempts, this.opts.retryBaseMs, this.opts.retryMaxMs);
    await recordAttempt(this.pool, e.id, token, { ...result, retryInMs });
    const fields = { eventId: e.id, type: e.type, copy: e.state === 'delivered', attempts, status: result.status };
    if (result.ok) this.log.debug(fields, 'psp-sim webhook delivered');
    else if (retryInMs === null) this.log.warn({ event: 'sim_webhook_gave_up', ...fields, error: result.error }, 'psp-sim webhook gave up');
    else this.log.info({ ...fields, error: result.error, retryInMs }, 'psp-sim webhook attempt failed');
  }

  /** One signed POST in the event's provider format. The secret and the signature are never logged. */
  private async send(url: string, { body, headers }: { body: string; headers: Record<string, string> }): Promise<SendResult | 'closing'> {
    const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.timeoutMs)]);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'psp-sim-webhooks/1', ...headers },
        body,
        signal,
        redirect: 'manual',
      });
      // Read the answer so the connection can be reused; its content does not matter.
      await res.arrayBuffer().catch(() => undefined);
      const ok = res.status >= 200 && res.status < 300;
      return { ok, status: res.status, error: ok ? null : `HTTP ${res.status}` };
    } catch (err) {
      if (this.closed) return 'closing';
      return { ok: false, status: null, error: describeError(err) };
    }
  }

  private settle(): void {
    if (this.settling || this.closed) return;
    this.settling = settleDue(this.pool, {})
      .then((n) => {
        if (n > 0) this.wake();
      })
      .catch((err: unknown) => {
        if (!this.closed) this.log.warn({ event: 'sim_settlement_failed', err }, 'psp-sim settlement tick failed');
      })
      .finally(() => {
        this.settling = undefined;
      });
  }
}
