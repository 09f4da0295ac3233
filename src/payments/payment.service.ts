import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Db, DbOrTx, Tx } from '../platform/db/database.ts';
import type { ProviderHealth } from './providers/edge/resilient-provider.ts';
import {
  isProviderAmbiguous,
  isProviderRejected,
  isProviderUnavailable,
  type PaymentProvider,
  type PaymentSource,
  type ProviderPayment,
  type ProviderUnavailableError,
} from './providers/provider.ts';
import * as repo from './payment.repository.ts';
import type { AttemptStatus, NextAction, PaymentStatus } from './payment.table.ts';
import { WebhookInbox } from './payment.webhooks.ts';
import { STATUS_OF } from './payment.status.ts';
import { RefundDesk } from './payment.refunds.ts';
import { PspLedger } from './payment.reconcile.ts';
import { emitEvents, type NewEvent } from '../events/index.ts';
import { lockEventKey } from '../platform/outbox/outbox.ts';
import { declinedEvent, observedEvents, type ObservationMeta, type ObservationSource } from './payment.events.ts';

/** What an authorization came to, as the purchase workflow needs to know it. */
export type AuthorizeOutcome =
  | { kind: 'authorized' }
  | { kind: 'declined'; code: string }
  /** The PSP certainly did not accept the request: nothing is held. */
  | { kind: 'unavailable'; retryAfterSeconds?: number }
  /** Still deciding when the deadline came: something may be held later. */
  | { kind: 'processing' }
  /** Neither the call nor asking the PSP told us: something may be held. */
  | { kind: 'unknown' }
  /** The buyer must act (QR app, 3-D Secure); the PSP tells us later (webhook, polling). */
  | { kind: 'action_required'; nextAction: NextAction };

/** What the PSP's latest word about a payment (webhook or poll) means for the order. */
export type Observation =
  | { kind: 'succeeded'; applied: boolean }
  | { kind: 'failed'; code: string; applied: boolean }
  | { kind: 'pending'; applied: boolean }
  /** Voided or refunded: we undid it ourselves. */
  | { kind: 'ended'; applied: boolean }
  /**
   * Money on an attempt the order does not follow (an earlier attempt the PSP
   * refused to us and then acted on): it must be voided or refunded whatever
   * the order's state (see {@link Payments.cancel} with `straysOnly`).
   */
  | { kind: 'stray'; status: AttemptStatus }
  /** No attempt of ours matches: not our payment. */
  | { kind: 'foreign' };

export interface PaymentSummary {
  status: PaymentStatus;
  provider: string | null;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
  nextAction: NextAction | null;
  attempts: { provider: string; status: AttemptStatus; idempotencyKey: string; declineCode: string | null }[];
}

/**
 * A follow-up call that cannot act yet but knows when it can: the caller tries
 * again at `at`, and nothing failed (a task reruns then without counting a failure).
 */
export interface RetryAt {
  kind: 'retry_at';
  at: Date;
  why: string;
  /** The wait is a guess (a charge the PSP is still deciding), backing off with `processingWaits`: the caller counts it. */
  backoff?: boolean;
}

/** How a cancel runs: see {@link Payments.cancel}. */
export interface CancelOptions {
  /** Earlier waits for a charge the PSP was still deciding (the backoff's count). */
  processingWaits?: number;
  /** Undo only the attempts the order does not follow. */
  straysOnly?: boolean;
  /**
   * Called before money found held or taken at the PSP is given back, so the caller can record that it was
   * there; a crash before the undo calls it again on the re-run (it must be idempotent).
   */
  onMoneyFound?: (p: ProviderPayment) => Promise<void>;
}

/** What a follow-up payment call (capture, cancel) came to. */
export type FollowUpOutcome = { kind: 'done' } | RetryAt;

/**
 * Retries of a cancel while the PSP still processes the charge: 1 s, doubling,
 * at most 30 s apart. Not failures, so they never use up a task's attempts.
 */
