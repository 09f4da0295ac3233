import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config.ts';
import { signCustomerToken } from '../src/api/index.ts';
import { circuitDefaults, closeCircuit, formatDefaults, setFaults, type FailoverResult, type Rule } from './failover.ts';
import { networkErrorCode, requestJson } from './http.ts';
import { BENCH_SKU } from './load.ts';
import { ADMIN_KEY, Cleanup, JWT_SECRET, launchService, logTail, waitUntilReady } from './service-process.ts';
import { countBy, summarize, type Summary } from './stats.ts';

/**
 * The single-provider scenario: a service whose only card provider is Stripe
 * (played by the simulator, called through the official SDK), so nothing can
 * fail over and the circuit breaker alone decides what buyers see. Phases of
 * closed-loop load, each from a closed circuit except recovery, which starts
 * where the outage left it:
 *
 *   baseline   no faults;
 *   errors     30 % of authorizations answer 503 (after 3 retries 99.2 % of calls succeed: the
 *              breaker should cost nothing and never open);
 *   flaky      the same plus 2 % hanging (each hang costs its buyer a CHECKOUT_TIMEOUT);
 *   outage     every authorization answers 503 (it should open once failures outweigh the
 *              window's successes, then answer buyers 503 + Retry-After at once and let only
 *              probes reach the PSP); it lasts until the circuit has been open for the phase's
 *              seconds (at most the window plus the phase's seconds plus 5 s);
 *   recovery   faults cleared while open (purchases should succeed again within one probe interval).
 *
 * The circuit's changes and every try that reached the PSP and failed come from
 * the service's own log (warn level: `circuit …`, `PSP call failed`), with its
 * timestamps — exact, where polling the admin view would miss a short half-open.
 */

const SINGLE_ENV = { STRIPE_API_BASE: 'simulator', PAYMENT_PROVIDERS_CARD: 'stripe' };
/** Longer than the service's reserve deadline (15 s), so a slow answer is still an answer. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Beyond the half-open pause: time for the probes and a few more orders. */
const CLOSE_SLACK_MS = 15_000;

const PHASES: { key: string; title: string; rules: Rule[] }[] = [
  { key: 'baseline', title: 'baseline: no faults', rules: [] },
  { key: 'errors', title: 'errors: 30 % of authorizations answer 503', rules: [{ provider: 'stripe', operation: 'authorize', status: 503, errorRate: 0.3 }] },
  {
    key: 'flaky',
    title: 'flaky: 30 % of authorizations answer 503, 2 % hang',
    // The first rule whose error rate fires applies: 2 % hang, 30 % of the rest 503.
    rules: [
      { provider: 'stripe', operation: 'authorize', hang: true, errorRate: 0.02 },
      { provider: 'stripe', operation: 'authorize', status: 503, errorRate: 0.3 },
    ],
  },
  { key: 'outage', title: 'outage: every authorization answers 503', rules: [{ provider: 'stripe', operation: 'authorize', status: 503 }] },
  { key: 'recovery', title: 'recovery: faults cleared while the circuit is open', rules: [] },
];

export interface SingleProviderOptions {
  repoRoot: string;
  logFile: string;
  seconds: number;
  concurrency: number;
  startTimeoutMs: number;
  stopDeadlineMs: number;
  createProduct: (url: string) => Promise<void>;
  cleanup: Cleanup;
}

/** One POST /api/v1/orders as this scenario keeps it. */
interface Answer {
  /** ms after the phase started. */
  sentMs: number;
  ms: number;
  /** HTTP status, 0 for a network error. */
  status: number;
  label: string;
  retryAfterSeconds?: number;
}

export interface SinglePhaseResult {
  key: string;
  title: string;
  faults: Rule[];
  seconds: number;
  answers: number;
  succeeded: number;
  successShare: number;
  byStatus: Record<string, number>;
  /** Latency of every answer, errors included. */
  latencyMs: Summary | undefined;
  /** Stripe's circuit changes during the phase (from the service log), ms after the phase started. */
  circuit: { atMs: number; state: string }[];
  firstOpenMs: number | null;
  /** Recovery: first 201 and the circuit closing, ms after the faults were cleared. */
  firstSuccessMs: number | null;
  closedMs: number | null;
  /** Answers to orders sent once the circuit had first opened: what buyers saw while it was open. */
  afterOpen: { answers: number; latencyMs: Summary | undefined; unavailableWithRetryAfter: number } | null;
  /** Authorize tries that reached Stripe and failed, by the circuit's state when they ended. */
  failedTries: { total: number; closed: number; open: number; halfOpen: number; afterFirstOpen: number };
  /** Half-open rounds that began in the phase. */
  halfOpenRounds: number;
}

