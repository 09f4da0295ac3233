import type { Logger } from 'pino';
import { emitEvent, type RuleIdName } from '../events/index.ts';
import { pspHoldsMoney, STATUS_OF, type Compared } from '../payments/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { enqueueTask, hasQueuedTask } from '../platform/jobs/task.repository.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { TASKS } from './followup.names.ts';
import { addEvent, lockOrderByNo, orderByNo } from './order.repository.ts';
import { applyToOrder } from './order.transition.ts';
import { applyPaymentObservation } from './payment-events.ts';
import { failRun, finishRun, startRun, type ReconcileTrigger } from './reconcile-runs.ts';

/** One repair, as the report, the audit table, the timeline and the stream record it. */
export interface Remediation {
  orderNo: string;
  ruleId: RuleIdName;
  action: 'reapply_observation' | 'cancel_with_refund' | 'void_stray' | 'refund_stray' | 'return_money' | 'capture_again' | 'escalate';
  outcome: 'done' | 'escalated';
  detail: Record<string, unknown>;
}

export interface ReconcileReport {
  window: { from: string; to: string };
  providers: { name: string; listed: boolean; payments: number; error?: string }[];
  /** PSP payments whose word we had already: nothing to do. */
  agreed: number;
  remediations: Remediation[];
  /** PSP payments of the orders asked about (`orderNos`: e.g. those with open alerts) read and told to the stream again. */
  reobserved: number;
}

/** Operators refunded (at least) this much of the order themselves: a PAID order refunded in full on purpose is not B. */
async function refundedOnPurpose(deps: CheckoutDeps, orderNo: string, refunded: number): Promise<boolean> {
  const asked = (await deps.payments.refunds.list(deps.db, orderNo)).filter((f) => f.status === 'succeeded').reduce((n, f) => n + f.amount, 0);
  return asked >= refunded;
}

/**
 * Compares our payments with each PSP's truth over a window and repairs what
 * disagrees, idempotently (a second run over the same window finds nothing
 * left to do) and audited (each repair is a row, an order timeline entry and
 * a `remediation-applied` event). What it does, per seed 003's rules:
 * - A (the PSP holds money, the order still waits): the PSP's word is applied
 *   again, through the order state machine;
 * - B (PAID, the PSP holds nothing): confirmed with the PSP by this very
 *   comparison, the order is cancelled with refund and the buyer told; a
 *   payment the PSP does not know at all is escalated;
 * - C and E (late or stray money, a payment of no order of ours): voided or refunded;
 * - D (PAID not captured): captured again; money on a FAILED/CANCELLED order: returned.
 */
export async function reconcile(
  deps: CheckoutDeps,
  window: { from: Date; to: Date },
  by: string,
  log: Logger,
  opts: { orderNos?: string[]; trigger?: ReconcileTrigger } = {},
): Promise<ReconcileReport> {
  const report: ReconcileReport = { window: { from: window.from.toISOString(), to: window.to.toISOString() }, providers: [], agreed: 0, remediations: [], reobserved: 0 };
  // Every run is recorded from its start (GET /api/v1/admin/reconcile/runs): what it checked and found, or why it stopped.
  const runId = await startRun(deps.db, { trigger: opts.trigger ?? 'operator', by, window, startedAt: new Date() });
  try {
    const ordersChecked = await compareAndRepair(deps, window, by, log, opts.orderNos ?? [], report);
    await finishRun(deps.db, runId, report, ordersChecked);
  } catch (e) {
    await failRun(deps.db, runId, report, (e as Error).message ?? String(e)).catch((f: unknown) => log.warn({ event: 'reconcile_run_unrecorded', err: f, runId }, 'could not record how the reconciliation run ended'));
    throw e;
  }
  return report;
}

/** The run itself, filling `report` as it goes; how many decided orders of the window it checked. */
async function compareAndRepair(deps: CheckoutDeps, window: { from: Date; to: Date }, by: string, log: Logger, orderNos: string[], report: ReconcileReport): Promise<number> {
  for (const orderNo of orderNos) report.reobserved += await reobserve(deps, orderNo, log);
  const seen = new Map<string, Compared>();
  for (const name of deps.payments.providerNames()) {
    let compared: Compared[];
    try {
      const r = await deps.payments.ledger.compare(deps.db, name, window, AbortSignal.timeout(120_000));
      compared = r.compared;
      report.providers.push({ name, listed: r.listed, payments: compared.length });
    } catch (e) {
      // One PSP that cannot answer does not stop the others; the next run tries it again.
      log.warn({ event: 'reconcile_psp_unreadable', err: e, provider: name }, 'reconciliation could not read this PSP');
      report.providers.push({ name, listed: false, payments: 0, error: (e as Error).message });
      continue;
    }
    for (const c of compared) {
      if (c.ours) seen.set(`${c.ours.reference}:${c.ours.n}`, c);
      const r = await reconcilePayment(deps, c, by, log);
      if (r) report.remediations.push(r);
      else report.agreed++;
    }
  }
  const orders = await reconcileOrders(deps, window, seen, by, log);
  report.remediations.push(...orders.remediations);
  if (report.remediations.length > 0) log.warn({ event: 'reconcile_repaired', remediations: report.remediations.length, window: report.window }, 'reconciliation repaired inconsistencies');
  return orders.checked;
}

