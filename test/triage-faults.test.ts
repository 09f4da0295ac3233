import { writeFileSync } from 'node:fs';
import { sql } from 'kysely';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/platform/logging.ts';
import { startPspSim, type PspSim } from '../src/psp-sim/index.ts';
import { buildReport, renderMarkdown, type ReportCategory, type TriageReport } from '../src/triage/index.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { runOrderly } from './helpers/cli.ts';
import { freePort } from './helpers/process.ts';
import { sendFaults } from './helpers/simulator.ts';
import { settled, startTestService, waitFor, type TestService } from './helpers/service.ts';
import { TcpProxy } from './helpers/tcp-proxy.ts';

/**
 * Triage on our own failures (issue 12, item 6). A real service is driven
 * through six injected faults, one after another: Postgres unreachable (a TCP
 * proxy in front of it cuts every connection), a PSP 503 burst (some buyers
 * retry), a PSP that hangs, a webhook blackout (polls decide), SMTP down, and
 * a capture that dies. Its own logs are then triaged twice — offline from the
 * lines it wrote, and live through `GET /api/v1/admin/triage` over the lines
 * it kept in Postgres — and each report must name every fault as a category
 * with the right root and its consequences chained under it, count what the
 * test caused, carry the database's impact figures, and hold nothing else.
 *
 * TRIAGE_REPORT_OUT=<dir> writes the live report there (ja and en Markdown):
 * the README's example comes from it.
 */

const SECRET = 'whsec_triage_faults_0123456789abcdef';
const SKU = 'TRI-SKU';
const PRICE = 2400;

let db: TestDatabase;
let proxy: TcpProxy;
let sim: PspSim;
let smtp: SMTPServer | undefined;
let smtpPort: number;
let t: TestService;

async function smtpUp(): Promise<void> {
  const server = new SMTPServer({ authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false, onData: (s, _session, cb) => s.on('data', () => {}).on('end', () => cb()) });
  await new Promise<void>((r) => server.listen(smtpPort, '127.0.0.1', r));
  smtp = server;
}
async function smtpDown(): Promise<void> {
  const server = smtp;
  smtp = undefined;
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
}

const buy = (customer: string, token = 'tok_visa') => t.buy(token, { customerId: customer, items: [{ sku: SKU, quantity: 1 }] });
const faults = async (rules: unknown[]) => expect((await sendFaults(sim.url, rules)).ok).toBe(true);
const answers = (rs: { status: number; body: any }[]) => rs.map((r) => `${r.status} ${r.body?.error?.code ?? r.body?.status}`);
const detail = async (orderNo: string) => (await t.admin('GET', `/api/v1/admin/orders/${orderNo}`)).body;

/** What the test caused, to hold the reports against. */
const caused = {
  since: new Date(0),
  pgAnswers: [] as string[],
  burst: [] as string[],
  retriedPaid: 0,
  hung: [] as string[],
  dark: [] as string[],
  mail: '',
  /** Failed attempts of its mail tasks, and how many of them died (the retries are jittered: the test reads what happened). */
  mailFailures: 0,
  mailDead: 0,
  dead: '',
};