const PROCESSING_WAIT_FIRST_MS = 1_000;
const PROCESSING_WAIT_MAX_MS = 30_000;

/**
 * How far past the buyer's deadline the status read right after an ambiguous
 * authorization may go: its answer (and the decision after it) still comes
 * before deadline + 1 s, and a "yes, authorized" it brings saves the order.
 */
const AMBIGUOUS_LOOKUP_GRACE_MS = 500;

/** A gated call our own open circuit refused (nothing was sent): a known moment to try again, not a failure. */
function circuitWait(e: unknown, what: string): RetryAt | undefined {
  if (!isProviderUnavailable(e) || e.local !== 'circuit_open') return undefined;
  const seconds = e.detail.retryAfterSeconds ?? 1;
  return { kind: 'retry_at', at: new Date(Date.now() + seconds * 1000), why: `${what}: ${e.message}` };
}

/** Milliseconds from now until `deadline`, at least 1 (an AbortSignal.timeout of 0 would still let a call start). */
const msUntil = (deadline: number): number => Math.max(1, deadline - Date.now());

/** A provider as payments routes to it: the adapter behind its resilience edge. */
export interface RoutedProvider extends PaymentProvider {
  /** False while its circuit is open: routing skips it. */
  available(): boolean;
  health(): ProviderHealth;
}

/** What one attempt at one provider came to: an outcome for the order, or "try the next provider". */
type AttemptResult = { kind: 'outcome'; outcome: AuthorizeOutcome } | { kind: 'failover'; error: ProviderUnavailableError };

/** Used when no provider told us how long to wait. */
const DEFAULT_RETRY_AFTER_SECONDS = 5;

export interface PaymentsOptions {
  /** Providers by name; `routes[method]` lists the ones that take a method, in order of preference. */
  providers: Map<string, RoutedProvider>;
  routes: Record<string, string[]>;
  /** How long after an attempt a "not found" at the PSP may still be a request in flight. */
  ambiguityWindowMs: number;
  /** Unsigned hints (PayPay): one per payment and status per window, at most one PSP query per payment per window. */
  hintWindowMs?: number;
  pollIntervalMs?: number;
}


type Attempt = Awaited<ReturnType<typeof repo.attemptsOf>>[number];

/**
 * How far along a status is. A PSP's word is applied only if it moves the
 * attempt forward (or repeats it with new amounts): a late or reordered
 * webhook never moves a payment back (I7).
 */
const RANK: Record<AttemptStatus, number> = {
  // Our own conclusions, not the PSP's word: whatever the PSP later says of the attempt is the truth
  // (a PSP that answered 503 and authorized anyway; a payment that showed up after its ambiguity window).
  CREATED: 0,
  UNKNOWN: 0,
  UNAVAILABLE: 0,
  NOT_FOUND: 0,
  PROCESSING: 1,
  REQUIRES_ACTION: 1,
  AUTHORIZED: 2,
  DECLINED: 2,
  CAPTURED: 3,
  VOIDED: 4,
  REFUNDED: 4,
};

/** What a PSP status means for the order: the one classification webhooks, polls and the webhook inbox use. */
export function meaningOf(status: ProviderPayment['status']): 'succeeded' | 'failed' | 'pending' | 'ended' {
  switch (status) {
    case 'authorized':
    case 'captured':
      return 'succeeded';
    case 'declined':
      return 'failed';
    case 'processing':
    case 'requires_action':
      return 'pending';
    case 'voided':
    case 'refunded':
      return 'ended';
  }
}

function observationOf(p: ProviderPayment, applied: boolean): Observation {
  const kind = meaningOf(p.status);
  return kind === 'failed' ? { kind, code: p.declineCode ?? 'declined', applied } : { kind, applied };
}

/**
 * The money side of orders. It speaks of a `reference` (the order number),
 * amounts and statuses, and never of orders: payments does not know checkout.
 */
