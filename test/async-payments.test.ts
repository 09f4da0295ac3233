import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * Payments that finish later (PayPay-style QR, 3-D Secure): the order waits in
 * WAITING_PAYMENT; webhooks and polling feed one state machine; expiry fails
 * the order and gives everything back; the buyer follows it live.
 */

const SECRET = 'whsec_test_current_0123456789abcdef';
const OLD_SECRET = 'whsec_test_previous_0123456789abcde';
const SKU = 'ASYNC-SKU';

const paypay = { method: 'paypay' };

async function simPaymentOf(t: TestService, orderNo: string) {
  const [p] = await t.ledger(orderNo);
  if (!p) throw new Error(`no simulator payment for ${orderNo}`);
  return p;
}

/** The buyer approves (or cancels) on the PSP's page, as a test presses it. */
async function complete(t: TestService, orderNo: string, outcome: 'success' | 'failure') {
  const p = await simPaymentOf(t, orderNo);
  const res = await fetch(`${t.simUrl}/__sim/payments/${p.id}/complete`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function faults(t: TestService, rules: unknown[]) {
  const res = await fetch(`${t.simUrl}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) });
  expect(res.status).toBe(200);
}

async function detail(t: TestService, orderNo: string) {
  return (await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body;
}

async function statusBecomes(t: TestService, orderNo: string, status: string, timeoutMs = 15_000) {
  return await waitFor(
    async () => {
      const d = await detail(t, orderNo);
      return d.status === status ? d : undefined;
    },
    { timeoutMs, what: `${orderNo} to become ${status}` },
  );
}

async function available(t: TestService, sku = SKU): Promise<number> {
  return (await t.admin('GET', `/api/v1/admin/inventory/${sku}`)).body.available;
}

async function metricsText(t: TestService): Promise<string> {
  const res = await t.admin('GET', '/metrics');
  expect(res.status).toBe(200);
  return res.body as string;
}

function metricValue(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name}{`)));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

/** Buys one unit of SKU with the given payment. */
const buy = (t: TestService, payment: Parameters<TestService['buy']>[0], opts: { customerId?: string } = {}) =>
  t.buy(payment, { items: [{ sku: SKU, quantity: 1 }], ...opts });

const whens = (d: any) => d.timeline.map((e: { what: string }) => e.what) as string[];
const count = (xs: string[], x: string) => xs.filter((y) => y === x).length;

describe('webhook-driven (polling too slow to matter)', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({
      PSP_SIM_WEBHOOK_SECRET: SECRET,
      PSP_SIM_WEBHOOK_SECRET_PREVIOUS: OLD_SECRET,
      // The first poll would come after a minute: whatever happens sooner came by webhook.
      PAYMENT_POLL_FIRST_MS: '60000',
      PAYMENT_POLL_MAX_MS: '60000',
    });
    await t.product(SKU, 2500, 100);
  });
  afterAll(async () => t?.close());
  afterEach(async () => {
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
  });

  it('QR success by webhook: 202 WAITING_PAYMENT with nextAction and channelToken, stock held, then PAID and captured once', async () => {
    const before = await available(t);
    const r = await buy(t, paypay);
    expect(r.status).toBe(202);
    expect(r.body.status).toBe('WAITING_PAYMENT');
    expect(r.body.payment.status).toBe('REQUIRES_ACTION');
    expect(r.body.payment.nextAction).toEqual({ type: 'redirect', url: expect.stringMatching(/\/sim\/pay\/pay_/) });
    expect(typeof r.body.channelToken).toBe('string');
    expect(Date.parse(r.body.payment.expiresAt)).toBeGreaterThan(Date.now());
    expect(await available(t)).toBe(before - 1);
    const orderNo = r.body.orderNo as string;

    // The buyer's page is real HTML served by the simulator.
    const page = await fetch(r.body.payment.nextAction.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form');

    expect((await complete(t, orderNo, 'success')).status).toBe(200);
    const d = await settled(t, orderNo);
    expect(d.status).toBe('PAID');
    expect(d.timeline.find((e: any) => e.what === 'order_paid').data).toEqual({ by: 'webhook' });
    expect(d.payment.status).toBe('CAPTURED');
    expect(d.payment.capturedAmount).toBe(2500);
    expect(d.reservations).toEqual([{ sku: SKU, quantity: 1, status: 'COMMITTED' }]);
    expect(d.notifications.map((n: any) => n.kind).sort()).toEqual(['order_confirmed_buyer', 'order_received_shop']);
    expect(d.webhooks.length).toBeGreaterThan(0);
    expect(d.webhooks.every((w: any) => w.processedAt)).toBe(true);
    const ledger = await t.ledger(orderNo);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ status: 'captured', capturedAmount: 2500, refundedAmount: 0 });
    expect(await available(t)).toBe(before - 1);

    // The customer sees it too, and the waiting-only fields are gone.
    const mine = await t.call('GET', `/api/v1/orders/${orderNo}`, { auth: await t.token() });
    expect(mine.body.status).toBe('PAID');
    expect(mine.body.payment.nextAction).toBeUndefined();

    const m = await metricsText(t);
    expect(metricValue(m, 'orderly_payment_success_to_paid_seconds_count', '{source="webhook"}')).toBeGreaterThanOrEqual(1);
    expect(metricValue(m, 'orderly_webhooks_received_total', '{provider="psp-sim"}')).toBeGreaterThanOrEqual(1);
  });

  it('duplicated and reordered webhooks make exactly one transition, and a late "requires_action" never moves the payment back', async () => {
    const dupBefore = metricValue(await metricsText(t), 'orderly_webhooks_duplicate_total', '{provider="psp-sim"}');
    // The payment's two events (requires_action, captured) arrive newest first, each three times.
    await faults(t, [{ operation: 'webhook', reorder: true, count: 2, latencyMs: 3000, duplicate: 2 }]);
    const r = await buy(t, paypay);
    expect(r.status).toBe(202);
    const orderNo = r.body.orderNo as string;
    await complete(t, orderNo, 'success');
    const d = await settled(t, orderNo);
    expect(d.status).toBe('PAID');
    expect(count(whens(d), 'order_paid')).toBe(1);
    expect(d.tasks.filter((x: any) => x.name === 'capture_payment')).toHaveLength(1);
    expect(d.payment.status).toBe('CAPTURED');
    // Wait for every copy to have been delivered, then check they were recognised as duplicates.
    await waitFor(
      async () => {
        const res = await fetch(`${t.simUrl}/__sim/webhooks?reference=${orderNo}`);
        const events = ((await res.json()) as any).events as { state: string }[];
        return events.length >= 2 && events.every((e) => e.state === 'delivered');
      },
      { what: 'all webhooks delivered' },
    );
    const dupAfter = await waitFor(async () => {
      const v = metricValue(await metricsText(t), 'orderly_webhooks_duplicate_total', '{provider="psp-sim"}');
      return v >= dupBefore + 2 ? v : 0;
    });
    expect(dupAfter).toBeGreaterThanOrEqual(dupBefore + 2);
    const again = await detail(t, orderNo);
    // Received newest first, each stored once: the late requires_action changed nothing.
    expect(again.webhooks.map((w: any) => w.type)).toEqual(['payment.captured', 'payment.requires_action']);
    expect(again.status).toBe('PAID');
    expect(again.payment.status).toBe('CAPTURED');
    expect(count(whens(again), 'order_paid')).toBe(1);
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 2500 })]);
  });

  it('a webhook with a bad signature, an old timestamp or no signature is refused with 401 and changes nothing; the previous secret still works', async () => {
    const r = await buy(t, paypay);
    const orderNo = r.body.orderNo as string;
    const sim = await simPaymentOf(t, orderNo);
    const body = JSON.stringify({
      id: `evt_forged_${orderNo}`,
      type: 'payment.captured',
      created: Math.floor(Date.now() / 1000),
      data: { payment: { id: sim.id, reference: orderNo, status: 'captured', amount: 2500, capturedAmount: 2500, refundedAmount: 0, idempotencyKey: `${orderNo}:1` } },
    });
    const sign = (secret: string, t0: number) => `t=${t0},v1=${createHmac('sha256', secret).update(`${t0}.${body}`).digest('hex')}`;
    const now = Math.floor(Date.now() / 1000);
    const post = (headers: Record<string, string>, b = body) =>
      t.call('POST', '/webhooks/psp-sim', { body: b, headers: { 'content-type': 'application/json', ...headers } });

    const rejectedBefore = await metricsText(t);
    expect((await post({ 'psp-sim-signature': sign('whsec_wrong_secret_0123456789abcdef', now) })).status).toBe(401);
    expect((await post({ 'psp-sim-signature': sign(SECRET, now - 301) })).status).toBe(401);
    expect((await post({})).status).toBe(401);
    expect((await post({ 'psp-sim-signature': sign(SECRET, now) }, body.replace('2500', '2501'))).status).toBe(401);
    const bad = await post({ 'psp-sim-signature': 'garbage' });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
    expect((await t.call('POST', '/webhooks/no-such-psp', { body, headers: { 'content-type': 'application/json' } })).status).toBe(404);

    const d = await detail(t, orderNo);
    expect(d.status).toBe('WAITING_PAYMENT');
    expect(d.payment.status).toBe('REQUIRES_ACTION');
    expect(d.webhooks.some((w: any) => w.eventId === `evt_forged_${orderNo}`)).toBe(false);
    const m = await metricsText(t);
    const rejected = (text: string) =>
      text
        .split('\n')
        .filter((l) => l.startsWith('orderly_webhooks_rejected_total{'))
        .reduce((s, l) => s + Number(l.split(' ').at(-1)), 0);
    expect(rejected(m) - rejected(rejectedBefore)).toBe(6);

    // Rotation: a webhook signed with the previous secret is still believed. (It repeats what the
    // PSP already said, so it changes nothing.)
    const repeat = JSON.stringify({
      id: `evt_repeat_${orderNo}`,
      type: 'payment.requires_action',
      created: now,
      data: { payment: { id: sim.id, reference: orderNo, status: 'requires_action', amount: 2500, capturedAmount: 0, refundedAmount: 0, idempotencyKey: `${orderNo}:1` } },
    });
    const signRepeat = (secret: string) => `t=${now},v1=${createHmac('sha256', secret).update(`${now}.${repeat}`).digest('hex')}`;
    const ok = await post({ 'psp-sim-signature': signRepeat(OLD_SECRET) }, repeat);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ received: true });
    // …and a second delivery of the same event id is a duplicate, answered 200, not processed again.
    expect((await post({ 'psp-sim-signature': signRepeat(SECRET) }, repeat)).body).toEqual({ received: true, duplicate: true });
    expect((await detail(t, orderNo)).status).toBe('WAITING_PAYMENT');
  });

  it('/metrics needs the admin key (or METRICS_TOKEN)', async () => {
    expect((await t.call('GET', '/metrics')).status).toBe(401);
    expect((await t.call('GET', '/metrics', { auth: await t.token() })).status).toBe(401);
    const m = await metricsText(t);
    expect(m).toContain('# TYPE orderly_payment_success_to_paid_seconds histogram');
    expect(m).toContain('orderly_payment_polls_total');
  });

  it('3-D Secure success: WAITING_PAYMENT with the challenge page, then PAID and captured', async () => {
    const r = await buy(t, 'tok_3ds');
    expect(r.status).toBe(202);
    expect(r.body.status).toBe('WAITING_PAYMENT');
    expect(r.body.payment.nextAction.url).toMatch(/\/sim\/3ds\/pay_/);
    const orderNo = r.body.orderNo as string;
    // The buyer authenticates on the challenge page (a plain HTML form post).
    const res = await fetch(r.body.payment.nextAction.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'outcome=success',
    });
    expect(res.status).toBe(200);
    const d = await settled(t, orderNo);
    expect(d.status).toBe('PAID');
    expect(d.payment).toMatchObject({ status: 'CAPTURED', capturedAmount: 2500 });
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 2500 })]);
  });

  it('3-D Secure failure: FAILED with PAYMENT_DECLINED, stock released, no shop mail, nothing held', async () => {
    const before = await available(t);
    const r = await buy(t, 'tok_3ds');
    const orderNo = r.body.orderNo as string;
    expect(await available(t)).toBe(before - 1);
    await complete(t, orderNo, 'failure');
    const d = await settled(t, orderNo);
    expect(d.status).toBe('FAILED');
    expect(d.failure).toEqual({ reason: 'PAYMENT_DECLINED' });
    expect(d.reservations).toEqual([{ sku: SKU, quantity: 1, status: 'RELEASED' }]);
    expect(d.notifications.map((n: any) => n.kind)).toEqual(['purchase_failed_buyer']);
    expect(await available(t)).toBe(before);
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ status: 'declined', authorizedAmount: 0, capturedAmount: 0 })]);
  });

  describe('live status', () => {
    function openSocket(url: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; messages: any[]; next: (pred: (m: any) => boolean) => Promise<any> }> {
      return new Promise((resolve, reject) => {
        const ws = new WebSocket(url, { headers });
        const messages: any[] = [];
        ws.on('message', (data) => messages.push(JSON.parse(String(data))));
        ws.once('open', () =>
          resolve({
            ws,
            messages,
            next: (pred) => waitFor(async () => messages.find(pred), { what: 'a live message', timeoutMs: 10_000, intervalMs: 20 }),
          }),
        );
        ws.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
        ws.once('error', reject);
      });
    }
    const wsUrl = (path: string) => t.url.replace(/^http/, 'ws') + path;

    it('WebSocket with the channel token: a snapshot on connect, then the change to PAID', async () => {
      const r = await buy(t, paypay);
      const orderNo = r.body.orderNo as string;
      const live = await openSocket(wsUrl(`/api/v1/orders/${orderNo}/live?token=${r.body.channelToken}`));
      try {
        const snap = await live.next((m) => m.type === 'snapshot');
        expect(snap.order).toMatchObject({ orderNo, status: 'WAITING_PAYMENT', payment: { status: 'REQUIRES_ACTION' } });
        expect(snap.order.payment.nextAction.type).toBe('redirect');
        await complete(t, orderNo, 'success');
        const paid = await live.next((m) => m.type === 'update' && m.order.status === 'PAID');
        expect(paid.order.orderNo).toBe(orderNo);
        expect(live.messages[0].type).toBe('snapshot');
        // The token travelled in the URL; it must not be in any log line.
        expect(t.logs.some((l) => l.includes(r.body.channelToken))).toBe(false);
        expect(t.logs.some((l) => l.includes('/live?token=[redacted]'))).toBe(true);
      } finally {
        live.ws.close();
      }
    });

    it('a payment change alone is pushed too: AUTHORIZED → CAPTURED reaches the subscriber of a PAID order', async () => {
      // The capture is held back long enough to subscribe while the payment is still only authorized.
      await faults(t, [{ operation: 'capture', latencyMs: 1500 }]);
      const r = await buy(t, 'tok_visa', { customerId: 'cust-capture' });
      expect(r.status).toBe(201);
      const orderNo = r.body.orderNo as string;
      const live = await openSocket(wsUrl(`/api/v1/orders/${orderNo}/live`), { authorization: `Bearer ${await t.token('cust-capture')}` });
      try {
        const snap = await live.next((m) => m.type === 'snapshot');
        expect(snap.order).toMatchObject({ status: 'PAID', payment: { status: 'AUTHORIZED' } });
        const captured = await live.next((m) => m.type === 'update' && m.order.payment.status === 'CAPTURED');
        expect(captured.order.status).toBe('PAID'); // the order itself did not change: its payment did
      } finally {
        live.ws.close();
      }
    });

    it('WebSocket with the customer JWT (header only) works for the owner only; no token or a token for another order is refused', async () => {
      const r = await buy(t, paypay, { customerId: 'cust-live' });
      const other = await buy(t, paypay, { customerId: 'cust-live' });
      const orderNo = r.body.orderNo as string;
      const jwt = await t.token('cust-live');
      const mine = await openSocket(wsUrl(`/api/v1/orders/${orderNo}/live`), { authorization: `Bearer ${jwt}` });
      expect((await mine.next((m) => m.type === 'snapshot')).order.orderNo).toBe(orderNo);
      mine.ws.close();
      // A customer JWT opens everything of theirs for days: never accepted in a URL that proxies log.
      await expect(openSocket(wsUrl(`/api/v1/orders/${orderNo}/live?token=${jwt}`))).rejects.toThrow('401');
      await expect(openSocket(wsUrl(`/api/v1/orders/${orderNo}/live`))).rejects.toThrow('401');
      await expect(openSocket(wsUrl(`/api/v1/orders/${orderNo}/live?token=${other.body.channelToken}`))).rejects.toThrow('401');
      await expect(openSocket(wsUrl(`/api/v1/orders/${orderNo}/live`), { authorization: `Bearer ${await t.token('someone-else')}` })).rejects.toThrow('404');
      // A customer JWT is no channel token and a channel token is no customer JWT.
      expect((await t.call('GET', `/api/v1/orders/${orderNo}`, { auth: r.body.channelToken })).status).toBe(401);
    });

    it('at most 20 live connections per order: the 21st WebSocket is closed (1013), the 21st stream answered 429', async () => {
      const r = await buy(t, paypay);
      const url = wsUrl(`/api/v1/orders/${r.body.orderNo}/live?token=${r.body.channelToken}`);
      const open = await Promise.all(Array.from({ length: 20 }, () => openSocket(url)));
      try {
        await Promise.all(open.map((s) => s.next((m) => m.type === 'snapshot')));
        const extra = await openSocket(url);
        const code = await new Promise<number>((resolve) => extra.ws.once('close', (c) => resolve(c)));
        expect(code).toBe(1013);
        const sse = await t.call('GET', `/api/v1/orders/${r.body.orderNo}/events?token=${r.body.channelToken}`);
        expect(sse.status).toBe(429);
      } finally {
        for (const s of open) s.ws.close();
      }
      // Closed connections free their places: a new one gets its snapshot (not a close) again.
      await waitFor(async () => {
        const again = await openSocket(url);
        const first = await new Promise<string>((resolve) => {
          again.ws.once('message', () => resolve('snapshot'));
          again.ws.once('close', () => resolve('closed'));
        });
        again.ws.close();
        return first === 'snapshot';
      });
    });

    it('Server-Sent Events: a snapshot, then the change', async () => {
      const r = await buy(t, paypay);
      const orderNo = r.body.orderNo as string;
      const ac = new AbortController();
      const res = await fetch(`${t.url}/api/v1/orders/${orderNo}/events`, {
        headers: { authorization: `Bearer ${r.body.channelToken}`, accept: 'text/event-stream' },
        signal: ac.signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = res.body!.getReader();
      let text = '';
      const until = async (needle: RegExp) => {
        const deadline = Date.now() + 10_000;
        while (!needle.test(text)) {
          if (Date.now() > deadline) throw new Error(`no ${needle} in SSE stream: ${text}`);
          const { value, done } = await reader.read();
          if (done) throw new Error('SSE stream ended');
          text += new TextDecoder().decode(value);
        }
      };
      try {
        await until(/event: snapshot\ndata: .*"WAITING_PAYMENT"/);
        await complete(t, orderNo, 'success');
        await until(/event: update\ndata: .*"status":"PAID"/);
      } finally {
        ac.abort();
      }
    });
  });
});

