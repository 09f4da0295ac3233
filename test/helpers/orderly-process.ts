import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach } from 'vitest';
import { signCustomerToken } from '../../src/api/index.ts';
import { freePort, httpJson, killEverything, PollAbort, pollUntil, postgresProcessesFor, spawnService, within, type HttpResult, type ServiceProcess } from './process.ts';
import { orderBody } from './service.ts';

/**
 * One data directory and the `orderly` processes a lifecycle test runs on it
 * (`start`, `api`, `migrate`, as real OS processes), with the few calls those
 * tests make. Everything is killed and removed in {@link cleanup}.
 */

export const REPO = path.resolve(import.meta.dirname, '../..');
export const ADMIN_KEY = 'lifecycle-admin-key-0123456789';
export const JWT_SECRET = 'lifecycle-jwt-secret-0123456789abcdef0123';
export const SKU = 'LIFE-SKU';

export class DataDirHarness {
  readonly procs: ServiceProcess[] = [];
  readonly output: string[] = [];
  dataDir = '';
  port = 0;
  simPort = 0;

  async init(): Promise<this> {
    this.dataDir = await mkdtemp(path.join(os.tmpdir(), 'orderly-life-'));
    this.port = await freePort();
    do this.simPort = await freePort();
    while (this.simPort === this.port);
    return this;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get simUrl(): string {
    return `http://127.0.0.1:${this.simPort}`;
  }

  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: process.env.HOME ?? os.homedir(),
      ORDERLY_DATA_DIR: this.dataDir,
      PORT: String(this.port),
      PSP_SIM_PORT: String(this.simPort),
      ORDERLY_ADMIN_KEY: ADMIN_KEY,
      ORDERLY_JWT_SECRET: JWT_SECRET,
      DEMO_CATALOG: 'false',
      LOG_LEVEL: 'info',
      RESERVE_DEADLINE_MS: '8000',
      PSP_TIMEOUT_MS: '1500',
      PSP_SIM_TIMEOUT_DELAY_MS: '3000',
      PSP_AMBIGUITY_WINDOW_MS: '10000',
      SWEEP_INTERVAL_MS: '500',
      SWEEP_GRACE_MS: '500',
      TASK_RETRY_BASE_MS: '50',
      TASK_RETRY_MAX_MS: '500',
      ...extra,
    };
  }

  spawn(command: string, label: string, extra: Record<string, string> = {}, via: 'node' | 'npm' = 'node'): ServiceProcess {
    const p = spawnService(REPO, this.env(extra), label, this.output, command, via);
    this.procs.push(p);
    return p;
  }

  /** Waits until `url` answers ready; fails at once if `proc` exits first. */
  async ready(proc: ServiceProcess, url = this.url): Promise<void> {
    await pollUntil(
      async () => {
        if (proc.hasExited()) throw new PollAbort(`exited before ready:\n${this.output.slice(-20).join('\n')}`);
        return (await httpJson('GET', `${url}/health/ready`, { timeoutMs: 2_000 }).catch(() => undefined))?.status === 200;
      },
      { timeoutMs: 90_000, what: `${url} ready` },
    );
  }

  /** Starts `start` and waits until it is ready and sells SKU. */
  async start(label: string, extra: Record<string, string> = {}, via: 'node' | 'npm' = 'node'): Promise<ServiceProcess> {
    const p = this.spawn('start', label, extra, via);
    await this.ready(p);
    await this.admin('PUT', `/api/v1/admin/products/${SKU}`, { name: 'Lifecycle', price: { amount: 1000, currency: 'JPY' } });
    const inv = await this.admin('GET', `/api/v1/admin/inventory/${SKU}`);
    if ((inv.body as { onHand: number }).onHand < 100) await this.admin('POST', `/api/v1/admin/products/${SKU}/stock`, { delta: 1000 });
    return p;
  }

  async admin(method: string, p: string, body?: unknown, base = this.url): Promise<HttpResult> {
    return await httpJson(method, base + p, { headers: { authorization: `Bearer ${ADMIN_KEY}` }, ...(body !== undefined ? { body } : {}) });
  }

  async buy(card: string, key: string, base = this.url): Promise<HttpResult> {
    const jwt = await signCustomerToken(JWT_SECRET, 'life-cust');
    return await httpJson('POST', `${base}/api/v1/orders`, {
      headers: { authorization: `Bearer ${jwt}`, 'idempotency-key': key },
      body: orderBody(card, [{ sku: SKU, quantity: 1 }]),
      timeoutMs: 20_000,
    });
  }

  /** The order's admin detail once it is final and its every task is done. */
  async settled(orderNo: string, timeoutMs = 30_000): Promise<{ status: string; tasks: { name: string; state: string; attempts: number }[] }> {
    return await pollUntil(
      async () => {
        const d = await this.admin('GET', `/api/v1/admin/orders/${orderNo}`);
        const b = d.body as { status: string; tasks: { name: string; state: string; attempts: number }[] };
        return d.status === 200 && ['PAID', 'FAILED'].includes(b.status) && b.tasks.length > 0 && b.tasks.every((t) => t.state === 'done') ? b : undefined;
      },
      { timeoutMs, what: `order ${orderNo} settled` },
    );
  }

  /** Sends SIGTERM to the process (not its group) and waits for its exit. */
  async stop(p: ServiceProcess, ms = 40_000): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    if (!p.hasExited()) p.child.kill('SIGTERM');
    return await within(p.exited, ms, 'the process to stop');
  }

  async postgres(): Promise<{ pid: number }[]> {
    return await postgresProcessesFor(this.dataDir);
  }

  async cleanup(): Promise<void> {
    for (const p of this.procs) if (!p.hasExited()) await killEverything(p, this.dataDir);
    for (const p of await this.postgres()) process.kill(p.pid, 'SIGKILL');
    await pollUntil(async () => (await this.postgres()).length === 0, { timeoutMs: 10_000, what: 'no postgres left' }).catch(() => undefined);
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** The order number of a purchase answer (success or error). */
export function orderNoOf(r: HttpResult): string {
  const b = r.body as { orderNo?: string; error?: { orderNo?: string } };
  const n = b.orderNo ?? b.error?.orderNo;
  if (!n) throw new Error(`no order number in ${r.status} ${JSON.stringify(r.body)}`);
  return n;
}

/** For a test file: a new harness per call; every one is killed and removed after the file's tests. */
export function harnesses(): () => Promise<DataDirHarness> {
  const made: DataDirHarness[] = [];
  // A failed process test is read from what the processes printed.
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') for (const h of made) console.log(`--- output in ${h.dataDir}:\n${h.output.slice(-80).join('\n')}`);
  });
  afterAll(async () => {
    for (const h of made) await h.cleanup();
  }, 60_000);
  return async () => {
    const h = await new DataDirHarness().init();
    made.push(h);
    return h;
  };
}
