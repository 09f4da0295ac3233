import { sql } from 'kysely';
import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logging.ts';

/**
 * Registers the backlog gauges, each one query at scrape time (never stale, no
 * code path has to update them):
 *
 * - `orderly_tasks_queued{task}` and `orderly_task_oldest_queued_seconds{task}`:
 *   follow-up tasks not finished yet, and how long the oldest has waited (since
 *   it was enqueued, or put back by an operator). Tasks that wait on purpose (the
 *   payment poll of an order waiting for the buyer) are old by design: alert on
 *   the age per task name, not across them. A task name seen once stays at 0,
 *   so its series does not vanish when the queue drains.
 * - `orderly_outbox_unpublished` and `orderly_outbox_oldest_unpublished_seconds`:
 *   events written and not yet published by the relay (served by the partial
 *   index `outbox_unpublished`). `orderly_event_relay_lag_seconds` only sees events
 *   once published; these see a relay that stopped.
 *
 * A database that cannot be reached gives no samples and one warn line, and
 * takes no other metric down with it.
 */
export function registerBacklogGauges(registry: Registry, db: Db, log?: Logger): void {
  const tasks = perScrape(() => countQueued(db), (e) => log?.warn({ event: 'metrics_query_failed', err: e }, 'could not count queued tasks for /metrics'));
  const outbox = perScrape(() => outboxBacklog(db), (e) => log?.warn({ event: 'metrics_query_failed', err: e }, 'could not count unpublished events for /metrics'));
  const seen = new Set<string>();
  const byTask = (name: string, help: string, value: (r: QueuedTasks) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['task'],
      registers: [registry],
      async collect() {
        const rows = await tasks();
        this.reset();
        if (!rows) return;
        for (const task of seen) this.set({ task }, 0);
        for (const r of rows) {
          seen.add(r.task);
          this.set({ task: r.task }, value(r));
        }
      },
    });
  byTask('orderly_tasks_queued', 'Follow-up tasks queued (waiting for their first run, a retry or a re-run), by task name', (r) => r.count);
  byTask(
    'orderly_task_oldest_queued_seconds',
    'Seconds the oldest queued follow-up task has waited since it was enqueued (or put back by an operator), by task name; 0 when none',
    (r) => r.oldestSeconds,
  );
  const outboxGauge = (name: string, help: string, value: (r: OutboxBacklog) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        const r = await outbox();
        this.reset();
        if (r) this.set(value(r));
      },
    });
  outboxGauge('orderly_outbox_unpublished', 'Events written to the outbox and not yet published by the relay', (r) => r.count);
  outboxGauge('orderly_outbox_oldest_unpublished_seconds', 'Seconds the oldest unpublished outbox event has waited since it was written; 0 when none', (r) => r.oldestSeconds);
}

/**
 * One query shared by the gauges of one scrape: prom-client collects every
 * metric at once, so the gauges that start while it runs get its answer. A
 * failure is reported once and gives undefined (no samples).
 */
function perScrape<T>(query: () => Promise<T>, onError: (e: unknown) => void): () => Promise<T | undefined> {
  let running: Promise<T | undefined> | undefined;
  return () =>
    (running ??= query()
      .catch((e: unknown) => {
        onError(e);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      }));
}

interface QueuedTasks {
  task: string;
  count: number;
  oldestSeconds: number;
}

async function countQueued(db: Db): Promise<QueuedTasks[]> {
  // Read from the partial index tasks_queued (migration 0014): the queued tasks only, however many are done.
  const r = await sql<{ name: string; n: string; oldest: number }>`
    select name, count(*) as n, extract(epoch from clock_timestamp() - min(coalesce(retried_at, created_at)))::float8 as oldest
    from tasks where state = 'queued' group by name`.execute(db);
  return r.rows.map((x) => ({ task: x.name, count: Number(x.n), oldestSeconds: Math.max(0, x.oldest) }));
}

interface OutboxBacklog {
  count: number;
  oldestSeconds: number;
}

async function outboxBacklog(db: Db): Promise<OutboxBacklog> {
  // Served by the partial index outbox_unpublished.
  const r = await sql<{ n: string; oldest: number | null }>`
    select count(*) as n, extract(epoch from clock_timestamp() - min(occurred_at))::float8 as oldest
    from outbox where published_at is null`.execute(db);
  return { count: Number(r.rows[0]?.n ?? 0), oldestSeconds: Math.max(0, r.rows[0]?.oldest ?? 0) };
}
