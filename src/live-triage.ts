import { ordersImpact, purchaseRate, RETRY_WINDOW_MS } from './checkout/index.ts';
import type { Db } from './platform/db/database.ts';
import { keptLines } from './platform/logs/log.lines.ts';
import { buildReportOffThread } from './live-triage.thread.ts';
import { withImpact, type OrdersFigures, type TriageReport } from './triage/index.ts';

/** The most lines one live report reads (the newest of the window): a bound on memory and on the miner's second. */
export const LIVE_TRIAGE_MAX_LINES = 50_000;

export interface LiveTriageWindow {
  from: Date;
  to: Date;
  /** The baseline is [baselineFrom, from): the purchases the window's are compared with. */
  baselineFrom: Date;
}

/**
 * Triage of the running service (issue 12): the warn and error lines every
 * orderly process kept in `log_lines` for the window, read into categories,
 * chains and runbooks off the event loop, with each category's impact from the
 * orders themselves (GMV at risk, customers, buyers retrying) and the window's
 * purchase success rate against the baseline.
 */
export async function liveTriage(db: Db, w: LiveTriageWindow): Promise<TriageReport> {
  const kept = await keptLines(db, w.from, w.to, LIVE_TRIAGE_MAX_LINES);
  const { report, orderNos } = await buildReportOffThread(kept.lines);
  const figures: Record<string, OrdersFigures> = {};
  // One query per category that names orders (a report has a handful): each is an index lookup.
  for (const [id, nos] of Object.entries(orderNos)) if (nos.length > 0) figures[id] = await ordersImpact(db, nos);
  const [window, baseline] = await Promise.all([purchaseRate(db, w.from, w.to), purchaseRate(db, w.baselineFrom, w.from)]);
  return withImpact(report, figures, {
    source: { from: w.from.toISOString(), to: w.to.toISOString(), omitted: kept.omitted, oldestKept: kept.oldestKept },
    purchases: { window, baseline },
    retryWindowMs: RETRY_WINDOW_MS,
  });
}

/** One failure category as the overview shows it. */
export interface TriageTopCategory {
  id: string;
  name: { ja: string; en: string };
  count: number;
}

/**
 * The `n` largest failure categories of the lines kept for [from, to), built off the event loop like the
 * whole report but without its order figures; none (and no worker) when no line was kept.
 */
export async function triageTop(db: Db, from: Date, to: Date, n: number): Promise<TriageTopCategory[]> {
  const kept = await keptLines(db, from, to, LIVE_TRIAGE_MAX_LINES);
  if (kept.lines.length === 0) return [];
  const { report } = await buildReportOffThread(kept.lines);
  return [...report.categories]
    .sort((a, b) => b.count - a.count)
    .slice(0, n)
    .map((c) => ({ id: c.id, name: { ja: c.name.ja, en: c.name.en }, count: c.count }));
}
