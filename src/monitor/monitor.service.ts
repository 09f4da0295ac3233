import { randomUUID } from 'node:crypto';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { emitEvent, type StreamEvent } from '../events/index.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { Logger } from '../platform/logging.ts';
import { lockEventKey } from '../platform/outbox/outbox.ts';
import type { EventTransport, RunningConsumer } from '../platform/outbox/stream.ts';
import * as repo from './monitor.repository.ts';
import { emptyView, fold } from './projection.ts';
import { evaluate, type RuleId } from './rules.ts';

/** The stream consumer's name: its position is kept under it. */
export const MONITOR_CONSUMER = 'consistency-monitor';
/** `source` of every alert (seed 003's field). */
export const ALERT_SOURCE = 'orderly-monitor';
const FAMILIES = ['orders', 'payments', 'tasks'];
const WATCHED = new Set(['order-placed', 'order-status-changed', 'order-awaiting-payment', 'payment-status-observed', 'payment-refund-requested', 'task-dead', 'task-requeued', 'task-discarded']);
const TICK_BATCH = 200;

export interface MonitorOptions {
  db: Db;
  transport: EventTransport;
  log: Logger;
  registry: Registry;
  graceMs: number;
  /** How often due conditions are looked at (default: a tenth of the grace window, between 100 ms and 5 s). */
  tickMs?: number;
}

export interface RunningMonitor {
  stop(): Promise<void>;
}

export interface MonitorMetrics {
  raised: Counter<'rule'>;
  resolved: Counter<'rule' | 'resolution'>;
  delay: Histogram<'rule'>;
  lag: Histogram;
}

// The monitor and the admin API's resolve (possibly in an `api` process without a monitor) share one set per registry.
const made = new WeakMap<Registry, MonitorMetrics>();

/** The monitor's metrics on this registry, registered on first use. */
export function monitorMetrics(registry: Registry, db: Db): MonitorMetrics {
  const had = made.get(registry);
  if (had) return had;
  new Gauge({
    name: 'orderly_alerts_open',
    help: 'Alerts not resolved yet (open or acknowledged), by rule',
    labelNames: ['rule'],
    registers: [registry],
    async collect() {
      const rows = await db.selectFrom('alerts').select(['rule_id', (eb) => eb.fn.countAll<string>().as('n')]).where('status', '!=', 'resolved').groupBy('rule_id').execute();
      this.reset();
      for (const r of rows) this.set({ rule: r.rule_id }, Number(r.n));
    },
  });
  const m: MonitorMetrics = {
    raised: new Counter({ name: 'orderly_alerts_raised_total', help: 'AlertRaised published, by rule', labelNames: ['rule'], registers: [registry] }),
    resolved: new Counter({ name: 'orderly_alerts_resolved_total', help: 'Alerts resolved, by rule and how (auto, operator)', labelNames: ['rule', 'resolution'], registers: [registry] }),
    delay: new Histogram({
      name: 'orderly_monitor_detection_seconds',
      help: 'Seconds from the event that began an inconsistency to its alert (the grace window plus the monitor\'s own delay)',
      labelNames: ['rule'],
      buckets: [1, 2, 5, 10, 30, 60, 120, 300, 301, 302, 305, 310, 330, 360, 600, 1800],
      registers: [registry],
    }),
    lag: new Histogram({
      name: 'orderly_monitor_lag_seconds',
      help: 'Seconds from an event being written to the monitor folding it in',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
  };
  made.set(registry, m);
  return m;
}

/**
 * The consistency monitor (seed 003's kafka-alert): a consumer of the order,
 * payment and task streams that keeps its own picture of every order,
 * evaluates the rules on each change, and — on a tick — raises an alert for
 * an inconsistency that outlasted the grace window, or resolves the alert of
 * one that ended. Alerts go to the outbox like any event (AlertRaised on
 * `alerts.order_payment_inconsistency.v1`).
 */
export async function startMonitor(opts: MonitorOptions): Promise<RunningMonitor> {
  const { db, log } = opts;
  const m = monitorMetrics(opts.registry, db);
  const consumer: RunningConsumer = await opts.transport.consume(MONITOR_CONSUMER, FAMILIES, async (tx, events) => {
    await foldBatch(tx, events, m);
  });
  const tickMs = opts.tickMs ?? Math.min(5_000, Math.max(100, Math.floor(opts.graceMs / 10)));
  let stopped = false;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (stopped || running) return;
    running = actOnDue(db, opts.graceMs, m, log)
      .catch((e: unknown) => log.error({ event: 'monitor_tick_failed', err: e }, 'monitor tick failed; will try again'))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(tick, tickMs);
  timer.unref();
  log.info({ graceMs: opts.graceMs, tickMs, transport: opts.transport.kind }, 'consistency monitor started');
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      await consumer.stop();
    },
  };
}

