import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { signCustomerToken } from '../src/api/index.ts';
import { createLogger } from '../src/platform/logging.ts';
import { startPspSim, type PspSim } from '../src/psp-sim/index.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { freePort, httpJson, pollUntil, PollAbort, within, type ServiceProcess } from './helpers/process.ts';
import { orderBody } from './helpers/service.ts';

/**
 * The compiled build (`npm run build`, what the container image runs): it
 * starts in production mode from plain JavaScript — no tsx — serves
 * /health/ready, takes a payment, prints no secret, and drains on SIGTERM.
 * (The image itself is built only where a Docker engine runs; this is the
 * part of it CI can run everywhere.)
 */

const REPO = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const ADMIN_KEY = 'build-admin-key-0123456789abcdef';
const JWT_SECRET = 'build-jwt-secret-0123456789abcdef0123456';
const STRIPE_KEY = 'sk_test_build_0123456789';
const STRIPE_WHSEC = 'whsec_build_0123456789abcdef';

// Inside the repository, so the compiled files resolve node_modules as dist/ would.
const outDir = path.join(REPO, '.tmp', `build-${randomBytes(4).toString('hex')}`);
let db: TestDatabase;
let sim: PspSim;
const procs: ServiceProcess[] = [];

beforeAll(async () => {
  // The build script's own configuration, only the output directory moved.
  await run(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', outDir], { cwd: REPO, timeout: 120_000 });
  db = await createTestDatabase();
}, 150_000);

afterAll(async () => {
  for (const p of procs) if (!p.hasExited()) p.child.kill('SIGKILL');
  await sim?.close();
  await db?.drop();
  await rm(outDir, { recursive: true, force: true });
}, 30_000);

describe('compiled build', () => {
  afterEach((ctx) => {
    if (ctx.task.result?.state === 'fail') for (const p of procs) console.log(`--- compiled build output:\n${p.output.slice(-80).join('\n')}`);
  });

  it('emits plain JavaScript for every source file, with no TypeScript left to transpile', () => {
    expect(existsSync(path.join(outDir, 'main.js'))).toBe(true);
    expect(existsSync(path.join(outDir, 'cli', 'main.js'))).toBe(true);
  });

  it('starts in production mode with node alone, serves /health/ready, takes a payment at a real-API PSP, prints no secret, drains on SIGTERM', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    sim = await startPspSim({
      databaseUrl: db.url,
      port: 0,
      apiKey: 'sk_sim_unused_here',
      pendingSettleMs: 1000,
      timeoutDelayMs: 1000,
      webhookSecret: 'unused-native-webhook-secret-0123',
      // Plays Stripe on Stripe's own API: to the service it is just a PSP at a URL.
      stripe: { secretKey: STRIPE_KEY, webhookSecret: STRIPE_WHSEC },
      webhookUrls: { stripe: `${url}/webhooks/stripe` },
      logger: createLogger('warn'),
    });
    const output: string[] = [];
    const env = {
      ORDERLY_ENV: 'production',
      DATABASE_URL: db.url,
      ORDERLY_ADMIN_KEY: ADMIN_KEY,
      ORDERLY_JWT_SECRET: JWT_SECRET,
      STRIPE_SECRET_KEY: STRIPE_KEY,
      STRIPE_WEBHOOK_SECRET: STRIPE_WHSEC,
      STRIPE_API_BASE: sim.url,
      PSP_ALLOW_HTTP: 'true',
      PAYMENT_METHODS: 'card',
      PORT: String(port),
      LOG_LEVEL: 'info',
    };
    const child = spawn(process.execPath, [path.join(outDir, 'main.js'), 'start'], { cwd: REPO, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    let done = false;
    void exited.then(() => (done = true));
    for (const s of [child.stdout, child.stderr]) s.on('data', (c: Buffer) => output.push(...c.toString('utf8').split('\n').filter(Boolean)));
    procs.push({ child, pgid: child.pid!, output, exited, hasExited: () => done });

    await pollUntil(
      async () => {
        if (done) throw new PollAbort(`exited:\n${output.join('\n')}`);
        return (await httpJson('GET', `${url}/health/ready`, { timeoutMs: 2_000 }).catch(() => undefined))?.status === 200;
      },
      { timeoutMs: 60_000, what: 'the compiled build to be ready' },
    );
    const admin = { authorization: `Bearer ${ADMIN_KEY}` };
    expect((await httpJson('PUT', `${url}/api/v1/admin/products/BUILD-SKU`, { headers: admin, body: { name: 'Build', price: { amount: 700, currency: 'JPY' } } })).status).toBeLessThan(300);
    expect((await httpJson('POST', `${url}/api/v1/admin/products/BUILD-SKU/stock`, { headers: admin, body: { delta: 3 } })).status).toBe(200);
    const jwt = await signCustomerToken(JWT_SECRET, 'build-cust');
    const bought = await httpJson('POST', `${url}/api/v1/orders`, {
      headers: { authorization: `Bearer ${jwt}`, 'idempotency-key': 'build-1' },
      body: orderBody('tok_visa', [{ sku: 'BUILD-SKU', quantity: 1 }]),
    });
    expect(bought.status, JSON.stringify(bought.body)).toBe(201);
    // No demo catalog, no simulator routes of its own, no psp-sim provider.
    expect(((await httpJson('GET', `${url}/api/v1/products`)).body as { products: { sku: string }[] }).products.map((p) => p.sku)).toEqual(['BUILD-SKU']);
    const providers = (await httpJson('GET', `${url}/api/v1/admin/providers`, { headers: admin })).body as { providers: { name: string }[] };
    expect(providers.providers.map((p) => p.name)).toEqual(['stripe']);

    const printed = output.join('\n');
    expect(printed).toContain('PRODUCTION mode');
    expect(printed).not.toMatch(/eyJ[\w-]+\.eyJ/); // no customer token
    for (const secret of [ADMIN_KEY, JWT_SECRET, STRIPE_KEY, STRIPE_WHSEC]) expect(printed).not.toContain(secret);

    child.kill('SIGTERM');
    expect(await within(exited, 30_000, 'the compiled build to drain')).toEqual({ code: 0, signal: null });
  }, 120_000);

  it('refuses production mode without its required settings, listing each (exit 2)', async () => {
    const r = await run(process.execPath, [path.join(outDir, 'main.js'), 'start'], { cwd: REPO, env: { PATH: process.env.PATH ?? '', ORDERLY_ENV: 'production' } }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((r as { code: number }).code).toBe(2);
    const err = (r as { stderr: string }).stderr;
    for (const v of ['DATABASE_URL is required', 'ORDERLY_ADMIN_KEY', 'ORDERLY_JWT_SECRET', 'no real provider takes it']) expect(err).toContain(v);
  }, 30_000);
});