export class Payments {
  /** Receives, stores and reads back PSP webhooks. */
  readonly webhooks: WebhookInbox;

  /** Operator refunds, followed through the PSP's statuses. */
  readonly refunds: RefundDesk;
  /** Each PSP's truth next to ours, for reconciliation. */
  readonly ledger: PspLedger;

  constructor(private readonly opts: PaymentsOptions) {
    this.webhooks = new WebhookInbox(opts.providers, { windowMs: opts.hintWindowMs ?? 10_000 });
    this.ledger = new PspLedger((name) => this.provider(name));
    this.refunds = new RefundDesk({
      provider: (name) => this.provider(name),
      apply: (tx, reference, paymentId, attempt, p, meta) => this.apply(tx, reference, paymentId, attempt, p, meta),
    });
  }

  /** Every provider's circuit, recent success rate and latency (`GET /api/v1/admin/providers`). */
  providerHealth(): (ProviderHealth & { methods: string[]; role: 'routed' | 'drain-only' })[] {
    return [...this.opts.providers.values()].map((p) => {
      const methods = Object.entries(this.opts.routes)
        .filter(([, names]) => names.includes(p.name))
        .map(([method]) => method);
      // Configured but in no route: it finishes its existing payments and takes no new ones.
      return { ...p.health(), methods, role: methods.length > 0 ? 'routed' : 'drain-only' };
    });
  }

  /** Per payment method, the providers tried in order. */
  routes(): Record<string, string[]> {
    return structuredClone(this.opts.routes);
  }

  /** Names of the configured providers (routed or drain-only). */
  providerNames(): string[] {
    return [...this.opts.providers.keys()];
  }

  /**
   * Per provider, how many of these references have money there that may
   * still move (see {@link repo.providersHolding}): the providers those
   * payments cannot be finished without.
   */
  async providersHolding(db: DbOrTx, references: string[]): Promise<Map<string, number>> {
    return await repo.providersHolding(db, references);
  }

  private provider(name: string): RoutedProvider {
    const p = this.opts.providers.get(name);
    if (!p) throw new Error(`no payment provider named ${name}`);
    return p;
  }

  /**
   * Records the payment and its first attempt (with its idempotency key) in the
   * caller's transaction, so the key exists before any PSP call is made.
   */
  async create(tx: Tx, p: { reference: string; amount: number; currency: string; method: string }): Promise<void> {
    // The method decides the providers; the first whose circuit is not open takes attempt 1.
    const route = this.opts.routes[p.method];
    if (!route?.length) throw new Error(`no provider configured for payment method ${p.method}`);
    const provider = route.find((name) => this.provider(name).available()) ?? route[0]!;
    const paymentId = await repo.insertPayment(tx, { ...p, provider });
    await repo.insertAttempt(tx, { paymentId, n: 1, provider, idempotencyKey: `${p.reference}:1` });
  }

  private async current(db: DbOrTx, reference: string) {
    const payment = await repo.paymentByReference(db, reference);
    if (!payment) throw new Error(`no payment for ${reference}`);
    const attempts = await repo.attemptsOf(db, payment.id);
    return { payment, attempts };
  }

  /**
   * Changes an attempt and (optionally) its payment together, in one transaction:
   * the two never disagree. Never called with a transaction open around a PSP call.
   */
  private async mark(
    db: Db,
    reference: string,
    attemptId: number,
    attempt: Parameters<typeof repo.updateAttempt>[2],
    payment?: { id: number; set: Parameters<typeof repo.updatePayment>[2] },
    events: NewEvent[] = [],
  ): Promise<void> {
    await db.transaction().execute(async (tx) => {
      await lockEventKey(tx, reference);
      await repo.updateAttempt(tx, attemptId, attempt);
      if (payment) await repo.updatePayment(tx, payment.id, payment.set);
      await emitEvents(tx, events);
    });
  }

