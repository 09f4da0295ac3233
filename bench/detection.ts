import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { signCustomerToken } from '../src/api/index.ts';
import { setFaults, type Rule } from './failover.ts';
import { requestJson } from './http.ts';
import { BENCH_SKU } from './load.ts';
import { ADMIN_KEY, Cleanup, JWT_SECRET, launchService, logTail, waitUntilReady } from './service-process.ts';
import { summarize, type Summary } from './stats.ts';

/**
 * The monitor's detection delay. A service of its own (the main one keeps the
 * default grace window, so its load levels raise no alert) with a short
 * MONITOR_GRACE_MS. `injections` card orders are placed one every SPACING_MS
 * while the simulator answers every capture 503; with no PSP retry and one task
 * attempt, each order is PAID but never captured (RULE_D, from the PAID event)
 * and its capture task is dead at once (RULE_F, from the task-dead event). The
 * circuit breaker is kept shut out of it (captures failing would open it and
 * refuse the next authorizations).
 *
 * The inconsistency becomes detectable when the grace window has passed since
 * the event that began it (the alert's `since` + MONITOR_GRACE_MS: the monitor
 * may not raise it sooner). Measured from there, per alert:
 * - to the alert row (`detectedAt`, the database's clock at insert);
 * - to its AlertRaised event published on the stream (outbox published_at);
 * - to the alert first seen in `GET /api/v1/admin/alerts` (polled every POLL_MS).
 */

const SPACING_MS = 300;
const POLL_MS = 50;
const WAIT_AFTER_MS = 15_000;
const RULES = ['RULE_D', 'RULE_F'] as const;
const CAPTURE_FAILS: Rule[] = [{ provider: 'psp-sim', operation: 'capture', status: 503 }];

function detectionEnv(graceMs: number): Record<string, string> {
  return {
    MONITOR_GRACE_MS: String(graceMs),
    PSP_RETRY_MAX: '0',
    TASK_MAX_ATTEMPTS: '1',
    PSP_CIRCUIT_MIN_CALLS: '100000',
    PSP_CIRCUIT_CONSECUTIVE_FAILURES: '0',
  };
}

/** The monitor's tick as src/monitor/monitor.service.ts derives it from the grace window. */
const tickOf = (graceMs: number) => Math.min(5_000, Math.max(100, Math.floor(graceMs / 10)));

export interface DetectionOptions {
  repoRoot: string;
  logFile: string;
  injections: number;
  graceMs: number;
  startTimeoutMs: number;
  stopDeadlineMs: number;
  createProduct: (url: string) => Promise<void>;
  cleanup: Cleanup;
}

interface AlertSeen {
  alertId: string;
  ruleId: string;
  orderNo: string;
  since: string;
  detectedAt: string;
  seenAt: number;
}

export interface DetectionResult {
  env: Record<string, string>;
  graceMs: number;
  tickMs: number;
  injections: number;
  /** Orders that did not come back 201 PAID (not injected). */
  refused: string[];
  /** Alerts expected (injected orders × RULES) and not seen by the deadline. */
  missing: string[];
  byRule: Record<string, number>;
  /** Alerts on other orders or of other rules (a clean run has none). */
  otherAlerts: { ruleId: string; orderNo: string }[];
  /** Alerts raised before the grace window had passed since their start (must be 0). */
  early: number;
  /** Smallest detectedAt − since, ms. */
  minSinceToDetectedMs: number | null;
  /** From since + grace, ms: to the alert row, to AlertRaised published, to the alert seen by the API. */
  toRowMs: Summary | undefined;
  toPublishedMs: Summary | undefined;
  toSeenMs: Summary | undefined;
  toRowByRule: Record<string, Summary | undefined>;
  /** The whole phase, service start to stop excluded. */
  phaseSeconds: number;
}

async function alertsPage(url: string): Promise<{ alertId: string; ruleId: string; orderNo: string; since: string; detectedAt: string }[]> {
  const res = await requestJson({ method: 'GET', url: `${url}/api/v1/admin/alerts?limit=100`, headers: { authorization: `Bearer ${ADMIN_KEY}` }, timeoutMs: 5_000 });
  if (res.status !== 200) throw new Error(`GET /api/v1/admin/alerts answered ${res.status}: ${JSON.stringify(res.body)}`);
  return (res.body as { alerts: { alertId: string; ruleId: string; orderNo: string; since: string; detectedAt: string }[] }).alerts;
}

