/**
 * Monitor: the consistency rules A–F over the event stream (seed 003's
 * kafka-alert), its alerts and their admin actions. Reads the stream, never
 * the order tables; it changes an order only through checkout's operator
 * and remediation actions.
 */
export { startMonitor, monitorMetrics, MONITOR_CONSUMER, ALERT_SOURCE, type RunningMonitor } from './monitor.service.ts';
export { listAlerts, alertsSummary, getAlert, acknowledgeAlert, resolveAlert, openAlertOrders, type AlertView, type AlertFilter } from './alerts.service.ts';
export { RULES, evaluate, type RuleId, type Condition } from './rules.ts';
export { fold, emptyView, type OrderView } from './projection.ts';
export type { MonitorTables, AlertStatus } from './monitor.table.ts';