describe('polling and expiry', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ PAYMENT_POLL_FIRST_MS: '200', PAYMENT_POLL_MAX_MS: '400', PAYMENT_EXPIRES_MS: '2500' });
    await t.product(SKU, 2500, 100);
  });
  afterAll(async () => t?.close());
  afterEach(async () => {
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
  });

  it('QR success by polling alone when every webhook is dropped', async () => {
    await faults(t, [{ operation: 'webhook', drop: true }]);
    const r = await buy(t, paypay);
    const orderNo = r.body.orderNo as string;
    await complete(t, orderNo, 'success');
    const d = await settled(t, orderNo);
    expect(d.status).toBe('PAID');
    expect(d.timeline.find((e: any) => e.what === 'order_paid').data).toEqual({ by: 'poll' });
    expect(d.webhooks).toEqual([]);
    expect(d.tasks.find((x: any) => x.name === 'poll_payment').state).toBe('done');
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 2500 })]);
    const m = await metricsText(t);
    expect(metricValue(m, 'orderly_payment_success_to_paid_seconds_count', '{source="poll"}')).toBeGreaterThanOrEqual(1);
  });

  it('slow and failing status queries do not stop polling: it retries and the order still ends PAID', async () => {
    await faults(t, [
      { operation: 'webhook', drop: true },
      // Every try of one status read (1 + PSP_RETRY_MAX, default 3) fails: that poll errs.
      { operation: 'get', status: 503, count: 4 },
      { operation: 'get', latencyMs: 300, count: 2 },
    ]);
    const r = await buy(t, paypay);
    const orderNo = r.body.orderNo as string;
    await complete(t, orderNo, 'success');
    const d = await settled(t, orderNo);
    expect(d.status).toBe('PAID');
    expect(metricValue(await metricsText(t), 'orderly_payment_polls_total', '{result="error"}')).toBeGreaterThanOrEqual(1);
  });

  it('expiry: the unpaid order fails with PAYMENT_EXPIRED, the payment is cancelled at the PSP and the stock released', async () => {
    const before = await available(t);
    const r = await buy(t, paypay);
    const orderNo = r.body.orderNo as string;
    expect(await available(t)).toBe(before - 1);
    const d = await settled(t, orderNo, 20_000);
    expect(d.status).toBe('FAILED');
    expect(d.failure).toEqual({ reason: 'PAYMENT_EXPIRED' });
    expect(d.reservations).toEqual([{ sku: SKU, quantity: 1, status: 'RELEASED' }]);
    expect(d.notifications.map((n: any) => n.kind)).toEqual(['purchase_failed_buyer']);
    expect(await available(t)).toBe(before);
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ status: 'voided', capturedAmount: 0 })]);
    // The buyer can no longer pay an expired order.
    expect((await complete(t, orderNo, 'success')).status).toBe(409);
    const mine = await t.call('GET', `/api/v1/orders/${orderNo}`, { auth: await t.token(), headers: { 'accept-language': 'ja' } });
    expect(mine.body.failure).toEqual({ reason: 'PAYMENT_EXPIRED' });
  });

  it('a payment success after expiry is refunded automatically; the order stays FAILED and the late success is in the timeline', async () => {
    // The PSP refuses voids for a while, so the buyer can still pay after we gave up on the order.
    await faults(t, [{ operation: 'void', status: 503 }]);
    const r = await buy(t, paypay);
    const orderNo = r.body.orderNo as string;
    await statusBecomes(t, orderNo, 'FAILED', 20_000);
    expect((await complete(t, orderNo, 'success')).status).toBe(200);
    expect((await simPaymentOf(t, orderNo)).status).toBe('captured');
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
    const ledger = await waitFor(
      async () => {
        const [p] = await t.ledger(orderNo);
        return p && p.status === 'refunded' ? p : undefined;
      },
      { what: 'the late payment to be refunded', timeoutMs: 20_000 },
    );
    expect(ledger).toMatchObject({ capturedAmount: 2500, refundedAmount: 2500 });
    const d = await settled(t, orderNo);
    expect(d.status).toBe('FAILED');
    expect(d.failure).toEqual({ reason: 'PAYMENT_EXPIRED' });
    expect(whens(d)).toContain('late_payment_success');
    expect(count(whens(d), 'order_paid')).toBe(0);
    expect(d.notifications.map((n: any) => n.kind)).toEqual(['purchase_failed_buyer']);
    expect(d.reservations).toEqual([{ sku: SKU, quantity: 1, status: 'RELEASED' }]);
  });

  it('a payment success after expiry that the cancel finds before any webhook: refunded, and the late success is in the timeline once', async () => {
    // No webhook reaches us, and the PSP refuses voids until the buyer has paid the expired order.
    await faults(t, [
      { operation: 'webhook', drop: true },
      { operation: 'void', status: 503 },
    ]);
    const r = await buy(t, paypay);
    const orderNo = r.body.orderNo as string;
    await statusBecomes(t, orderNo, 'FAILED', 20_000);
    expect((await complete(t, orderNo, 'success')).status).toBe(200);
    expect((await simPaymentOf(t, orderNo)).status).toBe('captured');
    await faults(t, [{ operation: 'webhook', drop: true }]);
    const ledger = await waitFor(
      async () => {
        const [p] = await t.ledger(orderNo);
        return p && p.status === 'refunded' ? p : undefined;
      },
      { what: 'the late payment to be refunded', timeoutMs: 20_000 },
    );
    expect(ledger).toMatchObject({ capturedAmount: 2500, refundedAmount: 2500 });
    const d = await settled(t, orderNo);
    expect(d.webhooks).toEqual([]);
    expect(d.status).toBe('FAILED');
    const late = d.timeline.filter((e: any) => e.what === 'late_payment_success');
    expect(late).toEqual([expect.objectContaining({ data: { source: 'cancel', pspStatus: 'captured' } })]);
    expect(count(whens(d), 'order_paid')).toBe(0);
    expect(d.notifications.map((n: any) => n.kind)).toEqual(['purchase_failed_buyer']);
  });

  it('an expired QR order nobody paid has no late success in its timeline', async () => {
    const r = await buy(t, paypay);
    const orderNo = r.body.orderNo as string;
    await statusBecomes(t, orderNo, 'FAILED', 20_000);
    const d = await settled(t, orderNo);
    expect(await t.ledger(orderNo)).toEqual([expect.objectContaining({ status: 'voided', capturedAmount: 0 })]);
    expect(whens(d)).toContain('payment_cancelled');
    expect(whens(d)).not.toContain('late_payment_success');
  });
});