  /**
   * Writes what the PSP says about an attempt into the attempt — and into its
   * payment when it is the attempt the payment follows (the last one:
   * failover opens a new attempt only after the earlier one certainly did
   * nothing) — in the caller's transaction, if it moves the attempt forward
   * (see RANK), with the events it makes. The caller holds the reference's
   * event key (lockEventKey) before this locks the attempt.
   */
  private async apply(tx: Tx, reference: string, paymentId: number, attempt: Attempt, p: ProviderPayment, meta: ObservationMeta): Promise<{ applied: boolean; live: boolean }> {
    const current = await repo.lockAttempt(tx, attempt.id);
    const next = STATUS_OF[p.status];
    const live = await repo.isLastAttempt(tx, paymentId, attempt.n);
    if (RANK[next] < RANK[current.status] || (RANK[next] === RANK[current.status] && next !== current.status)) return { applied: false, live };
    const held = p.status === 'declined' || p.status === 'processing' || p.status === 'requires_action' ? 0 : p.amount;
    await repo.updateAttempt(tx, attempt.id, {
      status: next,
      providerPaymentId: p.providerPaymentId,
      declineCode: p.declineCode ?? null,
      lastError: null,
      amounts: { amount: held, captured: p.capturedAmount, refunded: p.refundedAmount },
    });
    if (live) {
      await repo.updatePayment(tx, paymentId, {
        status: next,
        provider: attempt.provider,
        authorizedAmount: held,
        capturedAmount: p.capturedAmount,
        refundedAmount: p.refundedAmount,
        // A status read may not carry the buyer's link (PayPay's does not): keep the one we have.
        ...(p.status !== 'requires_action' ? { nextAction: null } : p.nextAction ? { nextAction: p.nextAction } : {}),
      });
    }
    await emitEvents(tx, observedEvents(reference, { n: attempt.n, provider: attempt.provider, ...current }, p, next, live, meta));
    return { applied: true, live };
  }

  private async record(db: Db, reference: string, paymentId: number, attempt: Attempt, p: ProviderPayment, source: ObservationSource): Promise<void> {
    await db.transaction().execute(async (tx) => {
      await lockEventKey(tx, reference);
      await this.apply(tx, reference, paymentId, attempt, p, { source });
    });
  }

  /**
   * Applies the PSP's word about one of the reference's payments (a webhook or
   * a poll) in the caller's transaction, so the order can change with it.
   */
  async observe(tx: Tx, provider: string, reference: string, p: ProviderPayment, meta: ObservationMeta): Promise<Observation> {
    const payment = await repo.paymentByReference(tx, reference);
    if (!payment) return { kind: 'foreign' };
    const attempts = await repo.attemptsOf(tx, payment.id);
    const attempt = attempts.find(
      (a) => a.provider === provider && (a.provider_payment_id === p.providerPaymentId || (p.idempotencyKey !== undefined && a.idempotency_key === p.idempotencyKey)),
    );
    if (!attempt) return { kind: 'foreign' };
    const { applied, live } = await this.apply(tx, reference, payment.id, attempt, p, meta);
    if (!live) {
      const status = STATUS_OF[p.status];
      return status === 'AUTHORIZED' || status === 'CAPTURED' || status === 'PROCESSING' ? { kind: 'stray', status } : observationOf(p, applied);
    }
    return observationOf(p, applied);
  }

  /**
   * Asks the PSP about the reference's latest attempt (polling a payment that
   * waits for the buyer). Outside any transaction; undefined when the PSP has
   * no record of it (yet).
   */
  async refresh(db: Db, reference: string, signal?: AbortSignal): Promise<{ provider: string; payment: ProviderPayment } | undefined> {
    const { attempts } = await this.current(db, reference);
    const attempt = attempts.at(-1);
    if (!attempt) return undefined;
    const p = await this.lookup(attempt, reference, signal);
    return p && { provider: attempt.provider, payment: p };
  }

