import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCustomerToken } from '../src/platform/http/auth.ts';
import {
  freePort,
  httpJson,
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
 * process group) is SIGKILLed while ~40 purchases are in flight, then started
 * again on the same data directory. Every order must reach a final state that
 * agrees with the simulator's ledger (I1–I5), and every purchase request,
 * retried with its idempotency key, must get a final answer without creating a
 * second order (I6).
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_KEY = 'crash-admin-key-0123456789';
const JWT_SECRET = 'crash-jwt-secret-0123456789abcdef012345';
const SKU = 'CRASH-SKU';
const PRICE = 1000;
const STOCK = 30;
const ADDRESS = { name: '山田 太郎', postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', line1: '渋谷2-24-12', phone: '03-1234-5678' };

/** 40 purchases: mostly cards that authorize at once, plus each kind of slow or failing card. */
const CARD_MIX: string[] = Array.from({ length: 40 }, (_, i) => {
  const r = i % 10;
  if (r === 3) return 'tok_timeout';
  if (r === 6) return 'tok_pending';
  if (r === 8) return 'tok_declined';
  return 'tok_visa';
});

interface PurchaseBody {
  orderNo?: string;
  status?: string;
  error?: { code: string; orderNo?: string; retryable?: boolean };
}

interface OrderDetail {
  orderNo: string;
  status: string;
  total: { amount: number; currency: string };
  customerId: string;
  failure: { reason: string } | null;
  reservations: { sku: string; quantity: number; status: string }[];
  payment: { status: string; authorizedAmount: number; capturedAmount: number; refundedAmount: number } | null;
  notifications: { kind: string }[];
  tasks: { id: number; name: string; state: string; attempts: number; lastError: string | null }[];
  timeline: { at: string; what: string; data?: Record<string, unknown> }[];
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
  card: string;
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
  };
}

const api = () => `http://127.0.0.1:${port}`;

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
  const r = await httpJson('GET', `http://127.0.0.1:${simPort}/__sim/payments?reference=${encodeURIComponent(orderNo)}`);
  if (r.status !== 200) throw new Error(`ledger for ${orderNo}: ${r.status} ${JSON.stringify(r.body)}`);
  return (r.body as { payments: LedgerPayment[] }).payments;
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
      return r.status === 200;
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
      const details = await Promise.all(
        page.orders.map(async (o) => {
          const d = await admin('GET', `/api/v1/admin/orders/${o.orderNo}`);
          if (d.status !== 200) throw new Error(`order ${o.orderNo}: ${d.status}`);
          return d.body as OrderDetail;
        }),
      );
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

