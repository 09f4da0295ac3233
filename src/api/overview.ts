import type { Static } from 'typebox';
import { purchasesByMinute, type CheckoutDeps } from '../checkout/index.ts';
import { triageTop, type TriageTopCategory } from '../live-triage.ts';
import { alertsSummary } from '../monitor/index.ts';
import { countDeadLetters } from '../platform/jobs/dead-letter.service.ts';
import type { Logger } from '../platform/logging.ts';
import { histogramQuantiles } from '../platform/metrics.ts';
import type { Overview } from './schemas/overview.ts';

export type OverviewAnswer = Static<typeof Overview>;

const MINUTE_MS = 60_000;
/** How long one triage of a window is shown before it is built again (it costs a worker thread and a read of the kept lines). */
export const TRIAGE_REFRESH_MS = 10_000;
/**
 * How long an overview waits for a triage being built when it has none to show yet: enough for a window
 * without kept lines (no worker), far less than a worker's build (about 0.7 s for 5,000 lines), so an overview
 * never waits for one.
 */
const TRIAGE_WAIT_MS = 50;
const TOP = 5;

/** Milliseconds, to the microsecond at most (the histogram is in seconds). */
const ms = (seconds: number | null) => (seconds === null ? null : Math.round(seconds * 1_000_000) / 1000);

/** The start of the first of the `minutes` whole minutes that end with the one `now` is in. */
const windowStart = (now: number, minutes: number) => new Date(Math.floor(now / MINUTE_MS) * MINUTE_MS - (minutes - 1) * MINUTE_MS);

interface TriageEntry {
  at: Date | null;
  top: TriageTopCategory[];
  builtAt: number;
  building?: Promise<void>;
}

/**
 * The live triage's largest categories per window length, rebuilt at most every {@link TRIAGE_REFRESH_MS}:
 * an ask gets the last one built at once (a stale one starts a newer build beside it); while none has been
 * built yet it waits at most {@link TRIAGE_WAIT_MS} for the first, else answers none yet (`at: null`).
 */
class TriageTops {
  private readonly entries = new Map<number, TriageEntry>();

  constructor(
    private readonly deps: CheckoutDeps,
    private readonly log: Logger,
  ) {}

  async get(minutes: number, now: number): Promise<{ at: string | null; top: TriageTopCategory[] }> {
    let e = this.entries.get(minutes);
    if (!e) {
      e = { at: null, top: [], builtAt: 0 };
      this.entries.set(minutes, e);
    }
    // Stale (or never built): the last one now, a newer one for the next ask.
    if (now - e.builtAt >= TRIAGE_REFRESH_MS && !e.building) void this.build(e, minutes);
    if (e.at === null && e.building) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([e.building, new Promise<void>((r) => (timer = setTimeout(r, TRIAGE_WAIT_MS)))]);
      clearTimeout(timer);
    }
    return { at: e.at?.toISOString() ?? null, top: e.top };
  }

  private build(e: TriageEntry, minutes: number): Promise<void> {
    const to = new Date();
    e.building = triageTop(this.deps.db, windowStart(to.getTime(), minutes), to, TOP)
      .then((top) => {
        e.top = top;
        e.at = to;
      })
      .catch((err: unknown) => this.log.warn({ event: 'overview_triage_failed', err }, 'the overview could not build its triage; the last one is shown'))
      .finally(() => {
        e.builtAt = Date.now();
        e.building = undefined;
      });
    return e.building;
  }
}

/**
 * The ops console's overview: each part from where it is kept (orders by minute from the index on created_at,
 * alerts and dead letters by their partial indexes, the PSP edge's health and the success→PAID histogram from
 * this process's memory, the live triage from the kept log lines, at most every 10 s).
 */
export class OverviewSource {
  private readonly triage: TriageTops;

  constructor(private readonly deps: CheckoutDeps) {
    this.triage = new TriageTops(deps, deps.log);
  }

  async read(minutes: number): Promise<OverviewAnswer> {
    const { db, payments, metrics, config } = this.deps;
    const now = new Date();
    const firstMinute = windowStart(now.getTime(), minutes);
    const [purchases, alerts, dead, toPaid, triage] = await Promise.all([
      purchasesByMinute(db, firstMinute, minutes),
      alertsSummary(db, TOP),
      countDeadLetters(db),
      histogramQuantiles(metrics.successToPaid, { source: 'webhook' }, [0.5, 0.95, 0.99]),
      this.triage.get(minutes, now.getTime()),
    ]);
    const paid = purchases.reduce((n, m) => n + m.paid, 0);
    const failed = purchases.reduce((n, m) => n + m.failed, 0);
    const [p50, p95, p99] = toPaid.quantiles;
    return {
      at: now.toISOString(),
      windowMinutes: minutes,
      purchases,
      successRate: { paid, failed, ratio: paid + failed === 0 ? null : Math.round((paid / (paid + failed)) * 10_000) / 10_000, objective: config.overview.successObjective },
      webhookToPaid: { count: toPaid.count, p50Ms: ms(p50 ?? null), p95Ms: ms(p95 ?? null), p99Ms: ms(p99 ?? null) },
      providers: payments.providerHealth().map((p) => ({
        name: p.name,
        circuit: p.circuit,
        role: p.role,
        successRate: p.recent.successRate,
        latency: p.latency,
        lastFailureAt: p.lastFailure?.at ?? null,
      })),
      alerts,
      deadLetters: { count: dead.reduce((n, d) => n + d.count, 0) },
      triage,
    };
  }
}
