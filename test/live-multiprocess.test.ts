import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { signCustomerToken } from '../src/api/index.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { freePort, httpJson, pollUntil, signalGroup, spawnService, type ServiceProcess } from './helpers/process.ts';
import { ADDRESS } from './helpers/service.ts';

/**
 * Two service processes on one database: `start` (API, tasks, the simulator)
 * and `api` (HTTP only). A buyer following an order on the `api` process sees
 * the change the `start` process makes when the PSP's webhook reaches it —
 * carried between processes by Postgres LISTEN/NOTIFY.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ADMIN_KEY = 'multi-admin-key-0123456789';
const JWT_SECRET = 'multi-jwt-secret-0123456789abcdef0123456';
const output: string[] = [];
let db: TestDatabase;
let dataDir = '';
const procs: ServiceProcess[] = [];
let a = '';
let b = '';
let sim = '';

function env(extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? os.homedir(),
    DATABASE_URL: db.url,
    ORDERLY_DATA_DIR: dataDir,
    ORDERLY_ADMIN_KEY: ADMIN_KEY,
    ORDERLY_JWT_SECRET: JWT_SECRET,
    PSP_SIM_WEBHOOK_SECRET: 'whsec_multi_0123456789abcdef0123',
    DEMO_CATALOG: 'false',
    LOG_LEVEL: 'warn',
    // Only the webhook (to the `start` process) can decide within this test.
    PAYMENT_POLL_FIRST_MS: '120000',
    PAYMENT_POLL_MAX_MS: '120000',
    ...extra,
  };
}

async function ready(url: string, proc: ServiceProcess) {
  await pollUntil(
    async () => {
      if (proc.hasExited()) throw new Error(`process exited:\n${output.slice(-30).join('\n')}`);
      return (await httpJson('GET', `${url}/health/ready`, { timeoutMs: 2_000 })).status === 200;
    },
    { timeoutMs: 30_000, what: `${url} to be ready` },
  );
}

beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'orderly-multi-'));
  const [pa, pb, ps] = [await freePort(), await freePort(), await freePort()];
  a = `http://127.0.0.1:${pa}`;
  b = `http://127.0.0.1:${pb}`;
  sim = `http://127.0.0.1:${ps}`;
  const first = spawnService(ROOT, env({ PORT: String(pa), PSP_SIM_PORT: String(ps) }), 'start', output);
  procs.push(first);
  await ready(a, first);
  const second = spawnService(ROOT, env({ PORT: String(pb), PSP_SIM_ENABLED: 'false', PSP_SIM_URL: sim }), 'api', output, 'api');
  procs.push(second);
  await ready(b, second);
}, 90_000);

afterAll(async () => {
  for (const p of procs) if (!p.hasExited()) signalGroup(p.pgid, 'SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
  await db?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 60_000);

it('a WebSocket subscriber on one process sees the change made by the other', async () => {
  const admin = { authorization: `Bearer ${ADMIN_KEY}` };
  expect((await httpJson('PUT', `${a}/api/v1/admin/products/MULTI-SKU`, { headers: admin, body: { name: 'Multi', price: { amount: 800, currency: 'JPY' } } })).status).toBeLessThan(300);
  expect((await httpJson('POST', `${a}/api/v1/admin/products/MULTI-SKU/stock`, { headers: admin, body: { delta: 5 } })).status).toBe(200);

  // Placed through the api process; the simulator (in the start process) answers "requires action".
  const jwt = await signCustomerToken(JWT_SECRET, 'cust-multi');
  const placed = await httpJson('POST', `${b}/api/v1/orders`, {
    headers: { authorization: `Bearer ${jwt}`, 'idempotency-key': `multi-${Date.now()}` },
    body: { items: [{ sku: 'MULTI-SKU', quantity: 1 }], shippingAddress: ADDRESS, payment: { method: 'paypay' } },
  });
  expect(placed.status).toBe(202);
  const { orderNo, channelToken } = placed.body as { orderNo: string; channelToken: string };

  const messages: any[] = [];
  const ws = new WebSocket(`${b.replace('http', 'ws')}/api/v1/orders/${orderNo}/live?token=${channelToken}`);
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  try {
    await pollUntil(async () => messages.find((m) => m.type === 'snapshot' && m.order.status === 'WAITING_PAYMENT'), { timeoutMs: 10_000, intervalMs: 20, what: 'the snapshot' });

    // The buyer pays; the webhook goes to the start process, whose task decides the order.
    const ledger = (await httpJson('GET', `${sim}/__sim/payments?reference=${orderNo}`)).body as { payments: { id: string }[] };
    const done = await httpJson('POST', `${sim}/__sim/payments/${ledger.payments[0]!.id}/complete`, { body: { outcome: 'success' } });
    expect(done.status).toBe(200);

    const paid = await pollUntil(async () => messages.find((m) => m.type === 'update' && m.order.status === 'PAID'), {
      timeoutMs: 15_000,
      intervalMs: 20,
      what: 'the PAID update on the other process',
    });
    expect(paid.order.orderNo).toBe(orderNo);
    const detail = (await httpJson('GET', `${b}/api/v1/admin/orders/${orderNo}`, { headers: admin })).body as any;
    expect(detail.timeline.find((e: any) => e.what === 'order_paid').data).toEqual({ by: 'webhook' });
  } finally {
    ws.close();
  }
}, 60_000);