beforeAll(async () => {
  db = await createTestDatabase();
  const target = new URL(db.url);
  proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  await proxy.start();
  const viaProxy = new URL(db.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  // The simulator is another system: its own connection to the database, so the outage is the service's alone.
  sim = await startPspSim({ databaseUrl: db.url, port: 0, apiKey: 'sk_sim_local_development', webhookSecret: SECRET, logger: createLogger('silent'), pendingSettleMs: 6000, timeoutDelayMs: 4000 });
  smtpPort = await freePort();
  await smtpUp();
  t = await startTestService(
    {
      PSP_SIM_ENABLED: 'false',
      PSP_SIM_URL: sim.url,
      PSP_SIM_WEBHOOK_SECRET: SECRET,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      SMTP_TIMEOUT_MS: '500',
      SHOP_EMAIL: 'shop@example.test',
      TASK_MAX_ATTEMPTS: '3',
      TASK_RETRY_BASE_MS: '100',
      TASK_RETRY_MAX_MS: '300',
      // One PSP call per purchase and no circuit: every 503 the test causes is one line it can count.
      PSP_RETRY_MAX: '0',
      PSP_TIMEOUT_MS: '800',
      PSP_CIRCUIT_MIN_CALLS: '100000',
      PSP_CIRCUIT_CONSECUTIVE_FAILURES: '0',
      PAYMENT_POLL_FIRST_MS: '1000',
      PAYMENT_POLL_MAX_MS: '1000',
      MONITOR_ENABLED: 'false',
      RECONCILE_INTERVAL_MS: '0',
    },
    { db: { ...db, url: viaProxy.toString(), drop: async () => {} }, keepLogs: true },
  );
  sim.setWebhookUrl(`${t.url}/webhooks/psp-sim`);
  await t.product(SKU, PRICE, 100_000);

  // The baseline: good purchases before the window.
  for (let i = 0; i < 6; i++) {
    const r = await buy(`base-${i}`);
    expect(r.status).toBe(201);
    await settled(t, r.body.orderNo);
  }
  caused.since = new Date();

  // 1. Postgres unreachable for 3 s: purchases are answered 503 SERVICE_UNAVAILABLE, the plumbing complains.
  const before = t.logs.length;
  proxy.cut();
  // Once the service has noticed (its listener lost), requests meet the outage on their own connections.
  await waitFor(async () => t.logs.slice(before).some((l) => l.includes('"db_listener_lost"')), { what: 'the service to notice the outage', timeoutMs: 10_000, intervalMs: 20 });
  const during = await Promise.all([buy('pg-1'), buy('pg-2')]);
  caused.pgAnswers = answers(during);
  await new Promise((r) => setTimeout(r, 3000)); // the outage lasts (a duration the test sets, not a wait for an event)
  proxy.restore();
  await waitFor(async () => (await t.call('GET', '/health/ready')).status === 200, { what: 'ready again', timeoutMs: 20_000 });

  // 2. A PSP 503 burst: five buyers refused; three of them try again once it is over, and pay.
  await faults([{ operation: 'authorize', status: 503 }]);
  for (let i = 0; i < 5; i++) {
    const r = await buy(`burst-${i}`);
    expect(answers([r])).toEqual(['503 PAYMENT_UNAVAILABLE']);
    caused.burst.push(r.body.error.orderNo);
  }
  await faults([]);
  for (let i = 0; i < 3; i++) expect((await buy(`burst-${i}`)).status).toBe(201);
  caused.retriedPaid = 3;

  // 3. The PSP hangs on two authorizations.
  await faults([{ operation: 'authorize', hang: true, count: 2 }]);
  const hung = await Promise.all([buy('hang-1'), buy('hang-2')]);
  for (const r of hung) expect(r.status).toBe(503);
  caused.hung = hung.map((r) => r.body.error.orderNo);
  await faults([]);

  // 4. A webhook blackout: two buyers complete 3-D Secure; no webhook comes; polls decide.
  await faults([{ operation: 'webhook', drop: true }]);
  for (let i = 0; i < 2; i++) {
    const r = await buy(`dark-${i}`, 'tok_3ds');
    expect(r.status).toBe(202);
    const [p] = await t.ledger(r.body.orderNo);
    const done = await fetch(`${sim.url}/__sim/payments/${p!.id}/complete`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'success' }) });
    expect(done.status).toBe(200);
    await waitFor(async () => (await detail(r.body.orderNo)).status === 'PAID', { what: 'paid by a poll', timeoutMs: 15_000 });
    caused.dark.push(r.body.orderNo);
  }
  await faults([]);
  for (const o of caused.dark) await settled(t, o);

  // 5. SMTP down while one order's mails go out; up again once each has failed.
  await smtpDown();
  const mailed = await buy('mail-1');
  expect(mailed.status).toBe(201);
  caused.mail = mailed.body.orderNo;
  const mailTasks = async () => (await sql<{ state: string; errors: unknown[] }>`select state, errors from tasks where reference = ${caused.mail} and name = 'send_mail'`.execute(t.svc.db)).rows;
  // Up again once a mail has failed and none is still waiting for its first try (one may have gone out on a
  // connection the mailer held open from before).
  await waitFor(async () => {
    const m = await mailTasks();
    return m.length === 2 && m.some((x) => x.errors.length > 0) && m.every((x) => x.errors.length > 0 || x.state !== 'queued');
  }, { what: 'a mail to fail', timeoutMs: 10_000, intervalMs: 20 });
  await smtpUp();
  await settled(t, caused.mail);
  const tasks = await mailTasks();
  caused.mailFailures = tasks.reduce((n, x) => n + x.errors.length, 0);
  caused.mailDead = tasks.filter((x) => x.state === 'dead').length;

  // 6. Every capture refused: the capture task dies after its three attempts.
  await faults([{ operation: 'capture', status: 503 }]);
  const dead = await buy('dead-1');
  expect(dead.status).toBe(201);
  caused.dead = dead.body.orderNo;
  expect((await settled(t, caused.dead)).tasks.find((x: { name: string }) => x.name === 'capture_payment')).toMatchObject({ state: 'dead' });
  await faults([]);
}, 120_000);

