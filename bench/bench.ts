/**
 * `npm run bench`: starts orderly (embedded Postgres, PSP simulator) as a child
 * process, drives `POST /api/v1/orders` in a closed loop at several
 * concurrencies, measures how long each order's follow-up tasks take to finish,
 * and runs pgbench on the same Postgres as a machine-speed reference.
 *
 * Then the asynchronous-payment scenario (QR orders approved by their buyers;
 * webhook → PAID latency, see async.ts), the failover scenario (a second
 * service routing cards to Stripe then the simulator, under PSP faults; see failover.ts),
 * and the single-provider scenario (a service with Stripe as its only card
 * provider: flaky, down, recovering; the circuit breaker alone; see single-provider.ts).
 * Each level also reports the event stream: relay lag from the outbox and the
 * consistency monitor's lag (see events.ts); after the asynchronous scenario, a
 * short detection phase measures the monitor's detection delay on a service
 * with a short grace window (see detection.ts).
 *
 * Settings: BENCH_CONCURRENCY (default 1,8,32,64), BENCH_SECONDS (default 10),
 * BENCH_ASYNC_ORDERS (default 200; 0 skips the scenario), BENCH_ASYNC_CONCURRENCY (default 8),
 * BENCH_ASYNC_RATE (approvals per second, default 20),
 * BENCH_FAILOVER_SECONDS (per failover phase, default 10; 0 skips the scenario),
 * BENCH_FAILOVER_CONCURRENCY (default 8),
 * BENCH_SINGLE_SECONDS (per single-provider phase, default 10; 0 skips the scenario),
 * BENCH_SINGLE_CONCURRENCY (default 8),
 * BENCH_DETECTION_INJECTIONS (default 10; 0 skips the detection phase),
 * BENCH_DETECTION_GRACE_MS (the detection service's MONITOR_GRACE_MS, default 1000).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { signCustomerToken } from '../src/api/index.ts';
import { formatAsync, runAsyncScenario, type AsyncResult } from './async.ts';
import { formatDetection, runDetectionScenario, type DetectionResult } from './detection.ts';
import { watchStream } from './events.ts';
import { formatFailover, runFailoverScenarios, type FailoverResult } from './failover.ts';
import { formatFlash, runFlashSale, type FlashResult } from './flash.ts';
import { formatSingleProvider, runSingleProviderScenario, type SingleProviderResult } from './single-provider.ts';
import { waitForFollowUps } from './followup.ts';
import { requestJson } from './http.ts';
import { BENCH_SKU, runLevel } from './load.ts';
import { PGBENCH_DEFAULTS, runPgbench, type PgbenchResult } from './pgbench.ts';
import { formatMachine, formatPgbench, formatStreamTable, formatTable, machineInfo, summarizeLevel, writeResults, type LevelResult } from './report.ts';
import { countQueries, enableStatementStats, levelResources, postmasterPid, sampleResources } from './resources.ts';
import { ADMIN_KEY, Cleanup, JWT_SECRET, launchService, logTail, waitUntilReady, waitUntilServing, type Runtime, type ServiceProcess } from './service-process.ts';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = path.dirname(BENCH_DIR);
const RESULTS_DIR = path.join(BENCH_DIR, 'results');

const START_TIMEOUT_MS = 120_000;
const FOLLOW_UP_TIMEOUT_MS = 120_000;
const STOP_DEADLINE_MS = 40_000;
const STOCK = 1_000_000;
const MAX_LEVELS = 8;
const MAX_CONCURRENCY = 256;
/** Bounds each level by count as well as time; MAX_LEVELS × this stays below STOCK. */
const MAX_REQUESTS_PER_LEVEL = 100_000;

interface Settings {
  concurrencies: number[];
  seconds: number;
  asyncOrders: number;
  asyncConcurrency: number;
  asyncRate: number;
  failoverSeconds: number;
  failoverConcurrency: number;
  singleSeconds: number;
  singleConcurrency: number;
  detectionInjections: number;
  detectionGraceMs: number;
  /** Service processes on the one Postgres (the first owns it; the others join with DATABASE_URL). */
  processes: number;
  /** The flash sale: units of one SKU, buyers arriving within seconds, requests in flight at most (0 buyers: skipped). */
  flash: { units: number; buyers: number; seconds: number; maxInFlight: number };
}

