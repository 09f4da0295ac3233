import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emitEvent } from '../src/events/index.ts';
import { lockEventKey } from '../src/platform/outbox/outbox.ts';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * The consistency monitor, rule by rule: the inconsistency is injected (a
 * forged stream event, a PSP that refuses to void, capture or answer, a PSP
 * that authorizes after answering 503), and then exactly one alert comes
 * after the grace window and none before; a duplicate is suppressed; the
 * alert resolves itself once the inconsistency is remedied.
 */
const GRACE_MS = 2000;
let t: TestService;
const SKU = 'MON-SKU';

beforeAll(async () => {
  t = await startTestService({
    MONITOR_GRACE_MS: String(GRACE_MS),
    RECONCILE_INTERVAL_MS: '0',
    PAYMENT_EXPIRES_MS: '5000',
    // Psp-sim first, Stripe (played by the simulator) behind it: a 503 from psp-sim fails over.
    STRIPE_API_BASE: 'simulator',
    PAYMENT_PROVIDERS_CARD: 'psp-sim,stripe',
    PSP_RETRY_MAX: '0',
    PSP_CIRCUIT_MIN_CALLS: '100000',
    PSP_CIRCUIT_CONSECUTIVE_FAILURES: '0',
    TASK_MAX_ATTEMPTS: '6',
  });
  await t.product(SKU, 1200, 10_000);
});
afterAll(async () => {
  await t?.close();
});

const alertsOf = async (orderNo: string) => (await t.admin('GET', `/api/v1/admin/alerts?orderNo=${orderNo}`)).body.alerts as any[];

/** Waits for the order's alert of `rule` (open or not); asserts it came no sooner than the grace window after its start. */
async function alertFor(orderNo: string, rule: string): Promise<any> {
  const a = await waitFor(async () => (await alertsOf(orderNo)).find((x) => x.ruleId === rule), { what: `${rule} for ${orderNo}`, timeoutMs: GRACE_MS + 15_000 });
  expect(Date.parse(a.detectedAt) - Date.parse(a.since)).toBeGreaterThanOrEqual(GRACE_MS);
  expect(a).toMatchObject({ orderNo, source: 'orderly-monitor' });
  return a;
}

async function resolvedItself(alertId: string): Promise<any> {
  return await waitFor(
    async () => {
      const a = (await t.admin('GET', `/api/v1/admin/alerts/${alertId}`)).body;
      return a.status === 'resolved' ? a : undefined;
    },
    { what: `alert ${alertId} to resolve itself`, timeoutMs: 20_000 },
  );
}

/** A stream event as a buggy release might write it: the monitor believes it, the order tables never hear of it. */
async function forge(orderNo: string, status: string, eventId: string): Promise<void> {
  await t.svc.db.transaction().execute(async (tx) => {
    await lockEventKey(tx, orderNo);
    await emitEvent(tx, 'payment-status-observed', orderNo, {
      orderNo,
      status: status as never,
      eventId,
      occurredAt: new Date().toISOString(),
      provider: 'psp-sim',
      providerPaymentId: null,
      attempt: 1,
      live: true,
      amount: 1200,
      capturedAmount: status === 'CAPTURED' ? 1200 : 0,
      refundedAmount: 0,
      source: 'webhook',
    });
  });
}

/** What an operator does once a PSP is healthy again: every dead follow-up task of the order back in the queue. */
async function retryDeadLetters(orderNo: string): Promise<void> {
  const dead = await t.admin('GET', `/api/v1/admin/dead-letters?orderNo=${orderNo}`);
  for (const d of dead.body.deadLetters) expect((await t.admin('POST', `/api/v1/admin/dead-letters/${d.id}/retry`, { by: 'ops' })).status).toBe(202);
}

async function noAlertYet(orderNo: string): Promise<void> {
  expect(await alertsOf(orderNo)).toEqual([]);
}

