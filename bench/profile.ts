/**
 * `npm run bench:profile`: where one settled checkout's statements go. Starts the service (embedded
 * Postgres with pg_stat_statements loaded), warms it up, then places BENCH_PROFILE_ORDERS (default 200)
 * `tok_visa` orders at BENCH_PROFILE_CONCURRENCY (default 4), waits until every follow-up is done and
 * prints, per statement, its calls and its execution time per settled checkout (the service, the job
 * queue and the in-process simulator together; lock waits count as execution time), most called first.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { signCustomerToken } from '../src/api/index.ts';
import { waitForFollowUps } from './followup.ts';
import { requestJson } from './http.ts';
import { BENCH_SKU, runLevel } from './load.ts';
import { ADMIN_KEY, Cleanup, JWT_SECRET, launchService, waitUntilReady } from './service-process.ts';

const REPO_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ROWS = 40;
/** Postgres reports a backend's statistics when it goes idle, at most once a second. */
const STATS_SETTLE_MS = 1_500;

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

/**
 * Which part of the system a statement belongs to, by the tables it names (first match wins).
 * BEGIN and COMMIT belong to every part's transactions and are counted on their own.
 */
const PARTS: [string, RegExp][] = [
  ['transaction control (BEGIN, COMMIT)', /^(begin|commit|rollback)\b/i],
  ['simulator (psp_sim schema)', /psp_sim\./],
  ['job queue (graphile-worker, tasks)', /graphile_worker|"tasks"|\btasks\b/],
  ['consistency monitor', /monitor_/],
  ['relay and stream consumers (outbox reads, stream, offsets, outbound)', /event_stream_head|stream_offsets|outbound_|from "outbox"|update outbox/],
  ['event-key locks', /pg_advisory_xact_lock/],
  ['outbox writes', /insert into "outbox"/],
  ['payments (payments, attempts, webhooks)', /payment/],
  ['stock', /"stock"|\bstock\b|reservations/],
  ['mails', /notifications/],
  ['orders, items, timeline, idempotency', /orders|order_items|order_events|idempotency/],
];
function byPart(rows: { n: string; ms: string; text: string }[]): [string, { calls: number; ms: number }][] {
  const sums = new Map<string, { calls: number; ms: number }>();
  for (const r of rows) {
    const part = PARTS.find(([, re]) => re.test(r.text))?.[0] ?? 'other';
    const v = sums.get(part) ?? { calls: 0, ms: 0 };
    v.calls += Number(r.n);
    v.ms += Number(r.ms);
    sums.set(part, v);
  }
  return [...sums].sort((a, b) => b[1].calls - a[1].calls);
}

async function main(): Promise<void> {
  const orders = intSetting('BENCH_PROFILE_ORDERS', 200, 10, 100_000);
  const concurrency = intSetting('BENCH_PROFILE_CONCURRENCY', 4, 1, 256);
  const cleanup = new Cleanup();
  try {
    const svc = await launchService(REPO_ROOT, path.join(REPO_ROOT, 'bench', 'results', 'profile-service.log'), { EMBEDDED_PG_SETTINGS: 'shared_preload_libraries=pg_stat_statements' });
    cleanup.add(async () => void (await svc.stop(40_000)));
    const runtime = await waitUntilReady(svc, 120_000);
    const admin = async (method: string, p: string, body: unknown) => {
      const r = await requestJson({ method, url: svc.url + p, headers: { authorization: `Bearer ${ADMIN_KEY}` }, body, timeoutMs: 10_000 });
      if (r.status >= 300) throw new Error(`${method} ${p} answered ${r.status}`);
    };
    await admin('PUT', `/api/v1/admin/products/${BENCH_SKU}`, { name: 'Bench', price: { amount: 1000, currency: 'JPY' } });
    await admin('POST', `/api/v1/admin/products/${BENCH_SKU}/stock`, { delta: orders * 2 + 1000 });
    const db = new pg.Client({ connectionString: runtime.databaseUrl });
    await db.connect();
    cleanup.add(() => db.end());
    await db.query('create extension if not exists pg_stat_statements');
    const tokens = await Promise.all(Array.from({ length: concurrency }, (_, i) => signCustomerToken(JWT_SECRET, `profile-vu${i + 1}`)));
    // Warm up (plans, pools, JIT of the service), let it settle, then count from zero.
    const warm = await runLevel({ url: svc.url, concurrency, durationMs: 60_000, maxRequests: Math.min(50, orders), tokens });
    await waitForFollowUps(db, new Map(warm.samples.flatMap((s) => (s.orderNo ? [[s.orderNo, s.arrivedAt] as const] : []))), 60_000);
    await new Promise((r) => setTimeout(r, STATS_SETTLE_MS));
    await db.query('select pg_stat_statements_reset()');
    const run = await runLevel({ url: svc.url, concurrency, durationMs: 600_000, maxRequests: orders, tokens });
    const arrivals = new Map(run.samples.flatMap((s) => (s.orderNo ? [[s.orderNo, s.arrivedAt] as const] : [])));
    const followUp = await waitForFollowUps(db, arrivals, 120_000);
    await new Promise((r) => setTimeout(r, STATS_SETTLE_MS));
    const settled = followUp.delaysMs.length;
    if (settled === 0) throw new Error('no order settled');
    const total = await db.query<{ calls: string; ms: string }>('select sum(calls)::text as calls, sum(total_exec_time)::text as ms from pg_stat_statements');
    const { rows } = await db.query<{ n: string; ms: string; text: string }>(
      `select calls::text as n, total_exec_time::text as ms, regexp_replace(query, '\\s+', ' ', 'g') as text
         from pg_stat_statements order by calls desc, total_exec_time desc`,
    );
    const per = (v: string | number) => Number(v) / settled;
    console.log(`${settled} settled checkouts at concurrency ${concurrency} (the profile's own queries included, a few per checkout):`);
    console.log(`${per(total.rows[0]!.calls).toFixed(1)} statements and ${per(total.rows[0]!.ms).toFixed(2)} ms of execution per settled checkout\n`);
    console.log(`${'calls'.padStart(7)}  ${'ms'.padStart(7)}  part`);
    for (const [part, v] of byPart(rows)) console.log(`${per(v.calls).toFixed(1).padStart(7)}  ${per(v.ms).toFixed(2).padStart(7)}  ${part}`);
    console.log(`\n${'calls'.padStart(7)}  ${'ms'.padStart(7)}  statement (per settled checkout)`);
    for (const r of rows.slice(0, ROWS)) console.log(`${per(r.n).toFixed(2).padStart(7)}  ${per(r.ms).toFixed(2).padStart(7)}  ${r.text.slice(0, 120)}`);
  } finally {
    await cleanup.run();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
