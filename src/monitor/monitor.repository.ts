import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import type { ConditionState } from './monitor.table.ts';
import type { OrderView } from './projection.ts';
import type { Condition, RuleId } from './rules.ts';

/** The orders' pictures, their rows locked until the caller's transaction ends (one statement for a batch). */
export async function lockViews(db: DbOrTx, orderNos: readonly string[]): Promise<Map<string, OrderView>> {
  if (orderNos.length === 0) return new Map();
  const rows = await db.selectFrom('monitor_orders').select(['order_no', 'view']).where('order_no', 'in', [...orderNos]).orderBy('order_no').forUpdate().execute();
  return new Map(rows.map((r) => [r.order_no, r.view]));
}

export async function saveViews(db: DbOrTx, views: readonly OrderView[]): Promise<void> {
  if (views.length === 0) return;
  await db
    .insertInto('monitor_orders')
    .values(views.map((v) => ({ order_no: v.orderNo, view: JSON.stringify(v) })))
    .onConflict((oc) => oc.column('order_no').doUpdateSet({ view: (eb) => eb.ref('excluded.view'), updated_at: sql`now()` }))
    .execute();
}

/** The orders' open conditions, locked (one statement for a batch). */
export async function lockConditions(db: DbOrTx, orderNos: readonly string[]) {
  if (orderNos.length === 0) return [];
  return await db.selectFrom('monitor_conditions').selectAll().where('order_no', 'in', [...orderNos]).orderBy('order_no').forUpdate().execute();
}

export async function insertCondition(db: DbOrTx, orderNo: string, c: Condition): Promise<void> {
  await db
    .insertInto('monitor_conditions')
    .values({ order_no: orderNo, rule_id: c.ruleId, subject: c.subject, event_id: c.eventId, since: new Date(c.since), observed: JSON.stringify(c.observed), expected: JSON.stringify(c.expected), state: 'pending', alert_id: null })
    .execute();
}

export async function setConditionState(db: DbOrTx, k: { orderNo: string; ruleId: RuleId; subject: string }, state: ConditionState, alertId?: string): Promise<void> {
  await db
    .updateTable('monitor_conditions')
    .set({ state, updated_at: sql`now()`, ...(alertId !== undefined ? { alert_id: alertId } : {}) })
    .where('order_no', '=', k.orderNo)
    .where('rule_id', '=', k.ruleId)
    .where('subject', '=', k.subject)
    .execute();
}

export async function deleteCondition(db: DbOrTx, k: { orderNo: string; ruleId: RuleId; subject: string }): Promise<void> {
  await db.deleteFrom('monitor_conditions').where('order_no', '=', k.orderNo).where('rule_id', '=', k.ruleId).where('subject', '=', k.subject).execute();
}

/** Conditions the tick must act on: pending ones past the grace window, ended ones whose alert resolves. */
export async function dueConditions(db: DbOrTx, graceMs: number, limit: number) {
  return await db
    .selectFrom('monitor_conditions')
    .select(['order_no', 'rule_id', 'subject'])
    .where((eb) => eb.or([eb.and([eb('state', '=', 'pending'), eb('since', '<=', sql<Date>`now() - make_interval(secs => ${graceMs / 1000})`)]), eb('state', '=', 'ended')]))
    .orderBy('since')
    .limit(limit)
    .execute();
}

export async function lockCondition(db: DbOrTx, k: { orderNo: string; ruleId: RuleId; subject: string }) {
  return await db
    .selectFrom('monitor_conditions')
    .selectAll()
    .where('order_no', '=', k.orderNo)
    .where('rule_id', '=', k.ruleId)
    .where('subject', '=', k.subject)
    .forUpdate()
    .executeTakeFirst();
}

/** Records an alert once per (order, rule, event): undefined when that alert exists already (a duplicate). */
export async function insertAlert(
  db: DbOrTx,
  a: { alertId: string; ruleId: RuleId; orderNo: string; subject: string; eventId: string; observed: Record<string, unknown>; expected: Record<string, unknown>; since: Date; source: string },
): Promise<{ alert_id: string; detected_at: Date } | undefined> {
  return await db
    .insertInto('alerts')
    .values({
      alert_id: a.alertId,
      rule_id: a.ruleId,
      order_no: a.orderNo,
      subject: a.subject,
      event_id: a.eventId,
      observed: JSON.stringify(a.observed),
      expected: JSON.stringify(a.expected),
      since: a.since,
      detected_at: sql<Date>`clock_timestamp()`,
      source: a.source,
      status: 'open',
      acknowledged_at: null,
      acknowledged_by: null,
      resolved_at: null,
      resolved_by: null,
      resolution: null,
      note: null,
    })
    .onConflict((oc) => oc.columns(['order_no', 'rule_id', 'event_id']).doNothing())
    .returning(['alert_id', 'detected_at'])
    .executeTakeFirst();
}

export async function alertByEvent(db: DbOrTx, orderNo: string, ruleId: RuleId, eventId: string) {
  return await db.selectFrom('alerts').select(['alert_id', 'status']).where('order_no', '=', orderNo).where('rule_id', '=', ruleId).where('event_id', '=', eventId).executeTakeFirst();
}

/** Resolves an alert that is not resolved yet; the row, or undefined when it already was. */
export async function resolveAlertRow(db: DbOrTx, alertId: string, r: { by: string; resolution: 'auto' | 'operator'; note: string | null }) {
  return await db
    .updateTable('alerts')
    .set({ status: 'resolved', resolved_at: sql`clock_timestamp()`, resolved_by: r.by, resolution: r.resolution, note: r.note })
    .where('alert_id', '=', alertId)
    .where('status', '!=', 'resolved')
    .returningAll()
    .executeTakeFirst();
}
