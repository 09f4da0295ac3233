import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * Time bounds that hold: a purchase answers by its deadline + 1 s whatever the
 * PSP's status reads do, and a cancel waits for a known moment (the end of an
 * attempt's ambiguity window) instead of failing until then.
 */
const DEADLINE_MS = 2_000;
const WINDOW_MS = 3_000;

let t: TestService;
beforeAll(async () => {
  t = await startTestService({
    RESERVE_DEADLINE_MS: String(DEADLINE_MS),
    PSP_TIMEOUT_MS: '800',
    // Longer than the deadline: a status read bounded only by its own timeout would overrun it.
    PSP_READ_TIMEOUT_MS: '3000',
    PSP_AMBIGUITY_WINDOW_MS: String(WINDOW_MS),
  });
  await t.product('TB-SKU', 1500, 100);
});
afterAll(async () => t?.close());
afterEach(async () => {
  await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
});

async function faults(rules: unknown[]): Promise<void> {
  const r = await fetch(`${t.simUrl}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) });
  expect(r.status).toBe(200);
}

async function timedBuy(token: string) {
  const started = Date.now();
  const r = await t.buy(token, { items: [{ sku: 'TB-SKU', quantity: 1 }] });
  return { r, ms: Date.now() - started, at: Date.now() };
}

describe('the purchase deadline bounds every PSP call and read', () => {
  it('tok_pending while status reads hang: answers CHECKOUT_TIMEOUT by the deadline + 1 s', async () => {
    // The first status read of the processing charge never answers.
    await faults([{ operation: 'get', hang: true, count: 1 }]);
    const { r, ms } = await timedBuy('tok_pending');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('CHECKOUT_TIMEOUT');
    expect(ms).toBeLessThan(DEADLINE_MS + 1_000);
  });

  it('tok_timeout while the lookup hangs: answers by the deadline + 1 s, and the hold is voided afterwards', async () => {
    // The authorization times out (800 ms); asking the PSP about it (search by reference) never answers.
    await faults([{ operation: 'find', hang: true, count: 1 }]);
    const { r, ms } = await timedBuy('tok_timeout');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('CHECKOUT_TIMEOUT');
    expect(ms).toBeLessThan(DEADLINE_MS + 1_000);
    const d = await settled(t, r.body.error.orderNo);
    expect(d.status).toBe('FAILED');
    expect(await t.ledger(d.orderNo)).toEqual([expect.objectContaining({ status: 'voided', capturedAmount: 0 })]);
  });
});

describe('cancel waits for a known moment', () => {
  it('an attempt the PSP never received: the cancel completes right after its ambiguity window, with no failure counted', async () => {
    // The authorization hangs before the simulator records anything: the PSP will never know it.
    await faults([{ operation: 'authorize', hang: true, count: 1 }]);
    const { r, at: answeredAt } = await timedBuy('tok_visa');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('CHECKOUT_TIMEOUT');
    const orderNo = r.body.error.orderNo as string;
    const cancel = async () => {
      const d = await t.admin('GET', `/api/v1/admin/orders/${orderNo}`);
      return (d.body.tasks as { name: string; state: string; attempts: number; lastError: string | null }[]).find((x) => x.name === 'cancel_payment');
    };
    const done = await waitFor(async () => ((await cancel())?.state === 'done' ? await cancel() : undefined), { timeoutMs: WINDOW_MS + 5_000, intervalMs: 50, what: 'the cancel task' });
    const doneAfterMs = Date.now() - answeredAt;
    // The window runs from the attempt's last call (recorded just before the answer).
    expect(doneAfterMs).toBeGreaterThan(WINDOW_MS - 500);
    expect(doneAfterMs).toBeLessThan(WINDOW_MS + 2_000);
    // One run that finished (attempts counts it), no failure on the way.
    expect(done).toMatchObject({ state: 'done', attempts: 1, lastError: null });
    const d = await settled(t, orderNo);
    expect(d.payment.attempts).toEqual([expect.objectContaining({ status: 'NOT_FOUND' })]);
    expect(await t.ledger(orderNo)).toEqual([]);
  });
});
