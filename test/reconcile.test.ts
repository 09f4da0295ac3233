import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * Reconciliation against the PSP: each seeded discrepancy — our word and
 * the PSP's apart behind our back — is found and repaired, audited on the
 * order's timeline and in the remediation log; a second run over the same
 * window changes nothing.
 */
let t: TestService;
const SKU = 'REC-SKU';
const API_KEY = 'sk_sim_local_development';

beforeAll(async () => {
  t = await startTestService({
    MONITOR_ENABLED: 'false',
    RECONCILE_INTERVAL_MS: '0',
    STRIPE_API_BASE: 'simulator',
    PAYMENT_PROVIDERS_CARD: 'psp-sim,stripe',
    PSP_RETRY_MAX: '0',
    PSP_CIRCUIT_MIN_CALLS: '100000',
    PSP_CIRCUIT_CONSECUTIVE_FAILURES: '0',
    TASK_MAX_ATTEMPTS: '8',
  });
  await t.product(SKU, 1500, 10_000);
});
afterAll(async () => {
  await t?.close();
});

/** The simulator's own API, as a PSP's other client (the shop's back office, a PSP console) would use it. */
async function sim(method: string, path: string, body?: unknown): Promise<any> {
  const res = await fetch(`${t.simUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBeLessThan(300);
  return await res.json();
}

const detail = async (orderNo: string) => (await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body;
const reconcileNow = async () => {
  const r = await t.admin('POST', '/api/v1/admin/reconcile', { since: new Date(Date.now() - 10 * 60_000).toISOString(), by: 'test' });
  expect(r.status).toBe(200);
  return r.body;
};

async function discardDeadLetters(orderNo: string): Promise<void> {
  const dead = await waitFor(async () => {
    const d = (await t.admin('GET', `/api/v1/admin/dead-letters?orderNo=${orderNo}`)).body.deadLetters;
    return d.length > 0 ? d : undefined;
  }, { what: `a dead letter for ${orderNo}` });
  for (const d of dead) expect((await t.admin('POST', `/api/v1/admin/dead-letters/${d.id}/discard`, { reason: 'seeding a discrepancy', by: 'test' })).status).toBe(200);
}

describe('reconciliation', () => {
  it('finds and repairs each seeded discrepancy, audited; running it twice changes nothing the second time', async () => {
    // B: paid and captured, then refunded in full at the PSP behind our back (its webhook lost too).
    const b = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    const bNo = b.body.orderNo as string;
    await t.faults([{ operation: 'webhook', drop: true }]);
    await settled(t, bNo);
    const bPsp = (await t.ledger(bNo))[0]!;
    await sim('POST', `/v1/payments/${bPsp.id}/refund`, { amount: 1500 });

    // D: captured never: the capture task died and an operator discarded it.
    await t.faults([
      { operation: 'webhook', drop: true },
      { operation: 'capture', status: 503 },
    ]);
    const d = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    const dNo = d.body.orderNo as string;
    await discardDeadLetters(dNo);

    // C: the charge was still processing at the deadline, so the order failed; it settled authorized
    // and its cancel task could not void it (it died and was discarded): the money stayed.
    await t.faults([
      { operation: 'webhook', drop: true },
      { operation: 'void', status: 503 },
    ]);
    const c = await t.buy('tok_pending', { items: [{ sku: SKU, quantity: 1 }] });
    const cNo = (c.body.orderNo ?? c.body.error?.orderNo) as string;
    await discardDeadLetters(cNo);

    // E: psp-sim answered 503 and authorized anyway; the order was paid through Stripe; no webhook told us.
    await t.faults([
      { operation: 'webhook', drop: true },
      { operation: 'authorize', provider: 'psp-sim', status: 503, afterActing: true, count: 1 },
    ]);
    const e = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    expect(e.status).toBe(201);
    const eNo = e.body.orderNo as string;

    // E (foreign): a payment at the PSP that is no order of ours.
    const foreign = await sim('POST', '/v1/payments', { amount: 999, currency: 'JPY', reference: `NOT-OURS-${randomUUID().slice(0, 8)}`, source: { type: 'card', token: 'tok_visa' } });

    await settled(t, eNo);
    expect((await detail(cNo)).status).toBe('FAILED');
    expect((await t.ledger(cNo))[0]).toMatchObject({ status: 'authorized' });

    // A (last: the order must still wait when reconciliation runs): the buyer paid, every webhook and poll was lost.
    await t.faults([
      { operation: 'webhook', drop: true },
      { operation: 'get', status: 503 },
    ]);
    const qr = await t.buy({ method: 'paypay' }, { items: [{ sku: SKU, quantity: 1 }] });
    const aNo = qr.body.orderNo as string;
    await sim('POST', `/__sim/payments/${(await t.ledger(aNo))[0]!.id}/complete`, { outcome: 'success' });



    const first = await reconcileNow();
    await t.faults([]);
    const by = (orderNo: string) => first.remediations.filter((r: any) => r.orderNo === orderNo).map((r: any) => `${r.ruleId}:${r.action}`);
    expect(by(aNo)).toEqual(['RULE_A:reapply_observation']);
    expect(by(bNo)).toEqual(['RULE_B:reapply_observation', 'RULE_B:cancel_with_refund']);
    expect(by(dNo)).toEqual(['RULE_D:capture_again']);
    expect(by(cNo)).toEqual(['RULE_C:reapply_observation']);
    expect(by(eNo)).toEqual(['RULE_E:reapply_observation']);
    expect(first.remediations).toEqual(expect.arrayContaining([expect.objectContaining({ orderNo: foreign.reference, ruleId: 'RULE_E', action: 'void_stray' })]));

    // Each repair took effect.
    expect((await settled(t, aNo)).status).toBe('PAID');
    const bDone = await settled(t, bNo);
    expect(bDone.status).toBe('CANCELLED');
    expect(bDone.notifications.map((n: any) => n.kind)).toEqual(expect.arrayContaining(['order_cancelled_buyer', 'order_cancelled_shop']));
    await waitFor(async () => (await t.ledger(dNo))[0]?.status === 'captured', { what: 'D captured again' });
    await waitFor(async () => (await t.ledger(cNo))[0]?.status === 'voided', { what: 'C voided' });
    await waitFor(async () => (await t.ledger(eNo)).find((p) => p.provider === 'psp-sim')?.status === 'voided', { what: 'the stray voided' });
    expect((await t.ledger(foreign.reference))[0]).toMatchObject({ status: 'voided' });
    for (const o of [aNo, bNo, cNo, dNo, eNo]) await settled(t, o);
    // Audited: on the timeline and in the remediation log.
    expect((await detail(bNo)).timeline.map((x: any) => x.what)).toEqual(expect.arrayContaining(['remediation:reapply_observation', 'remediation:cancel_with_refund', 'order_cancelled']));
    const log = (await t.admin('GET', `/api/v1/admin/remediations?orderNo=${dNo}`)).body.remediations;
    expect(log).toEqual([expect.objectContaining({ ruleId: 'RULE_D', action: 'capture_again', outcome: 'done', by: 'test' })]);

    const second = await reconcileNow();
    expect(second.remediations).toEqual([]);
    expect(second.agreed).toBeGreaterThanOrEqual(first.agreed);
  });

  it('a paid order whose attempt was recorded just before the window and paid at the PSP just inside it is ours, not foreign money to give back', async () => {
    const r = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }] });
    expect(r.status).toBe(201);
    const orderNo = r.body.orderNo as string;
    await settled(t, orderNo);
    const { rows } = await sql<{ ours: Date; psp: Date }>`
      select a.created_at as ours, p.created_at as psp
        from payment_attempts a join payments y on y.id = a.payment_id join psp_sim.payments p on p.id = a.provider_payment_id
       where y.reference = ${orderNo}`.execute(t.svc.db);
    const { ours, psp } = rows[0]!;
    // Our row is written before the PSP is called: the PSP's payment is the later one.
    expect(psp.getTime()).toBeGreaterThan(ours.getTime());
    const since = new Date(ours.getTime() + Math.floor((psp.getTime() - ours.getTime()) / 2) + 1);
    expect(since.getTime()).toBeGreaterThan(ours.getTime());
    expect(since.getTime()).toBeLessThanOrEqual(psp.getTime());
    const run = await t.admin('POST', '/api/v1/admin/reconcile', { since: since.toISOString(), by: 'test' });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.remediations.filter((x: any) => x.orderNo === orderNo || x.detail?.ourOrder === false)).toEqual([]);
    expect((await t.ledger(orderNo))[0]).toMatchObject({ status: 'captured', refundedAmount: 0 });
    expect((await detail(orderNo)).status).toBe('PAID');
  });
});