export interface SingleProviderResult {
  env: Record<string, string>;
  defaults: FailoverResult['defaults'];
  concurrency: number;
  phases: SinglePhaseResult[];
}

const epochNow = (): number => performance.timeOrigin + performance.now();

/** A closed loop at `tokens.length` virtual users until `done()`, keeping every answer's status, code and Retry-After. */
async function load(url: string, tokens: string[], done: () => boolean, startedAt: number): Promise<Answer[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: tokens.length });
  const answers: Answer[] = [];
  const body = {
    items: [{ sku: BENCH_SKU, quantity: 1 }],
    shippingAddress: { name: '山田 太郎', postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', line1: '渋谷2-24-12', phone: '03-1234-5678' },
    payment: { method: 'card', token: 'tok_visa' },
  };
  const user = async (token: string) => {
    while (!done()) {
      const sent = epochNow();
      try {
        const res = await requestJson({
          method: 'POST',
          url: `${url}/api/v1/orders`,
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
          body,
          agent,
          timeoutMs: REQUEST_TIMEOUT_MS,
        });
        const error = (res.body as { error?: { code?: string; retryAfterSeconds?: number } } | undefined)?.error;
        answers.push({
          sentMs: sent - startedAt,
          ms: epochNow() - sent,
          status: res.status,
          label: error?.code ? `${res.status} ${error.code}` : String(res.status),
          ...(error?.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
        });
      } catch (e) {
        answers.push({ sentMs: sent - startedAt, ms: epochNow() - sent, status: 0, label: networkErrorCode(e) });
        await sleep(50);
      }
    }
  };
  try {
    await Promise.all(tokens.map(user));
  } finally {
    agent.destroy();
  }
  return answers;
}

interface LogLine {
  at: number;
  msg: string;
  provider?: string;
  circuit?: string;
  operation?: string;
}

/** Stripe's circuit changes and failed authorize tries in the service log between `from` and `to` (epoch ms). */
async function logEvents(file: string, from: number, to: number): Promise<LogLine[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const out: LogLine[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('"stripe"') || !(line.includes('"msg":"circuit ') || line.includes('"msg":"PSP call failed"'))) continue;
    try {
      const l = JSON.parse(line) as { time: string; msg: string; provider?: string; circuit?: string; operation?: string };
      const at = Date.parse(l.time);
      if (l.provider === 'stripe' && at >= from && at <= to) out.push({ ...l, at });
    } catch {
      // a line cut by the log rotation of a crash: not ours to judge
    }
  }
  return out;
}

function summarizePhase(phase: (typeof PHASES)[number], answers: Answer[], events: LogLine[], startedAt: number, seconds: number, circuitAtStart: string): SinglePhaseResult {
  const circuit = events.filter((e) => e.msg.startsWith('circuit ')).map((e) => ({ atMs: Math.round(e.at - startedAt), state: e.circuit ?? '?' }));
  const firstOpen = circuit.find((c) => c.state === 'open')?.atMs ?? null;
  const stateAt = (atMs: number): string => {
    let s = circuitAtStart;
    for (const c of circuit) if (c.atMs <= atMs) s = c.state;
    return s;
  };
  const tries = events.filter((e) => e.msg === 'PSP call failed' && e.operation === 'authorize').map((e) => e.at - startedAt);
  const byState = (s: string) => tries.filter((t) => stateAt(t) === s).length;
  const succeeded = answers.filter((a) => a.status === 201).length;
  const open = firstOpen === null ? [] : answers.filter((a) => a.sentMs >= firstOpen);
  const firstSuccess = answers.filter((a) => a.status === 201).map((a) => a.sentMs + a.ms);
  return {
    key: phase.key,
    title: phase.title,
    faults: phase.rules,
    seconds,
    answers: answers.length,
    succeeded,
    successShare: answers.length ? succeeded / answers.length : 0,
    byStatus: countBy(answers.map((a) => a.label)),
    latencyMs: summarize(answers.map((a) => a.ms)),
    circuit,
    firstOpenMs: firstOpen,
    firstSuccessMs: firstSuccess.length ? Math.round(Math.min(...firstSuccess)) : null,
    closedMs: circuit.find((c) => c.state === 'closed')?.atMs ?? null,
    afterOpen:
      firstOpen === null
        ? null
        : {
            answers: open.length,
            latencyMs: summarize(open.map((a) => a.ms)),
            unavailableWithRetryAfter: open.filter((a) => a.label === '503 PAYMENT_UNAVAILABLE' && (a.retryAfterSeconds ?? 0) > 0).length,
          },
    failedTries: {
      total: tries.length,
      closed: byState('closed'),
      open: byState('open'),
      halfOpen: byState('half-open'),
      afterFirstOpen: firstOpen === null ? 0 : tries.filter((t) => t >= firstOpen).length,
    },
    halfOpenRounds: circuit.filter((c) => c.state === 'half-open').length,
  };
}