describe('consistency monitor', () => {
  it('Rule A: a success observed while the order still waits → one alert after the grace window, none before, duplicates suppressed; resolved when the order is PAID', async () => {
    const r = await t.buy({ method: 'paypay' }, { items: [{ sku: SKU, quantity: 1 }] });
    expect(r.status).toBe(202);
    const orderNo = r.body.orderNo as string;
    const eventId = `forged-${randomUUID()}`;
    await forge(orderNo, 'AUTHORIZED', eventId);
    await new Promise((res) => setTimeout(res, GRACE_MS / 2));
    await noAlertYet(orderNo);
    const a = await alertFor(orderNo, 'RULE_A');
    expect(a.observed).toEqual({ paymentStatus: 'AUTHORIZED', orderStatus: 'WAITING_PAYMENT' });
    expect(a.expected).toEqual({ orderStatus: 'PAID' });
    // The same event again, and another success: still one alert.
    await forge(orderNo, 'AUTHORIZED', eventId);
    await forge(orderNo, 'AUTHORIZED', `forged-${randomUUID()}`);
    await new Promise((res) => setTimeout(res, GRACE_MS + 500));
    expect((await alertsOf(orderNo)).filter((x) => x.ruleId === 'RULE_A')).toHaveLength(1);
    // The buyer pays for real: the webhook makes the order PAID, the alert resolves itself.
    const done = await fetch(`${t.simUrl}/__sim/payments/${(await t.ledger(orderNo))[0]!.id}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'success' }) });
    expect(done.status).toBe(200);
    const resolved = await resolvedItself(a.alertId);
    expect(resolved.resolved).toMatchObject({ by: 'monitor', resolution: 'auto' });
  });

  it('Rule B: PAID while the latest word is VOIDED → one alert; reconciliation reads the PSP again and the alert resolves itself', async () => {
    const r = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    const orderNo = r.body.orderNo as string;
    await settled(t, orderNo);
    await forge(orderNo, 'VOIDED', `forged-${randomUUID()}`);
    await noAlertYet(orderNo);
    const a = await alertFor(orderNo, 'RULE_B');
    expect(a.observed).toEqual({ orderStatus: 'PAID', paymentStatus: 'VOIDED' });
    const rec = await t.admin('POST', '/api/v1/admin/reconcile', { since: new Date(Date.now() - 600_000).toISOString(), orderNos: [orderNo] });
    expect(rec.status).toBe(200);
    expect(rec.body.reobserved).toBeGreaterThanOrEqual(1);
    await resolvedItself(a.alertId);
  });

  it('an order refunded in full by operators, in parts, is no Rule B: it stays PAID, nothing holds, reconciliation leaves it alone', async () => {
    const r = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    const orderNo = r.body.orderNo as string;
    await settled(t, orderNo);
    const base = `/api/v1/admin/orders/${orderNo}/refunds`;
    for (const [i, amount] of [700, 500].entries()) {
      const f = await t.call('POST', base, { auth: t.adminKey, headers: { 'idempotency-key': `full-${i}-${orderNo}` }, body: { reason: 'goodwill', amount: { amount, currency: 'JPY' } } });
      expect(f.status).toBe(202);
    }
    await waitFor(async () => (await t.admin('GET', base)).body.refunds.every((f: any) => f.status === 'succeeded'), { what: 'both refunds to succeed' });
    expect((await t.ledger(orderNo))[0]).toMatchObject({ capturedAmount: 1200, refundedAmount: 1200, status: 'refunded' });
    // The monitor has folded the REFUNDED observation (and the requests before it) …
    await waitFor(async () => {
      const v = await sql<{ view: any }>`select view from monitor_orders where order_no = ${orderNo}`.execute(t.svc.db);
      const attempts = Object.values(v.rows[0]?.view.attempts ?? {}) as any[];
      return attempts.some((a) => a.status === 'REFUNDED' && a.refundedAmount === 1200);
    }, { what: 'the monitor to see the payment refunded' });
    // … and holds nothing against the order: no alert can come of it.
    const holding = await sql`select rule_id from monitor_conditions where order_no = ${orderNo}`.execute(t.svc.db);
    expect(holding.rows).toEqual([]);
    const rec = await t.admin('POST', '/api/v1/admin/reconcile', { since: new Date(Date.now() - 600_000).toISOString(), orderNos: [orderNo] });
    expect(rec.status).toBe(200);
    expect(rec.body.remediations.filter((m: any) => m.orderNo === orderNo)).toEqual([]);
    expect((await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body.status).toBe('PAID');
    await noAlertYet(orderNo);
  });

  it('Rule C: the buyer pays after the order expired and the PSP refuses to give it back → one alert; resolved once the money is returned', async () => {
    await t.faults([
      { operation: 'void', status: 503 },
      { operation: 'refund', status: 503 },
    ]);
    try {
      const r = await t.buy({ method: 'paypay' }, { items: [{ sku: SKU, quantity: 1 }] });
      const orderNo = r.body.orderNo as string;
      await waitFor(async () => (await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body.status === 'FAILED', { what: 'the order to expire', timeoutMs: 20_000 });
      const id = (await t.ledger(orderNo))[0]!.id;
      const paid = await fetch(`${t.simUrl}/__sim/payments/${id}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'success' }) });
      expect(paid.status).toBe(200);
      await waitFor(async () => (await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body.timeline.some((e: any) => e.what === 'late_payment_success'), { what: 'the late success' });
      await noAlertYet(orderNo);
      const a = await alertFor(orderNo, 'RULE_C');
      expect(a.observed).toMatchObject({ orderStatus: 'FAILED' });
      expect((await alertsOf(orderNo)).map((x) => x.ruleId).filter((x) => x !== 'RULE_F')).toEqual(['RULE_C']);
      await t.faults([]);
      await retryDeadLetters(orderNo);
      await resolvedItself(a.alertId);
      expect((await t.ledger(orderNo))[0]).toMatchObject({ refundedAmount: 1200 });
    } finally {
      await t.faults([]);
    }
  });

  it('Rule E: a PSP authorizes after answering 503, the order is paid elsewhere, the stray cannot be voided yet → one alert; resolved once it is voided', async () => {
    await t.faults([
      { operation: 'authorize', provider: 'psp-sim', status: 503, afterActing: true, count: 1 },
      { operation: 'void', provider: 'psp-sim', status: 503 },
    ]);
    try {
      const r = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
      expect(r.status).toBe(201);
      const orderNo = r.body.orderNo as string;
      const ledger = await t.ledger(orderNo);
      expect(ledger.map((p) => [p.provider, p.status]).sort()).toEqual([
        ['psp-sim', 'authorized'],
        ['stripe', 'authorized'],
      ]);
      // The simulator sends no webhook for a card authorization: reconciliation (its list) finds the stray.
      const rec = await t.admin('POST', '/api/v1/admin/reconcile', { since: new Date(Date.now() - 60_000).toISOString() });
      expect(rec.body.remediations).toEqual(expect.arrayContaining([expect.objectContaining({ orderNo, ruleId: 'RULE_E', action: 'reapply_observation' })]));
      await waitFor(async () => (await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body.timeline.some((e: any) => e.what === 'stray_payment'), { what: 'the stray to be seen' });
      await noAlertYet(orderNo);
      const a = await alertFor(orderNo, 'RULE_E');
      expect(a.observed).toMatchObject({ paymentStatus: 'AUTHORIZED', provider: 'psp-sim', attempt: 1, ourOrder: true });
      await t.faults([]);
      await retryDeadLetters(orderNo);
      await resolvedItself(a.alertId);
      const after = await t.ledger(orderNo);
      expect(after.find((p) => p.provider === 'psp-sim')!.status).toBe('voided');
      expect(after.find((p) => p.provider === 'stripe')!.status).toBe('captured');
    } finally {
      await t.faults([]);
    }
  });

  it('Rules D and F: capture keeps failing until its task is dead → one D and one F alert; an operator retries the dead letter, both resolve', async () => {
    await t.faults([{ operation: 'capture', status: 503 }]);
    let orderNo: string;
    try {
      const r = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
      orderNo = r.body.orderNo as string;
      const d = await alertFor(orderNo, 'RULE_D');
      expect(d.observed).toMatchObject({ orderStatus: 'PAID', capturedAmount: 0, total: 1200 });
      const f = await alertFor(orderNo, 'RULE_F');
      expect(f.observed).toMatchObject({ task: 'capture_payment', state: 'dead' });
      expect((await alertsOf(orderNo)).map((x) => x.ruleId).sort()).toEqual(['RULE_D', 'RULE_F']);
      await t.faults([]);
      const dead = await t.admin('GET', `/api/v1/admin/dead-letters?orderNo=${orderNo}`);
      expect(dead.body.deadLetters).toHaveLength(1);
      expect((await t.admin('POST', `/api/v1/admin/dead-letters/${dead.body.deadLetters[0].id}/retry`, { by: 'ops' })).status).toBe(202);
      await resolvedItself(f.alertId);
      await resolvedItself(d.alertId);
    } finally {
      await t.faults([]);
    }
  });

  it('an operator acknowledges and resolves an alert with a note; a resolved alert cannot be acknowledged', async () => {
    const r = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    const orderNo = r.body.orderNo as string;
    await settled(t, orderNo);
    await forge(orderNo, 'VOIDED', `forged-${randomUUID()}`);
    const a = await alertFor(orderNo, 'RULE_B');
    const ack = await t.admin('POST', `/api/v1/admin/alerts/${a.alertId}/acknowledge`, { by: 'ops-sato' });
    expect(ack.body).toMatchObject({ status: 'acknowledged', acknowledged: { by: 'ops-sato' } });
    const res = await t.admin('POST', `/api/v1/admin/alerts/${a.alertId}/resolve`, { by: 'ops-sato', note: 'checked at the PSP: captured; the voided event was a test' });
    expect(res.body).toMatchObject({ status: 'resolved', resolved: { by: 'ops-sato', resolution: 'operator', note: 'checked at the PSP: captured; the voided event was a test' } });
    expect((await t.admin('POST', `/api/v1/admin/alerts/${a.alertId}/acknowledge`, {})).body.error.code).toBe('ALERT_RESOLVED');
    // Silenced for that event: no second alert while the same inconsistency holds.
    await new Promise((res2) => setTimeout(res2, GRACE_MS + 500));
    expect(await alertsOf(orderNo)).toHaveLength(1);
    const filtered = await t.admin('GET', '/api/v1/admin/alerts?status=resolved&ruleId=RULE_B&limit=1');
    expect(filtered.body.alerts).toHaveLength(1);
    expect(filtered.body.alerts[0].status).toBe('resolved');
  });
});
