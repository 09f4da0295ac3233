import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, harnesses, orderNoOf } from './helpers/orderly-process.ts';
import { httpJson, pollUntil, signalGroup, within } from './helpers/process.ts';

/**
 * Stopping `npm start` the ways people do — SIGTERM to the node process or to
 * npm, Ctrl-C in a terminal (SIGINT to the whole foreground process group),
 * twice when impatient — drains or stops fast, never loses committed work, and
 * the next start finishes whatever was left.
 */

const harness = harnesses();

/** Lines that would mean a stop was not a drain: the database went away under running work. */
const CRASH_SIGNS = /Connection terminated|terminating connection|the database system is shutting down|uncaught|unhandled/i;

describe('process lifecycle (npm start)', () => {
  it('SIGTERM drains in-flight work and stops Postgres; a plain restart keeps every order and the generated admin key', async () => {
    const h = await harness();
    // No ORDERLY_ADMIN_KEY: the generated one must survive the restart.
    const env = { ORDERLY_ADMIN_KEY: '', DEMO_CATALOG: 'true' };
    const first = h.spawn('start', 'run1', env);
    await h.ready(first);
    const adminKey = (await readFile(path.join(h.dataDir, 'admin-key'), 'utf8')).trim();
    const admin = { authorization: `Bearer ${adminKey}` };
    const products = await httpJson('GET', `${h.url}/api/v1/products`);
    expect((products.body as { products: unknown[] }).products.length).toBeGreaterThan(0); // the demo catalog

    const buy = (card: string, key: string) => h.buy(card, key);
    await httpJson('PUT', `${h.url}/api/v1/admin/products/LIFE-SKU`, { headers: admin, body: { name: 'Lifecycle', price: { amount: 1000, currency: 'JPY' } } });
    await httpJson('POST', `${h.url}/api/v1/admin/products/LIFE-SKU/stock`, { headers: admin, body: { delta: 10 } });
    const done = await buy('tok_visa', 'life-a');
    expect(done.status).toBe(201);
    // tok_timeout keeps the request busy for PSP_TIMEOUT_MS and a lookup: SIGTERM lands while it runs.
    const inFlight = buy('tok_timeout', 'life-b');
    await pollUntil(
      async () => {
        const l = await httpJson('GET', `${h.url}/api/v1/admin/orders?limit=10`, { headers: admin });
        return (l.body as { orders: unknown[] }).orders.length === 2;
      },
      { timeoutMs: 10_000, what: 'the second order to be recorded' },
    );
    first.child.kill('SIGTERM');

    const answer = await inFlight;
    expect([201, 503]).toContain(answer.status); // finished, not cut off
    expect(await within(first.exited, 40_000, 'drain and exit')).toEqual({ code: 0, signal: null });
    expect(await h.postgres()).toEqual([]);

    const second = h.spawn('start', 'run2', env);
    await h.ready(second);
    const orderNo = orderNoOf(answer);
    const settled = await pollUntil(
      async () => {
        const d = await httpJson('GET', `${h.url}/api/v1/admin/orders/${orderNo}`, { headers: admin });
        const body = d.body as { status: string; tasks: { state: string }[] };
        return d.status === 200 && body.tasks.every((t) => t.state === 'done') ? body : undefined;
      },
      { timeoutMs: 30_000, what: 'the drained order to settle after restart' },
    );
    expect(settled.status).toBe(answer.status === 201 ? 'PAID' : 'FAILED');
    const list = await httpJson('GET', `${h.url}/api/v1/admin/orders?limit=10`, { headers: admin });
    expect((list.body as { orders: unknown[] }).orders).toHaveLength(2);
    // A replay after the restart still answers with the first response.
    const replay = await buy('tok_visa', 'life-a');
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(done.body);

    second.child.kill('SIGTERM');
    expect(await within(second.exited, 40_000, 'second drain')).toEqual({ code: 0, signal: null });
  }, 180_000);

  it('Ctrl-C (SIGINT to the whole process group of `npm start`) right after purchases is a drain; the next start finishes every follow-up', async () => {
    const h = await harness();
    const first = await h.start('ctrl-c', {}, 'npm');
    const answers = await Promise.all(['tok_visa', 'tok_visa', 'tok_visa', 'tok_declined', 'tok_visa'].map((card, i) => h.buy(card, `ctrlc-${i}`)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 402, 201]);
    // As a terminal does: the signal reaches npm, the shell's exec'd node and anything else in the group at once.
    const logFrom = h.output.length;
    expect(signalGroup(first.pgid, 'SIGINT')).toBe(true);
    const exit = await within(first.exited, 40_000, 'the drain after Ctrl-C');
    const log = h.output.slice(logFrom).join('\n');
    expect(log).toContain('draining');
    expect(log).toContain('stopped cleanly');
    expect(log).not.toMatch(CRASH_SIGNS);
    expect(log).not.toContain('forcing a fast stop'); // npm's forwarded copy of the same Ctrl-C is not a second one
    expect(exit.code).toBe(0);
    expect(await h.postgres()).toEqual([]);

    const second = await h.start('after-ctrl-c');
    for (const a of answers) {
      const d = await h.settled(orderNoOf(a));
      expect(d.status).toBe(a.status === 201 ? 'PAID' : 'FAILED');
    }
    const captured = await Promise.all(
      answers.filter((a) => a.status === 201).map(async (a) => (await httpJson('GET', `${h.simUrl}/__sim/payments?reference=${orderNoOf(a)}`)).body as { payments: { capturedAmount: number }[] }),
    );
    expect(captured.map((c) => c.payments.map((p) => p.capturedAmount))).toEqual([[1000], [1000], [1000], [1000]]);
    expect(await h.stop(second)).toEqual({ code: 0, signal: null });
  }, 180_000);

  it('SIGTERM to the npm process itself drains node and stops Postgres', async () => {
    const h = await harness();
    const p = await h.start('npm-term', {}, 'npm');
    expect((await h.buy('tok_visa', 'npm-term-1')).status).toBe(201);
    const logFrom = h.output.length;
    process.kill(p.child.pid!, 'SIGTERM'); // npm's pid, not the group
    expect((await within(p.exited, 40_000, 'npm to exit')).code).toBe(0);
    await pollUntil(async () => (await h.postgres()).length === 0, { timeoutMs: 10_000, what: 'postgres to stop' });
    const log = h.output.slice(logFrom).join('\n');
    expect(log).toContain('stopped cleanly');
    expect(log).not.toMatch(CRASH_SIGNS);
  }, 120_000);

  it('a second Ctrl-C during the drain forces a fast stop that loses nothing committed', async () => {
    const h = await harness();
    const first = await h.start('impatient');
    const paid = await h.buy('tok_visa', 'force-1');
    expect(paid.status).toBe(201);
    // Keeps the drain busy: the PSP answers only after PSP_SIM_TIMEOUT_DELAY_MS.
    const slow = h.buy('tok_timeout', 'force-2').catch((e: unknown) => e);
    await pollUntil(async () => ((await h.admin('GET', '/api/v1/admin/orders?limit=10')).body as { orders: unknown[] }).orders.length === 2, {
      timeoutMs: 10_000,
      what: 'the slow order to be recorded',
    });
    const logFrom = h.output.length;
    signalGroup(first.pgid, 'SIGINT');
    await pollUntil(async () => h.output.slice(logFrom).some((l) => l.includes('draining')), { timeoutMs: 5_000, what: 'the drain to begin' });
    await new Promise((r) => setTimeout(r, 900)); // a person's second press, not npm's echo of the first
    const forcedAt = Date.now();
    signalGroup(first.pgid, 'SIGINT');
    const exit = await within(first.exited, 10_000, 'the forced stop');
    expect(Date.now() - forcedAt).toBeLessThan(5_000);
    expect(exit.code).toBe(1);
    expect(h.output.slice(logFrom).join('\n')).toContain('forcing a fast stop');
    await pollUntil(async () => (await h.postgres()).length === 0, { timeoutMs: 10_000, what: 'postgres to stop' });
    await slow;

    // Both orders are there: the PAID one whole, the cut-off one decided by the sweeper (or by its own request).
    const second = await h.start('after-force');
    const list = (await httpJson('GET', `${h.url}/api/v1/admin/orders?limit=10`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } })).body as { orders: { orderNo: string }[] };
    expect(list.orders).toHaveLength(2);
    for (const o of list.orders) expect(['PAID', 'FAILED']).toContain((await h.settled(o.orderNo)).status);
    expect((await h.settled(orderNoOf(paid))).status).toBe('PAID');
    expect(await h.stop(second)).toEqual({ code: 0, signal: null });
  }, 180_000);
});
