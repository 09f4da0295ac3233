import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { buildReport, renderMarkdown, SECTIONS, SECTION_TITLES, type ReportCategory, type TriageReport } from '../src/triage/index.ts';

/**
 * The offline triage report (issue 12, `orderly triage [file]`): categories, causal chains and
 * runbooks, on a synthetic log this test writes itself with known truth: an orderly PSP 503 burst,
 * dead-lettered tasks, a seed-000-style JSON log with a 503 → 401/500 cascade, and plain text lines.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'orderly.mjs');

const at = (base: string, seconds: number) => new Date(Date.parse(base) + seconds * 1000).toISOString();
const pino = (level: number, time: string, fields: Record<string, unknown>, msg: string) =>
  JSON.stringify({ level, time, pid: 4242, hostname: 'shop-1', ...fields, msg });

/** The synthetic log: every line, in time order per source, and what it is made of. */
function syntheticLog(): string[] {
  const lines: string[] = [];
  const burst = '2026-12-01T09:00:00.000Z';
  // Healthy purchases before and around the burst, refusals that are the buyer's (info), request lines.
  for (let i = 0; i < 8; i++) {
    const reqId = `req-ok-${i}`;
    lines.push(pino(30, at(burst, i - 30), { reqId, event: 'purchase_answered', outcome: 'PAID', status: 201, orderNo: `ORD-OK-${i}` }, 'purchase answered'));
    lines.push(pino(30, at(burst, i - 30), { reqId, res: { statusCode: 201 }, responseTime: 12.5 + i }, 'request completed'));
  }
  lines.push(pino(30, at(burst, -5), { reqId: 'req-dec', event: 'purchase_answered', outcome: 'CARD_DECLINED', status: 402, code: 'CARD_DECLINED' }, 'purchase answered'));
  // The PSP 503 burst: each request logs psp_unavailable, then its 503 PAYMENT_UNAVAILABLE answer.
  for (let i = 0; i < 12; i++) {
    const reqId = `req-${100 + i}`;
    const trace = `${(0xabc000 + i).toString(16).padStart(32, '0')}`;
    const orderNo = `ORD-2026-${1000 + i}`;
    lines.push(pino(40, at(burst, i * 2), { reqId, trace_id: trace, orderNo, customer: `cus-${i % 9}`, event: 'psp_unavailable', provider: 'stripe', operation: 'authorize', attempt: 1, pspStatus: 503, pspBody: 'Service Unavailable' }, 'PSP unavailable; nothing was authorized'));
    lines.push(pino(40, at(burst, i * 2 + 0.05), { reqId, trace_id: trace, orderNo, event: 'purchase_answered', outcome: 'PAYMENT_UNAVAILABLE', status: 503 }, 'purchase answered'));
    lines.push(pino(30, at(burst, i * 2 + 0.06), { reqId, trace_id: trace, res: { statusCode: 503 } }, 'request completed'));
  }
  // Dead-lettered captures half an hour later, on other orders.
  for (let i = 0; i < 3; i++) {
    lines.push(pino(50, at(burst, 1800 + i), { orderNo: `ORD-2026-0${700 + i}`, task: 'capture_payment', event: 'task_dead', deadLetter: true, err: { type: 'Error', message: 'capture refused' } }, 'task exhausted its retries and is now a dead letter'));
  }
  // Seed 000 style: item purchases, some failing.
  const shop = '2026-12-01T10:00:00Z';
  for (let i = 0; i < 10; i++) {
    const success = i % 3 !== 0; // i = 0, 3, 6, 9 fail
    lines.push(JSON.stringify({ timestamp: at(shop, i * 20), event_type: 'item_purchase', user_id: `user_${i}`, details: { item_id: `item_${40 + i}`, amount: 1200 + i, success }, service: 'shop' }));
  }
  // Seed 001 style: the gateway's 503 cascading into 401 / 500 / 503 of other services.
  const gw = '2026-12-01T11:00:00Z';
  const cascade: [string, number, number][] = [
    ['payment_gateway', 503, 5], ['auth_service', 401, 3], ['database', 500, 2], ['inventory_service', 503, 2],
  ];
  cascade.forEach(([service, code, n], s) => {
    for (let i = 0; i < n; i++) {
      lines.push(JSON.stringify({ timestamp: at(gw, s * 3 + i), level: 'ERROR', service, message: 'Payment gateway API returned 503', error_code: code }));
    }
  });
  lines.push(JSON.stringify({ timestamp: at(gw, 40), level: 'INFO', service: 'auth_service', message: 'token refreshed for client web-7' }));
  // Plain text lines of another system: refused connections, then timeouts, among ordinary lines.
  const text = '2026-12-01T12:00:00Z';
  for (let i = 0; i < 5; i++) lines.push(`${at(text, i)} ERROR Connection refused to db-${i + 1} port ${5432 + i}`);
  for (let i = 0; i < 3; i++) lines.push(`${at(text, 10 + i)} WARN request timed out after ${3000 + i * 7} ms`);
  for (const user of ['alice', 'bob', 'carol', 'dave', 'erin', 'frank']) lines.push(`${at(text, 20)} INFO User ${user} logged in from 10.0.0.${user.length}`);
  return lines;
}