export async function runSingleProviderScenario(opts: SingleProviderOptions): Promise<SingleProviderResult> {
  const config = loadConfig(SINGLE_ENV);
  const defaults = circuitDefaults(config);
  const cleanup = new Cleanup();
  opts.cleanup.add(() => cleanup.run());
  try {
    const svc = await launchService(opts.repoRoot, opts.logFile, SINGLE_ENV);
    cleanup.add(async () => {
      const out = await svc.stop(opts.stopDeadlineMs);
      const how = out.killed ? 'SIGKILLed after the deadline' : `exited with ${out.signal ?? `code ${out.exitCode}`}`;
      console.log(`single-provider service stopped (${how}) in ${(out.stopMs / 1000).toFixed(1)} s`);
    });
    const runtime = await waitUntilReady(svc, opts.startTimeoutMs).catch(async (e: unknown) => {
      throw new Error(`the single-provider service failed to start: ${e instanceof Error ? e.message : String(e)}\n--- last lines of ${svc.logFile} ---\n${await logTail(svc)}`);
    });
    await opts.createProduct(svc.url);
    const probeToken = await signCustomerToken(JWT_SECRET, 'single-probe');
    const phases: SinglePhaseResult[] = [];
    for (const phase of PHASES) {
      process.stdout.write(`single provider, ${phase.key}: `);
      let circuitAtStart = 'closed';
      if (phase.key === 'recovery') {
        circuitAtStart = await circuitOf(svc.url);
      } else {
        await setFaults(runtime.pspSimUrl, []);
        await closeCircuit(svc.url, probeToken, defaults.circuitHalfOpenMs + CLOSE_SLACK_MS);
      }
      // Recovery lasts at least one probe interval (plus slack), or it could end before the circuit may close.
      const minSeconds = phase.key === 'recovery' ? Math.max(opts.seconds, defaults.circuitHalfOpenMs / 1000 + 5) : opts.seconds;
      const tokens = await Promise.all(Array.from({ length: opts.concurrency }, (_, i) => signCustomerToken(JWT_SECRET, `single-${phase.key}-vu${i + 1}`)));
      process.stdout.write(phase.key === 'outage' ? `ordering until the circuit has been open ${minSeconds} s … ` : `ordering for ${minSeconds} s … `);
      await setFaults(runtime.pspSimUrl, phase.rules);
      const startedAt = epochNow();
      const watch = phase.key === 'outage' ? watchOpen(svc.url) : undefined;
      const capAt = startedAt + (defaults.circuitWindowMs / 1000 + opts.seconds + 5) * 1000;
      const done = () => {
        const now = epochNow();
        if (now < startedAt + minSeconds * 1000) return false;
        if (!watch) return true;
        const openedAt = watch.firstOpenAt();
        return now >= capAt || (openedAt !== undefined && now - openedAt >= opts.seconds * 1000);
      };
      const answers = await load(svc.url, tokens, done, startedAt).finally(() => {
        watch?.stop();
        return phase.key === 'outage' ? undefined : setFaults(runtime.pspSimUrl, []);
      });
      const endedAt = epochNow();
      const seconds = Math.round((endedAt - startedAt) / 100) / 10;
      await sleep(300); // the last log lines reach the file
      const r = summarizePhase(phase, answers, await logEvents(opts.logFile, startedAt, endedAt + 300), startedAt, seconds, circuitAtStart);
      phases.push(r);
      console.log(`${r.answers} answers, ${(r.successShare * 100).toFixed(1)} % succeeded`);
    }
    await setFaults(runtime.pspSimUrl, []);
    return { env: SINGLE_ENV, defaults, concurrency: opts.concurrency, phases };
  } finally {
    await cleanup.run();
  }
}

