import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { emitEvent } from '../src/events/index.ts';
import { lockEventKey } from '../src/platform/outbox/outbox.ts';
import { runOrderly } from './helpers/cli.ts';
import { signalGroup, spawnService, within, type ServiceProcess } from './helpers/process.ts';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * `orderly monitor` as a process of its own, beside a service whose
 * in-process monitor is off: it reads the stream the service relays, raises
 * the alert after the grace window, and stops cleanly on SIGTERM.
 */
// Longer than a capture takes on a loaded machine: a slow capture must not be a (true) RULE_D here.
const GRACE_MS = 5000;
let t: TestService;
let monitor: ServiceProcess | undefined;
const output: string[] = [];

beforeAll(async () => {
  t = await startTestService({ MONITOR_ENABLED: 'false', RECONCILE_INTERVAL_MS: '0' });
  await t.product('MONP-SKU', 900, 100);
  monitor = spawnService(
    process.cwd(),
    {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      DATABASE_URL: t.svc.databaseUrl,
      ORDERLY_DATA_DIR: mkdtempSync(path.join(tmpdir(), 'orderly-monitor-')),
      MONITOR_GRACE_MS: String(GRACE_MS),
      LOG_LEVEL: 'warn',
    },
    'monitor',
    output,
    'monitor',
  );
  await waitFor(async () => output.some((l) => l.includes('orderly monitor is running')) || monitor!.hasExited(), { what: 'the monitor process to start', timeoutMs: 20_000 });
  expect(monitor.hasExited(), output.join('\n')).toBe(false);
});
afterAll(async () => {
  if (monitor && !monitor.hasExited()) signalGroup(monitor.pgid, 'SIGKILL');
  await t?.close();
});

it('raises the alert of an inconsistency it reads in the stream (rule B), once, after the grace window; SIGTERM stops it with exit 0; `orderly alerts` and `orderly reconcile` operate it', async () => {
  const r = await t.buy('tok_visa', { items: [{ sku: 'MONP-SKU', quantity: 1 }] });
  const orderNo = r.body.orderNo as string;
  await settled(t, orderNo);
  // The monitor has seen the order captured, and holds nothing against it.
  await waitFor(async () => {
    const v = await sql<{ view: any }>`select view from monitor_orders where order_no = ${orderNo}`.execute(t.svc.db);
    return (Object.values(v.rows[0]?.view.attempts ?? {}) as any[]).some((a) => a.status === 'CAPTURED');
  }, { what: 'the monitor to see the capture', timeoutMs: 15_000 });
  expect((await sql`select rule_id from monitor_conditions where order_no = ${orderNo}`.execute(t.svc.db)).rows).toEqual([]);
  // A release with a bug tells the stream the payment was voided while the order is PAID.
  await t.svc.db.transaction().execute(async (tx) => {
    await lockEventKey(tx, orderNo);
    await emitEvent(tx, 'payment-status-observed', orderNo, {
      orderNo, status: 'VOIDED', eventId: `forged-${orderNo}`, occurredAt: new Date().toISOString(), provider: 'psp-sim', providerPaymentId: null,
      attempt: 1, live: true, amount: 900, capturedAmount: 0, refundedAmount: 0, source: 'webhook',
    });
  });
  const forgedAt = Date.now();
  const alerts = await waitFor(async () => {
    const a = (await t.admin('GET', `/api/v1/admin/alerts?orderNo=${orderNo}`)).body.alerts as any[];
    return a.length > 0 ? a : undefined;
  }, { what: 'the monitor process to raise RULE_B', timeoutMs: GRACE_MS + 15_000 });
  expect(Date.now() - forgedAt).toBeGreaterThanOrEqual(GRACE_MS);
  expect(alerts, output.join('\n')).toHaveLength(1);
  expect(alerts![0]).toMatchObject({ ruleId: 'RULE_B', orderNo, source: 'orderly-monitor', status: 'open' });


  // The service's /metrics counts it, though the monitor runs elsewhere (the gauge reads the alerts table).
  const scrape = async () => await (await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${t.adminKey}` } })).text();
  expect(await scrape()).toMatch(/^orderly_alerts_open\{rule="RULE_B"\} 1$/m);

  // The operator's side, through the real `orderly` command.
  const id = alerts![0].alertId as string;
  const list = await runOrderly(t, ['alerts', 'list', '--status', 'open', '--order', orderNo]);
  expect(list, list.stderr).toMatchObject({ code: 0 });
  expect(list.stdout).toContain(id);
  expect(list.stdout).toContain('RULE_B');
  const show = await runOrderly(t, ['alerts', 'show', id]);
  expect(show.stdout).toContain(`order:     ${orderNo}`);
  expect(show.stdout).toContain('"paymentStatus":"VOIDED"');
  expect((await runOrderly(t, ['alerts', 'acknowledge', id, '--by', 'ops-sato'])).code).toBe(0);
  expect((await runOrderly(t, ['alerts', 'resolve', id])).code, 'a resolve without a note is a usage error').toBe(2);
  expect((await runOrderly(t, ['alerts', 'resolve', id, '--note', 'read the PSP: captured, the VOIDED word was forged', '--by', 'ops-sato'])).code).toBe(0);
  const resolved = (await t.admin('GET', `/api/v1/admin/alerts/${id}`)).body;
  expect(resolved).toMatchObject({ status: 'resolved', acknowledged: { by: 'ops-sato' }, resolved: { by: 'ops-sato', resolution: 'operator' } });
  const metrics = await scrape();
  expect(metrics).not.toMatch(/^orderly_alerts_open\{rule="RULE_B"\}/m);
  expect(metrics).toMatch(/^orderly_alerts_resolved_total\{rule="RULE_B",resolution="operator"\} 1$/m);
  const again = await runOrderly(t, ['alerts', 'resolve', id, '--note', 'once more']);
  expect(again.code).toBe(1);
  expect(again.stderr).toContain('ALERT_RESOLVED');

  expect((await runOrderly(t, ['reconcile'])).code).toBe(2);
  expect((await runOrderly(t, ['reconcile', '--since', 'yesterday'])).code).toBe(2);
  const rec = await runOrderly(t, ['reconcile', '--since', '1h', '--order', orderNo, '--by', 'ops-sato']);
  expect(rec, rec.stderr).toMatchObject({ code: 0 });
  expect(rec.stdout).toMatch(/^Reconciled \S+ – \S+/);
  expect(rec.stdout).toMatch(/read again: [1-9]/);
  const recJson = JSON.parse((await runOrderly(t, ['reconcile', '--since', '1h', '--json'])).stdout);
  expect(recJson.remediations, 'nothing left to repair').toEqual([]);

  signalGroup(monitor!.pgid, 'SIGTERM');
  const exit = await within(monitor!.exited, 10_000, 'the monitor to stop');
  expect(exit.code, output.join('\n')).toBe(0);
});
