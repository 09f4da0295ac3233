import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { MONITOR_CONSUMER } from '../src/monitor/index.ts';
import { requestJson } from './http.ts';
import { ADMIN_KEY } from './service-process.ts';
import { summarize, type Summary } from './stats.ts';

/**
 * The event stream under load, per concurrency level:
 * - relay lag: published_at − occurred_at of every outbox row written during
 *   the level (ids above the level's starting mark, up to the mark once its
 *   follow-up tasks were done) — exact, from the database (the same interval
 *   `orderly_event_relay_lag_seconds` observes);
 * - the monitor's lag: `orderly_monitor_lag_seconds` (an event's write to the
 *   monitor folding it in) as the difference of two /metrics scrapes, its
 *   quantiles interpolated in the histogram's buckets like histogram_quantile;
 * - how far the monitor fell behind the stream: sampled every SAMPLE_MS, the
 *   events published but not yet past the monitor's offset, and how long the
 *   oldest of them had been published.
 */

const SAMPLE_MS = 100;
const MONITOR_LAG = 'orderly_monitor_lag_seconds';

export interface StreamFigures {
  /** Outbox rows written during the level. */
  events: number;
  eventsPerSec: number;
  /** published_at − occurred_at, ms. */
  relayLagMs: Summary | undefined;
  /** Rows still unpublished when we stopped waiting (must be 0). */
  unpublished: number;
  /** orderly_monitor_lag_seconds over the level (ms), from bucket counts. */
  monitorLagMs: { count: number; p50: number; p99: number } | undefined;
  /** Largest sampled backlog of the monitor: events, and the age of its oldest event since publication (ms). */
  monitorBehindMax: { events: number; ms: number; samples: number };
}

type Buckets = Map<number, number>;

/** Cumulative bucket counts of one histogram (summed over its other labels) in a Prometheus text exposition. */
export function histogramBuckets(text: string, name: string): Buckets {
  const out: Buckets = new Map();
  const re = new RegExp(`^${name}_bucket\\{([^}]*)\\} (\\S+)$`, 'gm');
  for (const m of text.matchAll(re)) {
    const le = /(?:^|,)le="([^"]+)"/.exec(m[1] ?? '')?.[1];
    if (le === undefined) continue;
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le);
    out.set(bound, (out.get(bound) ?? 0) + Number(m[2]));
  }
  return out;
}

/** `after − before`, bucket by bucket. */
export function bucketDelta(before: Buckets, after: Buckets): Buckets {
  const out: Buckets = new Map();
  for (const [le, n] of after) out.set(le, n - (before.get(le) ?? 0));
  return out;
}

/** Prometheus' histogram_quantile: linear inside the bucket the rank falls in; the highest finite bound if it is +Inf. */
export function bucketQuantile(b: Buckets, q: number): number | undefined {
  const bounds = [...b.keys()].sort((x, y) => x - y);
  const total = b.get(Number.POSITIVE_INFINITY) ?? 0;
  if (total <= 0) return undefined;
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const le of bounds) {
    const n = b.get(le) ?? 0;
    if (n >= rank) {
      if (le === Number.POSITIVE_INFINITY) return lower;
      return n === below ? le : lower + ((le - lower) * (rank - below)) / (n - below);
    }
    lower = le;
    below = n;
  }
  return lower;
}

export async function scrapeMetrics(url: string): Promise<string> {
  const res = await requestJson({ method: 'GET', url: `${url}/metrics`, headers: { authorization: `Bearer ${ADMIN_KEY}`, accept: 'text/plain' }, timeoutMs: 10_000 });
  if (res.status !== 200 || typeof res.body !== 'string') throw new Error(`GET /metrics answered ${res.status}`);
  return res.body;
}

async function maxOutboxId(db: pg.Client): Promise<number> {
  const r = await db.query<{ id: string }>('select coalesce(max(id), 0) as id from outbox');
  return Number(r.rows[0]?.id ?? 0);
}