afterAll(async () => {
  await t?.close();
  await sim?.close();
  await smtpDown();
  await proxy?.close();
  await db?.drop();
});

// ─────────────── the classes the test caused, as predicates on categories ───────────────

const DB_PLUMBING = /^(db_listener_lost|db_listener_reconnect_failed|jobs_.*|relay_.*|event_consumer_failed|sweep_failed|monitor_tick_failed|metrics_query_failed)$/;
type Pred = (c: ReportCategory) => boolean;
const ev = (c: ReportCategory) => c.key.event ?? '';
const CLASSES: Record<string, { member: Pred; root: Pred }> = {
  postgres: {
    member: (c) => DB_PLUMBING.test(ev(c)) || ev(c) === 'db_unreachable' || (ev(c) === 'purchase_answered' && c.key.code === 'SERVICE_UNAVAILABLE'),
    root: (c) => DB_PLUMBING.test(ev(c)),
  },
  pspBurst: {
    member: (c) => c.key.task === undefined && c.key.status === '503' && ['psp_call_failed', 'psp_unavailable'].includes(ev(c)) || (ev(c) === 'purchase_answered' && c.key.code === 'PAYMENT_UNAVAILABLE'),
    root: (c) => ev(c) === 'psp_call_failed' && c.key.code === 'PROVIDER_UNAVAILABLE',
  },
  pspHang: {
    member: (c) => c.key.code === 'PROVIDER_AMBIGUOUS' || (ev(c) === 'purchase_answered' && c.key.code === 'CHECKOUT_TIMEOUT'),
    root: (c) => ev(c) === 'psp_call_failed' && c.key.code === 'PROVIDER_AMBIGUOUS',
  },
  webhookBlackout: { member: (c) => ev(c) === 'webhook_missing', root: (c) => ev(c) === 'webhook_missing' },
  smtp: { member: (c) => c.key.task === 'send_mail' || ev(c).startsWith('mail_'), root: (c) => ev(c) === 'task_failed' && c.key.task === 'send_mail' },
  deadCapture: { member: (c) => c.key.task === 'capture_payment', root: (c) => ev(c) === 'psp_call_failed' && c.key.task === 'capture_payment' },
};

function classOf(c: ReportCategory): string[] {
  return Object.entries(CLASSES).filter(([, k]) => k.member(c)).map(([name]) => name);
}

/** The root of a category: its cause's root, or itself. */
function rootOf(r: TriageReport, c: ReportCategory): ReportCategory {
  let x = c;
  while (x.causedBy !== undefined) x = r.categories.find((y) => y.id === x.causedBy)!;
  return x;
}

const count = (r: TriageReport, p: Pred) => r.categories.filter(p).reduce((n, c) => n + c.count, 0);