/** SIGKILLs the whole process group and proves nothing of it (Postgres included) survived. */
async function killGroup(svc: ServiceProcess): Promise<void> {
  expect(signalGroup(svc.pgid, 'SIGKILL')).toBe(true);
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
      signalGroup(svc.pgid, 'SIGKILL');
      await within(svc.exited, 5_000, 'the service to die after SIGKILL').catch(() => undefined);
    }
  }
  if (svc) {
    // Postgres must be gone before its directory is removed.
    const gone = await pollUntil(async () => (await processesInGroup(svc.pgid)).length === 0, {
      timeoutMs: 15_000,
      what: 'the process group to exit',
    }).catch(() => false);
    if (!gone) signalGroup(svc.pgid, 'SIGKILL');
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
    const sent: Sent[] = CARD_MIX.map((card, i) => {
      const customerId = `crash-cust-${i % 5}`;
      const s = {
        i,
        customerId,
        jwt: jwts.get(customerId)!,
        key: `crash-${i}-${Math.random().toString(36).slice(2)}`,
        card,
        body: { items: [{ sku: SKU, quantity: 1 }], shippingAddress: ADDRESS, payment: { method: 'card', token: card } },
      };
      const outcome = purchase(s).then(
        (r): Outcome => ({ kind: 'response', status: r.status, body: r.body }),
        (e: unknown): Outcome => ({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
      );
      return { ...s, outcome };
    });

    // Kill once five orders are PAID (their follow-up tasks now run) while
    // others are still PENDING at the PSP (tok_timeout and tok_pending take ≥ 1.5 s).
    const atKill = await pollUntil(
      async () => {
        const r = await admin('GET', '/api/v1/admin/orders?limit=200');
        if (r.status !== 200) return undefined;
        const list = (r.body as { orders: { status: string }[] }).orders;
        const by = (st: string) => list.filter((o) => o.status === st).length;
        return by('PAID') >= 5 ? { recorded: list.length, paid: by('PAID'), failed: by('FAILED'), pending: by('PENDING') } : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 25, what: 'five orders to be PAID' },
    );
    await killGroup(first);
    const tKill = Date.now();

    const outcomes = await within(Promise.all(sent.map((s) => s.outcome)), 30_000, 'the purchase requests to end');
    const answered = outcomes.filter((o) => o.kind === 'response').length;
    const cut = outcomes.filter((o) => o.kind === 'error').length;
    console.log(
      `[crash] killed ${tKill - t0} ms into the test; just before: ${atKill.recorded} orders recorded (${atKill.paid} PAID, ` +
        `${atKill.failed} FAILED, ${atKill.pending} PENDING); ${answered} purchases answered before the kill, ${cut} cut off by it`,
    );
    for (const o of outcomes) {
      if (o.kind === 'response') expect([201, 402, 409, 503], JSON.stringify(o)).toContain(o.status);
    }

    // --- second life: recovery --------------------------------------------
    await startAndWaitReady('run2', 30_000);
    const recovered = await waitAllSettled(90_000);
    expect(recovered.length, 'orders were recorded before the kill').toBeGreaterThan(0);
    const bySweeper = recovered.filter((d) => d.timeline.some((e) => e.what === 'order_failed' && e.data?.by === 'recovery'));
    console.log(
      `[crash] after restart: ${recovered.length} orders recorded before the kill, ` +
        `${bySweeper.length} of them left PENDING by the crash and failed by the recovery sweeper; settled ${Date.now() - tKill} ms after the kill`,
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
      const what = `request #${s.i} (${s.card}, key ${s.key}): ${a.status} ${JSON.stringify(a.body)}`;
      const body = a.body as PurchaseBody;
      expect(body.error?.code, what).not.toBe('IDEMPOTENCY_IN_PROGRESS');
      expect([201, 402, 409, 503], what).toContain(a.status);
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
      else expect(['PAYMENT_DECLINED', 'PAYMENT_UNAVAILABLE', 'CHECKOUT_TIMEOUT'], what).toContain(body.error?.code);
      if (s.card === 'tok_declined') expect(a.status, what).not.toBe(201);
      if (!statusBefore.has(orderNo!)) {
        // Its key was never recorded (the crash came before the reserve transaction committed): a new purchase now.
        expect(original.kind, `${what}: a request answered before the kill must have been recorded`).toBe('error');
        newOrders.add(orderNo!);
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
      const expected = a.status === 201 ? 'PAID' : 'FAILED';
      expect(byNo.get(orderNo)?.status, `request #${s.i} answered ${a.status} for ${orderNo}`).toBe(expected);
    }

    let paid = 0;
    let failed = 0;
    const ledgerStates = new Map<string, number>();
    for (const d of orders) {
      const what = `order ${d.orderNo} (${d.status}, failure ${JSON.stringify(d.failure)})`;
      const pays = await ledger(d.orderNo);
      for (const p of pays) ledgerStates.set(`${d.status}/${p.status}`, (ledgerStates.get(`${d.status}/${p.status}`) ?? 0) + 1);
      const ctx = `${what}; ledger ${JSON.stringify(pays)}; payment ${JSON.stringify(d.payment)}`;
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
        // I2: nothing held or taken (a capture would have to be refunded in full).
        expect(pays.filter((p) => ['authorized', 'processing', 'captured'].includes(p.status)), ctx).toEqual([]);
        for (const p of pays) expect(p.capturedAmount - p.refundedAmount, ctx).toBe(0);
        expect(d.reservations.every((r) => r.status === 'RELEASED'), ctx).toBe(true);
        expect(count('order_received_shop'), ctx).toBe(0);
        expect(count('order_confirmed_buyer'), ctx).toBe(0);
        expect(count('purchase_failed_buyer'), ctx).toBeLessThanOrEqual(1);
      }
    }

    const inv = await admin('GET', `/api/v1/admin/inventory/${SKU}`);
    expect(inv.status).toBe(200);
    expect(inv.body).toEqual({ sku: SKU, onHand: STOCK - paid, reserved: 0, available: STOCK - paid });
    const dead = await admin('GET', '/api/v1/admin/dead-letters');
    expect(dead.status).toBe(200);
    expect((dead.body as { deadLetters: unknown[] }).deadLetters).toEqual([]);

    const outOfStock = retries.filter((r) => r.a.status === 409).length;
    console.log(
      `[crash] final: ${orders.length} orders — ${paid} PAID, ${failed} FAILED; ${newOrders.size} created by retries of never-recorded requests; ` +
        `${outOfStock} requests answered OUT_OF_STOCK; stock onHand ${STOCK - paid}; ` +
        `ledger (order/psp status): ${JSON.stringify(Object.fromEntries([...ledgerStates].sort()))}; test took ${Date.now() - t0} ms`,
    );
  });
});