function readSettings(env: NodeJS.ProcessEnv): Settings {
  const concurrencies = (env.BENCH_CONCURRENCY || '1,8,32,64').split(',').map((s) => Number(s.trim()));
  if (concurrencies.length > MAX_LEVELS || concurrencies.some((c) => !Number.isInteger(c) || c < 1 || c > MAX_CONCURRENCY))
    throw new Error(`BENCH_CONCURRENCY must list up to ${MAX_LEVELS} integers from 1 to ${MAX_CONCURRENCY} (got "${env.BENCH_CONCURRENCY}")`);
  const seconds = Number(env.BENCH_SECONDS || '10');
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new Error(`BENCH_SECONDS must be a number of seconds from 0 to 600 (got "${env.BENCH_SECONDS}")`);
  const asyncOrders = Number(env.BENCH_ASYNC_ORDERS || '200');
  const asyncConcurrency = Number(env.BENCH_ASYNC_CONCURRENCY || '8');
  if (!Number.isInteger(asyncOrders) || asyncOrders < 0 || asyncOrders > 10_000) throw new Error(`BENCH_ASYNC_ORDERS must be an integer from 0 to 10000 (got "${env.BENCH_ASYNC_ORDERS}")`);
  if (!Number.isInteger(asyncConcurrency) || asyncConcurrency < 1 || asyncConcurrency > MAX_CONCURRENCY)
    throw new Error(`BENCH_ASYNC_CONCURRENCY must be an integer from 1 to ${MAX_CONCURRENCY} (got "${env.BENCH_ASYNC_CONCURRENCY}")`);
  const asyncRate = Number(env.BENCH_ASYNC_RATE || '20');
  if (!Number.isFinite(asyncRate) || asyncRate <= 0 || asyncRate > 10_000) throw new Error(`BENCH_ASYNC_RATE must be a number of approvals per second from 0 to 10000 (got "${env.BENCH_ASYNC_RATE}")`);
  const failoverSeconds = Number(env.BENCH_FAILOVER_SECONDS || '10');
  if (!Number.isFinite(failoverSeconds) || failoverSeconds < 0 || failoverSeconds > 600)
    throw new Error(`BENCH_FAILOVER_SECONDS must be a number of seconds from 0 to 600 (got "${env.BENCH_FAILOVER_SECONDS}")`);
  const failoverConcurrency = Number(env.BENCH_FAILOVER_CONCURRENCY || '8');
  if (!Number.isInteger(failoverConcurrency) || failoverConcurrency < 1 || failoverConcurrency > MAX_CONCURRENCY)
    throw new Error(`BENCH_FAILOVER_CONCURRENCY must be an integer from 1 to ${MAX_CONCURRENCY} (got "${env.BENCH_FAILOVER_CONCURRENCY}")`);
  const singleSeconds = Number(env.BENCH_SINGLE_SECONDS || '10');
  if (!Number.isFinite(singleSeconds) || singleSeconds < 0 || singleSeconds > 600)
    throw new Error(`BENCH_SINGLE_SECONDS must be a number of seconds from 0 to 600 (got "${env.BENCH_SINGLE_SECONDS}")`);
  const singleConcurrency = Number(env.BENCH_SINGLE_CONCURRENCY || '8');
  if (!Number.isInteger(singleConcurrency) || singleConcurrency < 1 || singleConcurrency > MAX_CONCURRENCY)
    throw new Error(`BENCH_SINGLE_CONCURRENCY must be an integer from 1 to ${MAX_CONCURRENCY} (got "${env.BENCH_SINGLE_CONCURRENCY}")`);
  // `npm run bench -- --processes 2`, or BENCH_PROCESSES=2.
  const flag = process.argv.indexOf('--processes');
  const processes = Number((flag >= 0 ? process.argv[flag + 1] : undefined) ?? (env.BENCH_PROCESSES || '1'));
  if (!Number.isInteger(processes) || processes < 1 || processes > 8) throw new Error(`--processes / BENCH_PROCESSES must be an integer from 1 to 8 (got "${flag >= 0 ? process.argv[flag + 1] : env.BENCH_PROCESSES}")`);
  const flashUnits = Number(env.BENCH_FLASH_UNITS || '1000');
  const flashBuyers = Number(env.BENCH_FLASH_BUYERS || '20000');
  const flashSeconds = Number(env.BENCH_FLASH_SECONDS || '10');
  const flashInFlight = Number(env.BENCH_FLASH_IN_FLIGHT || '64');
  if (!Number.isInteger(flashUnits) || flashUnits < 1 || flashUnits > 1_000_000) throw new Error(`BENCH_FLASH_UNITS must be an integer from 1 to 1000000 (got "${env.BENCH_FLASH_UNITS}")`);
  if (!Number.isInteger(flashBuyers) || flashBuyers < 0 || flashBuyers > 200_000) throw new Error(`BENCH_FLASH_BUYERS must be an integer from 0 to 200000 (got "${env.BENCH_FLASH_BUYERS}")`);
  if (!Number.isFinite(flashSeconds) || flashSeconds <= 0 || flashSeconds > 600) throw new Error(`BENCH_FLASH_SECONDS must be a number of seconds from 0 to 600 (got "${env.BENCH_FLASH_SECONDS}")`);
  if (!Number.isInteger(flashInFlight) || flashInFlight < 1 || flashInFlight > 1024) throw new Error(`BENCH_FLASH_IN_FLIGHT must be an integer from 1 to 1024 (got "${env.BENCH_FLASH_IN_FLIGHT}")`);
  const detectionInjections = Number(env.BENCH_DETECTION_INJECTIONS || '10');
  if (!Number.isInteger(detectionInjections) || detectionInjections < 0 || detectionInjections > 100)
    throw new Error(`BENCH_DETECTION_INJECTIONS must be an integer from 0 to 100 (got "${env.BENCH_DETECTION_INJECTIONS}")`);
  const detectionGraceMs = Number(env.BENCH_DETECTION_GRACE_MS || '1000');
  // MONITOR_GRACE_MS's own lower bound is 100 (src/config.ts); the upper one keeps the phase short.
  if (!Number.isInteger(detectionGraceMs) || detectionGraceMs < 100 || detectionGraceMs > 30_000)
    throw new Error(`BENCH_DETECTION_GRACE_MS must be an integer of ms from 100 to 30000 (got "${env.BENCH_DETECTION_GRACE_MS}")`);
  return {
    concurrencies,
    seconds,
    asyncOrders,
    asyncConcurrency,
    asyncRate,
    failoverSeconds,
    failoverConcurrency,
    singleSeconds,
    singleConcurrency,
    detectionInjections,
    detectionGraceMs,
    flash: { units: flashUnits, buyers: flashBuyers, seconds: flashSeconds, maxInFlight: flashInFlight },
    processes,
  };
}