/**
 * Reads every attempt of one order at its PSP and tells the stream what the
 * PSP says now, whether or not it differs from what we had: the monitor's
 * picture of the order is brought back to the truth (an alert raised on a
 * wrong picture resolves itself), and a difference is applied as well.
 */
async function reobserve(deps: CheckoutDeps, orderNo: string, log: Logger): Promise<number> {
  let n = 0;
  try {
    for (const { provider, payment } of await deps.payments.readAll(deps.db, orderNo, AbortSignal.timeout(30_000))) {
      await applyPaymentObservation(deps, { provider, reference: orderNo, payment, source: 'reconcile', observedAt: new Date() }, log);
      n++;
    }
  } catch (e) {
    log.warn({ event: 'reconcile_order_unreadable', err: e, orderNo }, 'could not read the order\'s payments at the PSP; the next run tries again');
  }
  return n;
}

/** One PSP payment: foreign → money back; ours but we believe otherwise → the PSP's word applied again. */
async function reconcilePayment(deps: CheckoutDeps, c: Compared, by: string, log: Logger): Promise<Remediation | undefined> {
  const p = c.psp;
  if (!c.ours) {
    if (!pspHoldsMoney(p)) return undefined;
    const after = await deps.payments.ledger.undoForeign(deps.db, c.provider, p, log);
    const orderNo = p.reference || `foreign:${c.provider}:${p.providerPaymentId}`;
    const action = p.status === 'authorized' || p.status === 'requires_action' ? 'void_stray' : 'refund_stray';
    return await record(deps, { orderNo, ruleId: 'RULE_E', action, outcome: 'done', detail: { provider: c.provider, providerPaymentId: p.providerPaymentId, before: p.status, after: after.status, ourOrder: false } }, by);
  }
  const ours = c.ours;
  const theirs = STATUS_OF[p.status];
  if (theirs === ours.status && p.capturedAmount === ours.capturedAmount && p.refundedAmount === ours.refundedAmount) return undefined;
  const order = await orderByNo(deps.db, ours.reference);
  if (!order) return undefined;
  const holds = pspHoldsMoney(p);
  const undecided = order.status === 'WAITING_PAYMENT' || order.status === 'PENDING';
  const ended = order.status === 'FAILED' || order.status === 'CANCELLED';
  // Which inconsistency this was: stray money, success not applied, late money, PAID without money, or amounts apart.
  const ruleId: RuleIdName = !ours.live && holds ? 'RULE_E' : holds && undecided ? 'RULE_A' : holds && ended ? 'RULE_C' : order.status === 'PAID' && !holds ? 'RULE_B' : 'RULE_D';
  await applyPaymentObservation(deps, { provider: c.provider, reference: ours.reference, payment: p, source: 'reconcile', observedAt: new Date() }, log);
  return await record(
    deps,
    { orderNo: ours.reference, ruleId, action: 'reapply_observation', outcome: 'done', detail: { provider: c.provider, attempt: ours.n, ours: ours.status, psp: theirs, capturedAmount: p.capturedAmount, refundedAmount: p.refundedAmount } },
    by,
  );
}

