import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.ts';
import { signCustomerToken } from '../../src/api/index.ts';
import pino from 'pino';
import { createLogger } from '../../src/platform/logging.ts';
import { LogKeeper } from '../../src/platform/logs/log.keeper.ts';
import { startService, type Service } from '../../src/service.ts';
import { ContractChecker } from './contract.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { sendFaults } from './simulator.ts';

export const ADDRESS = {
  name: '山田 太郎',
  postalCode: '150-0002',
  prefecture: '東京都',
  city: '渋谷区',
  line1: '渋谷2-24-12',
  phone: '03-1234-5678',
};

/** A payment: a card token (`tok_visa` …) or a whole payment object (`{ method: 'paypay' }`). */
export type TestPayment = string | { method: string; token?: string };

export function orderBody(payment: TestPayment, items: { sku: string; quantity: number }[] = [{ sku: 'TEST-SKU', quantity: 1 }]) {
  return { items, shippingAddress: ADDRESS, payment: typeof payment === 'string' ? { method: 'card', token: payment } : payment };
}

export interface TestService {
  svc: Service;
  /** Holds every answer of `call` to the served OpenAPI document. */
  contract: ContractChecker;
  url: string;
  simUrl: string;
  adminKey: string;
  /** Every JSON log line the service wrote. */
  logs: string[];
  token(customerId?: string): Promise<string>;
  /** fetch against the service with JSON in and out. */
  call(method: string, path: string, opts?: { body?: unknown; headers?: Record<string, string>; auth?: string }): Promise<{ status: number; body: any; headers: Headers }>;
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }>;
  /** Like `call`, through `app.inject` (no network); `raw` is the body as sent. */
  inject(method: string, path: string, opts?: { body?: unknown; headers?: Record<string, string>; auth?: string; remoteAddress?: string }): Promise<{ status: number; body: any; headers: Headers; raw: string }>;
  /** Places an order as `customerId` with a fresh idempotency key unless one is given. */
  buy(payment: TestPayment, opts?: { customerId?: string; key?: string; items?: { sku: string; quantity: number }[] }): Promise<{ status: number; body: any; headers: Headers }>;
  product(sku: string, price: number, stock: number): Promise<void>;
  /** Replaces the simulator's fault rules (an empty list clears them). */
  faults(rules: unknown[]): Promise<void>;
  ledger(reference?: string): Promise<{ id: string; provider: string; reference: string; status: string; amount: number; authorizedAmount: number; capturedAmount: number; refundedAmount: number }[]>;
  close(): Promise<void>;
}

/** Fast defaults for tests; each can be overridden through `env`. */
const TEST_ENV: Record<string, string> = {
  PORT: '0',
  PSP_SIM_PORT: '0',
  LOG_LEVEL: 'info',
  DEMO_CATALOG: 'false',
  ORDERLY_JWT_SECRET: 'test-jwt-secret-0123456789abcdef0123456789',
  ORDERLY_ADMIN_KEY: 'test-admin-key-0123456789',
  TASK_RETRY_BASE_MS: '50',
  TASK_RETRY_MAX_MS: '500',
  TASK_MAX_ATTEMPTS: '25',
  SWEEP_INTERVAL_MS: '500',
  SWEEP_GRACE_MS: '500',
  RESERVE_DEADLINE_MS: '4000',
  PSP_TIMEOUT_MS: '1500',
  PSP_AMBIGUITY_WINDOW_MS: '6000',
  PSP_SIM_PENDING_SETTLE_MS: '6000',
  PSP_SIM_TIMEOUT_DELAY_MS: '4000',
  RATE_LIMIT_PER_MINUTE: '100000',
};