async function admin(url: string, method: string, p: string, body: unknown): Promise<void> {
  const res = await requestJson({ method, url: url + p, headers: { authorization: `Bearer ${ADMIN_KEY}` }, body, timeoutMs: 10_000 });
  if (res.status >= 300) throw new Error(`${method} ${p} answered ${res.status}: ${JSON.stringify(res.body)}`);
}

async function createProduct(url: string): Promise<void> {
  await admin(url, 'PUT', `/api/v1/admin/products/${BENCH_SKU}`, { name: 'Bench', price: { amount: 1000, currency: 'JPY' } });
  await admin(url, 'POST', `/api/v1/admin/products/${BENCH_SKU}/stock`, { delta: STOCK });
}

async function customerTokens(concurrency: number): Promise<string[]> {
  const ids = Array.from({ length: concurrency }, (_, i) => `bench-c${concurrency}-vu${i + 1}`);
  return await Promise.all(ids.map((id) => signCustomerToken(JWT_SECRET, id)));
}

/** Postgres reports a backend's commits when it goes idle, at most once a second: wait that out before reading them. */
const STATS_SETTLE_MS = 1_500;

interface Measured {
  db: pg.Client;
  sampler: pg.Client;
  /** Every service process's pid (the first owns the embedded Postgres). */
  servicePids: number[];
  /** Every service process's URL: the virtual users are spread over them. */
  urls: string[];
  postmaster: number;
  benchQueries: () => number;
}

