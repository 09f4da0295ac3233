import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { signCustomerToken } from '../src/api/index.ts';
import { waitForFollowUps } from './followup.ts';
import { requestJson } from './http.ts';
import { runLevel, type LevelRun } from './load.ts';
import { summarizeLevel, type LevelResult } from './report.ts';
import type { Summary } from './stats.ts';
import { ADMIN_KEY, Cleanup, JWT_SECRET, launchService, logTail, waitUntilReady } from './service-process.ts';

/**
 * The failover scenario (issue 4). A second service — so the main run keeps its
 * single-provider figures — routes card payments to Stripe first (the simulator
 * plays Stripe through its Stripe-compatible API; the service calls it with the
 * official SDK) and to the native simulator second. Three phases of closed-loop
 * load: no faults, 30 % of Stripe authorizations answering 503, and Stripe
 * authorizations hanging. Besides speed and who took the money, each phase
 * checks the two things failover must never break: no order holds money at two
 * PSPs at once (double authorization), and every PAID order is captured once.
 */

/** What the second service runs with; everything else stays at the service's defaults. */
const FAILOVER_ENV = { STRIPE_API_BASE: 'simulator', PAYMENT_PROVIDERS_CARD: 'stripe,psp-sim', PSP_TIMEOUT_MS: '1000' };
/** How often the admin providers view is read during a phase (and while waiting for a closed circuit). */
const POLL_MS = 200;
/** Beyond the circuit's own pause: time for the probe order and a few polls. */
const CLOSE_SLACK_MS = 15_000;

export type Rule = { provider: string; operation: string; status?: number; errorRate?: number; hang?: boolean; count?: number };
const PHASES: { key: string; title: string; rules: Rule[] }[] = [
  { key: 'baseline', title: 'baseline: no faults (Stripe only, via the SDK)', rules: [] },
  { key: 'errors', title: 'primary 30 % 503: errorRate 0.3, status 503 on Stripe authorize', rules: [{ provider: 'stripe', operation: 'authorize', status: 503, errorRate: 0.3 }] },
  { key: 'hang', title: 'primary hangs: Stripe authorize never answers', rules: [{ provider: 'stripe', operation: 'authorize', hang: true }] },
];

export interface FailoverOptions {
  repoRoot: string;
  logFile: string;
  seconds: number;
  concurrency: number;
  maxRequestsPerPhase: number;
  startTimeoutMs: number;
  stopDeadlineMs: number;
  followUpTimeoutMs: number;
  /** bench.ts's product set-up, so this service sells the same product with the same stock. */
  createProduct: (url: string) => Promise<void>;
  /** The run's cleanup: stops this service too if the bench fails or is interrupted. */
  cleanup: Cleanup;
}

export interface PhaseResult {
  key: string;
  title: string;
  faults: Rule[];
  /** orders/s, latency of 201s and of all answers, non-201 answers by kind (as the load levels report them). */
  level: LevelResult;
  /** The phase's 201 orders by `payments.provider`. */
  takenBy: Record<string, number>;
  /** The phase's orders (any outcome) with more than one payment attempt. */
  multiAttemptOrders: number;
  /** References with more than one simulator ledger row that ever held money. Must be empty. */
  doubleAuthorizations: string[];
  /** PAID orders without exactly one ledger row captured, for exactly the order total. Must be empty. */
  captureMismatches: string[];
  paidOrders: number;
  /** Stripe's circuit as polled during the phase: each change, ms after the phase started. */
  circuit: { atMs: number; state: string }[];
  firstOpenMs: number | null;
  /** Non-201 answers to orders sent before the circuit was first seen open (all of them when it never opened). */
  failedBeforeOpen: number;
  /** Orders placed between phases to let a half-open circuit close (not counted above). */
  probeOrders: number;
}

export interface FailoverResult {
  env: Record<string, string>;
  defaults: {
    circuitFailureRate: number;
    circuitMinCalls: number;
    circuitConsecutiveFailures: number;
    circuitWindowMs: number;
    circuitHalfOpenMs: number;
    circuitProbes: number;
    retryMax: number;
  };
  seconds: number;
  concurrency: number;
  phases: PhaseResult[];
}

const epochNow = (): number => performance.timeOrigin + performance.now();

export type StripeHealth = { circuit: string; halfOpenInSeconds?: number; breaker?: { probes?: { permitted: number; inFlight: number } } };

