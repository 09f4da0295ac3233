import type { ColumnType, Generated } from 'kysely';
import type { OrderView } from './projection.ts';
import type { RuleId } from './rules.ts';

/** The monitor's own picture of each order, built from the stream alone (never from the order tables). */
export interface MonitorOrdersTable {
  order_no: string;
  view: ColumnType<OrderView, string, string>;
  updated_at: Generated<Date>;
}

export type ConditionState = 'pending' | 'alerted' | 'ended' | 'silenced';

/**
 * An inconsistency the monitor sees now: `pending` until it has lasted the
 * grace window, `alerted` while its alert is open, `ended` once it is over
 * (its alert resolves itself), `silenced` when an operator resolved the
 * alert while it still holds (no second alert for the same event).
 */
export interface MonitorConditionsTable {
  order_no: string;
  rule_id: RuleId;
  /** Which attempt or task of the order (E, F); '' for the rules about the order as a whole. */
  subject: string;
  event_id: string;
  since: Date;
  observed: ColumnType<Record<string, unknown>, string, string>;
  expected: ColumnType<Record<string, unknown>, string, string>;
  state: ConditionState;
  alert_id: string | null;
  updated_at: Generated<Date>;
}

export type AlertStatus = 'open' | 'acknowledged' | 'resolved';

export interface AlertsTable {
  alert_id: string;
  rule_id: RuleId;
  order_no: string;
  subject: string;
  event_id: string;
  observed: ColumnType<Record<string, unknown>, string, string>;
  expected: ColumnType<Record<string, unknown>, string, string>;
  /** When the inconsistency began (the event that started it). */
  since: Date;
  detected_at: Date;
  source: string;
  status: AlertStatus;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: 'auto' | 'operator' | null;
  note: string | null;
}

export interface MonitorTables {
  monitor_orders: MonitorOrdersTable;
  monitor_conditions: MonitorConditionsTable;
  alerts: AlertsTable;
}

declare module '../platform/db/database.ts' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges this module's tables into the service's Database
  interface Database extends MonitorTables {}
}