async function runOneLevel(url: string, m: Measured, concurrency: number, seconds: number): Promise<LevelResult> {
  process.stdout.write(`concurrency ${concurrency}: ordering for ${seconds} s … `);
  const { db, sampler } = m;
  const tokens = await customerTokens(concurrency);
  const before = await sampleResources(db, m.servicePids, m.postmaster, m.benchQueries);
  const stream = await watchStream({ url, db, sampler });
  const startedAt = Date.now();
  const run = await runLevel({ url, urls: m.urls, concurrency, durationMs: seconds * 1000, maxRequests: MAX_REQUESTS_PER_LEVEL, tokens });
  const arrivals = new Map<string, number>();
  for (const s of run.samples) if (s.orderNo) arrivals.set(s.orderNo, s.arrivedAt);
  process.stdout.write(`${arrivals.size} orders; waiting for their follow-up tasks … `);
  const followUp = await waitForFollowUps(db, arrivals, FOLLOW_UP_TIMEOUT_MS);
  const streamFigures = await stream.finish(run.elapsedMs / 1000);
  await new Promise((r) => setTimeout(r, STATS_SETTLE_MS));
  const after = await sampleResources(db, m.servicePids, m.postmaster, m.benchQueries);
  const summary = summarizeLevel(run, followUp, startedAt);
  const resources = await levelResources(before, after, summary.settled, m.servicePids);
  const level: LevelResult = { ...summary, ...(resources ? { resources } : {}), stream: streamFigures };
  console.log(`done in ${(followUp.waitedMs / 1000).toFixed(1)} s`);
  return level;
}

async function startService(cleanup: Cleanup): Promise<{ svc: ServiceProcess; runtime: Runtime } | undefined> {
  console.log('starting the service (embedded Postgres, PSP simulator) …');
  await mkdir(RESULTS_DIR, { recursive: true });
  // pg_stat_statements counts the statements per checkout (a few % of overhead; the other scenarios run without it).
  const svc = await launchService(REPO_ROOT, path.join(RESULTS_DIR, 'service.log'), { EMBEDDED_PG_SETTINGS: 'shared_preload_libraries=pg_stat_statements' });
  cleanup.add(async () => {
    const out = await svc.stop(STOP_DEADLINE_MS);
    const how = out.killed ? 'SIGKILLed after the deadline' : `exited with ${out.signal ?? `code ${out.exitCode}`}`;
    console.log(`service stopped (${how}) in ${(out.stopMs / 1000).toFixed(1)} s; removed ${svc.dataDir}`);
  });
  try {
    const runtime = await waitUntilReady(svc, START_TIMEOUT_MS);
    console.log(`service ready at ${svc.url} (Postgres on 127.0.0.1:${runtime.pgPort}; log: ${path.relative(REPO_ROOT, svc.logFile)})`);
    return { svc, runtime };
  } catch (e) {
    console.error(`the service failed to start: ${e instanceof Error ? e.message : String(e)}`);
    console.error(`--- last lines of ${svc.logFile} ---\n${await logTail(svc)}`);
    return undefined;
  }
}

/**
 * `BENCH_PROCESSES` − 1 more `start` processes on the first one's Postgres (its DATABASE_URL) and its
 * simulator: each serves the API and runs follow-up workers (the relay and the monitor stay with the first).
 */
async function startMoreProcesses(n: number, runtime: Runtime, cleanup: Cleanup): Promise<ServiceProcess[]> {
  const started: ServiceProcess[] = [];
  for (let i = 0; i < n; i++) {
    const p = await launchService(REPO_ROOT, path.join(RESULTS_DIR, `service-${i + 2}.log`), {
      DATABASE_URL: runtime.databaseUrl,
      PSP_SIM_ENABLED: 'false',
      PSP_SIM_URL: runtime.pspSimUrl,
      MONITOR_ENABLED: 'false',
      RECONCILE_INTERVAL_MS: '0',
    });
    cleanup.add(async () => void (await p.stop(STOP_DEADLINE_MS)));
    await waitUntilServing(p, START_TIMEOUT_MS);
    started.push(p);
  }
  if (n > 0) console.log(`${n + 1} service processes on one Postgres: ${[runtime.url, ...started.map((p) => p.url)].join(', ')}`);
  return started;
}

