import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../src/platform/errors.ts';
import { createMetrics } from '../src/platform/metrics.ts';
import { startTestService, type TestService } from './helpers/service.ts';

/**
 * The observability files (docs/observability.md): the Prometheus rules pass
 * `promtool check rules` and their unit tests, every metric they and the
 * Grafana dashboard name is one a running service exports, and the new
 * metrics count what they say.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RULES = path.join(ROOT, 'ops/prometheus/orderly.rules.yml');
const RULE_TESTS = path.join(ROOT, 'ops/prometheus/orderly.rules.test.yml');
const DASHBOARD = path.join(ROOT, 'ops/grafana/dashboards/orderly.json');
const PROMTOOL = '/usr/bin/promtool';

function promtool(...args: string[]): { status: number | null; output: string } {
  const r = spawnSync(PROMTOOL, args, { cwd: ROOT, encoding: 'utf8', timeout: 50_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

interface Panel {
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: { expr?: string; refId?: string }[];
}

const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { uid: string; title: string; panels: Panel[] };
const dataPanels = dashboard.panels.filter((p) => p.type !== 'row');
const dashboardExprs = dataPanels.flatMap((p) => (p.targets ?? []).map((t) => t.expr ?? ''));
const rulesText = readFileSync(RULES, 'utf8');

/** Every `orderly_…` metric name in a text (expressions and annotations alike). */
const metricNames = (text: string) => new Set(text.match(/\borderly_[a-z0-9_]+/g) ?? []);
/** The recording rules the file defines, and the ones a text uses. */
const recorded = new Set([...rulesText.matchAll(/^\s*- record: (\S+)/gm)].map((m) => m[1]!));
const recordingRefs = (text: string) => new Set(text.match(/\borderly:[a-z0-9_:]+/g) ?? []);

describe('Prometheus rules (promtool)', () => {
  it('promtool is installed (.ci/run installs Debian prometheus when it is missing)', () => {
    expect(existsSync(PROMTOOL), `${PROMTOOL} missing: apt-get install -y prometheus`).toBe(true);
  });

  it('promtool check rules passes', () => {
    const r = promtool('check', 'rules', RULES);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('promtool test rules passes (fire and no-fire cases for every alert)', () => {
    const r = promtool('test', 'rules', RULE_TESTS);
    expect(r.status, r.output).toBe(0);
    expect(r.output).toContain('SUCCESS');
  });

  it('every alert is unit-tested, and has a severity, a summary, a description and a runbook', () => {
    const alerts = [...rulesText.matchAll(/^\s*- alert: (\S+)/gm)].map((m) => m[1]!);
    expect(alerts.length).toBeGreaterThanOrEqual(8);
    const tests = readFileSync(RULE_TESTS, 'utf8');
    for (const a of alerts) {
      expect(tests, `${a} has no promtool test`).toContain(`alertname: ${a}\n`);
      const block = rulesText.slice(rulesText.indexOf(`- alert: ${a}\n`)).split(/\n\s*- (?:alert|record): /)[0]!;
      for (const field of ['severity:', 'summary:', 'description:', 'runbook:']) expect(block, `${a}: ${field}`).toContain(field);
    }
  });

  it('the outcomes the availability SLO counts as bad are catalogued 5xx codes', () => {
    const bad = /outcome=~"([^"]+)"/.exec(rulesText)?.[1]?.split('|') ?? [];
    expect(bad.length).toBeGreaterThan(0);
    for (const code of bad.filter((c) => !c.startsWith('HTTP_'))) expect(ERRORS[code as keyof typeof ERRORS]?.status, code).toBeGreaterThanOrEqual(500);
    // And every catalogued 5xx is bad: a new one cannot silently count as the buyer's fault.
    const fiveXX = Object.entries(ERRORS).filter(([, e]) => e.status >= 500).map(([code]) => code);
    expect(bad).toEqual(expect.arrayContaining(fiveXX));
  });

  it('the success-to-paid histogram has the 60 s bucket the SLO reads', async () => {
    const m = createMetrics();
    m.successToPaid.observe({ source: 'webhook' }, 0.1);
    expect(await m.registry.getSingleMetricAsString('orderly_payment_success_to_paid_seconds')).toContain('le="60"');
  });
});

