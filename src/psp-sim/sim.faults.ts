import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './sim.types.ts';
import type { PendingTimers } from './sim.timers.ts';
import type { SimProvider } from './sim.types.ts';

/** The PSP operations a fault rule can target. */
/** `list`: the payment lists reconciliation pages through (`GET /v1/payments?createdFrom=`, Stripe's `GET /v1/payment_intents`). */
export const FAULT_OPERATIONS = ['authorize', 'capture', 'void', 'refund', 'get', 'find', 'list', 'webhook'] as const;
export type FaultOperation = (typeof FAULT_OPERATIONS)[number];

/** One injected fault, as posted to `POST /__sim/faults`. */
export interface FaultRule {
  operation: FaultOperation;
  /** Which simulated PSP the rule targets; absent = every provider. */
  provider?: SimProvider;
  /**
   * Fraction (0–1) of matching requests the rule applies to, chosen at random
   * (chaos: "30 % of authorizations answer 503"); absent = every one. Only
   * requests it applies to use up `count`.
   */
  errorRate?: number;
  /** With `status`: sent as `Retry-After` (seconds). */
  retryAfterSeconds?: number;
  /**
   * Answer `{ error: { code: 'injected_fault' } }` (in the provider's own error
   * shape) with this status, doing nothing else — unless `afterActing`.
   */
  status?: number;
  /**
   * With `status`: act first, then lie. The request is handled as usual — the
   * payment created or authorized, captured, voided or refunded, its answer
   * stored under the idempotency key, its webhooks sent — and only then is the
   * answer replaced by the injected status and body: "a PSP that says 503 and
   * authorizes anyway". A retry with the same key gets the stored (true) answer
   * once the rule is used up.
   */
  afterActing?: boolean;
  /** How many matching requests (webhook: events) the rule applies to; absent = until cleared. */
  count?: number;
  /**
   * Delay before handling (or before the injected status). Webhook: delay of the
   * first delivery attempt; with `reorder`, the longest hold (default 2000 ms).
   */
  latencyMs?: number;
  /** Never answer (until the simulator closes). */
  hang?: boolean;
  /** Webhook only: applies to events of this type (e.g. `payment.captured`). */
  eventType?: string;
  /** Webhook only: applies to events of this payment reference. */
  reference?: string;
  /** Webhook only: the event is marked `dropped` and never delivered. */
  drop?: boolean;
  /** Webhook only: delivered this many extra times (same id and body). */
  duplicate?: number;
  /** Webhook only: hold matching events until `count` are held (or the hold times out), then deliver newest first. */
  reorder?: boolean;
  /**
   * Refund only: the refund is recorded `pending` (it does not count as
   * refunded, but its amount is spoken for) and settles `afterMs` later to
   * `outcome` — `failed` with `failureReason` (default `declined`) — with the
   * PSP's webhook where it sends one (Stripe).
   */
  settle?: { afterMs: number; outcome: 'succeeded' | 'failed'; failureReason?: string };
}

/** A rule with how many uses it has left (null = unlimited). */
export interface ActiveFaultRule extends FaultRule {
  remaining: number | null;
}

/** A webhook rule taken for one event. */
export interface TakenWebhookRule {
  rule: FaultRule;
  /** Names the rule's reorder hold (new for every replace(), so old holds never mix in). */
  group: string;
  /** True when this event used the rule's last count: a reorder hold is complete. */
  exhausted: boolean;
}

interface Entry {
  rule: FaultRule;
  remaining: number | null;
  group: string;
}

/**
 * Fault rules live in memory only: they are test controls, and a restarted
 * simulator starting without faults is what a test expects.
 */
export class FaultRules {
  private rules: Entry[] = [];

