import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

let t: TestService;

beforeAll(async () => {
  // These tests make captures fail on purpose; a circuit opening on those failures is tested below and in failover.test.ts.
  t = await startTestService({ TASK_MAX_ATTEMPTS: '4', PSP_CIRCUIT_MIN_CALLS: '100000', PSP_CIRCUIT_CONSECUTIVE_FAILURES: '0' });
  await t.product('TASK-SKU', 3000, 100);
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
});

const faults = async (rules: unknown[]) => {
  const r = await fetch(`${t.simUrl}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) });
  expect(r.status).toBeLessThan(300);
};
const capture = (d: { tasks: { name: string; id: number; state: string; attempts: number; lastError: string | null }[] }) =>
  d.tasks.find((x) => x.name === 'capture_payment')!;

describe('follow-up tasks', () => {
  it('a capture that fails transiently is retried with backoff and succeeds; the order stays PAID throughout', async () => {
    // The provider edge retries a 503 twice (three calls per task attempt): four
    // failures outlast the first task attempt and the second one succeeds.
    await faults([{ operation: 'capture', status: 503, count: 4 }]);
    const r = await t.buy('tok_visa', { items: [{ sku: 'TASK-SKU', quantity: 1 }] });
    expect(r.status).toBe(201);
    const d = await settled(t, r.body.orderNo);
    expect(d.status).toBe('PAID');
    expect(capture(d)).toMatchObject({ state: 'done', attempts: 2, lastError: expect.stringContaining('503') });
    expect(await t.ledger(r.body.orderNo)).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 3000 })]);
  });

  it('a capture that keeps failing becomes a dead letter (logged at error); retrying it after the fault clears captures', async () => {
    await faults([{ operation: 'capture', status: 503 }]);
    const r = await t.buy('tok_visa', { items: [{ sku: 'TASK-SKU', quantity: 1 }] });
    expect(r.status).toBe(201);
    const orderNo = r.body.orderNo as string;
    const d = await settled(t, orderNo);
    expect(d.status).toBe('PAID'); // a failing follow-up never changes the decision
    expect(capture(d)).toMatchObject({ state: 'dead', attempts: 4 });

    const list = await t.admin('GET', '/api/v1/admin/dead-letters');
    expect(list.status).toBe(200);
    const dl = list.body.deadLetters.find((x: { orderNo: string }) => x.orderNo === orderNo);
    expect(dl).toMatchObject({ task: 'capture_payment', orderNo, attempts: 4, lastError: expect.stringContaining('503') });
    const one = await t.admin('GET', `/api/v1/admin/dead-letters/${dl.id}`);
    expect(one.body.errors).toHaveLength(4);
    const errorLine = t.logs.map((l) => JSON.parse(l)).find((l) => l.level === 50 && l.deadLetter === true && l.orderNo === orderNo);
    expect(errorLine).toMatchObject({ task: 'capture_payment', msg: expect.stringContaining('dead letter') });

    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
    const retry = await t.admin('POST', `/api/v1/admin/dead-letters/${dl.id}/retry`);
    expect(retry.status).toBe(202);
    await waitFor(async () => capture((await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body).state === 'done', { what: 'capture to finish' });
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 3000 })]);
    const after = await t.admin('GET', '/api/v1/admin/dead-letters');
    expect(after.body.deadLetters.some((x: { orderNo: string }) => x.orderNo === orderNo)).toBe(false);
    expect((await t.admin('POST', `/api/v1/admin/dead-letters/${dl.id}/retry`)).status).toBe(404);
  });

  it('a dead letter can be discarded with a reason, which is recorded', async () => {
    await faults([{ operation: 'capture', status: 503 }]);
    const r = await t.buy('tok_visa', { items: [{ sku: 'TASK-SKU', quantity: 1 }] });
    const d = await settled(t, r.body.orderNo);
    const id = capture(d).id;
    const bad = await t.admin('POST', `/api/v1/admin/dead-letters/${id}/discard`, {});
    expect(bad.status).toBe(422);
    const ok = await t.admin('POST', `/api/v1/admin/dead-letters/${id}/discard`, { reason: 'captured by hand at the PSP console', by: 'ops-tanaka' });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ id, state: 'discarded' });
    const detail = await t.admin('GET', `/api/v1/admin/orders/${r.body.orderNo}`);
    expect(capture(detail.body).state).toBe('discarded');
  });
});

describe('follow-up tasks and an open circuit', () => {
  let c: TestService;
  beforeAll(async () => {
    // One failed whole call among two opens the circuit; one good probe closes it.
    c = await startTestService({ PSP_RETRY_MAX: '0', PSP_CIRCUIT_MIN_CALLS: '2', PSP_CIRCUIT_HALF_OPEN_MS: '1500', PSP_CIRCUIT_PROBES: '1' });
    await c.product('CIRCUIT-SKU', 3000, 10);
  });
  afterAll(async () => {
    await c?.close();
  });

  it('a capture refused by our open circuit runs again when it probes, without counting a failure', async () => {
    await fetch(`${c.simUrl}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules: [{ operation: 'capture', status: 503, count: 1 }] }) });
    const r = await c.buy('tok_visa', { items: [{ sku: 'CIRCUIT-SKU', quantity: 1 }] });
    expect(r.status).toBe(201);
    const orderNo = r.body.orderNo as string;
    // The authorization succeeded, the capture failed: 1 of 2 whole calls, and the circuit opens.
    await waitFor(async () => c.logs.some((l) => l.includes('"msg":"circuit open"')), { timeoutMs: 5_000, what: 'the circuit to open' });
    const d = await settled(c, orderNo, 10_000);
    // One real failure (the 503) and the run that captured; the waits for the probe did not count.
    expect(capture(d)).toMatchObject({ state: 'done', attempts: 2, lastError: expect.stringContaining('503') });
    const waits = c.logs.map((l) => JSON.parse(l)).filter((l) => l.orderNo === orderNo && l.msg === 'payment cannot act yet; the task runs again then');
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits[0].why).toContain('circuit open');
    expect(await c.ledger(orderNo)).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 3000 })]);
  });
});