export async function stripeHealth(url: string): Promise<StripeHealth> {
  const res = await requestJson({ method: 'GET', url: `${url}/api/v1/admin/providers`, headers: { authorization: `Bearer ${ADMIN_KEY}` }, timeoutMs: 5_000 });
  const stripe = (res.body as { providers?: ({ name: string } & StripeHealth)[] }).providers?.find((p) => p.name === 'stripe');
  if (res.status !== 200 || !stripe) throw new Error(`GET /api/v1/admin/providers answered ${res.status} without stripe: ${JSON.stringify(res.body)}`);
  return stripe;
}

export async function setFaults(simUrl: string, rules: Rule[]): Promise<void> {
  const res = rules.length
    ? await requestJson({ method: 'POST', url: `${simUrl}/__sim/faults`, body: { rules }, timeoutMs: 5_000 })
    : await requestJson({ method: 'DELETE', url: `${simUrl}/__sim/faults`, timeoutMs: 5_000 });
  if (res.status >= 300) throw new Error(`setting simulator faults answered ${res.status}: ${JSON.stringify(res.body)}`);
}

/**
 * Returns once Stripe's circuit is closed. An open breaker only moves on at the
 * next call after its pause, and a half-open one only decides when its probes
 * have answered, so polling alone would wait for ever: wait out the pause the
 * service reports, then place orders one at a time as probes (Stripe is first
 * in the route again whenever it takes calls) until it closes.
 */
export async function closeCircuit(url: string, probeToken: string, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let probes = 0;
  for (;;) {
    const s = await stripeHealth(url);
    if (s.circuit === 'closed') return probes;
    if (Date.now() >= deadline) throw new Error(`stripe's circuit still ${s.circuit} ${timeoutMs} ms after the faults were cleared`);
    const busy = s.circuit === 'half-open' && (s.breaker?.probes?.inFlight ?? 0) >= (s.breaker?.probes?.permitted ?? 1);
    if (busy) {
      await sleep(POLL_MS); // every probe is out: wait for their answers
      continue;
    }
    if (s.circuit === 'open') await sleep(Math.max(0, Math.min((s.halfOpenInSeconds ?? 1) * 1000, deadline - Date.now())));
    await runLevel({ url, concurrency: 1, durationMs: 30_000, maxRequests: 1, tokens: [probeToken] });
    probes += 1;
  }
}

/** Polls Stripe's circuit every POLL_MS until stopped; records each change. */
function watchCircuit(url: string, startedAt: number): { stop: () => Promise<{ atMs: number; state: string }[]> } {
  const seen: { atMs: number; state: string }[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const s = await stripeHealth(url).catch(() => undefined); // a slow answer under load is just a missed poll
      if (s && seen.at(-1)?.state !== s.circuit) seen.push({ atMs: Math.round(epochNow() - startedAt), state: s.circuit });
      await sleep(POLL_MS);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return seen;
    },
  };
}

type LedgerRow = { order_no: string; status: string; provider: string | null; attempts: number; held_rows: number; captured_rows: number; exact_rows: number };

/** Every order the phase's customers placed, with its payment and the simulator's ledger rows for it. */
async function ledger(db: pg.Client, customers: string[]): Promise<LedgerRow[]> {
  const { rows } = await db.query<LedgerRow>(
    `select o.order_no, o.status, p.provider,
            (select count(*)::int from payment_attempts a where a.payment_id = p.id) as attempts,
            (select count(*)::int from psp_sim.payments s where s.reference = o.order_no and s.authorized_amount > 0) as held_rows,
            (select count(*)::int from psp_sim.payments s where s.reference = o.order_no and s.captured_amount > 0) as captured_rows,
            (select count(*)::int from psp_sim.payments s where s.reference = o.order_no and s.captured_amount = o.total_amount) as exact_rows
       from orders o left join payments p on p.reference = o.order_no
      where o.customer_id = any($1)`,
    [customers],
  );
  return rows;
}