  /** Asks the PSP about every attempt of the reference it may know (reconciliation's fresh look at one order). */
  async readAll(db: Db, reference: string, signal?: AbortSignal): Promise<{ provider: string; payment: ProviderPayment }[]> {
    const payment = await repo.paymentByReference(db, reference);
    if (!payment) return [];
    const out: { provider: string; payment: ProviderPayment }[] = [];
    for (const a of await repo.attemptsOf(db, payment.id)) {
      if (a.status === 'CREATED') continue;
      const p = await this.lookup(a, reference, signal);
      if (p) out.push({ provider: a.provider, payment: p });
    }
    return out;
  }

  /**
   * Asks `provider` about a payment an unsigned notification names; the answer,
   * not the notification, is what gets applied. Undefined when the PSP has no such payment.
   */
  async confirm(provider: string, claimed: ProviderPayment, signal?: AbortSignal): Promise<ProviderPayment | undefined> {
    return await this.provider(provider).get({ providerPaymentId: claimed.providerPaymentId, signal });
  }

  /** Asks the PSP what became of an attempt: by its id when we have it, else by reference and key. */
  private async lookup(attempt: Attempt, reference: string, signal?: AbortSignal): Promise<ProviderPayment | undefined> {
    const provider = this.provider(attempt.provider);
    if (attempt.provider_payment_id) return await provider.get({ providerPaymentId: attempt.provider_payment_id, signal });
    const found = await provider.findByReference({ reference, idempotencyKey: attempt.idempotency_key, signal });
    return found.find((f) => f.idempotencyKey === undefined || f.idempotencyKey === attempt.idempotency_key);
  }

  /**
   * Authorizes the reference's payment, outside any transaction, within
   * `deadline`: the open attempt first, then — only while every earlier attempt
   * certainly authorized nothing — the method's next providers in order, each
   * attempt with its own key `<reference>:<n>`. A decline is final; an ambiguous
   * call is resolved by asking that PSP and never failed over (I3: never two
   * live authorizations).
   */
  async authorize(db: Db, reference: string, source: PaymentSource, deadline: Date, log: Logger): Promise<AuthorizeOutcome> {
    const { payment, attempts } = await this.current(db, reference);
    let attempt = attempts.find((a) => a.status === 'CREATED');
    if (!attempt) throw new Error(`no open attempt for ${reference}`);
    const tried = new Set(attempts.filter((a) => a.status !== 'CREATED').map((a) => a.provider));
    let retryAfterSeconds: number | undefined;
    for (;;) {
      tried.add(attempt.provider);
      const result = await this.attempt(db, reference, payment, attempt, source, deadline, log);
      if (result.kind === 'outcome') return result.outcome;
      const wait = result.error.detail.retryAfterSeconds;
      if (wait !== undefined) retryAfterSeconds = Math.min(retryAfterSeconds ?? wait, wait);
      const next = this.nextProvider(payment.method, tried);
      if (!next || Date.now() >= deadline.getTime()) break;
      log.warn({ event: 'psp_failover', provider: attempt.provider, to: next, reason: result.error.message }, 'failing over to the next provider');
      attempt = await repo.insertAttempt(db, { paymentId: payment.id, n: attempt.n + 1, provider: next, idempotencyKey: `${reference}:${attempt.n + 1}` });
    }
    await repo.updatePayment(db, payment.id, { status: 'FAILED' });
    return { kind: 'unavailable', retryAfterSeconds: retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS };
  }

  /** The method's next provider not tried yet whose circuit lets calls through. */
  private nextProvider(method: string, tried: Set<string>): string | undefined {
    return (this.opts.routes[method] ?? []).find((name) => !tried.has(name) && this.provider(name).available());
  }