const LINES = syntheticLog();
const report = buildReport(LINES);
const byName = (en: string): ReportCategory => {
  const c = report.categories.find((x) => x.name.en === en);
  if (!c) throw new Error(`no category "${en}" among ${report.categories.map((x) => x.name.en).join(' / ')}`);
  return c;
};

const EXPECTED: [string, number][] = [
  ['PSP unavailable, nothing authorized (status 503, provider stripe)', 12],
  ['Purchase answered with an error (code PAYMENT_UNAVAILABLE, status 503)', 12],
  ['Follow-up task dead-lettered (task capture_payment)', 3],
  ['item_purchase failures (service shop)', 4],
  ['"Payment gateway API returned 503" failures (code 503, service payment_gateway)', 5],
  ['"Payment gateway API returned 503" failures (code 401, service auth_service)', 3],
  ['"Payment gateway API returned 503" failures (code 500, service database)', 2],
  ['"Payment gateway API returned 503" failures (code 503, service inventory_service)', 2],
  ['"ERROR Connection refused to <*> port <*>" failures', 5],
  ['"WARN request timed out after <*>" failures', 3],
];

describe('triage report: categories', () => {
  it('finds exactly the injected categories with their counts, and nothing from info lines', () => {
    expect(report.categories.map((c) => [c.name.en, c.count]).sort()).toEqual([...EXPECTED].sort());
    const failures = EXPECTED.reduce((n, [, k]) => n + k, 0);
    expect(report.failureLines).toBe(failures);
    expect(report.lines).toBe(LINES.length);
    expect(report.categories.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 10);
    // Largest first.
    expect(report.categories.map((c) => c.count)).toEqual([...report.categories.map((c) => c.count)].sort((a, b) => b - a));
  });

  it('gives each category its window, distinct orders, requests, customers and names in ja', () => {
    const psp = byName(EXPECTED[0]![0]);
    expect(psp).toMatchObject({ firstSeen: '2026-12-01T09:00:00.000Z', lastSeen: '2026-12-01T09:00:22.000Z', orders: 12, requests: 12, traces: 12, customers: 9, operations: ['authorize'] });
    expect(psp.share).toBeCloseTo(12 / 51, 10);
    expect(psp.name.ja).toBe('PSP利用不可・オーソリ未実施（ステータス 503、プロバイダ stripe）');
    const shop = byName('item_purchase failures (service shop)');
    expect(shop).toMatchObject({ firstSeen: '2026-12-01T10:00:00.000Z', lastSeen: '2026-12-01T10:03:00.000Z', customers: 4, orders: 0 });
    expect(shop.name.ja).toBe('item_purchase の失敗（サービス shop）');
    expect(byName(EXPECTED[2]![0])).toMatchObject({ orders: 3, requests: 0 });
  });
});

describe('triage report: causal chains', () => {
  const id = (en: string) => byName(en).id;
  it('puts psp_unavailable at the root with the PAYMENT_UNAVAILABLE answers as its consequence (shared requests)', () => {
    const psp = id(EXPECTED[0]![0]);
    const answers = id(EXPECTED[1]![0]);
    const chain = report.chains.find((c) => c.root === psp);
    expect(chain?.consequences).toEqual([{ id: answers, depth: 1, cause: psp, via: 'shared' }]);
    expect(report.links.find((l) => l.effect === answers)).toMatchObject({ cause: psp, via: 'shared', sharedRequests: 12, sharedTraces: 12, sharedOrders: 12 });
    expect(byName(EXPECTED[1]![0]).causedBy).toBe(psp);
  });

  it('chains the gateway cascade by time window, and leaves unrelated categories as roots', () => {
    const gw = id(EXPECTED[4]![0]);
    const chain = report.chains.find((c) => c.root === gw);
    expect(chain?.consequences.map((c) => [c.id, c.via]).sort()).toEqual([5, 6, 7].map((i) => [id(EXPECTED[i]![0]), 'window']).sort());
    const refused = id(EXPECTED[8]![0]);
    expect(report.chains.find((c) => c.root === refused)?.consequences.map((c) => c.id)).toEqual([id(EXPECTED[9]![0])]);
    for (const i of [0, 2, 3, 4, 8]) expect(byName(EXPECTED[i]![0]).causedBy).toBeUndefined();
    expect(report.chains).toHaveLength(3);
  });
});