/** Starts the whole service in-process on a fresh database, with the simulator beside it. */
export async function startTestService(env: Record<string, string> = {}, opts: { db?: TestDatabase; keepLogs?: boolean } = {}): Promise<TestService> {
  // A database given by the caller outlives this service (a restart with other settings); ours is dropped on close.
  const db = opts.db ?? (await createTestDatabase());
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orderly-svc-'));
  const config = loadConfig({ ...TEST_ENV, ORDERLY_DATA_DIR: dataDir, DATABASE_URL: db.url, ...env });
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });
  // keepLogs: the warn and error lines also go to log_lines, as `npm start` keeps them (live triage reads them).
  const keeper = opts.keepLogs ? new LogKeeper() : undefined;
  const log = keeper ? createLogger(config.logLevel, pino.multistream([{ level: config.logLevel as pino.Level, stream: sink }, { level: 'warn', stream: keeper }])) : createLogger(config.logLevel, sink);
  const svc = await startService(config, log, keeper ? { logKeeper: keeper } : {}).catch(async (e: unknown) => {
    if (!opts.db) await db.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  });
  const jwtSecret = svc.jwtSecret;
  const contract = await ContractChecker.load(svc.url);

  const call: TestService['call'] = async (method, p, opts = {}) => {
    const res = await fetch(svc.url + p, {
      method,
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.auth ? { authorization: `Bearer ${opts.auth}` } : {}),
        ...opts.headers,
      },
      body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    // Every answer a test gets must be one the OpenAPI document describes.
    contract.check(method, p, res.status, res.headers.get('content-type'), body);
    return { status: res.status, body, headers: res.headers };
  };
  /** The same call through `app.inject` (no network): raw bodies are sent as given, headers exactly as set. */
  const inject: TestService['inject'] = async (method, p, opts = {}) => {
    const payload = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const res = await svc.app.inject({
      method: method as 'GET',
      url: p,
      headers: {
        ...(payload !== undefined && opts.headers?.['content-type'] === undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.auth ? { authorization: `Bearer ${opts.auth}` } : {}),
        ...opts.headers,
      },
      ...(payload !== undefined ? { payload } : {}),
      ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    });
    let body: unknown = res.body;
    try {
      body = JSON.parse(res.body);
    } catch {
      /* not JSON */
    }
    const headers = new Headers(Object.entries(res.headers).map(([k, v]) => [k, String(v)] as [string, string]));
    contract.check(method, p, res.statusCode, headers.get('content-type'), body);
    return { status: res.statusCode, body, headers, raw: res.body };
  };
  const t: TestService = {
    svc,
    contract,
    inject,
    url: svc.url,
    simUrl: svc.pspSimUrl ?? '',
    adminKey: svc.adminKey,
    logs,
    token: (customerId = 'cust-1') => signCustomerToken(jwtSecret, customerId),
    call,
    admin: (method, p, body) => call(method, p, { auth: svc.adminKey, ...(body !== undefined ? { body } : {}) }),
    buy: async (payment, opts = {}) =>
      call('POST', '/api/v1/orders', {
        auth: await signCustomerToken(jwtSecret, opts.customerId ?? 'cust-1'),
        headers: { 'idempotency-key': opts.key ?? `k-${Math.random().toString(36).slice(2)}` },
        body: orderBody(payment, opts.items),
      }),
    product: async (sku, price, stock) => {
      const a = await call('PUT', `/api/v1/admin/products/${sku}`, { auth: svc.adminKey, body: { name: `Product ${sku}`, price: { amount: price, currency: 'JPY' } } });
      if (a.status >= 300) throw new Error(`product upsert failed: ${a.status} ${JSON.stringify(a.body)}`);
      if (stock !== 0) {
        const b = await call('POST', `/api/v1/admin/products/${sku}/stock`, { auth: svc.adminKey, body: { delta: stock } });
        if (b.status !== 200) throw new Error(`stock failed: ${b.status} ${JSON.stringify(b.body)}`);
      }
    },
    faults: async (rules) => {
      const res = await sendFaults(`${svc.pspSimUrl}`, rules);
      if (!res.ok) throw new Error(`faults: ${res.status} ${await res.text()}`);
    },
    ledger: async (reference) => {
      const res = await fetch(`${svc.pspSimUrl}/__sim/payments${reference ? `?reference=${encodeURIComponent(reference)}` : ''}`);
      return ((await res.json()) as { payments: never[] }).payments;
    },
    close: async () => {
      await svc.close();
      if (!opts.db) await db.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Polls `check` until it returns a truthy value or the deadline passes (then throws with the last value). */
export async function waitFor<T>(check: () => Promise<T>, opts: { timeoutMs?: number; intervalMs?: number; what?: string } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 20_000);
  let last: T | undefined;
  for (;;) {
    last = await check();
    if (last) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${opts.what ?? 'condition'}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
}

/** Waits until every follow-up task of the order is done (or one is dead), returning the admin detail. */
export async function settled(t: TestService, orderNo: string, timeoutMs = 30_000): Promise<any> {
  return await waitFor(
    async () => {
      const d = await t.admin('GET', `/api/v1/admin/orders/${orderNo}`);
      if (d.status !== 200) return undefined;
      const tasks = d.body.tasks as { state: string }[];
      const final = ['PAID', 'FAILED', 'CANCELLED'].includes(d.body.status);
      return final && tasks.length > 0 && tasks.every((x) => x.state !== 'queued') ? d.body : undefined;
    },
    { timeoutMs, what: `order ${orderNo} to settle` },
  );
}
