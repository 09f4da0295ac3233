import { sql, type Selectable } from 'kysely';
import type { Registry } from 'prom-client';
import type { Db, DbOrTx } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { decodeCursor, encodeCursor, exactTimeSql } from '../platform/paging.ts';
import { lockEventKey } from '../platform/outbox/outbox.ts';
import type { AlertStatus, AlertsTable } from './monitor.table.ts';
import { monitorMetrics, resolve } from './monitor.service.ts';
import { RULES, type RuleId } from './rules.ts';

/** One alert as operators see it: seed 003's AlertRaised fields, plus its life since. */
export interface AlertView {
  alertId: string;
  ruleId: RuleId;
  orderNo: string;
  observed: Record<string, unknown>;
  expected: Record<string, unknown>;
  detectedAt: string;
  source: string;
  /** When the inconsistency began (the event that started it). */
  since: string;
  status: AlertStatus;
  title: string;
  action: string;
  acknowledged: { at: string; by: string } | null;
  resolved: { at: string; by: string; resolution: 'auto' | 'operator'; note: string | null } | null;
}

export interface AlertFilter {
  status?: AlertStatus;
  ruleId?: RuleId;
  orderNo?: string;
  limit: number;
  /** The previous page's `nextCursor`. */
  cursor?: string;
}

type Row = Selectable<AlertsTable>;

function view(r: Row): AlertView {
  return {
    alertId: r.alert_id,
    ruleId: r.rule_id,
    orderNo: r.order_no,
    observed: r.observed,
    expected: r.expected,
    detectedAt: r.detected_at.toISOString(),
    source: r.source,
    since: r.since.toISOString(),
    status: r.status,
    title: RULES[r.rule_id].title,
    action: RULES[r.rule_id].action,
    acknowledged: r.acknowledged_at && r.acknowledged_by ? { at: r.acknowledged_at.toISOString(), by: r.acknowledged_by } : null,
    resolved: r.resolved_at && r.resolved_by && r.resolution ? { at: r.resolved_at.toISOString(), by: r.resolved_by, resolution: r.resolution, note: r.note } : null,
  };
}

/** A page of alerts, newest first; `nextCursor` is the last row's exact detection time and id. */
export async function listAlerts(db: DbOrTx, f: AlertFilter): Promise<{ alerts: AlertView[]; nextCursor: string | null }> {
  let q = db.selectFrom('alerts').selectAll().select(sql<string>`${sql.raw(exactTimeSql('detected_at'))}`.as('detected_exact'));
  if (f.status) q = q.where('status', '=', f.status);
  if (f.ruleId) q = q.where('rule_id', '=', f.ruleId);
  if (f.orderNo) q = q.where('order_no', '=', f.orderNo);
  if (f.cursor) {
    const after = decodeCursor(f.cursor, 'uuid');
    q = q.where(sql<boolean>`(detected_at, alert_id) < (${after.at}::timestamptz, ${after.id}::uuid)`);
  }
  const rows = await q.orderBy('detected_at', 'desc').orderBy('alert_id', 'desc').limit(f.limit + 1).execute();
  const page = rows.slice(0, f.limit);
  const last = page.at(-1);
  return { alerts: page.map(view), nextCursor: rows.length > f.limit && last ? encodeCursor(last.detected_exact, last.alert_id) : null };
}

/** What still needs a person: how many alerts are open and acknowledged, and the newest `latest` of them. */
export async function alertsSummary(
  db: DbOrTx,
  latest: number,
): Promise<{ open: number; acknowledged: number; latest: { alertId: string; ruleId: RuleId; orderNo: string; status: 'open' | 'acknowledged'; title: string; detectedAt: string }[] }> {
  // Both from the index on (status, detected_at desc, alert_id).
  const [counts, rows] = await Promise.all([
    db.selectFrom('alerts').select(['status', sql<number>`count(*)::int`.as('n')]).where('status', 'in', ['open', 'acknowledged']).groupBy('status').execute(),
    db
      .selectFrom('alerts')
      .select(['alert_id', 'rule_id', 'order_no', 'status', 'detected_at'])
      .where('status', 'in', ['open', 'acknowledged'])
      .orderBy('detected_at', 'desc')
      .orderBy('alert_id', 'desc')
      .limit(latest)
      .execute(),
  ]);
  const n = (status: AlertStatus) => counts.find((c) => c.status === status)?.n ?? 0;
  return {
    open: n('open'),
    acknowledged: n('acknowledged'),
    latest: rows.map((r) => ({
      alertId: r.alert_id,
      ruleId: r.rule_id,
      orderNo: r.order_no,
      status: r.status as 'open' | 'acknowledged',
      title: RULES[r.rule_id].title,
      detectedAt: r.detected_at.toISOString(),
    })),
  };
}

export async function getAlert(db: DbOrTx, alertId: string): Promise<AlertView> {
  const r = await db.selectFrom('alerts').selectAll().where('alert_id', '=', alertId).executeTakeFirst();
  if (!r) throw new AppError('ALERT_NOT_FOUND');
  return view(r);
}

/** An operator has seen it and is on it. Idempotent; a resolved alert cannot be acknowledged. */
export async function acknowledgeAlert(db: Db, alertId: string, by: string): Promise<AlertView> {
  const current = await getAlert(db, alertId);
  if (current.status === 'resolved') throw new AppError('ALERT_RESOLVED');
  if (current.status === 'open') {
    await db.updateTable('alerts').set({ status: 'acknowledged', acknowledged_at: sql`clock_timestamp()`, acknowledged_by: by }).where('alert_id', '=', alertId).where('status', '=', 'open').execute();
  }
  return await getAlert(db, alertId);
}

/**
 * An operator closes the alert, with a note of what was done. If the
 * inconsistency still holds, it is silenced for this event: a new event that
 * starts it again raises a new alert.
 */
export async function resolveAlert(db: Db, alertId: string, by: string, note: string, registry?: Registry): Promise<AlertView> {
  const m = registry ? monitorMetrics(registry, db) : undefined;
  const current = await getAlert(db, alertId);
  if (current.status === 'resolved') throw new AppError('ALERT_RESOLVED');
  await db.transaction().execute(async (tx) => {
    await lockEventKey(tx, current.orderNo);
    if (await resolve(tx, alertId, { by, resolution: 'operator', note }, m)) {
      await tx.updateTable('monitor_conditions').set({ state: 'silenced', updated_at: sql`now()` }).where('alert_id', '=', alertId).where('state', '!=', 'ended').execute();
      await tx.deleteFrom('monitor_conditions').where('alert_id', '=', alertId).where('state', '=', 'ended').execute();
    }
  });
  return await getAlert(db, alertId);
}

/** Orders with an alert not resolved yet (reconciliation reads them at their PSP again each run). */
export async function openAlertOrders(db: DbOrTx, limit = 100): Promise<string[]> {
  const rows = await db.selectFrom('alerts').select('order_no').distinct().where('status', '!=', 'resolved').where('order_no', 'not like', 'foreign:%').limit(limit).execute();
  return rows.map((r) => r.order_no);
}
