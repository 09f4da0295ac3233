import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCustomerToken } from '../src/api/index.ts';
import {
  freePort,
  httpJson,
  killEverything,
  PollAbort,
  pollUntil,
  postgresProcessesFor,
  processesInGroup,
  signalGroup,
  spawnService,
  within,
  type HttpResult,
  type ServiceProcess,
} from './helpers/process.ts';

/**
 * Crash test: `npm start` (service + embedded Postgres + PSP simulator, one
 * process group) is SIGKILLed while ~40 purchases are in flight and ten PayPay
 * (QR) orders wait for their buyers, then started again on the same data
 * directory. Some QR buyers approve or decline before the kill (one of each
 * right before it, so the PSP's news is still in flight), some only after the
 * restart (the simulator dies with the service, so there is no "during"), and
 * some never pay and must expire. Every order must reach a final state that
 * agrees with the simulator's ledger (I1–I5), and every purchase request,
 * retried with its idempotency key, must get a final answer without creating a
 * second order (I6).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_KEY = 'crash-admin-key-0123456789';
const JWT_SECRET = 'crash-jwt-secret-0123456789abcdef012345';
const SKU = 'CRASH-SKU';
const PRICE = 1000;
const STOCK = 40;
const ADDRESS = { name: '山田 太郎', postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', line1: '渋谷2-24-12', phone: '03-1234-5678' };

/** 40 purchases: mostly cards that authorize at once, plus each kind of slow or failing card. */
const CARD_MIX: string[] = Array.from({ length: 40 }, (_, i) => {
  const r = i % 10;
  if (r === 3) return 'tok_timeout';
  if (r === 6) return 'tok_pending';
  if (r === 8) return 'tok_declined';
  return 'tok_visa';
});

/** Two QR purchases ride in the burst too, so the crash can cut one off mid-request. */
const BURST_MIX: string[] = [...CARD_MIX.slice(0, 5), 'paypay', ...CARD_MIX.slice(5, 25), 'paypay', ...CARD_MIX.slice(25)];

/** What each QR buyer (placed before the burst, all WAITING_PAYMENT at first) does, and when. */
type QrPlan = 'approve-early' | 'approve-at-kill' | 'approve-after-restart' | 'decline-early' | 'decline-at-kill' | 'decline-after-restart' | 'never' | 'late';
const QR_PLANS: QrPlan[] = [
  'approve-early',
  'approve-at-kill',
  'approve-after-restart',
  'approve-after-restart',
  'decline-early',
  'decline-at-kill',
  'decline-after-restart',
  'never',
  'never',
  'late', // never pays in time; tries to pay once the order has FAILED
];
/**
 * Short enough for the test, long enough that the restart comes well before it: placement → restart
 * takes ≈ 4 s, but ≈ 10 s on a loaded two-core machine (parallel test files, a benchmark), and up to
 * ≈ 18 s beside the browser tests (a Chromium and a service of their own).
 */
const PAYMENT_EXPIRES_MS = 30_000;
/** The after-restart buyers must act at least this long before expiry, so the service hears of it in time. */
const RESTART_MARGIN_MS = 3_000;
const qrExpected = (plan: QrPlan) =>
  plan.startsWith('approve') ? { status: 'PAID', reason: null } : plan.startsWith('decline') ? { status: 'FAILED', reason: 'PAYMENT_DECLINED' } : { status: 'FAILED', reason: 'PAYMENT_EXPIRED' };

interface PurchaseBody {
  orderNo?: string;
  status?: string;
  payment?: { status: string; nextAction?: { type: string; url: string }; expiresAt?: string };
  channelToken?: string;
  error?: { code: string; orderNo?: string; retryable?: boolean };
}

interface OrderDetail {
  orderNo: string;
  status: string;
  total: { amount: number; currency: string };
  customerId: string;
  failure: { reason: string } | null;
  paymentExpiresAt: string | null;
  reservations: { sku: string; quantity: number; status: string }[];
  payment: { status: string; authorizedAmount: number; capturedAmount: number; refundedAmount: number } | null;
  notifications: { kind: string }[];
  tasks: { id: number; name: string; state: string; attempts: number; lastError: string | null }[];
  timeline: { at: string; what: string; data?: Record<string, unknown> }[];
  webhooks: { provider: string; eventId: string; type: string; receivedAt: string; processedAt: string | null }[];
}