async function runPhase(
  ctx: { url: string; simUrl: string; db: pg.Client; opts: FailoverOptions },
  phase: (typeof PHASES)[number],
  probeOrders: number,
): Promise<PhaseResult> {
  const { url, simUrl, db, opts } = ctx;
  // One customer set per phase: the phase's orders (failed ones too, whose numbers the load loop does not keep) are found by customer.
  const customers = Array.from({ length: opts.concurrency }, (_, i) => `failover-${phase.key}-vu${i + 1}`);
  const tokens = await Promise.all(customers.map((c) => signCustomerToken(JWT_SECRET, c)));
  await setFaults(simUrl, phase.rules);
  const startedAt = epochNow();
  const watcher = watchCircuit(url, startedAt);
  let run: LevelRun;
  try {
    run = await runLevel({ url, concurrency: opts.concurrency, durationMs: opts.seconds * 1000, maxRequests: opts.maxRequestsPerPhase, tokens });
  } finally {
    await setFaults(simUrl, []);
  }
  const circuit = await watcher.stop();
  const arrivals = new Map<string, number>();
  for (const s of run.samples) if (s.orderNo) arrivals.set(s.orderNo, s.arrivedAt);
  // Captures are follow-up tasks: the ledger is only final for PAID orders once they are done.
  const followUp = await waitForFollowUps(db, arrivals, opts.followUpTimeoutMs);
  const rows = await ledger(db, customers);
  const byOrder = new Map(rows.map((r) => [r.order_no, r]));
  const takenBy: Record<string, number> = {};
  for (const orderNo of arrivals.keys()) {
    const provider = byOrder.get(orderNo)?.provider ?? 'unknown';
    takenBy[provider] = (takenBy[provider] ?? 0) + 1;
  }
  const paid = rows.filter((r) => r.status === 'PAID');
  const firstOpen = circuit.find((c) => c.state === 'open');
  const openAt = firstOpen ? startedAt + firstOpen.atMs : Infinity;
  return {
    key: phase.key,
    title: phase.title,
    faults: phase.rules,
    level: summarizeLevel(run, followUp, startedAt),
    takenBy,
    multiAttemptOrders: rows.filter((r) => r.attempts > 1).length,
    doubleAuthorizations: rows.filter((r) => r.held_rows > 1).map((r) => r.order_no),
    captureMismatches: paid.filter((r) => r.captured_rows !== 1 || r.exact_rows !== 1).map((r) => r.order_no),
    paidOrders: paid.length,
    circuit,
    firstOpenMs: firstOpen?.atMs ?? null,
    failedBeforeOpen: run.samples.filter((s) => !s.orderNo && s.arrivedAt - s.latencyMs < openAt).length,
    probeOrders,
  };
}

/** The breaker and retry settings a service runs with, as the reports state them. */
export function circuitDefaults(config: ReturnType<typeof loadConfig>): FailoverResult['defaults'] {
  const p = config.psp;
  return {
    circuitFailureRate: p.circuitFailureRate,
    circuitMinCalls: p.circuitMinCalls,
    circuitConsecutiveFailures: p.circuitConsecutiveFailures,
    circuitWindowMs: p.circuitWindowMs,
    circuitHalfOpenMs: p.circuitHalfOpenMs,
    circuitProbes: p.circuitProbes,
    retryMax: p.retryMax,
  };
}

/** The settings line of a report. */
export function formatDefaults(d: FailoverResult['defaults']): string {
  return (
    `PSP_CIRCUIT_FAILURE_RATE=${d.circuitFailureRate} PSP_CIRCUIT_MIN_CALLS=${d.circuitMinCalls} ` +
    `PSP_CIRCUIT_CONSECUTIVE_FAILURES=${d.circuitConsecutiveFailures} PSP_CIRCUIT_WINDOW_MS=${d.circuitWindowMs} ` +
    `PSP_CIRCUIT_HALF_OPEN_MS=${d.circuitHalfOpenMs} PSP_CIRCUIT_PROBES=${d.circuitProbes} PSP_RETRY_MAX=${d.retryMax}`
  );
}

export async function runFailoverScenarios(opts: FailoverOptions): Promise<FailoverResult> {
  // The settings the service will run with, read the way it reads them, so the report states real defaults.
  const config = loadConfig(FAILOVER_ENV);
  const defaults = circuitDefaults(config);
  const cleanup = new Cleanup();
  opts.cleanup.add(() => cleanup.run()); // run() happens once: at the end of the scenario, or on the way out
  try {
    const svc = await launchService(opts.repoRoot, opts.logFile, FAILOVER_ENV);
    cleanup.add(async () => {
      const out = await svc.stop(opts.stopDeadlineMs);
      const how = out.killed ? 'SIGKILLed after the deadline' : `exited with ${out.signal ?? `code ${out.exitCode}`}`;
      console.log(`failover service stopped (${how}) in ${(out.stopMs / 1000).toFixed(1)} s`);
    });
    const runtime = await waitUntilReady(svc, opts.startTimeoutMs).catch(async (e: unknown) => {
      throw new Error(`the failover service failed to start: ${e instanceof Error ? e.message : String(e)}\n--- last lines of ${svc.logFile} ---\n${await logTail(svc)}`);
    });
    await opts.createProduct(svc.url);
    const db = new pg.Client({ connectionString: runtime.databaseUrl });
    db.on('error', (e) => console.error(`failover database connection lost: ${e.message}`));
    await db.connect();
    cleanup.add(() => db.end());
    const probeToken = await signCustomerToken(JWT_SECRET, 'failover-probe');
    const phases: PhaseResult[] = [];
    for (const phase of PHASES) {
      process.stdout.write(`failover, ${phase.key}: `);
      await setFaults(runtime.pspSimUrl, []);
      const probes = await closeCircuit(svc.url, probeToken, defaults.circuitHalfOpenMs + CLOSE_SLACK_MS);
      process.stdout.write(`ordering for ${opts.seconds} s … `);
      const r = await runPhase({ url: svc.url, simUrl: runtime.pspSimUrl, db, opts }, phase, probes);
      phases.push(r);
      console.log(`${r.level.orders} orders, ${r.doubleAuthorizations.length} double authorizations`);
    }
    return { env: FAILOVER_ENV, defaults, seconds: opts.seconds, concurrency: opts.concurrency, phases };
  } finally {
    await cleanup.run();
  }
}