/** One batch of the stream: each order's picture folded forward and its conditions brought up to date, in the consumer's transaction. */
async function foldBatch(tx: Tx, events: StreamEvent[], m: MonitorMetrics): Promise<void> {
  const byOrder = new Map<string, StreamEvent[]>();
  const now = Date.now();
  for (const e of events) {
    if (!WATCHED.has(e.type)) continue;
    m.lag.observe((now - Date.parse(e.occurredAt)) / 1000);
    const list = byOrder.get(e.key) ?? [];
    list.push(e);
    byOrder.set(e.key, list);
  }
  // Three statements for the whole batch: the pictures read (locked), written back, and the conditions read (locked).
  const orderNos = [...byOrder.keys()].sort();
  const stored = await repo.lockViews(tx, orderNos);
  const views = orderNos.map((orderNo) => byOrder.get(orderNo)!.reduce(fold, stored.get(orderNo) ?? emptyView(orderNo)));
  await repo.saveViews(tx, views);
  const conditions = await repo.lockConditions(tx, orderNos);
  for (const view of views) {
    const { orderNo } = view;
    const now = evaluate(view);
    const existing = conditions.filter((x) => x.order_no === orderNo);
    for (const c of now) {
      const ex = existing.find((x) => x.rule_id === c.ruleId && x.subject === c.subject);
      if (!ex) await repo.insertCondition(tx, orderNo, c);
      // It came back before its alert was resolved: the alert stays open.
      else if (ex.state === 'ended') await repo.setConditionState(tx, { orderNo, ruleId: c.ruleId, subject: c.subject }, ex.alert_id ? 'alerted' : 'pending');
    }
    for (const ex of existing) {
      if (now.some((c) => c.ruleId === ex.rule_id && c.subject === ex.subject)) continue;
      const k = { orderNo, ruleId: ex.rule_id, subject: ex.subject };
      if (ex.state === 'alerted') await repo.setConditionState(tx, k, 'ended');
      else if (ex.state !== 'ended') await repo.deleteCondition(tx, k);
    }
  }
}

/** Raises the alerts of conditions past the grace window and resolves those of conditions that ended, one order at a time. */
async function actOnDue(db: Db, graceMs: number, m: MonitorMetrics, log: Logger): Promise<void> {
  for (;;) {
    const due = await repo.dueConditions(db, graceMs, TICK_BATCH);
    for (const d of due) {
      await db.transaction().execute(async (tx) => {
        // The order's event key first, as in every transaction that writes its events.
        await lockEventKey(tx, d.order_no);
        const k = { orderNo: d.order_no, ruleId: d.rule_id, subject: d.subject };
        const c = await repo.lockCondition(tx, k);
        if (!c) return;
        if (c.state === 'ended') {
          if (c.alert_id) await resolve(tx, c.alert_id, { by: 'monitor', resolution: 'auto', note: 'the condition ended' }, m);
          await repo.deleteCondition(tx, k);
          log.info({ orderNo: k.orderNo, rule: k.ruleId, alertId: c.alert_id }, 'inconsistency ended; alert resolved');
          return;
        }
        if (c.state !== 'pending' || c.since.getTime() + graceMs > Date.now()) return;
        const alertId = randomUUID();
        const row = await repo.insertAlert(tx, { alertId, ruleId: c.rule_id, orderNo: c.order_no, subject: c.subject, eventId: c.event_id, observed: c.observed, expected: c.expected, since: c.since, source: ALERT_SOURCE });
        if (!row) {
          // This very event raised an alert before (orderNo + ruleId + eventId): never a second one.
          const prior = await repo.alertByEvent(tx, c.order_no, c.rule_id, c.event_id);
          await repo.setConditionState(tx, k, prior?.status === 'resolved' ? 'silenced' : 'alerted', prior?.alert_id);
          return;
        }
        await repo.setConditionState(tx, k, 'alerted', alertId);
        const detectedAt = row.detected_at.toISOString();
        await emitEvent(tx, 'AlertRaised', c.order_no, { alertId, ruleId: c.rule_id, orderNo: c.order_no, observed: c.observed, expected: c.expected, detectedAt, source: ALERT_SOURCE });
        m.raised.inc({ rule: c.rule_id });
        m.delay.observe({ rule: c.rule_id }, (row.detected_at.getTime() - c.since.getTime()) / 1000);
        log.warn({ event: 'monitor_alert_raised', orderNo: c.order_no, rule: c.rule_id, alertId, observed: c.observed, expected: c.expected }, 'consistency alert raised');
      });
    }
    if (due.length < TICK_BATCH) return;
  }
}

/** Resolves an alert and tells the stream; false when it was resolved already. */
export async function resolve(tx: Tx, alertId: string, r: { by: string; resolution: 'auto' | 'operator'; note: string | null }, m?: Pick<MonitorMetrics, 'resolved'>): Promise<boolean> {
  const row = await repo.resolveAlertRow(tx, alertId, r);
  if (!row) return false;
  await emitEvent(tx, 'AlertResolved', row.order_no, {
    alertId,
    ruleId: row.rule_id as RuleId,
    orderNo: row.order_no,
    resolvedAt: (row.resolved_at ?? new Date()).toISOString(),
    resolution: r.resolution,
    ...(r.note ? { note: r.note } : {}),
    source: ALERT_SOURCE,
  });
  m?.resolved.inc({ rule: row.rule_id, resolution: r.resolution });
  return true;
}