describe('Grafana dashboard', () => {
  it('is well-formed: every panel has the provisioned datasource and targets with an expr', () => {
    expect(dashboard.uid).toBe('orderly');
    expect(dataPanels.length).toBeGreaterThanOrEqual(10);
    const uids = readFileSync(path.join(ROOT, 'ops/grafana/provisioning/datasources/prometheus.yml'), 'utf8').match(/uid: (\S+)/)?.[1];
    for (const p of dataPanels) {
      expect(p.datasource, p.title).toEqual({ type: 'prometheus', uid: uids });
      expect(p.targets?.length, p.title).toBeGreaterThan(0);
      for (const t of p.targets!) expect(t.expr?.trim().length, `${p.title} ${t.refId}`).toBeGreaterThan(0);
    }
  });

  it('uses only recording rules the rules file defines', () => {
    for (const r of recordingRefs(dashboardExprs.join('\n'))) expect(recorded, r).toContain(r);
  });
});

describe('metrics a running service exports', () => {
  let t: TestService;
  let text: string;

  /** The value of one sample line (`name{labels} value`), or undefined. */
  const sample = (name: string, labels: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
  };

  beforeAll(async () => {
    t = await startTestService();
    await t.product('TEST-SKU', 1500, 10);
    const paid = await t.buy('tok_visa', { key: 'metrics-key-1' });
    expect(paid.status).toBe(201);
    // The same key and body again: a replay, counted again (it cannot be told from the first answer at the route).
    expect((await t.buy('tok_visa', { key: 'metrics-key-1' })).status).toBe(201);
    expect((await t.buy('tok_insufficient_funds')).status).toBe(402);
    const invalid = await t.call('POST', '/api/v1/orders', { auth: await t.token(), headers: { 'idempotency-key': 'metrics-key-2' }, body: { items: [] } });
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.call('GET', `/api/v1/orders/${paid.body.orderNo}`, { auth: await t.token() })).status).toBe(200);
    expect((await t.call('GET', '/no/such/path')).status).toBe(404);
    const r = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${t.adminKey}` } });
    expect(r.status).toBe(200);
    text = await r.text();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exports every metric the rules and the dashboard name', () => {
    const exported = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
    const exists = (name: string) => {
      if (exported.has(name)) return true;
      // A histogram's series: name_bucket, name_count, name_sum.
      const base = name.replace(/_(bucket|count|sum)$/, '');
      return base !== name && exported.get(base) === 'histogram';
    };
    const used = new Set([...metricNames(rulesText), ...metricNames(dashboardExprs.join('\n'))]);
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter((n) => !exists(n));
    expect(missing, `named by the rules or the dashboard, not at /metrics: ${missing.join(', ')}`).toEqual([]);
  });

  it('counts purchases once per answer by outcome: the order status or the error code', () => {
    expect(sample('orderly_purchases_total', 'outcome="PAID"')).toBe(2);
    expect(sample('orderly_purchases_total', 'outcome="PAYMENT_DECLINED"')).toBe(1);
    expect(sample('orderly_purchases_total', 'outcome="VALIDATION_FAILED"')).toBe(1);
  });

  it('counts HTTP answers by route family, method and status class, never by raw URL', () => {
    expect(sample('orderly_http_requests_total', 'family="orders",method="POST",status_class="2xx"')).toBe(2);
    expect(sample('orderly_http_requests_total', 'family="orders",method="POST",status_class="4xx"')).toBe(2);
    expect(sample('orderly_http_requests_total', 'family="orders",method="GET",status_class="2xx"')).toBe(1);
    expect(sample('orderly_http_requests_total', 'family="unmatched",method="GET",status_class="4xx"')).toBe(1);
    expect(sample('orderly_http_requests_total', 'family="admin",method="PUT",status_class="2xx"')).toBe(1);
    expect(sample('orderly_http_request_seconds_count', 'family="orders"')).toBe(5);
    const families = new Set([...text.matchAll(/^orderly_http_requests_total\{family="([^"]+)"/gm)].map((m) => m[1]));
    for (const f of families) expect(['orders', 'live', 'catalog', 'admin', 'webhooks', 'health', 'metrics', 'docs', 'unmatched']).toContain(f);
    expect(text).not.toMatch(/^orderly_http_[^\n]*ORD-/m);
  });

  it('reads the task queue and the outbox at scrape time', () => {
    expect(text).toContain('# TYPE orderly_tasks_queued gauge');
    expect(text).toContain('# TYPE orderly_task_oldest_queued_seconds gauge');
    expect(text).toMatch(/^orderly_outbox_unpublished \d+$/m);
    expect(text).toMatch(/^orderly_outbox_oldest_unpublished_seconds [\d.e+-]+$/m);
  });
});