/** Polls the monitor's offset against the stream's head until stopped; keeps the worst backlog seen. */
function sampleMonitor(db: pg.Client): { stop: () => Promise<StreamFigures['monitorBehindMax']> } {
  const worst = { events: 0, ms: 0, samples: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const r = await db
        .query<{ behind: string; age_ms: number | null }>(
          `select h.seq - coalesce(o.position, 0) as behind,
                  (select extract(epoch from clock_timestamp() - x.published_at) * 1000 from outbox x where x.stream_seq = coalesce(o.position, 0) + 1)::float8 as age_ms
             from event_stream_head h left join stream_offsets o on o.consumer = $1 and o.source = 'pg'
            where h.id = 1`,
          [MONITOR_CONSUMER],
        )
        .catch(() => undefined);
      const row = r?.rows[0];
      if (row) {
        worst.samples += 1;
        worst.events = Math.max(worst.events, Number(row.behind));
        if (Number(row.behind) > 0 && row.age_ms !== null) worst.ms = Math.max(worst.ms, Number(row.age_ms));
      }
      await sleep(SAMPLE_MS);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return worst;
    },
  };
}

/** Waits (up to `timeoutMs`) until every outbox row up to `lastId` is published and the monitor has passed the stream's head. */
async function drained(db: pg.Client, lastId: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await db.query<{ unpublished: string; behind: string }>(
      `select (select count(*) from outbox where id <= $1 and published_at is null) as unpublished,
              (select h.seq - coalesce(o.position, 0) from event_stream_head h left join stream_offsets o on o.consumer = $2 and o.source = 'pg' where h.id = 1) as behind`,
      [lastId, MONITOR_CONSUMER],
    );
    const unpublished = Number(r.rows[0]?.unpublished ?? 0);
    if ((unpublished === 0 && Number(r.rows[0]?.behind ?? 0) <= 0) || Date.now() >= deadline) return unpublished;
    await sleep(100);
  }
}

/**
 * Call `start()` before a level's load and `finish()` once its follow-up tasks
 * are done. `sampler` is a connection of its own (the sampling runs beside the
 * bench's other queries).
 */
export async function watchStream(opts: { url: string; db: pg.Client; sampler: pg.Client }): Promise<{ finish: (elapsedS: number) => Promise<StreamFigures> }> {
  const firstId = await maxOutboxId(opts.db);
  const metricsBefore = await scrapeMetrics(opts.url);
  const sampling = sampleMonitor(opts.sampler);
  return {
    finish: async (elapsedS) => {
      const lastId = await maxOutboxId(opts.db);
      const unpublished = await drained(opts.db, lastId, 30_000);
      const behind = await sampling.stop();
      const metricsAfter = await scrapeMetrics(opts.url);
      const lags = await opts.db.query<{ ms: number }>(
        `select (extract(epoch from published_at - occurred_at) * 1000)::float8 as ms from outbox where id > $1 and id <= $2 and published_at is not null`,
        [firstId, lastId],
      );
      const events = lags.rows.length + unpublished;
      const monitor = bucketDelta(histogramBuckets(metricsBefore, MONITOR_LAG), histogramBuckets(metricsAfter, MONITOR_LAG));
      const p50 = bucketQuantile(monitor, 0.5);
      const p99 = bucketQuantile(monitor, 0.99);
      return {
        events,
        eventsPerSec: elapsedS > 0 ? events / elapsedS : 0,
        relayLagMs: summarize(lags.rows.map((r) => Math.max(0, Number(r.ms)))),
        unpublished,
        monitorLagMs: p50 === undefined || p99 === undefined ? undefined : { count: monitor.get(Number.POSITIVE_INFINITY) ?? 0, p50: p50 * 1000, p99: p99 * 1000 },
        monitorBehindMax: behind,
      };
    },
  };
}