  /** Replaces all rules. */
  replace(rules: FaultRule[]): void {
    this.rules = rules.map((r) => ({ rule: { ...r }, remaining: r.count ?? null, group: randomBytes(8).toString('hex') }));
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFaultRule[] {
    return this.rules.map((e) => ({ ...e.rule, remaining: e.remaining }));
  }

  /** The first live rule for a request `operation` to `provider`, counted as used; undefined when none applies. */
  take(operation: Exclude<FaultOperation, 'webhook'>, provider: SimProvider = 'psp-sim'): FaultRule | undefined {
    return this.use((r) => r.operation === operation && forProvider(r, provider))?.rule;
  }

  /** The first live webhook rule matching an event, counted as used. */
  takeWebhook(eventType: string, reference: string, provider: SimProvider = 'psp-sim'): TakenWebhookRule | undefined {
    const entry = this.use(
      (r) =>
        r.operation === 'webhook' &&
        forProvider(r, provider) &&
        (r.eventType === undefined || r.eventType === eventType) &&
        (r.reference === undefined || r.reference === reference),
    );
    return entry && { rule: entry.rule, group: entry.group, exhausted: entry.remaining === 0 };
  }

  private use(match: (r: FaultRule) => boolean): Entry | undefined {
    // A rule with an error rate that does not fire this time lets later rules have a go.
    const entry = this.rules.find(
      (e) => e.remaining !== 0 && match(e.rule) && (e.rule.errorRate === undefined || Math.random() < e.rule.errorRate),
    );
    if (!entry) return undefined;
    if (entry.remaining !== null) entry.remaining -= 1;
    return entry;
  }
}

function forProvider(r: FaultRule, provider: SimProvider): boolean {
  return r.provider === undefined || r.provider === provider;
}

// The rule a request was dealt, for handlers that act on it (a refund's `settle`); keyed by the request itself.
const dealt = new WeakMap<FastifyRequest, FaultRule>();
// The answer an `afterActing` rule puts in place of the real one, once the handler has acted.
const lies = new WeakMap<FastifyRequest, { status: number; body: unknown; retryAfterSeconds?: number }>();

/** The fault rule faultHook applied to this request, if any. */
export function takenFault(request: FastifyRequest): FaultRule | undefined {
  return dealt.get(request);
}

/**
 * Route-level onRequest hook applying the fault rules for one operation of one
 * provider. It runs after authentication and before parsing, so an injected
 * status records nothing at all. `renderError` shapes the injected error the
 * way that provider's API does.
 */
export function faultHook(
  operation: Exclude<FaultOperation, 'webhook'>,
  faults: FaultRules,
  timers: PendingTimers,
  provider: SimProvider = 'psp-sim',
  renderError: (status: number) => unknown = () => errorBody('injected_fault'),
) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
    const rule = faults.take(operation, provider);
    if (!rule) return undefined;
    dealt.set(request, rule);
    if (rule.latencyMs) await timers.wait(rule.latencyMs);
    if (rule.hang) await timers.hang();
    if (rule.status === undefined) return undefined;
    if (rule.afterActing) {
      lies.set(request, { status: rule.status, body: renderError(rule.status), ...(rule.retryAfterSeconds !== undefined ? { retryAfterSeconds: rule.retryAfterSeconds } : {}) });
      return undefined;
    }
    if (rule.retryAfterSeconds !== undefined) reply.header('retry-after', String(rule.retryAfterSeconds));
    // Returning the reply tells Fastify the hook answered; the handler never runs.
    return reply.code(rule.status).send(renderError(rule.status));
  };
}

/**
 * App-wide onSend hook of `afterActing` rules: the handler has done its work
 * (and committed it); its answer is swapped for the injected error. Headers
 * are not sent before onSend ends, so the status can still change.
 */
export async function replaceAfterActing(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const lie = lies.get(request);
  if (!lie) return payload;
  lies.delete(request);
  if (lie.retryAfterSeconds !== undefined) reply.header('retry-after', String(lie.retryAfterSeconds));
  reply.code(lie.status).header('content-type', 'application/json; charset=utf-8');
  return JSON.stringify(lie.body);
}