  /** One attempt at one provider. Failover is offered only when the PSP certainly did not act. */
  private async attempt(
    db: Db,
    reference: string,
    payment: { id: number; amount: number; currency: string },
    attempt: Attempt,
    source: PaymentSource,
    deadline: Date,
    log: Logger,
  ): Promise<AttemptResult> {
    const provider = this.provider(attempt.provider);
    const signal = AbortSignal.timeout(Math.max(1, deadline.getTime() - Date.now()));
    let p: ProviderPayment | undefined;
    try {
      p = await provider.authorize({ reference, amount: payment.amount, currency: payment.currency, idempotencyKey: attempt.idempotency_key, source, signal });
    } catch (e) {
      if (isProviderUnavailable(e)) {
        log.warn({ event: 'psp_unavailable', provider: attempt.provider, operation: 'authorize', attempt: attempt.n, pspStatus: e.detail.status, pspBody: e.detail.body, local: e.local }, 'PSP unavailable; nothing was authorized');
        await this.mark(db, reference, attempt.id, { status: 'UNAVAILABLE', lastError: e.message });
        return { kind: 'failover', error: e };
      }
      if (isProviderRejected(e)) {
        log.warn({ event: 'psp_refused', provider: attempt.provider, operation: 'authorize', reason: e.reason }, 'PSP refused the authorization');
        await this.mark(db, reference, attempt.id, { status: 'DECLINED', declineCode: e.reason, lastError: e.message }, { id: payment.id, set: { status: 'DECLINED' } }, [
          declinedEvent(reference, attempt, payment.amount),
        ]);
        return { kind: 'outcome', outcome: { kind: 'declined', code: e.reason } };
      }
      if (!isProviderAmbiguous(e)) throw e;
      log.warn({ event: 'authorization_ambiguous', err: e, provider: attempt.provider, operation: 'authorize' }, 'authorization outcome unknown; asking the PSP');
      // Bounded by the deadline (plus a short grace): the buyer is waiting for this answer.
      p = await this.lookup(attempt, reference, AbortSignal.timeout(msUntil(deadline.getTime() + AMBIGUOUS_LOOKUP_GRACE_MS))).catch((le: unknown) => {
        log.warn({ event: 'psp_lookup_failed', err: le, provider: attempt.provider }, 'asking the PSP failed too');
        return undefined;
      });
      if (!p) {
        // It may still land at the PSP: no failover; the order fails and its cancel task voids whatever appears.
        await repo.updateAttempt(db, attempt.id, { status: 'UNKNOWN', lastError: e.message }, ['CREATED']);
        return { kind: 'outcome', outcome: { kind: 'unknown' } };
      }
      log.info({ event: 'authorization_resolved', provider: attempt.provider, pspStatus: p.status }, 'the PSP told us what became of the timed-out authorization');
    }
    return { kind: 'outcome', outcome: await this.settle(db, payment.id, attempt, reference, p, deadline) };
  }

  /**
   * Polls a charge that is still processing until it is decided or the deadline
   * comes, then records it. Every read is bounded by the deadline: a slow or
   * hanging status read never holds the buyer past it.
   */
  private async settle(db: Db, paymentId: number, attempt: Attempt, reference: string, first: ProviderPayment, deadline: Date): Promise<AuthorizeOutcome> {
    let p = first;
    const end = deadline.getTime();
    while (p.status === 'processing' && Date.now() < end) {
      await sleep(Math.min(this.opts.pollIntervalMs ?? 500, msUntil(end)));
      if (Date.now() >= end) break;
      const signal = AbortSignal.timeout(msUntil(end));
      const again: ProviderPayment | undefined = await this.lookup({ ...attempt, provider_payment_id: p.providerPaymentId }, reference, signal).catch(() => undefined);
      if (again) p = again;
    }
    await this.record(db, reference, paymentId, attempt, p, 'authorize');
    if (p.status === 'authorized') return { kind: 'authorized' };
    if (p.status === 'declined') return { kind: 'declined', code: p.declineCode ?? 'declined' };
    if (p.status === 'processing') return { kind: 'processing' };
    if (p.status === 'requires_action' && p.nextAction) return { kind: 'action_required', nextAction: p.nextAction };
    return { kind: 'unknown' };
  }