describe('triage report: runbooks', () => {
  it('has the five sections in both languages, filled with what was observed', () => {
    for (const c of report.categories) {
      for (const lang of ['ja', 'en'] as const) {
        for (const s of SECTIONS) expect(c.runbook[lang][s].length, `${c.id} ${lang} ${s}`).toBeGreaterThan(0);
      }
      expect(c.runbook.ja.summary[0]).toContain(`${c.count} 件`);
      expect(c.runbook.en.summary[0]).toContain(`${c.count} times`);
    }
    const psp = byName(EXPECTED[0]![0]).runbook;
    expect(psp.en.summary[0]).toContain('2026-12-01T09:00:00.000Z – 2026-12-01T09:00:22.000Z');
    expect(psp.en.actions.join('\n')).toContain('GET /api/v1/admin/providers');
    expect(psp.en.actions.join('\n')).toContain('npx orderly reconcile --since 2026-12-01T09:00:00.000Z');
    expect(psp.ja.actions.join('\n')).toContain('npx orderly alerts list --status open');
    expect(psp.en.impact.join('\n')).toContain('"Purchase answered with an error (code PAYMENT_UNAVAILABLE, status 503)" ×12');
    expect(psp.en.impact.join('\n')).toContain('12 orders, 12 requests, 9 customers');
    expect(psp.ja.rootCause.join('\n')).toContain('stripe');
    const answers = byName(EXPECTED[1]![0]).runbook;
    expect(answers.en.rootCause[0]).toContain('consequence of "PSP unavailable');
    expect(answers.en.actions.join('\n')).toContain('GET /api/v1/admin/orders/:orderNo');
    // Reconciliation starts where the chain's root started, not at the consequence.
    expect(answers.en.actions.join('\n')).toContain('npx orderly reconcile --since 2026-12-01T09:00:00.000Z');
    const dead = byName(EXPECTED[2]![0]).runbook;
    expect(dead.en.actions.join('\n')).toContain('npx orderly dead-letters list --task capture_payment');
    expect(dead.ja.actions.join('\n')).toContain('npx orderly dead-letters retry <id>');
    const auth = byName(EXPECTED[5]![0]).runbook;
    expect(auth.en.rootCause.join('\n')).toContain('Authentication or authorization failed in auth_service (401)');
    expect(auth.ja.rootCause.join('\n')).toContain('（C');
  });

  it('renders Markdown with the seeds\' headings in ja and en', () => {
    const md = renderMarkdown(report, 'both');
    for (const s of SECTIONS) {
      expect(md).toContain(`#### ${SECTION_TITLES[s].ja}`);
      expect(md).toContain(`#### ${SECTION_TITLES[s].en}`);
    }
    expect(md).toContain('提案するカテゴリ名: **PSP利用不可・オーソリ未実施（ステータス 503、プロバイダ stripe）** 対応マニュアル');
    expect(renderMarkdown(report, 'en')).not.toContain('問題の概要');
    expect(renderMarkdown(report, 'ja')).not.toContain('Problem summary');
  });

  it('reports no category for a log of info lines only', () => {
    const quiet = buildReport(LINES.filter((l) => l.includes('"level":30') || l.includes('INFO')));
    expect(quiet.categories).toEqual([]);
    expect(renderMarkdown(quiet, 'en')).toContain('No failure lines.');
  });
});

function runBin(args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ORDERLY_ADMIN_KEY: '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

describe('orderly triage <file>', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'triage-report-'));
  const file = path.join(dir, 'shop.log');
  writeFileSync(file, LINES.join('\n') + '\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the Markdown report of a file', async () => {
    const res = await runBin(['triage', file]);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('# トリアージレポート');
    expect(res.stdout).toContain('# Triage report');
    expect(res.stdout).toContain(`${LINES.length} lines read, 51 failure lines, 10 categories`);
    expect(res.stdout).toMatch(/- C\d+ PSP unavailable, nothing authorized \(status 503, provider stripe\)\n {2}- → C\d+ Purchase answered with an error/);
  }, 30_000);

  it('writes the JSON report with --json, from stdin too', async () => {
    const res = await runBin(['triage', '--json', '-'], LINES.join('\n'));
    expect(res.code).toBe(0);
    const parsed = JSON.parse(res.stdout) as TriageReport;
    expect(parsed.categories.map((c) => [c.name.en, c.count]).sort()).toEqual([...EXPECTED].sort());
    expect(parsed.chains).toEqual(report.chains);
    expect(parsed.categories[0]!.runbook.ja.summary[0]).toContain('12 件');
    expect(res.stdout).not.toContain('"lines": [');
  }, 30_000);

  it('keeps to one language with --lang, and refuses a bad one or a missing file', async () => {
    const en = await runBin(['triage', file, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.stdout).not.toContain('トリアージ');
    const bad = await runBin(['triage', file, '--lang', 'fr']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--lang must be ja, en or both');
    const missing = await runBin(['triage', path.join(dir, 'nope.log')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such file');
  }, 30_000);
});