const ms = (v: number | undefined): string => (v === undefined ? '-' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const lat = (s: Summary | undefined): string => (s ? `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)} / ${ms(s.max)} ms` : 'n/a');
const tally = (r: Record<string, number>): string => Object.entries(r).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';
/** Figures that must be 0 are shouted when they are not. */
const mustBeZero = (n: number): string => (n === 0 ? '0' : `${n}  <<< MUST BE 0`);

function formatPhase(p: PhaseResult): string[] {
  const l = p.level;
  const open = p.firstOpenMs === null ? 'never seen open' : `first seen open ${(p.firstOpenMs / 1000).toFixed(2)} s into the phase`;
  const changes = p.circuit.map((c) => `${c.state}@${(c.atMs / 1000).toFixed(1)}s`).join(' → ');
  const follow = l.followUpUnfinished ? `${l.followUpUnfinished} unfinished after ${(l.followUpWaitedMs / 1000).toFixed(1)} s` : `done in ${(l.followUpWaitedMs / 1000).toFixed(1)} s`;
  return [
    `  ${p.title}`,
    `    orders/s ${l.ordersPerSec.toFixed(1)} (${l.orders} orders in ${l.elapsedS.toFixed(1)} s); answers: ${tally({ ...(l.orders ? { '201': l.orders } : {}), ...l.errorsByKind })}`,
    `    POST latency, 201s         p50 / p95 / p99 / max: ${lat(l.postLatencyMs)}`,
    `    POST latency, all answers  p50 / p95 / p99 / max: ${lat(l.allLatencyMs)}`,
    `    201 orders taken by: ${tally(p.takenBy)}; orders with >1 attempt: ${p.multiAttemptOrders}`,
    `    stripe circuit: ${open} (${changes || 'no answer'})${p.firstOpenMs === null ? '' : `; orders sent before it opened that failed: ${p.failedBeforeOpen} (of ${l.errors} failed in the phase)`}`,
    `    follow-ups ${follow}; PAID orders not captured exactly once: ${mustBeZero(p.captureMismatches.length)} of ${p.paidOrders}`,
    `    DOUBLE AUTHORIZATIONS: ${mustBeZero(p.doubleAuthorizations.length)}${p.probeOrders ? `   (${p.probeOrders} probe order(s) before the phase closed the circuit)` : ''}`,
  ];
}

export function formatFailover(r: FailoverResult): string {
  const env = Object.entries(r.env).map(([k, v]) => `${k}=${v}`).join(' ');
  const d = r.defaults;
  const doubles = r.phases.reduce((n, p) => n + p.doubleAuthorizations.length, 0);
  const mismatches = r.phases.reduce((n, p) => n + p.captureMismatches.length, 0);
  return [
    `failover (second service: ${env}; defaults otherwise: ${formatDefaults(d)})`,
    `  ${r.seconds} s per phase at concurrency ${r.concurrency}; faults cleared and stripe's circuit closed before each phase`,
    ...r.phases.flatMap(formatPhase),
    `  DOUBLE AUTHORIZATIONS in all phases: ${mustBeZero(doubles)}; capture mismatches: ${mustBeZero(mismatches)}`,
    '  double authorization: an order with more than one simulator ledger row that ever held money (authorized_amount > 0, any status).',
    '  captured exactly once: one ledger row captured, for exactly the order total, per PAID order (after its follow-up tasks).',
  ].join('\n');
}