interface SimWebhookEvent {
  id: string;
  type: string;
  reference: string;
  state: string;
  attempts: number;
}

interface LedgerPayment {
  id: string;
  status: string;
  amount: number;
  authorizedAmount: number;
  capturedAmount: number;
  refundedAmount: number;
}

type Outcome = { kind: 'response'; status: number; body: unknown } | { kind: 'error'; message: string };

interface Sent {
  i: number;
  customerId: string;
  jwt: string;
  key: string;
  /** The card token, or 'paypay'. */
  card: string;
  /** Set for the QR buyers placed before the burst. */
  qr?: QrPlan;
  body: unknown;
  outcome: Promise<Outcome>;
}

const output: string[] = [];
let dataDir = '';
let port = 0;
let simPort = 0;
let current: ServiceProcess | undefined;

function childEnv(): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: process.env.HOME ?? os.homedir(),
    ORDERLY_DATA_DIR: dataDir,
    PORT: String(port),
    PSP_SIM_PORT: String(simPort),
    ORDERLY_ADMIN_KEY: ADMIN_KEY,
    ORDERLY_JWT_SECRET: JWT_SECRET,
    DEMO_CATALOG: 'false',
    LOG_LEVEL: 'warn',
    RESERVE_DEADLINE_MS: '4000',
    PSP_TIMEOUT_MS: '1500',
    SWEEP_INTERVAL_MS: '500',
    SWEEP_GRACE_MS: '500',
    TASK_RETRY_BASE_MS: '50',
    TASK_RETRY_MAX_MS: '500',
    PSP_AMBIGUITY_WINDOW_MS: '6000',
    PSP_SIM_PENDING_SETTLE_MS: '3000',
    PSP_SIM_TIMEOUT_DELAY_MS: '4000',
    RATE_LIMIT_PER_MINUTE: '100000',
    PAYMENT_EXPIRES_MS: String(PAYMENT_EXPIRES_MS),
    PAYMENT_POLL_FIRST_MS: '300',
    PAYMENT_POLL_MAX_MS: '1000',
  };
}

const api = () => `http://127.0.0.1:${port}`;
const sim = () => `http://127.0.0.1:${simPort}`;

async function admin(method: string, p: string, body?: unknown): Promise<HttpResult> {
  return await httpJson(method, api() + p, { headers: { authorization: `Bearer ${ADMIN_KEY}` }, ...(body !== undefined ? { body } : {}) });
}

async function purchase(s: Pick<Sent, 'jwt' | 'key' | 'body'>): Promise<HttpResult> {
  return await httpJson('POST', `${api()}/api/v1/orders`, {
    headers: { authorization: `Bearer ${s.jwt}`, 'idempotency-key': s.key },
    body: s.body,
    timeoutMs: 20_000,
  });
}

