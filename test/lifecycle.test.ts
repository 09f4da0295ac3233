import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signCustomerToken } from '../src/platform/http/auth.ts';
import { orderBody } from './helpers/service.ts';
import { freePort, httpJson, pollUntil, postgresProcessesFor, signalGroup, spawnService, within, type ServiceProcess } from './helpers/process.ts';

const REPO = path.resolve(import.meta.dirname, '..');
const JWT = 'lifecycle-jwt-secret-0123456789abcdef0123';
const procs: ServiceProcess[] = [];
let dataDir = '';

afterAll(async () => {
  for (const p of procs) if (!p.hasExited()) signalGroup(p.pgid, 'SIGKILL');
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('process lifecycle (npm start)', () => {
  it('SIGTERM drains in-flight work and stops Postgres; a plain restart keeps every order and the generated admin key', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'orderly-life-'));
    const port = await freePort();
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      ORDERLY_DATA_DIR: dataDir,
      PORT: String(port),
      PSP_SIM_PORT: String(await freePort()),
      ORDERLY_JWT_SECRET: JWT,
      DEMO_CATALOG: 'true',
      LOG_LEVEL: 'warn',
      RESERVE_DEADLINE_MS: '8000',
      PSP_TIMEOUT_MS: '1500',
      PSP_SIM_TIMEOUT_DELAY_MS: '3000',
      PSP_AMBIGUITY_WINDOW_MS: '10000',
      TASK_RETRY_BASE_MS: '50',
      TASK_RETRY_MAX_MS: '500',
    };
    const base = `http://127.0.0.1:${port}`;
    const ready = () => pollUntil(async () => (await httpJson('GET', `${base}/health/ready`).catch(() => undefined))?.status === 200, { timeoutMs: 90_000, what: 'ready' });

    const first = spawnService(REPO, env, 'run1');
    procs.push(first);
    try {
      await ready();
    } catch (e) {
      console.log(first.output.join('\n'));
      throw e;
    }
    const adminKey = (await readFile(path.join(dataDir, 'admin-key'), 'utf8')).trim();
    const admin = { authorization: `Bearer ${adminKey}` };
    const products = await httpJson('GET', `${base}/api/v1/products`);
    expect((products.body as { products: unknown[] }).products.length).toBeGreaterThan(0); // the demo catalog

    const token = await signCustomerToken(JWT, 'life-1');
    const buy = (card: string, key: string) =>
      httpJson('POST', `${base}/api/v1/orders`, {
        headers: { authorization: `Bearer ${token}`, 'idempotency-key': key },
        body: orderBody(card, [{ sku: 'MUG-LOGO', quantity: 1 }]),
      });
    const done = await buy('tok_visa', 'life-a');
    expect(done.status).toBe(201);
    // tok_timeout keeps the request busy for PSP_TIMEOUT_MS and a lookup: SIGTERM lands while it runs.
    const inFlight = buy('tok_timeout', 'life-b');
    await pollUntil(async () => {
      const l = await httpJson('GET', `${base}/api/v1/admin/orders?limit=10`, { headers: admin });
      return (l.body as { orders: unknown[] }).orders.length === 2;
    }, { timeoutMs: 10_000, what: 'the second order to be recorded' });
    first.child.kill('SIGTERM');

    const answer = await inFlight;
    expect([201, 503]).toContain(answer.status); // finished, not cut off
    const exit = await within(first.exited, 40_000, 'drain and exit');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(await postgresProcessesFor(dataDir)).toEqual([]);

    const second = spawnService(REPO, env, 'run2');
    procs.push(second);
    await ready();
    const orderNo = (answer.body as { orderNo?: string; error?: { orderNo: string } }).orderNo ?? (answer.body as { error: { orderNo: string } }).error.orderNo;
    const settled = await pollUntil(async () => {
      const d = await httpJson('GET', `${base}/api/v1/admin/orders/${orderNo}`, { headers: admin });
      const body = d.body as { status: string; tasks: { state: string }[] };
      return d.status === 200 && body.tasks.every((t) => t.state === 'done') ? body : undefined;
    }, { timeoutMs: 30_000, what: 'the drained order to settle after restart' });
    expect(settled.status).toBe(answer.status === 201 ? 'PAID' : 'FAILED');
    const list = await httpJson('GET', `${base}/api/v1/admin/orders?limit=10`, { headers: admin });
    expect((list.body as { orders: unknown[] }).orders).toHaveLength(2);
    // A replay after the restart still answers with the first response.
    const replay = await buy('tok_visa', 'life-a');
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(done.body);

    second.child.kill('SIGTERM');
    expect(await within(second.exited, 40_000, 'second drain')).toEqual({ code: 0, signal: null });
  }, 180_000);
});