  /**
   * Takes the held money. Idempotent: a captured payment is left alone, the
   * capture key is fixed. `retry_at` when our open circuit refused the call
   * (nothing was sent): try again when it lets probes through.
   */
  async capture(db: Db, reference: string, log: Logger): Promise<FollowUpOutcome> {
    const { payment, attempts } = await this.current(db, reference);
    if (payment.status === 'CAPTURED') return { kind: 'done' };
    const attempt = attempts.find((a) => a.status === 'AUTHORIZED' || a.status === 'CAPTURED');
    if (!attempt?.provider_payment_id) throw new Error(`no authorized attempt to capture for ${reference}`);
    let p: ProviderPayment;
    try {
      p = await this.provider(attempt.provider).capture({
        providerPaymentId: attempt.provider_payment_id,
        amount: payment.amount,
        idempotencyKey: `${attempt.idempotency_key}:capture`,
      });
    } catch (e) {
      const later = circuitWait(e, `capture of ${attempt.idempotency_key}`);
      if (later) return later;
      throw e;
    }
    await this.record(db, reference, payment.id, attempt, p, 'capture');
    log.info({ event: 'payment_captured', provider: attempt.provider, amount: p.capturedAmount }, 'payment captured');
    return { kind: 'done' };
  }

  /**
   * Makes sure nothing stays held or taken for the reference: voids what is
   * authorized, refunds what was captured, for every attempt that can act now.
   * `retry_at` when one cannot act yet, with the moment it can (seed 002's
   * third incident): an attempt not visible at the PSP, when its ambiguity
   * window ends (exactly: before then, "not found" proves nothing); a charge
   * still processing, after a backoff (`processingWaits` earlier waits: 1 s,
   * doubling, at most 30 s); a void or refund our open circuit refused, when it
   * probes again. Failures to reach the PSP still throw.
   */
  async cancel(db: Db, reference: string, log: Logger, opts: CancelOptions = {}): Promise<FollowUpOutcome> {
    const { payment, attempts } = await this.current(db, reference);
    const waits: RetryAt[] = [];
    const last = attempts.at(-1)?.n;
    for (const attempt of attempts) {
      if (['DECLINED', 'UNAVAILABLE', 'NOT_FOUND', 'VOIDED'].includes(attempt.status)) continue;
      // The order keeps its own payment: only money on the attempts it does not follow goes back.
      if (opts.straysOnly && attempt.n === last) continue;
      // One attempt waiting does not hold the others up: each one that can be undone now is.
      const wait = await this.cancelAttempt(db, payment.id, attempt, reference, opts);
      if (wait) waits.push(wait);
    }
    if (waits.length > 0) {
      const first = waits.reduce((a, b) => (b.at < a.at ? b : a));
      return { ...first, backoff: waits.some((w) => w.backoff) };
    }
    if (opts.straysOnly) {
      log.info({ event: 'stray_money_returned' }, 'money on stray attempts given back');
      return { kind: 'done' };
    }
    const final = (await repo.attemptsOf(db, payment.id)).map((a) => a.status);
    const status: PaymentStatus = final.includes('REFUNDED') ? 'REFUNDED' : final.includes('VOIDED') ? 'VOIDED' : 'FAILED';
    await repo.updatePayment(db, payment.id, { status });
    log.info({ event: 'payment_cancelled', status }, 'payment cancelled at the PSP');
    return { kind: 'done' };
  }