function holdsTheFaults(r: TriageReport, label: string) {
  // No spurious category: each belongs to exactly one injected class.
  for (const c of r.categories) expect(classOf(c), `${label}: ${c.id} ${c.name.en} belongs to no injected class (or to several)`).toHaveLength(1);
  for (const [name, k] of Object.entries(CLASSES)) {
    const members = r.categories.filter(k.member);
    expect(members.length, `${label}: no category for ${name}`).toBeGreaterThan(0);
    const roots = new Set(members.map((c) => rootOf(r, c).id));
    // One root per class, of the right kind, and every consequence chained under it (not under another class).
    expect([...roots], `${label}: ${name} has roots ${[...roots].join(', ')}`).toHaveLength(1);
    const root = r.categories.find((c) => c.id === [...roots][0])!;
    expect(k.root(root), `${label}: ${name}'s root is ${root.id} ${root.name.en}`).toBe(true);
    expect(k.member(root), `${label}: ${name}'s root ${root.name.en} is another class's`).toBe(true);
  }
  // Counts: exactly what the test caused (the bar is 1 %).
  expect(count(r, (c) => ev(c) === 'purchase_answered' && c.key.code === 'PAYMENT_UNAVAILABLE')).toBe(caused.burst.length);
  expect(count(r, (c) => ev(c) === 'psp_unavailable')).toBe(caused.burst.length);
  expect(count(r, (c) => ev(c) === 'psp_call_failed' && c.key.code === 'PROVIDER_UNAVAILABLE' && c.key.task === undefined)).toBe(caused.burst.length);
  expect(count(r, (c) => ev(c) === 'purchase_answered' && c.key.code === 'SERVICE_UNAVAILABLE')).toBe(caused.pgAnswers.length);
  expect(count(r, (c) => ev(c) === 'db_unreachable')).toBe(caused.pgAnswers.length);
  expect(count(r, (c) => ev(c) === 'purchase_answered' && c.key.code === 'CHECKOUT_TIMEOUT')).toBe(caused.hung.length);
  expect(count(r, (c) => ev(c) === 'psp_call_failed' && c.key.code === 'PROVIDER_AMBIGUOUS')).toBe(caused.hung.length);
  expect(count(r, (c) => ev(c) === 'webhook_missing')).toBe(caused.dark.length);
  expect(count(r, (c) => ev(c) === 'task_failed' && c.key.task === 'send_mail')).toBe(caused.mailFailures - caused.mailDead);
  expect(count(r, (c) => ev(c) === 'task_dead' && c.key.task === 'send_mail')).toBe(caused.mailDead);
  expect(count(r, (c) => ev(c) === 'psp_call_failed' && c.key.task === 'capture_payment')).toBe(3);
  expect(count(r, (c) => ev(c) === 'task_failed' && c.key.task === 'capture_payment')).toBe(2);
  expect(count(r, (c) => ev(c) === 'task_dead' && c.key.task === 'capture_payment')).toBe(1);
}