export async function runDetectionScenario(opts: DetectionOptions): Promise<DetectionResult> {
  const env = detectionEnv(opts.graceMs);
  const cleanup = new Cleanup();
  opts.cleanup.add(() => cleanup.run());
  try {
    const svc = await launchService(opts.repoRoot, opts.logFile, env);
    cleanup.add(async () => {
      const out = await svc.stop(opts.stopDeadlineMs);
      const how = out.killed ? 'SIGKILLed after the deadline' : `exited with ${out.signal ?? `code ${out.exitCode}`}`;
      console.log(`detection service stopped (${how}) in ${(out.stopMs / 1000).toFixed(1)} s`);
    });
    const startedAt = Date.now();
    const runtime = await waitUntilReady(svc, opts.startTimeoutMs).catch(async (e: unknown) => {
      throw new Error(`the detection service failed to start: ${e instanceof Error ? e.message : String(e)}\n--- last lines of ${svc.logFile} ---\n${await logTail(svc)}`);
    });
    process.stdout.write(`ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s; `);
    await opts.createProduct(svc.url);
    const db = new pg.Client({ connectionString: runtime.databaseUrl });
    db.on('error', () => {});
    await db.connect();
    cleanup.add(() => db.end());
    const tokens = await Promise.all(Array.from({ length: opts.injections }, (_, i) => signCustomerToken(JWT_SECRET, `detect-${i + 1}`)));
    process.stdout.write(`${opts.injections} orders whose capture answers 503, one every ${SPACING_MS} ms … `);
    const phaseStarted = Date.now();
    await setFaults(runtime.pspSimUrl, CAPTURE_FAILS);

    const orderNos = new Set<string>();
    const refused: string[] = [];
    const seen = new Map<string, AlertSeen>();
    const others = new Map<string, { ruleId: string; orderNo: string }>();
    let placing = true;
    const t0 = Date.now();
    const placed = Promise.all(
      tokens.map(async (token, i) => {
        await sleep(Math.max(0, t0 + i * SPACING_MS - Date.now()));
        const res = await requestJson({
          method: 'POST',
          url: `${svc.url}/api/v1/orders`,
          headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
          body: {
            items: [{ sku: BENCH_SKU, quantity: 1 }],
            shippingAddress: { name: '山田 太郎', postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', line1: '渋谷2-24-12', phone: '03-1234-5678' },
            payment: { method: 'card', token: 'tok_visa' },
          },
          timeoutMs: 30_000,
        });
        const body = res.body as { orderNo?: string; status?: string };
        if (res.status === 201 && body.status === 'PAID' && body.orderNo) orderNos.add(body.orderNo);
        else refused.push(`${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }),
    ).finally(() => (placing = false));

    const deadline = t0 + opts.injections * SPACING_MS + opts.graceMs + WAIT_AFTER_MS;
    const expected = () => orderNos.size * RULES.length;
    while (Date.now() < deadline && (placing || seen.size < expected())) {
      const page = await alertsPage(svc.url);
      const at = Date.now();
      for (const a of page) {
        const ours = orderNos.has(a.orderNo) && (RULES as readonly string[]).includes(a.ruleId);
        if (ours && !seen.has(a.alertId)) seen.set(a.alertId, { ...a, seenAt: at });
        // An order of ours may not be known yet while its POST is answered: sorted out below.
        if (!ours) others.set(a.alertId, { ruleId: a.ruleId, orderNo: a.orderNo });
      }
      await sleep(POLL_MS);
    }
    await placed;
    await setFaults(runtime.pspSimUrl, []);
    const phaseSeconds = (Date.now() - phaseStarted) / 1000;
    for (const [id, a] of others) {
      if (orderNos.has(a.orderNo) && (RULES as readonly string[]).includes(a.ruleId)) others.delete(id);
    }

    const alerts = [...seen.values()];
    const published = await db.query<{ alert_id: string; published_ms: number | null }>(
      `select data->>'alertId' as alert_id, (extract(epoch from published_at) * 1000)::float8 as published_ms
         from outbox where type = 'AlertRaised' and data->>'alertId' = any($1)`,
      [alerts.map((a) => a.alertId)],
    );
    const publishedAt = new Map(published.rows.map((r) => [r.alert_id, r.published_ms === null ? undefined : Number(r.published_ms)]));
    const detectable = (a: AlertSeen) => Date.parse(a.since) + opts.graceMs;
    const missing: string[] = [];
    for (const o of orderNos) for (const r of RULES) if (!alerts.some((a) => a.orderNo === o && a.ruleId === r)) missing.push(`${o} ${r}`);
    const sinceToDetected = alerts.map((a) => Date.parse(a.detectedAt) - Date.parse(a.since));
    const toRow = (list: AlertSeen[]) => summarize(list.map((a) => Date.parse(a.detectedAt) - detectable(a)));
    const byRule: Record<string, number> = {};
    const toRowByRule: Record<string, Summary | undefined> = {};
    for (const r of RULES) {
      const list = alerts.filter((a) => a.ruleId === r);
      byRule[r] = list.length;
      toRowByRule[r] = toRow(list);
    }
    console.log(`${alerts.length} alerts in ${phaseSeconds.toFixed(1)} s`);
    return {
      env,
      graceMs: opts.graceMs,
      tickMs: tickOf(opts.graceMs),
      injections: opts.injections,
      refused,
      missing,
      byRule,
      otherAlerts: [...others.values()],
      early: sinceToDetected.filter((d) => d < opts.graceMs).length,
      minSinceToDetectedMs: sinceToDetected.length ? Math.min(...sinceToDetected) : null,
      toRowMs: toRow(alerts),
      toPublishedMs: summarize(alerts.flatMap((a) => (publishedAt.get(a.alertId) === undefined ? [] : [publishedAt.get(a.alertId)! - detectable(a)]))),
      toSeenMs: summarize(alerts.map((a) => a.seenAt - detectable(a))),
      toRowByRule,
      phaseSeconds,
    };
  } finally {
    await cleanup.run();
  }
}

const ms = (v: number | undefined): string => (v === undefined ? '-' : Math.abs(v) < 10 ? v.toFixed(1) : v.toFixed(0));
const pm = (s: Summary | undefined): string => (s ? `${ms(s.p50)} / ${ms(s.max)} ms` : 'n/a');

export function formatDetection(r: DetectionResult): string {
  const env = Object.entries(r.env).map(([k, v]) => `${k}=${v}`).join(' ');
  const rules = RULES.map((x) => `${x} ×${r.byRule[x] ?? 0}`).join(', ');
  const lines = [
    `monitor detection (service: ${env}; monitor tick ${r.tickMs} ms): ${r.injections} orders PAID while every capture answered 503`,
    `  alerts: ${rules} (RULE_D: PAID, not captured; RULE_F: capture task dead); missing ${r.missing.length}; other alerts ${r.otherAlerts.length}; ` +
      `raised before the grace window ${r.early} (earliest ${r.minSinceToDetectedMs === null ? '-' : `${r.minSinceToDetectedMs} ms`} after its start)`,
    `  grace elapsed → alert row (detectedAt)        p50 / max: ${pm(r.toRowMs)} (${RULES.map((x) => `${x} ${pm(r.toRowByRule[x])}`).join(', ')})`,
    `  grace elapsed → AlertRaised published         p50 / max: ${pm(r.toPublishedMs)}`,
    `  grace elapsed → seen in GET /admin/alerts     p50 / max: ${pm(r.toSeenMs)} (polled every ${POLL_MS} ms)`,
  ];
  if (r.refused.length > 0) lines.push(`  orders not injected (no 201 PAID): ${r.refused.length}: ${r.refused.slice(0, 3).join('; ')}`);
  if (r.missing.length > 0) lines.push(`  missing: ${r.missing.slice(0, 6).join(', ')}`);
  if (r.otherAlerts.length > 0) lines.push(`  other alerts: ${r.otherAlerts.slice(0, 6).map((a) => `${a.ruleId} ${a.orderNo}`).join(', ')}`);
  return lines.join('\n');
}