async function ledger(orderNo: string): Promise<LedgerPayment[]> {
  const r = await httpJson('GET', `${sim()}/__sim/payments?reference=${encodeURIComponent(orderNo)}`);
  if (r.status !== 200) throw new Error(`ledger for ${orderNo}: ${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { payments: LedgerPayment[] }).payments;
}

async function orderDetail(orderNo: string): Promise<OrderDetail> {
  const d = await admin('GET', `/api/v1/admin/orders/${orderNo}`);
  if (d.status !== 200) throw new Error(`order ${orderNo}: ${d.status} ${JSON.stringify(d.body)}`);
  return d.body as OrderDetail;
}

/** The buyer approves (or cancels) the QR payment on the simulator's page. */
async function simComplete(orderNo: string, outcome: 'success' | 'failure'): Promise<HttpResult> {
  const pays = await ledger(orderNo);
  if (pays.length !== 1) throw new Error(`expected one simulator payment for ${orderNo}, got ${JSON.stringify(pays)}`);
  return await httpJson('POST', `${sim()}/__sim/payments/${pays[0]!.id}/complete`, { body: { outcome } });
}

/** Starts `npm start` and waits for /health/ready; fails at once if the process dies first. */
async function startAndWaitReady(label: string, timeoutMs: number): Promise<ServiceProcess> {
  const svc = spawnService(ROOT, childEnv(), label, output);
  current = svc;
  const started = Date.now();
  await pollUntil(
    async () => {
      if (svc.hasExited()) throw new PollAbort(`${label} exited before it was ready`);
      const r = await httpJson('GET', `${api()}/health/ready`, { timeoutMs: 2_000 });
      if (r.status !== 200) return false;
      // The QR buyers' pages (and the ledger) are the simulator's.
      return (await httpJson('GET', `${sim()}/__sim/health`, { timeoutMs: 2_000 })).status === 200;
    },
    { timeoutMs, intervalMs: 200, what: `${label} to be ready` },
  );
  console.log(`[crash] ${label} ready in ${Date.now() - started} ms`);
  return svc;
}

/**
 * Waits until no order is PENDING/WAITING_PAYMENT and every order's follow-up
 * tasks are done; a dead task fails at once. Returns every order's admin detail.
 */
async function waitAllSettled(timeoutMs: number): Promise<OrderDetail[]> {
  return await pollUntil(
    async () => {
      const list = await admin('GET', '/api/v1/admin/orders?limit=200');
      if (list.status !== 200) throw new Error(`order list: ${list.status}`);
      const page = list.body as { orders: { orderNo: string; status: string }[]; nextCursor: string | null };
      if (page.nextCursor !== null) throw new PollAbort('more than 200 orders: the test expects one page');
      if (page.orders.some((o) => o.status === 'PENDING' || o.status === 'WAITING_PAYMENT')) return undefined;
      const details = await Promise.all(page.orders.map(async (o) => await orderDetail(o.orderNo)));
      for (const d of details) {
        const dead = d.tasks.filter((t) => t.state === 'dead');
        if (dead.length > 0) throw new PollAbort(`order ${d.orderNo} has dead tasks: ${JSON.stringify(dead)}`);
      }
      const unsettled = details.filter((d) => d.tasks.length === 0 || d.tasks.some((t) => t.state !== 'done'));
      return unsettled.length === 0 ? details : undefined;
    },
    { timeoutMs, intervalMs: 300, what: 'every order to be final with all follow-up tasks done' },
  );
}

/**
 * I5 for webhooks (their tasks are not in the order detail's task list): waits
 * until the simulator's outbox — which survived the crash in Postgres — has
 * delivered every event, and the service has stored and processed each one
 * under its order. A given-up or dropped event fails at once.
 */
async function waitWebhooksDone(orderNos: Set<string>, timeoutMs: number): Promise<{ events: number; attempts: number }> {
  return await pollUntil(
    async () => {
      const r = await httpJson('GET', `${sim()}/__sim/webhooks`);
      if (r.status !== 200) throw new Error(`sim webhooks: ${r.status}`);
      const events = (r.body as { events: SimWebhookEvent[] }).events;
      const lost = events.filter((e) => e.state === 'failed' || e.state === 'dropped');
      if (lost.length > 0) throw new PollAbort(`the simulator gave up on webhooks: ${JSON.stringify(lost)}`);
      if (events.some((e) => e.state !== 'delivered')) return undefined;
      const byRef = new Map<string, SimWebhookEvent[]>();
      for (const e of events) byRef.set(e.reference, [...(byRef.get(e.reference) ?? []), e]);
      for (const ref of byRef.keys()) if (!orderNos.has(ref)) throw new PollAbort(`webhooks for ${ref}, which is no order: ${JSON.stringify(byRef.get(ref))}`);
      for (const [ref, evs] of byRef) {
        const d = await orderDetail(ref);
        const processed = new Set(d.webhooks.filter((w) => w.processedAt !== null).map((w) => w.eventId));
        if (evs.some((e) => !processed.has(e.id))) return undefined;
      }
      return { events: events.length, attempts: events.reduce((n, e) => n + e.attempts, 0) };
    },
    { timeoutMs, intervalMs: 300, what: 'every simulator webhook to be delivered and processed' },
  );
}

/**
 * SIGKILLs everything — the process group and the embedded Postgres, which runs in a
 * session of its own — and proves nothing of it survived.
 */
async function killGroup(svc: ServiceProcess): Promise<void> {
  expect((await postgresProcessesFor(dataDir)).length).toBeGreaterThan(0);
  await killEverything(svc, dataDir);
  const exit = await within(svc.exited, 10_000, 'the killed service to exit');
  expect(exit.signal).toBe('SIGKILL');
  await pollUntil(async () => (await postgresProcessesFor(dataDir)).length === 0, {
    timeoutMs: 10_000,
    intervalMs: 100,
    what: `no postgres process for ${dataDir}`,
  });
  await pollUntil(async () => (await processesInGroup(svc.pgid)).length === 0, {
    timeoutMs: 10_000,
    intervalMs: 100,
    what: `process group ${svc.pgid} to be empty`,
  });
  expect(await postgresProcessesFor(dataDir)).toEqual([]);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'orderly-crash-'));
  port = await freePort();
  do simPort = await freePort();
  while (simPort === port);
});

afterAll(async () => {
  const svc = current;
  if (svc && !svc.hasExited()) {
    signalGroup(svc.pgid, 'SIGTERM');
    try {
      await within(svc.exited, 35_000, 'the service to drain after SIGTERM');
    } catch {
      await killEverything(svc, dataDir);
      await within(svc.exited, 5_000, 'the service to die after SIGKILL').catch(() => undefined);
    }
  }
  if (svc) {
    // Postgres must be gone before its directory is removed.
    const gone = await pollUntil(async () => (await processesInGroup(svc.pgid)).length === 0, {
      timeoutMs: 15_000,
      what: 'the process group to exit',
    }).catch(() => false);
    if (!gone) await killEverything(svc, dataDir);
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

describe('crash recovery (SIGKILL of npm start mid-purchase)', () => {
  it('every order ends final and agrees with the PSP ledger after a SIGKILL and restart', { timeout: 240_000 }, async ({ onTestFailed }) => {
    const t0 = Date.now();
    onTestFailed(() => {
      console.log(`---- service output (last 400 of ${output.length} lines) ----\n${output.slice(-400).join('\n')}\n---- end ----`);
    });

    // --- first life: set up the catalog and start buying -------------------
    const first = await startAndWaitReady('run1', 60_000);
    const put = await admin('PUT', `/api/v1/admin/products/${SKU}`, { name: 'Crash', price: { amount: PRICE, currency: 'JPY' } });
    expect(put.status, JSON.stringify(put.body)).toBeLessThan(300);
    const stock = await admin('POST', `/api/v1/admin/products/${SKU}/stock`, { delta: STOCK });
    expect(stock.status, JSON.stringify(stock.body)).toBe(200);
    expect((await postgresProcessesFor(dataDir)).length, 'the embedded postgres runs with -D in the data dir').toBeGreaterThan(0);

    const jwts = new Map<string, string>();
    for (let c = 0; c < 5; c++) jwts.set(`crash-cust-${c}`, await signCustomerToken(JWT_SECRET, `crash-cust-${c}`));
    const send = (i: number, card: string, qr?: QrPlan): Sent => {
      const customerId = `crash-cust-${i % 5}`;
      const payment = card === 'paypay' ? { method: 'paypay' } : { method: 'card', token: card };
      const s = {
        i,
        customerId,
        jwt: jwts.get(customerId)!,
        key: `crash-${i}-${Math.random().toString(36).slice(2)}`,
        card,
        ...(qr ? { qr } : {}),
        body: { items: [{ sku: SKU, quantity: 1 }], shippingAddress: ADDRESS, payment },
      };
      const outcome = purchase(s).then(
        (r): Outcome => ({ kind: 'response', status: r.status, body: r.body }),
        (e: unknown): Outcome => ({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
      return { ...s, outcome };
    };

    // The QR buyers come first: each order WAITING_PAYMENT, its stock held, its expiry running.
    const qrSent = QR_PLANS.map((plan, k) => send(100 + k, 'paypay', plan));
    const qrOrders = new Map<string, { plan: QrPlan; sent: Sent; expiresAt: string }>();
    for (const s of qrSent) {
      const o = await s.outcome;
      const what = `QR purchase #${s.i} (${s.qr}): ${JSON.stringify(o)}`;
      expect(o.kind === 'response' && o.status, what).toBe(202);
      const body = (o as { body: PurchaseBody }).body;
      expect(body.status, what).toBe('WAITING_PAYMENT');
      expect(body.payment?.nextAction?.url, what).toMatch(/\/sim\/pay\/pay_/);
      expect(typeof body.channelToken, what).toBe('string');
      qrOrders.set(body.orderNo!, { plan: s.qr!, sent: s, expiresAt: body.payment!.expiresAt! });
    }
    const qrOf = (plan: QrPlan) => [...qrOrders].filter(([, q]) => q.plan === plan).map(([orderNo]) => orderNo);
    const held = await admin('GET', `/api/v1/admin/inventory/${SKU}`);
    expect(held.body, 'the waiting QR orders hold their stock').toEqual({ sku: SKU, onHand: STOCK, reserved: QR_PLANS.length, available: STOCK - QR_PLANS.length });
    const approved = new Set<string>();
    const complete = async (orderNo: string, outcome: 'success' | 'failure') => {
      const r = await simComplete(orderNo, outcome);
      expect(r.status, `completing ${orderNo} (${qrOrders.get(orderNo)?.plan}) at the simulator: ${JSON.stringify(r.body)}`).toBe(200);
      if (outcome === 'success') approved.add(orderNo);
    };
    for (const o of qrOf('approve-early')) await complete(o, 'success');
    for (const o of qrOf('decline-early')) await complete(o, 'failure');

    const burst: Sent[] = BURST_MIX.map((card, i) => send(i, card));
    const sent: Sent[] = [...qrSent, ...burst];

    // Kill once five card orders are PAID (their follow-up tasks now run) while
    // others are still PENDING at the PSP (tok_timeout and tok_pending take ≥ 1.5 s)
    // and most QR orders wait for their buyers.
    const atKill = await pollUntil(
      async () => {
        const r = await admin('GET', '/api/v1/admin/orders?limit=200');
        if (r.status !== 200) return undefined;
        const list = (r.body as { orders: { orderNo: string; status: string }[] }).orders;
        const by = (st: string) => list.filter((o) => o.status === st).length;
        const cardsPaid = list.filter((o) => o.status === 'PAID' && !qrOrders.has(o.orderNo)).length;
        return cardsPaid >= 5
          ? { recorded: list.length, paid: by('PAID'), failed: by('FAILED'), pending: by('PENDING'), waiting: by('WAITING_PAYMENT'), qrWaiting: list.filter((o) => o.status === 'WAITING_PAYMENT' && qrOrders.has(o.orderNo)).length }
          : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 25, what: 'five card orders to be PAID' },
    );
    // These buyers act just before the kill: the PSP has recorded it, the service may not have heard yet.
    for (const o of qrOf('approve-at-kill')) await complete(o, 'success');
    for (const o of qrOf('decline-at-kill')) await complete(o, 'failure');
    await killGroup(first);
    const tKill = Date.now();
    const undecidedAtKill = QR_PLANS.filter((p) => !p.endsWith('-early')).length;
    expect(atKill.qrWaiting, `QR orders WAITING_PAYMENT just before the kill: ${JSON.stringify(atKill)}`).toBeGreaterThanOrEqual(undecidedAtKill);

    const outcomes = await within(Promise.all(sent.map((s) => s.outcome)), 30_000, 'the purchase requests to end');
    const answered = outcomes.filter((o) => o.kind === 'response').length;
    const cut = outcomes.filter((o) => o.kind === 'error').length;
    console.log(
      `[crash] killed ${tKill - t0} ms into the test; just before: ${atKill.recorded} orders recorded (${atKill.paid} PAID, ` +
        `${atKill.failed} FAILED, ${atKill.pending} PENDING, ${atKill.waiting} WAITING_PAYMENT of which ${atKill.qrWaiting} planned QR); ` +
        `${answered} purchases answered before the kill, ${cut} cut off by it`,
    );
    for (const [idx, o] of outcomes.entries()) {
      if (o.kind === 'response') expect(sent[idx]!.card === 'paypay' ? [202, 409, 503] : [201, 402, 409, 503], JSON.stringify(o)).toContain(o.status);
    }

    // --- second life: recovery --------------------------------------------
    await startAndWaitReady('run2', 30_000);
    // First thing after the restart, the buyers who were still looking at their QR code act. Their
    // orders survived the crash waiting, stock held, expiry unchanged.
    const tRestart = Date.now();
    const margins: number[] = [];
    await Promise.all(
      [...qrOf('approve-after-restart').map((o) => [o, 'success'] as const), ...qrOf('decline-after-restart').map((o) => [o, 'failure'] as const)].map(
        async ([orderNo, outcome]) => {
          const d = await orderDetail(orderNo);
          const ctx = `${orderNo} (${qrOrders.get(orderNo)!.plan}) after the restart: ${JSON.stringify(d)}`;
          expect(d.status, ctx).toBe('WAITING_PAYMENT');
          expect(d.reservations.map((r) => r.status), ctx).toEqual(['HELD']);
          expect(d.paymentExpiresAt, ctx).toBe(qrOrders.get(orderNo)!.expiresAt);
          const margin = Date.parse(d.paymentExpiresAt!) - Date.now();
          margins.push(margin);
          expect(margin, `${ctx}: the machine is too slow for PAYMENT_EXPIRES_MS (not a service failure)`).toBeGreaterThan(RESTART_MARGIN_MS);
          await complete(orderNo, outcome);
        },
      ),
    );
    console.log(`[crash] after-restart QR approvals/declines done ${Date.now() - tRestart} ms after ready, ≥ ${Math.min(...margins)} ms before their expiry`);
    // The late buyer pays as soon as the order has failed: either the PSP has voided the payment
    // already (409), or it takes the money and the service must refund it.
    const lateNo = qrOf('late')[0]!;
    await pollUntil(async () => (await orderDetail(lateNo)).status === 'FAILED', { timeoutMs: 60_000, intervalMs: 25, what: `${lateNo} to expire` });
    const late = await simComplete(lateNo, 'success');
    expect([200, 409], `late completion of ${lateNo}: ${JSON.stringify(late.body)}`).toContain(late.status);
    const lateStatus = late.status;

    const recovered = await waitAllSettled(90_000);
    expect(recovered.length, 'orders were recorded before the kill').toBeGreaterThan(0);
    const bySweeper = recovered.filter((d) => d.timeline.some((e) => e.what === 'order_failed' && e.data?.by === 'recovery'));
    console.log(
      `[crash] after restart: ${recovered.length} orders recorded before the kill, ` +
        `${bySweeper.length} of them left PENDING by the crash and failed by the recovery sweeper; settled ${Date.now() - tKill} ms after the kill; ` +
        `the late QR buyer's payment was answered ${lateStatus}`,
    );
    const statusBefore = new Map(recovered.map((d) => [d.orderNo, d.status]));

    // --- idempotent retries of every request ------------------------------
    const retries = await Promise.all(
      sent.map(async (s, idx) => {
        const a = await purchase(s);
        const b = await purchase(s);
        return { s, original: outcomes[idx]!, a, b };
      }),
    );
    const newOrders = new Set<string>();
    for (const { s, original, a, b } of retries) {
      const what = `request #${s.i} (${s.card}${s.qr ? ` ${s.qr}` : ''}, key ${s.key}): ${a.status} ${JSON.stringify(a.body)}`;
      const body = a.body as PurchaseBody;
      expect(body.error?.code, what).not.toBe('IDEMPOTENCY_IN_PROGRESS');
      expect(s.card === 'paypay' ? [202, 409, 503] : [201, 402, 409, 503], what).toContain(a.status);
      // A replay returns the first response, every time.
      expect({ status: b.status, body: b.body }, what).toEqual({ status: a.status, body: a.body });
      if (original.kind === 'response') expect({ status: a.status, body: a.body }, what).toEqual({ status: original.status, body: original.body });
      const orderNo = body.orderNo ?? body.error?.orderNo;
      if (a.status === 409) {
        expect(body.error?.code, what).toBe('OUT_OF_STOCK');
        expect(orderNo, what).toBeUndefined();
        continue;
      }
      expect(orderNo, what).toBeDefined();
      if (a.status === 201) expect(body.status, what).toBe('PAID');
      else if (a.status === 202) expect(body.status, what).toBe('WAITING_PAYMENT');
      else expect(['PAYMENT_DECLINED', 'PAYMENT_UNAVAILABLE', 'CHECKOUT_TIMEOUT'], what).toContain(body.error?.code);
      if (s.card === 'tok_declined') expect(a.status, what).not.toBe(201);
      if (s.qr) expect(orderNo, `${what}: a QR buyer's retry answers with its order`).toSatisfy((n: string) => qrOrders.get(n)?.sent === s);
      if (!statusBefore.has(orderNo!)) {
        // Its key was never recorded (the crash came before the reserve transaction committed): a new purchase now.
        expect(original.kind, `${what}: a request answered before the kill must have been recorded`).toBe('error');
        newOrders.add(orderNo!);
        // A QR purchase made anew by the retry: this buyer pays at once.
        if (a.status === 202) await complete(orderNo!, 'success');
      }
    }

    // --- everything settled again: the invariants -------------------------
    const orders = await waitAllSettled(90_000);
    expect(orders.length, 'retries created no order beyond the never-recorded requests').toBe(recovered.length + newOrders.size);
    const byNo = new Map(orders.map((d) => [d.orderNo, d]));
    for (const [orderNo, before] of statusBefore) expect(byNo.get(orderNo)?.status, `order ${orderNo} keeps its final status`).toBe(before);
    for (const { s, a } of retries) {
      const body = a.body as PurchaseBody;
      const orderNo = body.orderNo ?? body.error?.orderNo;
      if (!orderNo) continue;
      // A 202 is decided later: PAID exactly when its buyer approved at the PSP.
      const expected = a.status === 201 || (a.status === 202 && approved.has(orderNo)) ? 'PAID' : 'FAILED';
      expect(byNo.get(orderNo)?.status, `request #${s.i} (${s.card}) answered ${a.status} for ${orderNo}`).toBe(expected);
    }
    const webhooks = await waitWebhooksDone(new Set(byNo.keys()), 30_000);

    let paid = 0;
    let failed = 0;
    const ledgerStates = new Map<string, number>();
    const qrSummary: string[] = [];
    for (const d of orders) {
      const what = `order ${d.orderNo} (${d.status}, failure ${JSON.stringify(d.failure)})`;
      const pays = await ledger(d.orderNo);
      for (const p of pays) ledgerStates.set(`${d.status}/${p.status}`, (ledgerStates.get(`${d.status}/${p.status}`) ?? 0) + 1);
      const ctx = `${what}; ledger ${JSON.stringify(pays)}; payment ${JSON.stringify(d.payment)}; timeline ${JSON.stringify(d.timeline)}`;
      const kinds = d.notifications.map((n) => n.kind);
      const count = (k: string) => kinds.filter((x) => x === k).length;
      expect(d.reservations.length, ctx).toBe(1);
      expect(['PAID', 'FAILED'], ctx).toContain(d.status);
      if (d.status === 'PAID') {
        paid++;
        // I2/I3: exactly the total captured, once; nothing else live.
        const captured = pays.filter((p) => p.capturedAmount === d.total.amount && p.refundedAmount === 0);
        expect(captured, ctx).toHaveLength(1);
        expect(captured[0]!.status, ctx).toBe('captured');
        expect(pays.filter((p) => p !== captured[0] && (p.status === 'authorized' || p.status === 'captured')), ctx).toEqual([]);
        expect(d.payment?.status, ctx).toBe('CAPTURED');
        expect(d.payment?.capturedAmount, ctx).toBe(d.total.amount);
        // I1: stock taken for good.
        expect(d.reservations.every((r) => r.status === 'COMMITTED'), ctx).toBe(true);
        // I4: each mail exactly once.
        expect(count('order_received_shop'), ctx).toBe(1);
        expect(count('order_confirmed_buyer'), ctx).toBe(1);
        expect(count('purchase_failed_buyer'), ctx).toBe(0);
      } else {
        failed++;
        // I2: nothing held or taken (a capture would have to be refunded in full), and no QR
        // payment left open for the buyer to complete.
        expect(pays.filter((p) => ['authorized', 'processing', 'captured', 'requires_action'].includes(p.status)), ctx).toEqual([]);
        for (const p of pays) expect(p.capturedAmount - p.refundedAmount, ctx).toBe(0);
        expect(d.reservations.every((r) => r.status === 'RELEASED'), ctx).toBe(true);
        expect(count('order_received_shop'), ctx).toBe(0);
        expect(count('order_confirmed_buyer'), ctx).toBe(0);
        expect(count('purchase_failed_buyer'), ctx).toBeLessThanOrEqual(1);
      }

      const qr = qrOrders.get(d.orderNo);
      if (!qr) continue;
      // The planned QR orders against the simulator's ledger: one PSP payment each.
      const want = qrExpected(qr.plan);
      const qctx = `QR ${qr.plan}: ${ctx}`;
      expect(d.status, qctx).toBe(want.status);
      expect(d.failure?.reason ?? null, qctx).toBe(want.reason);
      expect(pays, qctx).toHaveLength(1);
      const p = pays[0]!;
      const whats = d.timeline.map((e) => e.what);
      if (want.status === 'PAID') {
        expect(p, qctx).toMatchObject({ status: 'captured', amount: d.total.amount, capturedAmount: d.total.amount, refundedAmount: 0 });
        expect(whats.filter((w) => w === 'order_paid'), qctx).toHaveLength(1);
      } else {
        expect(whats, qctx).not.toContain('order_paid');
        expect(count('purchase_failed_buyer'), qctx).toBe(1);
        if (want.reason === 'PAYMENT_DECLINED') {
          expect(p, qctx).toMatchObject({ status: 'declined', capturedAmount: 0 });
        } else if (qr.plan === 'late' && lateStatus === 200) {
          // The buyer paid after the expiry: the money went back in full.
          expect(p, qctx).toMatchObject({ status: 'refunded', capturedAmount: d.total.amount, refundedAmount: d.total.amount });
          expect(whats, qctx).toContain('late_payment_success');
        } else {
          expect(p, qctx).toMatchObject({ status: 'voided', capturedAmount: 0 });
        }
        if (want.reason === 'PAYMENT_EXPIRED') {
          // It expired on time, not before (the crash and restart in between).
          const failedAt = d.timeline.find((e) => e.what === 'order_failed')!.at;
          expect(Date.parse(failedAt), qctx).toBeGreaterThanOrEqual(Date.parse(qr.expiresAt));
        }
      }
      const decidedAt = d.timeline.find((e) => e.what === 'order_paid' || e.what === 'order_failed')?.at;
      const by = d.timeline.find((e) => e.what === 'order_paid' || e.what === 'order_failed')?.data?.by;
      qrSummary.push(`${qr.plan}→${d.status}${d.failure ? `/${d.failure.reason}` : ''} by ${String(by)} ${Date.parse(decidedAt!) < tKill ? 'before' : 'after'} the kill, psp ${p.status}`);
    }

    const inv = await admin('GET', `/api/v1/admin/inventory/${SKU}`);
    expect(inv.status).toBe(200);
    expect(inv.body).toEqual({ sku: SKU, onHand: STOCK - paid, reserved: 0, available: STOCK - paid });
    const dead = await admin('GET', '/api/v1/admin/dead-letters');
    expect(dead.status).toBe(200);
    expect((dead.body as { deadLetters: unknown[] }).deadLetters).toEqual([]);

    const outOfStock = retries.filter((r) => r.a.status === 409).length;
    const qrPaid = orders.filter((d) => d.status === 'PAID' && (qrOrders.has(d.orderNo) || approved.has(d.orderNo))).length;
    console.log(`[crash] QR orders: ${qrSummary.join('; ')}`);
    console.log(
      `[crash] final: ${orders.length} orders — ${paid} PAID (${qrPaid} by QR), ${failed} FAILED; ${newOrders.size} created by retries of never-recorded requests; ` +
        `${outOfStock} requests answered OUT_OF_STOCK; stock onHand ${STOCK - paid}; ${webhooks.events} webhooks delivered in ${webhooks.attempts} attempts; ` +
        `ledger (order/psp status): ${JSON.stringify(Object.fromEntries([...ledgerStates].sort()))}; test took ${Date.now() - t0} ms`,
    );
  });
});