/** Orders in the window whose money, now in step with the PSPs, still does not follow them. */
async function reconcileOrders(deps: CheckoutDeps, window: { from: Date; to: Date }, seen: Map<string, Compared>, by: string, log: Logger): Promise<{ remediations: Remediation[]; checked: number }> {
  const rows = await deps.db
    .selectFrom('orders as o')
    .innerJoin('payments as p', 'p.reference', 'o.order_no')
    .select(['o.order_no', 'o.status', 'p.status as payment_status', 'p.captured_amount', 'p.refunded_amount', 'o.total_amount'])
    .where('o.created_at', '>=', window.from)
    .where('o.created_at', '<', window.to)
    .where('o.status', 'in', ['PAID', 'FAILED', 'CANCELLED'])
    .execute();
  const out: Remediation[] = [];
  for (const o of rows) {
    const ref = o.order_no;
    const noMoney = ['VOIDED', 'DECLINED', 'FAILED'].includes(o.payment_status) || (o.payment_status === 'REFUNDED' && o.refunded_amount >= o.captured_amount && !(await refundedOnPurpose(deps, ref, o.refunded_amount)));
    if (o.status === 'PAID' && noMoney) {
      // B: the PSP was asked just now (this run read it) and holds nothing: the order is rolled back, the buyer told.
      const confirmed = [...seen.values()].some((c) => c.ours?.reference === ref && c.ours.live && !pspHoldsMoney(c.psp));
      if (!confirmed) {
        // Escalated once: a second run over the window adds nothing (the alert stays open for a person).
        if (await escalatedBefore(deps, ref, 'RULE_B')) continue;
        out.push(await record(deps, { orderNo: ref, ruleId: 'RULE_B', action: 'escalate', outcome: 'escalated', detail: { paymentStatus: o.payment_status, why: 'the PSP did not confirm the payment either way' } }, by));
        continue;
      }
      const cancelled = await deps.db.transaction().execute(async (tx) => {
        const order = await lockOrderByNo(tx, ref);
        if (order?.status !== 'PAID') return false;
        const r = await applyToOrder(tx, order, { kind: 'cancel', reason: 'reconciliation: the PSP holds no money for this paid order' }, { payments: deps.payments, via: 'reconcile', requestId: null, by });
        return r.kind === 'moved';
      });
      if (cancelled) out.push(await record(deps, { orderNo: ref, ruleId: 'RULE_B', action: 'cancel_with_refund', outcome: 'done', detail: { paymentStatus: o.payment_status } }, by));
    } else if (o.status === 'PAID' && o.payment_status === 'AUTHORIZED') {
      // D: established but not captured, and no capture queued (it died and was discarded): captured again.
      // (A decision commits with its capture task, so a live order always has one queued until it is captured.)
      const queued = await deps.db.transaction().execute(async (tx) => {
        await lockOrderByNo(tx, ref);
        if (await hasQueuedTask(tx, TASKS.capturePayment, ref)) return false;
        await enqueueTask(tx, { name: TASKS.capturePayment, reference: ref, requestId: null });
        return true;
      });
      if (queued) out.push(await record(deps, { orderNo: ref, ruleId: 'RULE_D', action: 'capture_again', outcome: 'done', detail: { total: o.total_amount } }, by));
    } else if ((o.status === 'FAILED' || o.status === 'CANCELLED') && (o.payment_status === 'AUTHORIZED' || (o.payment_status === 'CAPTURED' && o.refunded_amount < o.captured_amount))) {
      // D: money still held for an order that will not take it, and no cancel queued (it died and was discarded): given back.
      const queued = await deps.db.transaction().execute(async (tx) => {
        await lockOrderByNo(tx, ref);
        if (await hasQueuedTask(tx, TASKS.cancelPayment, ref)) return false;
        await enqueueTask(tx, { name: TASKS.cancelPayment, reference: ref, requestId: null });
        return true;
      });
      if (queued) out.push(await record(deps, { orderNo: ref, ruleId: 'RULE_D', action: 'return_money', outcome: 'done', detail: { orderStatus: o.status, paymentStatus: o.payment_status } }, by));
    }
  }
  if (out.length > 0) log.info({ repaired: out.length }, 'orders whose money did not follow them were repaired');
  return { remediations: out, checked: rows.length };
}

async function escalatedBefore(deps: CheckoutDeps, orderNo: string, ruleId: RuleIdName): Promise<boolean> {
  const r = await deps.db.selectFrom('remediations').select('id').where('order_no', '=', orderNo).where('rule_id', '=', ruleId).where('action', '=', 'escalate').executeTakeFirst();
  return r !== undefined;
}

/** The audit row, the timeline entry (for an order of ours) and the stream event of one repair, together. */
async function record(deps: CheckoutDeps, r: Remediation, by: string): Promise<Remediation> {
  await deps.db.transaction().execute(async (tx: Tx) => {
    const order = await lockOrderByNo(tx, r.orderNo);
    await tx.insertInto('remediations').values({ order_no: r.orderNo, rule_id: r.ruleId, action: r.action, outcome: r.outcome, by, detail: JSON.stringify(r.detail) }).execute();
    if (order) await addEvent(tx, order.id, `remediation:${r.action}`, { ruleId: r.ruleId, outcome: r.outcome, by, ...r.detail });
    await emitEvent(tx, 'remediation-applied', r.orderNo, { orderNo: r.orderNo, ruleId: r.ruleId, action: r.action, outcome: r.outcome, by, detail: r.detail });
  });
  return r;
}

export interface Reconciler {
  stop(): Promise<void>;
}

/**
 * Runs reconciliation every RECONCILE_INTERVAL_MS over the last
 * RECONCILE_WINDOW_MINUTES (in `start`); `alerted` names the orders with open
 * alerts, read again at their PSP each time.
 */
export function startReconciler(deps: CheckoutDeps, alerted: () => Promise<string[]> = async () => []): Reconciler | undefined {
  const { intervalMs, windowMs } = deps.config.reconcile;
  if (intervalMs === 0) return undefined;
  const log = deps.log.child({ component: 'reconcile' });
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    const to = new Date();
    running = alerted()
      .then((orderNos) => reconcile(deps, { from: new Date(to.getTime() - windowMs), to }, 'reconcile', log, { orderNos, trigger: 'periodic' }))
      .catch((e: unknown) => log.error({ event: 'reconcile_failed', err: e }, 'reconciliation failed; will try again'))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
