import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runOrderly, type CliResult } from './helpers/cli.ts';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * Dead-letter operations end to end: a real service whose captures die at the
 * simulator, operated through the real `orderly` command (a child process) and
 * checked through the admin API and `/metrics`.
 */

let t: TestService;
/** Everything the CLI printed in this file: the admin key must never be in it. */
const printed: string[] = [];

beforeAll(async () => {
  // One failed attempt makes a dead letter: the tests need no waiting for backoff.
  t = await startTestService({ TASK_MAX_ATTEMPTS: '1' });
  await t.product('DL-SKU', 2500, 100);
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
});

/** Runs `node bin/orderly.mjs …` against the test service, as an operator would. */
async function orderly(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const r = await runOrderly(t, args, env);
  printed.push(r.stdout, r.stderr);
  return r;
}

async function faults(rules: unknown[]): Promise<void> {
  const r = await fetch(`${t.simUrl}/__sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) });
  expect(r.status).toBeLessThan(300);
}

/** Buys with the PSP failing every capture, so the order is PAID and its capture task dies. */
async function deadCapture(): Promise<{ orderNo: string; id: number }> {
  await faults([{ operation: 'capture', status: 503 }]);
  const r = await t.buy('tok_visa', { items: [{ sku: 'DL-SKU', quantity: 1 }] });
  expect(r.status).toBe(201);
  const d = await settled(t, r.body.orderNo);
  const capture = d.tasks.find((x: { name: string }) => x.name === 'capture_payment');
  expect(capture).toMatchObject({ state: 'dead' });
  return { orderNo: r.body.orderNo, id: capture.id };
}

/** The `orderly_dead_letters` sample for a task at `/metrics` (read with the admin key), or undefined. */
async function gauge(task: string): Promise<number | undefined> {
  const r = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${t.adminKey}` } });
  expect(r.status).toBe(200);
  const text = await r.text();
  expect(text).toContain('# TYPE orderly_dead_letters gauge');
  const line = text.split('\n').find((l) => l.startsWith(`orderly_dead_letters{task="${task}"} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
}

describe('dead letters: admin API, gauge and the orderly command', () => {
  let a: { orderNo: string; id: number };
  let b: { orderNo: string; id: number };

  beforeAll(async () => {
    a = await deadCapture();
    b = await deadCapture();
    await fetch(`${t.simUrl}/__sim/faults`, { method: 'DELETE' });
  });

  it('--help explains the command and each subcommand, exit 0', async () => {
    const top = await orderly(['--help']);
    expect(top).toMatchObject({ code: 0, stderr: '' });
    expect(top.stdout).toContain('dead-letters <list|show|retry|discard>');
    const dl = await orderly(['dead-letters', '--help']);
    expect(dl.code).toBe(0);
    expect(dl.stdout).toMatch(/discard <id> --reason/);
    expect(dl.stdout).toContain('ORDERLY_ADMIN_KEY');
    const discard = await orderly(['dead-letters', 'discard', '--help']);
    expect(discard.code).toBe(0);
    expect(discard.stdout).toContain('--reason text');
  });

  it('list shows the dead tasks as a table, filters by order and task, and speaks JSON', async () => {
    const all = await orderly(['dead-letters', 'list']);
    expect(all.code).toBe(0);
    expect(all.stdout.split('\n')[0]).toMatch(/^ID\s+TASK\s+ORDER\s+ATTEMPTS\s+RETRIES\s+DIED AT\s+LAST ERROR$/);
    const rowA = all.stdout.split('\n').find((l) => l.startsWith(`${a.id} `));
    expect(rowA).toMatch(new RegExp(`^${a.id}\\s+capture_payment\\s+${a.orderNo}\\s+1\\s+0\\s+\\S+Z\\s+.*503`));
    // Newest first: b died after a.
    expect(all.stdout.indexOf(b.orderNo)).toBeLessThan(all.stdout.indexOf(a.orderNo));

    const one = await orderly(['dead-letters', 'list', '--order', a.orderNo, '--json']);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({
      deadLetters: [expect.objectContaining({ id: a.id, task: 'capture_payment', orderNo: a.orderNo, state: 'dead', attempts: 1 })],
    });
    const none = await orderly(['dead-letters', 'list', '--task', 'send_nothing']);
    expect(none).toMatchObject({ code: 0, stdout: 'No dead letters.\n' });
    const limited = await orderly(['dead-letters', 'list', '--task', 'capture_payment', '--limit', '1', '--json']);
    expect(JSON.parse(limited.stdout).deadLetters).toEqual([expect.objectContaining({ id: b.id })]);
  });

  it('show prints the payload and every attempt\'s error with its time and number', async () => {
    const r = await orderly(['dead-letters', 'show', String(a.id)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Dead letter ${a.id}`);
    expect(r.stdout).toMatch(/task:\s+capture_payment/);
    expect(r.stdout).toContain(a.orderNo);
    expect(r.stdout).toMatch(/Payload:\n {2}\{/);
    expect(r.stdout).toMatch(/Errors, oldest first \(1\):\n {2}#1 {2}\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ {2}.*503/);

    const api = await t.admin('GET', `/api/v1/admin/dead-letters/${a.id}`);
    expect(api.status).toBe(200);
    expect(api.body).toMatchObject({ id: a.id, state: 'dead', payload: {}, errors: [{ attempt: 1, at: expect.any(String), error: expect.stringContaining('503') }] });
    const json = await orderly(['dead-letters', 'show', String(a.id), '--json']);
    expect(JSON.parse(json.stdout)).toEqual(api.body);

    const missing = await orderly(['dead-letters', 'show', '999999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/dead letter 999999 not found/);
  });

  it('the orderly_dead_letters gauge counts them at /metrics', async () => {
    const list = await t.admin('GET', '/api/v1/admin/dead-letters?task=capture_payment&limit=500');
    expect(list.body.deadLetters.length).toBeGreaterThanOrEqual(2);
    expect(await gauge('capture_payment')).toBe(list.body.deadLetters.length);
  });

  it('discard needs a reason (exit 2), records who, when and why, and a second discard is a 409 (exit 1)', async () => {
    const noReason = await orderly(['dead-letters', 'discard', String(a.id)]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--reason');
    expect((await t.admin('GET', `/api/v1/admin/dead-letters/${a.id}`)).body.state).toBe('dead');

    const before = Date.now();
    const ok = await orderly(['dead-letters', 'discard', String(a.id), '--reason', 'captured by hand in the PSP console', '--by', 'ops-tanaka']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`Dead letter ${a.id} discarded by ops-tanaka`);
    const d = await t.admin('GET', `/api/v1/admin/dead-letters/${a.id}`);
    expect(d.body).toMatchObject({ state: 'discarded', discarded: { by: 'ops-tanaka', reason: 'captured by hand in the PSP console' } });
    const at = Date.parse(d.body.discarded.at);
    expect(at).toBeGreaterThanOrEqual(before - 5_000);
    expect(at).toBeLessThanOrEqual(Date.now() + 5_000);
    const discarded = await orderly(['dead-letters', 'list', '--discarded', '--json']);
    expect(JSON.parse(discarded.stdout).deadLetters).toEqual([expect.objectContaining({ id: a.id, state: 'discarded' })]);
    const live = await orderly(['dead-letters', 'list', '--json']);
    expect(JSON.parse(live.stdout).deadLetters.some((x: { id: number }) => x.id === a.id)).toBe(false);

    const again = await orderly(['dead-letters', 'discard', String(a.id), '--reason', 'once more']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/no longer dead: it was discarded.*409/);
    const api = await t.admin('POST', `/api/v1/admin/dead-letters/${a.id}/discard`, { reason: 'once more' });
    expect(api.status).toBe(409);
    expect(api.body.error).toMatchObject({ code: 'DEAD_LETTER_NOT_DEAD', details: { state: 'discarded' } });
    expect((await t.admin('POST', `/api/v1/admin/dead-letters/${a.id}/retry`)).status).toBe(409);
  });

  it('retry requeues a dead task with a fresh budget; with the fault gone it completes and the gauge drops', async () => {
    const gaugeBefore = await gauge('capture_payment');
    const r = await orderly(['dead-letters', 'retry', String(b.id), '--by', 'ops-sato']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Dead letter ${b.id} is back in the queue`);
    await waitFor(
      async () => {
        const d = await t.admin('GET', `/api/v1/admin/orders/${b.orderNo}`);
        return d.body.tasks.find((x: { id: number }) => x.id === b.id)?.state === 'done';
      },
      { what: 'the retried capture to complete' },
    );
    expect(await t.ledger(b.orderNo)).toEqual([expect.objectContaining({ status: 'captured', capturedAmount: 2500 })]);
    // Its history stays: the failed attempt, and who retried it when.
    const h = await t.admin('GET', `/api/v1/admin/dead-letters/${b.id}`);
    expect(h.body).toMatchObject({ state: 'done', retries: 1, lastRetry: { by: 'ops-sato', at: expect.any(String) }, errors: [{ attempt: 1 }] });
    expect(await gauge('capture_payment')).toBe(gaugeBefore! - 1);
    // Done is done: nothing left to retry or discard.
    expect((await orderly(['dead-letters', 'retry', String(b.id)])).code).toBe(1);
  });

  it('a wrong admin key or an unreachable service is exit 1 with a clear message', async () => {
    const wrong = await orderly(['dead-letters', 'list'], { ORDERLY_ADMIN_KEY: 'not-the-admin-key-at-all' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/admin key was refused \(401\)/);
    expect(wrong.stdout + wrong.stderr).not.toContain('not-the-admin-key-at-all');

    const down = await orderly(['dead-letters', 'list', '--url', 'http://127.0.0.1:59999']);
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('not reachable at http://127.0.0.1:59999');
  });

  it('reads the admin key from ORDERLY_ADMIN_KEY_FILE; without any key it is a usage error', async () => {
    const { mkdtemp, writeFile, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orderly-cli-'));
    try {
      const file = path.join(dir, 'admin-key');
      await writeFile(file, `${t.adminKey}\n`, { mode: 0o600 });
      const r = await orderly(['dead-letters', 'list', '--json'], { ORDERLY_ADMIN_KEY: '', ORDERLY_ADMIN_KEY_FILE: file });
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toHaveProperty('deadLetters');
      const none = await orderly(['dead-letters', 'list'], { ORDERLY_ADMIN_KEY: '', ORDERLY_DATA_DIR: dir + '/nothing-here' });
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('no admin key');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('bad command lines are usage errors (exit 2)', async () => {
    for (const args of [['dead-letters'], ['dead-letters', 'frobnicate'], ['dead-letters', 'show', 'abc'], ['dead-letters', 'list', '--limit', '9999'], ['dead-letters', 'list', '--admin-key', 'x']]) {
      const r = await orderly(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/^orderly: /);
    }
  });

  it('the admin API refuses bad input with 4xx, never 5xx', async () => {
    const cases: [string, string, unknown?][] = [
      ['GET', '/api/v1/admin/dead-letters?limit=501'],
      ['GET', '/api/v1/admin/dead-letters?limit=abc'],
      ['GET', '/api/v1/admin/dead-letters?task=%00'],
      ['GET', '/api/v1/admin/dead-letters?orderNo=' + 'x'.repeat(41)],
      ['GET', '/api/v1/admin/dead-letters?state=done'],
      ['GET', '/api/v1/admin/dead-letters?bogus=1'],
      ['GET', '/api/v1/admin/dead-letters/abc'],
      ['GET', '/api/v1/admin/dead-letters/0'],
      ['GET', '/api/v1/admin/dead-letters/99999999999999999999'],
      ['POST', `/api/v1/admin/dead-letters/${b.id}/discard`, { reason: 'ab' }],
      ['POST', `/api/v1/admin/dead-letters/${b.id}/discard`, { reason: '   ' }],
      ['POST', `/api/v1/admin/dead-letters/${b.id}/discard`, { reason: 'why\u0000not' }],
      ['POST', `/api/v1/admin/dead-letters/${b.id}/discard`, { reason: 'fine reason', by: 'x'.repeat(101) }],
      ['POST', `/api/v1/admin/dead-letters/${b.id}/discard`, { reason: 'fine reason', extra: 1 }],
      ['POST', `/api/v1/admin/dead-letters/${b.id}/retry`, { by: '' }],
      ['POST', `/api/v1/admin/dead-letters/${b.id}/retry`, 'not json'],
    ];
    for (const [method, p, body] of cases) {
      const r = await t.admin(method, p, body);
      expect(r.status, `${method} ${p} ${JSON.stringify(body)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${method} ${p} ${JSON.stringify(body)}`).toBeLessThan(500);
    }
    expect((await t.admin('GET', '/api/v1/admin/dead-letters/424242')).body.error.code).toBe('DEAD_LETTER_NOT_FOUND');
    expect((await t.call('GET', '/api/v1/admin/dead-letters')).status).toBe(401);
  });

  afterAll(() => {
    // Whatever the command printed, in any test: never the admin key.
    expect(printed.length).toBeGreaterThan(0);
    for (const s of printed) expect(s).not.toContain(t.adminKey);
  });
});