describe('triage on our own failures', () => {
  let offline: TriageReport;
  let live: TriageReport;

  beforeAll(async () => {
    // Everything the service wrote from the window on, as a file would hold it.
    const lines = t.logs.filter((l) => (JSON.parse(l) as { time: string }).time >= caused.since.toISOString());
    offline = buildReport(lines);
    // The kept lines reach Postgres within a second; the live report is read once they all have.
    const warnLines = lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 40).length;
    await waitFor(async () => Number((await sql<{ n: string }>`select count(*) as n from log_lines where at >= ${caused.since}`.execute(t.svc.db)).rows[0]!.n) >= warnLines, { what: 'the kept lines', timeoutMs: 10_000 });
    const res = await t.admin('GET', `/api/v1/admin/triage?since=${caused.since.toISOString()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    live = res.body;
    if (process.env.TRIAGE_REPORT_OUT) {
      writeFileSync(`${process.env.TRIAGE_REPORT_OUT}/triage-faults.ja.md`, renderMarkdown(live, 'ja'));
      writeFileSync(`${process.env.TRIAGE_REPORT_OUT}/triage-faults.en.md`, renderMarkdown(live, 'en'));
    }
  }, 60_000);

  it('the test caused what it meant to (the answers the buyers got)', () => {
    expect(caused.pgAnswers).toEqual(['503 SERVICE_UNAVAILABLE', '503 SERVICE_UNAVAILABLE']);
    expect(caused.burst).toHaveLength(5);
    expect(caused.hung).toHaveLength(2);
  });

  it('offline, from the lines as written: each fault is one category tree with the right root, counted exactly, and nothing else', () => {
    holdsTheFaults(offline, 'offline');
  });

  it('live, from the lines the service kept: the same', () => {
    holdsTheFaults(live, 'live');
    expect(live.source?.omitted).toBe(0);
    // The same categories as offline, with the same counts.
    const shape = (r: TriageReport) => r.categories.map((c) => `${c.name.en} ×${c.count}`).sort();
    expect(shape(live)).toEqual(shape(offline));
  });

  it("live: each category's impact is the database's (orders, GMV at risk, customers, buyers who retried)", async () => {
    // Every category that names orders has the database's figures; the process's own plumbing names none.
    for (const c of live.categories) expect(c.impact === undefined, c.name.en).toBe(c.orders === 0);
    const burst = live.categories.find((c) => c.key.event === 'purchase_answered' && c.key.code === 'PAYMENT_UNAVAILABLE')!;
    const { rows } = await sql<{ gmv: string; customers: string }>`select sum(total_amount) as gmv, count(distinct customer_id) as customers from orders where order_no = any(${caused.burst}::text[])`.execute(t.svc.db);
    expect(burst.impact).toEqual({
      orders: caused.burst.length,
      gmvAtRisk: { amount: Number(rows[0]!.gmv), currency: 'JPY' },
      customers: Number(rows[0]!.customers),
      retried: { customers: caused.retriedPaid, laterPaid: caused.retriedPaid, withinMs: 15 * 60_000 },
    });
    expect(burst.impact!.gmvAtRisk.amount).toBe(caused.burst.length * PRICE);
    const dead = live.categories.find((c) => c.key.event === 'task_dead' && c.key.task === 'capture_payment')!;
    expect(dead.impact).toMatchObject({ orders: 1, gmvAtRisk: { amount: PRICE }, customers: 1, retried: { customers: 0 } });
    const dark = live.categories.find((c) => c.key.event === 'webhook_missing')!;
    expect(dark.impact).toMatchObject({ orders: 2, gmvAtRisk: { amount: 2 * PRICE }, customers: 2 });
    const hung = live.categories.find((c) => c.key.event === 'purchase_answered' && c.key.code === 'CHECKOUT_TIMEOUT')!;
    expect(hung.impact).toMatchObject({ orders: 2, gmvAtRisk: { amount: 2 * PRICE }, customers: 2, retried: { customers: 0 } });
  });

  it('live: the purchase success rate of the window against the baseline is the database\'s', async () => {
    const rate = async (from: Date, to: Date) =>
      (await sql<{ paid: string; failed: string }>`select count(*) filter (where status in ('PAID', 'CANCELLED')) as paid, count(*) filter (where status = 'FAILED') as failed
        from orders where created_at >= ${from} and created_at < ${to}`.execute(t.svc.db)).rows[0]!;
    const w = await rate(caused.since, new Date(live.source!.to));
    expect(live.purchases!.window).toMatchObject({ established: Number(w.paid), failed: Number(w.failed) });
    // In the window: the burst's five and the hang's two failed; the three retries, two 3-D Secure, the mail and the dead capture were paid.
    expect(live.purchases!.window).toMatchObject({ established: 3 + 2 + 1 + 1, failed: 5 + 2, undecided: 0 });
    expect(live.purchases!.baseline).toMatchObject({ established: 6, failed: 0, successRate: 1 });
    expect(live.purchases!.window.successRate).toBeCloseTo(7 / 14, 10);
  });

  it('live: the runbooks carry the impact and this system\'s commands, in ja and en', () => {
    const burst = live.categories.find((c) => c.key.event === 'purchase_answered' && c.key.code === 'PAYMENT_UNAVAILABLE')!;
    expect(burst.runbook.en.impact.join('\n')).toContain(`¥${(5 * PRICE).toLocaleString('en-US')} GMV at risk`);
    expect(burst.runbook.en.impact.join('\n')).toContain('3 buyers whose order failed tried again within 15 min; 3 of them were then paid');
    expect(burst.runbook.ja.impact.join('\n')).toContain('3 人が 15 分以内に再購入を試み、3 人が支払いを完了した');
    const pgRoot = rootOf(live, live.categories.find((c) => c.key.event === 'db_unreachable')!);
    expect(pgRoot.runbook.en.actions.join('\n')).toContain('GET /health/ready');
    const dark = live.categories.find((c) => c.key.event === 'webhook_missing')!;
    expect(dark.runbook.en.rootCause.join('\n')).toContain('webhooks are not arriving');
    const md = renderMarkdown(live, 'both');
    expect(md).toContain('→ buyers retrying: 3 customers (3 then paid)');
    expect(md).toContain('→ 購入者の再試行: 3 人（うち 3 人が支払い完了）');
  });

  it('orderly triage --since renders the live report (Markdown, ja or en; JSON); a window it cannot read is a usage error or a 422', async () => {
    const since = caused.since.toISOString();
    const en = await runOrderly(t, ['triage', '--since', since, '--lang', 'en']);
    expect(en.code, en.stderr).toBe(0);
    expect(en.stdout).toContain('Purchase success rate: **50.0%** in the window');
    expect(en.stdout).toContain('→ buyers retrying: 3 customers (3 then paid)');
    expect(en.stdout).not.toContain(t.adminKey);
    const ja = await runOrderly(t, ['triage', '--since', '10m', '--lang', 'ja']);
    expect(ja.code, ja.stderr).toBe(0);
    expect(ja.stdout).toContain('購入成功率');
    expect(ja.stdout).toContain('#### 推奨される一次対応');
    const json = await runOrderly(t, ['triage', '--since', since, '--json']);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as TriageReport).categories.map((c) => c.id).sort()).toEqual(live.categories.map((c) => c.id).sort());
    // Usage errors: exit 2, before any request.
    for (const args of [['--since', 'yesterday'], ['--since', '1h', 'some.log'], ['--until', '1h'], ['--since', '1h', '--lang', 'fr']]) {
      const r = await runOrderly(t, ['triage', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
    }
    // The service's refusals: exit 1 with its message.
    const inverted = await runOrderly(t, ['triage', '--since', '1m', '--until', '2h']);
    expect(inverted.code).toBe(1);
    expect(inverted.stderr).toContain('must be before until');
  }, 60_000);

  it('GET /api/v1/admin/triage: admin only; a window that is inverted, empty or longer than 31 days is 422; two reports at a time', async () => {
    expect((await t.call('GET', '/api/v1/admin/triage')).status).toBe(401);
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    for (const q of [
      `since=${iso(now)}&until=${iso(now - 1000)}`,
      `since=${iso(now)}&until=${iso(now)}`,
      `since=${iso(now - 40 * 86_400_000)}`,
      `since=${iso(now - 3_600_000)}&baselineSince=${iso(now)}`,
      'since=not-a-time',
    ]) {
      const r = await t.admin('GET', `/api/v1/admin/triage?${q}`);
      expect(r.status, q).toBe(422);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    }
    // Two reports are built at once at most (each up to a second of a core); a third is told to come back.
    const burst = await Promise.all(Array.from({ length: 5 }, () => t.admin('GET', `/api/v1/admin/triage?since=${caused.since.toISOString()}`)));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 200).length, statuses.join(' ')).toBeGreaterThanOrEqual(2);
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length, statuses.join(' ')).toBeGreaterThan(0);
    for (const r of limited) {
      expect(r.body.error.code).toBe('RATE_LIMITED');
      expect(r.headers.get('retry-after')).toBe('5');
    }
    // A quiet window: nothing failed, the purchases are still compared.
    const quiet = await t.admin('GET', `/api/v1/admin/triage?since=${iso(now + 1000)}&until=${iso(now + 2000)}`);
    expect(quiet.status).toBe(200);
    expect(quiet.body).toMatchObject({ lines: 0, failureLines: 0, categories: [], purchases: { window: { placed: 0, successRate: null } } });
  });
});