const MEASURED = [
  'accepted/s: 201 answers per second of the level (closed loop, one customer per virtual user).',
  "settled/s: orders whose follow-ups all finished (captured, stock committed, both mails sent), over the level's start",
  '  → its last follow-up task done; ÷ pgbench: that over the pgbench TPS of the same run.',
  'POST p50/p95/p99: latency of POST /api/v1/orders answered 201 (request sent → whole answer read), ms.',
  "settled p50/p99: from the moment the 201 arrived to the done_at of the order's last follow-up task, clamped at 0, ms.",
  'CPU ms svc / pg: CPU time per settled checkout of the service process (its simulator in-process) and of every',
  "  Postgres process (/proc), over the level and its settling. commits: the server's commits per settled checkout",
  "  (pg_stat_database; service, job queue and simulator together; the bench's own queries taken off); statements:",
  '  the top-level statements per settled checkout the same way (pg_stat_statements, BEGIN and COMMIT included).',
  "RSS MiB: the service process's peak resident set so far (VmHWM).",
  'errors: non-201 answers and network errors.',
];

const STREAM_MEASURED = [
  "events: outbox rows written during the level (its orders and their follow-ups); events/s: those over the level's seconds.",
  'relay p50/p99/max: published_at − occurred_at of those rows (the outbox table), ms.',
  'monitor p50/p99: orderly_monitor_lag_seconds (event written → folded in by the consistency monitor) over the level,',
  '  from two /metrics scrapes, interpolated in the histogram buckets, ms.',
  "behind max: the most events published but not yet past the monitor's offset, and the longest the oldest of them",
  '  had been published (sampled every 100 ms), ms.',
];