/** Polls the admin view for the moment the circuit is first seen open (the exact times come from the log afterwards). */
function watchOpen(url: string): { firstOpenAt: () => number | undefined; stop: () => void } {
  let openedAt: number | undefined;
  let stopped = false;
  void (async () => {
    while (!stopped && openedAt === undefined) {
      const state = await circuitOf(url).catch(() => 'unknown');
      if (state !== 'closed' && state !== 'unknown') openedAt = epochNow();
      await sleep(200);
    }
  })();
  return { firstOpenAt: () => openedAt, stop: () => void (stopped = true) };
}

async function circuitOf(url: string): Promise<string> {
  const res = await requestJson({ method: 'GET', url: `${url}/api/v1/admin/providers`, headers: { authorization: `Bearer ${ADMIN_KEY}` }, timeoutMs: 5_000 });
  return (res.body as { providers?: { name: string; circuit: string }[] }).providers?.find((p) => p.name === 'stripe')?.circuit ?? 'unknown';
}

const ms = (v: number | undefined): string => (v === undefined ? '-' : v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : v.toFixed(0));
const secs = (v: number | null): string => (v === null ? 'never' : `${(v / 1000).toFixed(2)} s`);
const tally = (r: Record<string, number>): string => Object.entries(r).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none';

function formatPhase(p: SinglePhaseResult, d: FailoverResult['defaults']): string[] {
  const lat = p.latencyMs ? `p50 ${ms(p.latencyMs.p50)} / p99 ${ms(p.latencyMs.p99)} / max ${ms(p.latencyMs.max)} ms` : 'n/a';
  const changes = p.circuit.map((c) => `${c.state}@${(c.atMs / 1000).toFixed(2)}s`).join(' → ') || 'no change';
  const lines = [
    `  ${p.title} (${p.seconds} s)`,
    `    succeeded ${(p.successShare * 100).toFixed(1)} % (${p.succeeded} of ${p.answers}); answers: ${tally(p.byStatus)}`,
    `    latency of all answers: ${lat}`,
    `    stripe circuit: ${changes}; first open ${secs(p.firstOpenMs)}`,
  ];
  if (p.afterOpen) {
    const l = p.afterOpen.latencyMs;
    lines.push(
      `    after it first opened: ${p.afterOpen.answers} answers, ${p.afterOpen.unavailableWithRetryAfter} of them 503 PAYMENT_UNAVAILABLE with Retry-After; ` +
        `latency p50 ${ms(l?.p50)} / p99 ${ms(l?.p99)} / max ${ms(l?.max)} ms`,
    );
    const bound = p.halfOpenRounds * d.circuitProbes * (d.retryMax + 1);
    lines.push(
      `    authorize tries that reached Stripe after it first opened: ${p.failedTries.afterFirstOpen} ` +
        `(while open ${p.failedTries.open}, in ${p.halfOpenRounds} half-open round(s) ${p.failedTries.halfOpen}; probes allow at most ${bound}); before: ${p.failedTries.closed}`,
    );
  } else if (p.failedTries.total > 0) {
    lines.push(`    authorize tries that reached Stripe and failed: ${p.failedTries.total}`);
  }
  if (p.key === 'recovery') lines.push(`    after the faults were cleared: first 201 at ${secs(p.firstSuccessMs)}, circuit closed at ${secs(p.closedMs)}`);
  return lines;
}

export function formatSingleProvider(r: SingleProviderResult): string {
  const env = Object.entries(r.env).map(([k, v]) => `${k}=${v}`).join(' ');
  return [
    `single provider (service: ${env}; defaults otherwise: ${formatDefaults(r.defaults)}), concurrency ${r.concurrency}`,
    ...r.phases.flatMap((p) => formatPhase(p, r.defaults)),
    '  failed tries: authorize requests that reached Stripe and failed (the service log, by the circuit state when each ended).',
  ].join('\n');
}
