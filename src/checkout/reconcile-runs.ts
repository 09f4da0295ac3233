import { sql } from 'kysely';
import type { DbOrTx } from '../platform/db/database.ts';
import { decodeCursor, encodeCursor, exactTimeSql } from '../platform/paging.ts';
import type { ReconcileReport } from './reconcile.ts';

/** Who started a run: the reconciler of `start` (every RECONCILE_INTERVAL_MS) or an operator (POST /api/v1/admin/reconcile). */
export type ReconcileTrigger = 'periodic' | 'operator';

/** A run as the admin list shows it. */
export interface ReconcileRunView {
  id: number;
  trigger: ReconcileTrigger;
  by: string;
  status: 'running' | 'finished' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  window: { from: string; to: string };
  checked: { payments: number; orders: number; reobserved: number; providers: ReconcileReport['providers'] };
  agreed: number;
  remediations: number;
  escalated: number;
  error: string | null;
}

/** Records a run as it starts (a run cut off by a crash stays `running`); its id. */
export async function startRun(db: DbOrTx, r: { trigger: ReconcileTrigger; by: string; window: { from: Date; to: Date }; startedAt: Date }): Promise<number> {
  const row = await db
    .insertInto('reconcile_runs')
    .values({
      trigger: r.trigger,
      by: r.by,
      status: 'running',
      started_at: r.startedAt,
      finished_at: null,
      window_from: r.window.from,
      window_to: r.window.to,
      providers: '[]',
      payments_checked: 0,
      orders_checked: 0,
      reobserved: 0,
      agreed: 0,
      remediations: 0,
      escalated: 0,
      error: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** What a finished run checked and found. */
export async function finishRun(db: DbOrTx, id: number, report: ReconcileReport, ordersChecked: number): Promise<void> {
  await db
    .updateTable('reconcile_runs')
    .set({
      status: 'finished',
      finished_at: new Date(),
      providers: JSON.stringify(report.providers),
      payments_checked: report.providers.reduce((n, p) => n + p.payments, 0),
      orders_checked: ordersChecked,
      reobserved: report.reobserved,
      agreed: report.agreed,
      remediations: report.remediations.length,
      escalated: report.remediations.filter((m) => m.outcome === 'escalated').length,
    })
    .where('id', '=', id)
    .execute();
}

/** A run that stopped on an error (the database went away, a bug): what it had done so far, and why. */
export async function failRun(db: DbOrTx, id: number, report: ReconcileReport, error: string): Promise<void> {
  await db
    .updateTable('reconcile_runs')
    .set({
      status: 'failed',
      finished_at: new Date(),
      providers: JSON.stringify(report.providers),
      payments_checked: report.providers.reduce((n, p) => n + p.payments, 0),
      reobserved: report.reobserved,
      agreed: report.agreed,
      remediations: report.remediations.length,
      escalated: report.remediations.filter((m) => m.outcome === 'escalated').length,
      error: error.slice(0, 1000),
    })
    .where('id', '=', id)
    .execute();
}

/** Runs, newest first, `limit` at a time; each run on exactly one page (cursor: the last run's exact start and id). */
export async function listReconcileRuns(db: DbOrTx, q: { limit: number; cursor?: string }): Promise<{ runs: ReconcileRunView[]; nextCursor: string | null }> {
  let s = db.selectFrom('reconcile_runs').selectAll().select(sql<string>`${sql.raw(exactTimeSql('started_at'))}`.as('started_exact'));
  if (q.cursor) {
    const after = decodeCursor(q.cursor, 'int');
    s = s.where(sql<boolean>`(started_at, id) < (${after.at}::timestamptz, ${after.id})`);
  }
  const rows = await s.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    runs: page.map((r) => ({
      id: r.id,
      trigger: r.trigger,
      by: r.by,
      status: r.status,
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
      window: { from: r.window_from.toISOString(), to: r.window_to.toISOString() },
      checked: { payments: r.payments_checked, orders: r.orders_checked, reobserved: r.reobserved, providers: r.providers },
      agreed: r.agreed,
      remediations: r.remediations,
      escalated: r.escalated,
      error: r.error,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor(last.started_exact, last.id) : null,
  };
}