async function main(): Promise<number> {
  const settings = readSettings(process.env);
  const machine = machineInfo();
  console.log(formatMachine(machine));
  const cleanup = new Cleanup();
  const onSignal = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping the service and cleaning up …`);
    void cleanup.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const started = await startService(cleanup);
    if (!started) return 1;
    const { svc, runtime } = started;
    await createProduct(svc.url);
    const db = new pg.Client({ connectionString: runtime.databaseUrl });
    db.on('error', (e) => console.error(`bench database connection lost: ${e.message}`));
    await db.connect();
    cleanup.add(() => db.end());
    const sampler = new pg.Client({ connectionString: runtime.databaseUrl });
    sampler.on('error', (e) => console.error(`bench sampling connection lost: ${e.message}`));
    await sampler.connect();
    cleanup.add(() => sampler.end());
    if (!(await enableStatementStats(db))) console.log('pg_stat_statements is not available: statements per checkout are not counted');
    const extra = await startMoreProcesses(settings.processes - 1, runtime, cleanup);
    const measured: Measured = {
      db,
      sampler,
      servicePids: [runtime.pid, ...extra.map((p) => p.pid)],
      urls: [svc.url, ...extra.map((p) => p.url)],
      postmaster: await postmasterPid(svc.dataDir),
      benchQueries: countQueries(db, sampler),
    };
    const levels: LevelResult[] = [];
    for (const c of settings.concurrencies) levels.push(await runOneLevel(svc.url, measured, c, settings.seconds));
    let asyncResult: AsyncResult | undefined;
    if (settings.asyncOrders > 0) {
      process.stdout.write(`asynchronous payments: ${settings.asyncOrders} QR orders, approved at ${settings.asyncRate}/s … `);
      asyncResult = await runAsyncScenario({
        url: svc.url,
        simUrl: runtime.pspSimUrl,
        db,
        tokens: await customerTokens(settings.asyncConcurrency),
        count: settings.asyncOrders,
        concurrency: settings.asyncConcurrency,
        ratePerSecond: settings.asyncRate,
        timeoutMs: FOLLOW_UP_TIMEOUT_MS,
      });
      console.log(`done (${asyncResult.paid} PAID)`);
    }
    let flash: FlashResult | undefined;
    if (settings.flash.buyers > 0) {
      const f = settings.flash;
      process.stdout.write(`flash sale: ${f.units} units, ${f.buyers} buyers within ${f.seconds} s … `);
      flash = await runFlashSale({ url: svc.url, db, jwtSecret: JWT_SECRET, ...f, admin: (m, p, b) => admin(svc.url, m, p, b) });
      console.log(`done in ${(flash.elapsedMs / 1000).toFixed(1)} s`);
    }
    let detection: DetectionResult | undefined;
    if (settings.detectionInjections > 0) {
      process.stdout.write(`monitor detection: starting a service with MONITOR_GRACE_MS=${settings.detectionGraceMs} … `);
      detection = await runDetectionScenario({
        repoRoot: REPO_ROOT,
        logFile: path.join(RESULTS_DIR, 'service-detection.log'),
        injections: settings.detectionInjections,
        graceMs: settings.detectionGraceMs,
        startTimeoutMs: START_TIMEOUT_MS,
        stopDeadlineMs: STOP_DEADLINE_MS,
        createProduct,
        cleanup,
      });
    }
    let failover: FailoverResult | undefined;
    if (settings.failoverSeconds > 0) {
      console.log('failover: starting a second service (cards: stripe, then psp-sim) …');
      failover = await runFailoverScenarios({
        repoRoot: REPO_ROOT,
        logFile: path.join(RESULTS_DIR, 'service-failover.log'),
        seconds: settings.failoverSeconds,
        concurrency: settings.failoverConcurrency,
        maxRequestsPerPhase: MAX_REQUESTS_PER_LEVEL,
        startTimeoutMs: START_TIMEOUT_MS,
        stopDeadlineMs: STOP_DEADLINE_MS,
        followUpTimeoutMs: FOLLOW_UP_TIMEOUT_MS,
        createProduct,
        cleanup,
      });
    }
    let single: SingleProviderResult | undefined;
    if (settings.singleSeconds > 0) {
      console.log('single provider: starting a service whose only card provider is stripe …');
      single = await runSingleProviderScenario({
        repoRoot: REPO_ROOT,
        logFile: path.join(RESULTS_DIR, 'service-single.log'),
        seconds: settings.singleSeconds,
        concurrency: settings.singleConcurrency,
        startTimeoutMs: START_TIMEOUT_MS,
        stopDeadlineMs: STOP_DEADLINE_MS,
        createProduct,
        cleanup,
      });
    }
    console.log('running pgbench on the same Postgres …');
    const pgbench: PgbenchResult = await runPgbench(runtime.adminDatabaseUrl).catch((e: unknown) => ({
      ran: false as const,
      settings: PGBENCH_DEFAULTS,
      reason: e instanceof Error ? e.message : String(e),
    }));
    const machineAtEnd = machineInfo();
    const streamTable = formatStreamTable(levels);
    const streamText = streamTable ? `\n\n${streamTable}\n\n${STREAM_MEASURED.join('\n')}` : '';
    const asyncText = asyncResult ? `\n\n${formatAsync(asyncResult)}` : '';
    const flashText = flash ? `\n\n${formatFlash(flash)}` : '';
    const detectionText = detection ? `\n\n${formatDetection(detection)}` : '';
    const failoverText = failover ? `\n\n${formatFailover(failover)}` : '';
    const singleText = single ? `\n\n${formatSingleProvider(single)}` : '';
    console.log(`\n${formatTable(levels, pgbench.ran ? pgbench.tps : undefined)}\n\n${MEASURED.join('\n')}${streamText}${asyncText}${flashText}${detectionText}${failoverText}${singleText}\n\n${formatPgbench(pgbench)}\n${formatMachine(machineAtEnd)}`);
    const file = await writeResults(RESULTS_DIR, { at: new Date().toISOString(), machine, loadAverageAtEnd: machineAtEnd.loadAverage, settings, levels, async: asyncResult, flash, detection, failover, single, pgbench });
    console.log(`full results: ${path.relative(REPO_ROOT, file)}`);
    return 0;
  } finally {
    await cleanup.run();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : e);
    process.exit(1);
  },
);
