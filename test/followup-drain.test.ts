import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * Issue 9, item 10: after faults stop, every follow-up task completes within
 * 60 s plus the longest known wait. (Seen before: 3.7–5.4 minutes, because a
 * cancel for an attempt the PSP never received failed until its ambiguity
 * window had passed and each failure grew its backoff up to 300 s.)
 *
 * The 60 s is the defaults' share: a failing task's next run is at most
 * TASK_RETRY_MAX_MS (30 s) away when the faults stop, plus the job poll and the
 * run itself. This test sets short values and holds the same sum, computed from
 * them: TASK_RETRY_MAX_MS + the longest known wait (PSP_AMBIGUITY_WINDOW_MS,
 * a cancel waiting for a never-received attempt) + the job poll + one
 * follow-up PSP call (PSP_FOLLOWUP_TIMEOUT_MS) + slack for a loaded machine.
 * The circuit breaker is off here (its own wait, the probe interval, is
 * followup-tasks.test.ts's): with it on, the first orders' failing captures
 * would open it and the later purchases would never reach the PSP.
 */

const SETTINGS = {
  TASK_RETRY_BASE_MS: 100,
  TASK_RETRY_MAX_MS: 2_000,
  PSP_AMBIGUITY_WINDOW_MS: 6_000,
  PSP_FOLLOWUP_TIMEOUT_MS: 2_000,
};
/** graphile-worker's poll for jobs whose run_at has come (src/platform/jobs/task.runner.ts). */
const JOB_POLL_MS = 1_000;
/** A loaded 2-core machine: timers late, one run queued behind others. */
const SLACK_MS = 3_000;
const BOUND_MS = SETTINGS.TASK_RETRY_MAX_MS + SETTINGS.PSP_AMBIGUITY_WINDOW_MS + JOB_POLL_MS + SETTINGS.PSP_FOLLOWUP_TIMEOUT_MS + SLACK_MS;
/** The issue's rule, for these settings. */
const ISSUE_BOUND_MS = 60_000 + SETTINGS.PSP_AMBIGUITY_WINDOW_MS;

let t: TestService;
beforeAll(async () => {
  t = await startTestService({
    ...Object.fromEntries(Object.entries(SETTINGS).map(([k, v]) => [k, String(v)])),
    // Nothing may become a dead letter while the faults last: the point is that it all drains after.
    TASK_MAX_ATTEMPTS: '1000',
    PSP_CIRCUIT_MIN_CALLS: '100000',
    PSP_CIRCUIT_CONSECUTIVE_FAILURES: '0',
  });
  await t.product('DRAIN-SKU', 2000, 100);
});
afterAll(async () => {
  await t?.close();
});

async function faults(rules: unknown[]): Promise<void> {
  const r = await fetch(`${t.simUrl}/__sim/faults`, rules.length ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) } : { method: 'DELETE' });
  expect(r.status).toBe(200);
}

const buy = (token: string) => t.buy(token, { items: [{ sku: 'DRAIN-SKU', quantity: 1 }] });
const orderNoOf = (r: { body: any }) => (r.body.orderNo ?? r.body.error?.orderNo) as string;

type Task = { name: string; state: string; attempts: number; lastError: string | null };
async function detail(orderNo: string): Promise<{ status: string; tasks: Task[] }> {
  return (await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body;
}
const undone = async () => Number((await t.svc.db.selectFrom('tasks').select((e) => e.fn.countAll<string>().as('n')).where('state', '!=', 'done').executeTakeFirstOrThrow()).n);

describe('after PSP faults stop, every follow-up task completes within the bound', () => {
  it('captures and voids failing at the PSP, and cancels waiting out the ambiguity window: all done within TASK_RETRY_MAX_MS + the longest wait (+ poll, one call, slack)', async () => {
    expect(BOUND_MS).toBeLessThan(ISSUE_BOUND_MS);
    // Every capture and every void answers 503 from here until the faults stop.
    const failing = [
      { operation: 'capture', status: 503 },
      { operation: 'void', status: 503 },
    ];
    // Ambiguous orders holding money: the authorization times out (tok_timeout: the PSP authorizes, then
    // answers late) and the lookup hangs, so they fail, and their cancels must void a hold that will not void.
    await faults([...failing, { operation: 'find', hang: true, count: 2 }]);
    const timedOut = await Promise.all([buy('tok_timeout'), buy('tok_timeout')]);
    for (const r of timedOut) expect(r.body.error?.code).toBe('CHECKOUT_TIMEOUT');
    // Authorizations the PSP never records: their cancels must wait for the ambiguity window (a known moment).
    await faults([...failing, { operation: 'authorize', hang: true, count: 2 }]);
    const unseen = await Promise.all([buy('tok_visa'), buy('tok_visa')]);
    for (const r of unseen) expect(r.body.error?.code).toBe('CHECKOUT_TIMEOUT');
    // Paid orders whose captures fail.
    const paid = await Promise.all(Array.from({ length: 8 }, () => buy('tok_visa')));
    for (const r of paid) expect(r.status).toBe(201);
    const orders = [...unseen, ...paid, ...timedOut].map(orderNoOf);

    // Faults held until every capture and a void have failed (counted failures, growing backoff).
    await waitFor(
      async () => {
        const captures = await Promise.all(paid.map(async (r) => (await detail(orderNoOf(r))).tasks.find((x) => x.name === 'capture_payment')));
        const voids = await Promise.all(timedOut.map(async (r) => (await detail(orderNoOf(r))).tasks.find((x) => x.name === 'cancel_payment')));
        return captures.every((c) => c && c.attempts >= 2 && c.lastError?.includes('503')) && voids.some((c) => c?.lastError?.includes('503'));
      },
      { timeoutMs: 30_000, what: 'every capture to have failed twice and a void once' },
    );
    expect(await undone()).toBeGreaterThan(0);

    await faults([]);
    const cleared = Date.now();
    await waitFor(async () => (await undone()) === 0, { timeoutMs: ISSUE_BOUND_MS, intervalMs: 100, what: 'every follow-up task done' });
    const drainedMs = Date.now() - cleared;
    expect(drainedMs, `drained ${drainedMs} ms after the faults stopped`).toBeLessThan(BOUND_MS);

    // And the outcome is right: each paid order captured once, each failed one holds no money.
    for (const orderNo of orders) {
      const d = await detail(orderNo);
      expect(d.tasks.every((x) => x.state === 'done'), `${orderNo}: ${JSON.stringify(d.tasks)}`).toBe(true);
      const ledger = await t.ledger(orderNo);
      if (d.status === 'PAID') expect(ledger).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 2000 })]);
      else {
        expect(d.status).toBe('FAILED');
        for (const p of ledger) expect(p.capturedAmount).toBe(0);
        for (const p of ledger) expect(['voided', 'failed', 'canceled']).toContain(p.status);
      }
    }
    // The never-received attempts' cancels waited without a failure counted.
    for (const r of unseen) expect((await detail(orderNoOf(r))).tasks.find((x) => x.name === 'cancel_payment')).toMatchObject({ state: 'done', lastError: null });
  }, 90_000);
});
