import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

let t: TestService;

beforeAll(async () => {
  t = await startTestService();
  await t.product('OUTCOME-SKU', 2000, 100);
});
afterAll(async () => {
  await t?.close();
});

const kinds = (d: { notifications: { kind: string }[] }) => d.notifications.map((n) => n.kind).sort();
const taskNames = (d: { tasks: { name: string }[] }) => d.tasks.map((x) => x.name).sort();
const stock = async () => (await t.admin('GET', '/api/v1/admin/inventory/OUTCOME-SKU')).body;
const buy = (token: string) => t.buy(token, { items: [{ sku: 'OUTCOME-SKU', quantity: 1 }] });

describe('purchase outcomes against the PSP simulator', () => {
  it('declined: FAILED with PAYMENT_DECLINED, stock released, nothing to void, only the buyer hears', async () => {
    const r = await buy('tok_insufficient_funds');
    expect(r.status).toBe(402);
    const d = await settled(t, r.body.error.orderNo);
    expect(d.status).toBe('FAILED');
    expect(d.failure).toEqual({ reason: 'PAYMENT_DECLINED' });
    expect(d.reservations).toEqual([{ sku: 'OUTCOME-SKU', quantity: 1, status: 'RELEASED' }]);
    expect(taskNames(d)).toEqual(['release_stock', 'send_mail']);
    expect(kinds(d)).toEqual(['purchase_failed_buyer']);
    expect(d.payment.status).toBe('DECLINED');
    const ledger = await t.ledger(d.orderNo);
    expect(ledger.map((p) => p.status)).toEqual(['declined']);
  });

  it('PSP unavailable: 503 PAYMENT_UNAVAILABLE, nothing at the PSP, stock released', async () => {
    const r = await buy('tok_psp_unavailable');
    expect(r.status).toBe(503);
    expect(r.headers.get('retry-after')).toBeTruthy();
    const d = await settled(t, r.body.error.orderNo);
    expect(d).toMatchObject({ status: 'FAILED', failure: { reason: 'PAYMENT_UNAVAILABLE' } });
    expect(d.reservations[0].status).toBe('RELEASED');
    expect(await t.ledger(d.orderNo)).toEqual([]);
    expect(kinds(d)).toEqual(['purchase_failed_buyer']);
    // Its log lines name what happened, for triage: the PSP's refusal and the buyer's answer, with the order and the request.
    const lines = t.logs.map((l) => JSON.parse(l) as Record<string, any>).filter((l) => l.orderNo === d.orderNo);
    const psp = lines.find((l) => l.event === 'psp_unavailable');
    expect(psp).toMatchObject({ provider: 'psp-sim', operation: 'authorize', pspStatus: 503, reqId: expect.any(String) });
    const answered = lines.find((l) => l.event === 'purchase_answered');
    expect(answered).toMatchObject({ outcome: 'PAYMENT_UNAVAILABLE', code: 'PAYMENT_UNAVAILABLE', status: 503, reqId: psp!.reqId, level: 40 });
    expect(lines.filter((l) => l.level >= 40).every((l) => typeof l.event === 'string'), JSON.stringify(lines.filter((l) => l.level >= 40 && !l.event).map((l) => l.msg))).toBe(true);
  });

  it('tok_timeout: the call times out but the money is held; the order ends PAID with one capture, or FAILED with the hold voided', async () => {
    const before = await stock();
    const r = await buy('tok_timeout');
    const orderNo = r.body.orderNo ?? r.body.error?.orderNo;
    expect(orderNo).toMatch(/^ORD-/);
    const d = await settled(t, orderNo);
    const ledger = await t.ledger(orderNo);
    expect(ledger).toHaveLength(1);
    if (d.status === 'PAID') {
      expect(r.status).toBe(201);
      expect(ledger[0]).toMatchObject({ status: 'captured', capturedAmount: 2000, refundedAmount: 0 });
      expect(kinds(d)).toEqual(['order_confirmed_buyer', 'order_received_shop']);
      expect((await stock()).onHand).toBe(before.onHand - 1);
    } else {
      expect(d.status).toBe('FAILED');
      expect(ledger[0]!.status).toBe('voided');
      expect((await stock()).onHand).toBe(before.onHand);
    }
    // The attempt first timed out: the outcome came from asking the PSP, not from the call.
    expect(t.logs.some((l) => l.includes(orderNo) && l.includes('asking the PSP'))).toBe(true);
  });

  it('tok_pending: still processing at the deadline → FAILED; the charge is voided once it settles', async () => {
    const r = await buy('tok_pending');
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('CHECKOUT_TIMEOUT');
    const orderNo = r.body.error.orderNo as string;
    // Right after the decision the PSP still processes: nothing can be voided yet.
    expect((await t.ledger(orderNo))[0]!.status).toBe('processing');
    const d = await settled(t, orderNo, 40_000);
    expect(d).toMatchObject({ status: 'FAILED', failure: { reason: 'CHECKOUT_TIMEOUT' } });
    const cancel = d.tasks.find((x: { name: string }) => x.name === 'cancel_payment');
    // It waited for the PSP (1 s, then 2 s … apart) without counting a single failure: one run that finished.
    expect(cancel).toMatchObject({ state: 'done', attempts: 1, lastError: null });
    expect(t.logs.some((l) => l.includes(orderNo) && l.includes('still processing at the PSP'))).toBe(true);
    const ledger = await t.ledger(orderNo);
    expect(ledger).toEqual([expect.objectContaining({ status: 'voided', capturedAmount: 0 })]);
    expect(d.payment.status).toBe('VOIDED');
    expect(kinds(d)).toEqual(['purchase_failed_buyer']);
    expect(d.reservations[0].status).toBe('RELEASED');
  });

  it('customer view follows the order to its final payment status', async () => {
    const r = await buy('tok_visa');
    const token = await t.token('cust-1');
    const v = await waitFor(async () => {
      const g = await t.call('GET', `/api/v1/orders/${r.body.orderNo}`, { auth: token });
      return g.body.payment.status === 'CAPTURED' ? g.body : undefined;
    });
    expect(v.status).toBe('PAID');
  });
});