  /** Undoes one attempt at its PSP; a {@link RetryAt} when it cannot yet. */
  private async cancelAttempt(db: Db, paymentId: number, attempt: Attempt, reference: string, opts: CancelOptions): Promise<RetryAt | undefined> {
    const processingWaits = opts.processingWaits ?? 0;
    const key = attempt.idempotency_key;
    const p = await this.lookup(attempt, reference);
    if (!p) {
      // Measured from the attempt's last word from us (the timeout we recorded), not its creation.
      const visibleBy = Math.max(attempt.created_at.getTime(), attempt.updated_at.getTime()) + this.opts.ambiguityWindowMs;
      if (Date.now() < visibleBy) return { kind: 'retry_at', at: new Date(visibleBy), why: `attempt ${key} not visible at the PSP yet; a request in flight may still land until its ambiguity window ends` };
      await this.mark(db, reference, attempt.id, { status: 'NOT_FOUND' });
      return undefined;
    }
    if (p.status === 'processing') {
      await this.record(db, reference, paymentId, attempt, p, 'cancel');
      const waitMs = Math.min(PROCESSING_WAIT_MAX_MS, PROCESSING_WAIT_FIRST_MS * 2 ** Math.min(processingWaits, 30));
      return { kind: 'retry_at', at: new Date(Date.now() + waitMs), why: `attempt ${key} is still processing at the PSP`, backoff: true };
    }
    const holdsMoney = p.status === 'authorized' || ((p.status === 'captured' || p.status === 'refunded') && p.refundedAmount < p.capturedAmount);
    if (holdsMoney) await opts.onMoneyFound?.(p);
    const provider = this.provider(attempt.provider);
    let after = p;
    try {
      if (p.status === 'authorized' || p.status === 'requires_action') {
        after = await provider.void({ providerPaymentId: p.providerPaymentId, idempotencyKey: `${key}:void` });
      } else if ((p.status === 'captured' || p.status === 'refunded') && p.refundedAmount < p.capturedAmount) {
        // An operator's refund still under way: what is left to give back is known only once it settles.
        if ((await this.refunds.openAmount(db, reference)) > 0) return { kind: 'retry_at', at: new Date(Date.now() + 2_000), why: `a refund of ${reference} is still pending` };
        after = await provider.refund({ providerPaymentId: p.providerPaymentId, amount: p.capturedAmount - p.refundedAmount, idempotencyKey: `${key}:refund` });
      }
    } catch (e) {
      const later = circuitWait(e, `cancel of ${key}`);
      if (later) return later;
      throw e;
    }
    await this.record(db, reference, paymentId, attempt, after, 'cancel');
    // A refund the PSP took but has not finished: look again (a failed one is a failure to retry, then a dead letter).
    const refund = after.refunds?.find((r) => r.idempotencyKey === `${key}:refund`);
    if (refund?.status === 'failed') throw new Error(`the PSP failed the refund of ${key}: ${refund.failureReason ?? 'no reason given'}`);
    if (refund?.status === 'pending') {
      const waitMs = Math.min(PROCESSING_WAIT_MAX_MS, PROCESSING_WAIT_FIRST_MS * 2 ** Math.min(processingWaits, 30));
      return { kind: 'retry_at', at: new Date(Date.now() + waitMs), why: `the refund of ${key} is pending at the PSP`, backoff: true };
    }
    return undefined;
  }

  /** The payment's normalised status (what order events report beside the order's own); undefined before it exists. */
  async statusOf(db: DbOrTx, reference: string): Promise<PaymentStatus | undefined> {
    return (await repo.paymentByReference(db, reference))?.status;
  }

  /** The payment as the admin order detail shows it. */
  async summary(db: DbOrTx, reference: string): Promise<PaymentSummary | undefined> {
    const payment = await repo.paymentByReference(db, reference);
    if (!payment) return undefined;
    const attempts = await repo.attemptsOf(db, payment.id);
    return {
      status: payment.status,
      provider: payment.provider,
      authorizedAmount: payment.authorized_amount,
      capturedAmount: payment.captured_amount,
      refundedAmount: payment.refunded_amount,
      nextAction: payment.next_action,
      attempts: attempts.map((a) => ({ provider: a.provider, status: a.status, idempotencyKey: a.idempotency_key, declineCode: a.decline_code })),
    };
  }
}
