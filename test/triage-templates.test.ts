import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadLoghubSets, normaliseTemplate, parseCsv, score } from '../bench/triage-eval.metrics.ts';
import { main } from '../src/cli/main.ts';
import { maskMessage, maskToken, mineTemplates } from '../src/triage/index.ts';
import { prng } from './helpers/random.ts';

/**
 * The log template miner (issue 12, `orderly triage templates`): masking by shape, grouping, the
 * CLI's contract, and accuracy floors — on a synthetic multi-format corpus always, and on Loghub-2k
 * when the data is on this machine (it is never copied into the repository).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'orderly.mjs');


const NAMES = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi', 'ivan', 'judy', 'mallory', 'oscar', 'peggy', 'trent', 'victor', 'walter'];
type Gen = (r: () => number) => string;
const pick = <T,>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const hex = (r: () => number, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(r() * 16)]).join('');
const SLOT: Record<string, Gen> = {
  int: (r) => String(Math.floor(r() * 100_000)),
  small: (r) => String(Math.floor(r() * 10)),
  hex: (r) => `0x${hex(r, 8)}`,
  sha: (r) => hex(r, 40),
  uuid: (r) => `${hex(r, 8)}-${hex(r, 4)}-4${hex(r, 3)}-a${hex(r, 3)}-${hex(r, 12)}`,
  ip: (r) => `10.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}`,
  ipport: (r) => `192.168.${Math.floor(r() * 255)}.${Math.floor(r() * 255)}:${1024 + Math.floor(r() * 60000)}`,
  ipv6: (r) => `fe80::${hex(r, 4)}:${hex(r, 4)}`,
  path: (r) => `/var/lib/orderly/${pick(r, NAMES)}/${hex(r, 6)}.dat`,
  url: (r) => `https://psp.example.com/v1/payments/${hex(r, 10)}?attempt=${Math.floor(r() * 5)}`,
  dur: (r) => `${Math.floor(r() * 900)}ms`,
  size: (r) => `${(r() * 900).toFixed(1)}KB`,
  user: (r) => pick(r, NAMES),
  bool: (r) => pick(r, ['true', 'false']),
  order: (r) => `ORD-2026${Math.floor(r() * 10_000)}-${hex(r, 6).toUpperCase()}`,
};

/** Templates in several formats (syslog-like, key=value, JSON-ish, Java, plain), `{slot}` for values. */
const SYNTHETIC_TEMPLATES = [
  'sshd[{int}]: Accepted publickey for {user} from {ip} port {int} ssh2',
  'sshd[{int}]: Failed password for {user} from {ip} port {int} ssh2',
  'sshd[{int}]: Failed password for invalid user {user} from {ip} port {int} ssh2',
  'sshd[{int}]: session opened for user {user} by (uid={small})',
  'sshd[{int}]: session closed for user {user}',
  'kernel: eth0: link up, {int} Mbps, full duplex',
  'level=info msg="order placed" orderNo={order} total={int} took={dur}',
  'level=warn msg="psp call failed" provider=stripe status={int} attempt={small} elapsed={dur}',
  'level=error msg="capture dead-lettered" orderNo={order} task={uuid} attempts={small}',
  '{"level":"error","service":"inventory_service","event_type":"item_purchase","details":{"success":{bool},"order":"{order}"}}',
  '{"level":"warn","service":"auth_service","msg":"token rejected","status":{int},"reqId":"{uuid}"}',
  'java.net.SocketTimeoutException: Read timed out after {dur} connecting to {ipport}',
  '\tat com.example.shop.PaymentClient.capture(PaymentClient.java:{int})',
  '\tat com.example.shop.OrderService.place(OrderService.java:{int})',
  'Caused by: java.io.IOException: Connection reset by peer {ipport}',
  'GET {url} -> {int} in {dur}',
  'Wrote {size} to {path} in {dur}',
  'Deleted {path}',
  'Cache miss for key {sha} (size {size})',
  'Connected to {ipv6} port {int}',
  'Received block blk_{int} of size {int} from /{ip}',
  'Worker {small} started task {uuid} with flag {hex}',
  'Worker {small} finished task {uuid} ok={bool}',
  'Lease for {user} renewed for {int} seconds',
  'Lease for {user} expired after {int} seconds',
  'Shutting down',
  'Shutdown complete',
] as const;

/** A labelled corpus: each line from one of the templates with fresh random values. */
function syntheticCorpus(lines: number, seed = 12): { contents: string[]; truth: string[] } {
  const r = prng(seed);
  const contents: string[] = [];
  const truth: string[] = [];
  for (let i = 0; i < lines; i++) {
    // Skewed like real logs: a few templates carry most lines.
    const t = SYNTHETIC_TEMPLATES[Math.floor(r() ** 2 * SYNTHETIC_TEMPLATES.length)]!;
    contents.push(t.replace(/\{(\w+)\}/g, (_, slot: string) => SLOT[slot]!(r)));
    truth.push(t);
  }
  return { contents, truth };
}

function runBin(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  child.stdin.end(stdin);
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })));
}

describe('masking by shape', () => {
  it.each([
    ['12345', '<*>'],
    ['uid=10037,', 'uid=<*>,'],
    ['[173.234.31.186]', '[<*>]'],
    ['10.0.0.1:8080', '<*>:<*>'],
    ['fe80::1ff:fe23:4567:890a', '<*>'],
    ['[::1]:443', '[<*>]:<*>'],
    ['0x7fed806eb5d', '<*>'],
    ['ffffffff', '<*>'],
    ['de305d54-75b4-431b-adb2-eb6b9e546014', '<*>'],
    ['blk_-6952295868487656571', '<*>'],
    ['12ms', '<*>'],
    ['4KB', '<*>'],
    ['/var/log/orderly/app.log', '<*>'],
    ['C:\\Windows\\winsxs\\cbscore.dll', '<*>'],
    ['https://psp.example.com/v1/x?y=1', '<*>'],
    ['ret:false', 'ret:<*>'],
    ['ws=null,', 'ws=<*>,'],
    ['root', 'root'],
    ['PAYMENT_UNAVAILABLE', 'PAYMENT_UNAVAILABLE'],
    ['Connection', 'Connection'],
  ])('%s → %s', (token, masked) => {
    expect(maskToken(token)).toBe(masked);
  });

  it('joins a unit to its number, makes a quoted key value one variable, and collapses runs of variables', () => {
    expect(maskMessage('estimated size 4.1 KB, free 511.1 MB)')).toEqual(['estimated', 'size', '<*>,', 'free', '<*>)']);
    expect(maskMessage('acquire tag="View Lock", name=android')).toEqual(['acquire', 'tag="<*>",', 'name=android']);
    expect(maskMessage('level=info msg="order placed" total=1500')).toEqual(['level=info', 'msg="order', 'placed"', 'total=<*>']);
    expect(maskMessage('ask 10.0.0.1:50010 to delete blk_1 blk_2 blk_3')).toEqual(['ask', '<*>:<*>', 'to', 'delete', '<*>']);
  });
});

describe('grouping', () => {
  it('gives the lines of one template one template and keeps different templates apart, in several formats', () => {
    const { contents, truth } = syntheticCorpus(600, 3);
    const mined = mineTemplates(contents).map((m) => m.template);
    const s = score('synthetic', mined, truth);
    expect(s.ga).toBeGreaterThanOrEqual(0.97);
    const byTruth = new Map<string, Set<string>>();
    truth.forEach((t, i) => (byTruth.get(t) ?? byTruth.set(t, new Set()).get(t)!).add(mined[i]!));
    // The words that tell templates apart stay constants.
    expect([...byTruth.get('sshd[{int}]: session opened for user {user} by (uid={small})')!]).toEqual(['sshd[<*>]: session opened for user <*> by (uid=<*>)']);
    expect([...byTruth.get('sshd[{int}]: Failed password for {user} from {ip} port {int} ssh2')!]).toEqual(['sshd[<*>]: Failed password for <*> from <*> port <*>']);
    expect([...byTruth.get('\tat com.example.shop.PaymentClient.capture(PaymentClient.java:{int})')!]).toEqual(['at com.example.shop.PaymentClient.capture(PaymentClient.java:<*>)']);
  });

  it('splits on a constant word with few values and not on a variable with many', () => {
    const lines = [
      ...NAMES.map((u) => `session opened for user ${u}`),
      ...NAMES.map((u) => `session closed for user ${u}`),
    ];
    const mined = new Set(mineTemplates(lines).map((m) => m.template));
    expect([...mined].sort()).toEqual(['session closed for user <*>', 'session opened for user <*>']);
  });

  it('is deterministic: the same lines in another order get the same templates', () => {
    const { contents } = syntheticCorpus(500, 9);
    const forward = mineTemplates(contents).map((m) => m.template);
    const order = contents.map((_, i) => i).reverse();
    const backward = mineTemplates(order.map((i) => contents[i]!)).map((m) => m.template);
    order.forEach((i, k) => expect(backward[k]).toBe(forward[i]));
    expect(mineTemplates([])).toEqual([]);
    expect(mineTemplates(['', 'x'])).toEqual([{ template: '' }, { template: 'x' }]);
  });

  it('holds a floor on a synthetic multi-format corpus with known truth', () => {
    const { contents, truth } = syntheticCorpus(2000);
    const s = score('synthetic', mineTemplates(contents).map((m) => m.template), truth);
    // Measured 1.000 (GA and F1); a regression in masking or grouping falls below.
    expect(s.ga).toBeGreaterThanOrEqual(0.98);
    expect(s.f1).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the eval helpers', () => {
  it('parses quoted CSV fields: commas, doubled quotes, line breaks, CRLF', () => {
    expect(parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
  });

  it('scores GA by exact groups and normalises templates for PA', () => {
    expect(normaliseTemplate('a  <*> <*><*>  b ')).toBe('a <*> b');
    // Predicted: lines 0,1 together (right), 2 and 3 split (wrong, true group {2,3}).
    const s = score('t', ['x', 'x', 'y', 'z'], ['A', 'A', 'B', 'B']);
    expect(s.ga).toBe(0.5);
    expect(s.f1).toBeCloseTo((2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2));
  });
});

describe('orderly triage templates (the CLI contract)', () => {
  it('writes exactly one JSON object per input line, in order, with nothing but diagnostics on stderr', async () => {
    const { contents } = syntheticCorpus(2000, 21);
    const res = await runBin(['triage', 'templates'], contents.join('\n') + '\n');
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const out = res.stdout.split('\n');
    expect(out.pop()).toBe('');
    expect(out).toHaveLength(2000);
    const templates = out.map((l) => JSON.parse(l) as { template: unknown });
    templates.forEach((t) => expect(typeof t.template).toBe('string'));
    expect(templates.map((t) => t.template)).toEqual(mineTemplates(contents).map((m) => m.template));
    // The contract is "well under a minute"; measured about 0.7 s (node start included).
    expect(res.ms).toBeLessThan(20_000);
  });

  it('keeps lines as lines: CRLF, a missing final newline, empty lines, UTF-8', async () => {
    const res = await runBin(['triage', 'templates', '--stats'], 'ユーザー 42 を作成\r\n\r\nok 1');
    expect(res.code).toBe(0);
    expect(res.stdout.trimEnd().split('\n').map((l) => JSON.parse(l).template)).toEqual(['ユーザー <*> を作成', '', 'ok <*>']);
    expect(res.stderr).toMatch(/^orderly triage templates: 3 lines, 3 templates, \d+ ms\n$/);
  });

  it('explains itself, and a bare `triage` is a usage error', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { env: {}, stdin: (async function* () {})(), stdout: (s: string) => out.push(s), stderr: (s: string) => err.push(s) };
    expect(await main(['triage', '--help'], io)).toBe(0);
    expect(out.join('')).toMatch(/--since[\s\S]*templates[\s\S]*GET \/api\/v1\/admin\/triage/);
    expect(await main(['triage'], io)).toBe(2);
    expect(await main(['triage', 'report'], io)).toBe(2);
    expect(err.join('')).toContain('unknown triage command "report"');
    expect(await main(['help'], io)).toBe(0);
    expect(out.join('')).toContain('triage templates');
  });
});

// The data is not in the repository (its licence forbids shipping it): set LOGHUB_2K_DIR to hold the floor on it.
const LOGHUB_DIR = process.env.LOGHUB_2K_DIR ?? '';

describe('accuracy on Loghub-2k (when the data is on this machine)', () => {
  it(`holds the measured grouping accuracy${LOGHUB_DIR && existsSync(LOGHUB_DIR) ? '' : ' (LOGHUB_2K_DIR not set: nothing to measure)'}`, () => {
    if (!LOGHUB_DIR || !existsSync(LOGHUB_DIR)) return; // the synthetic floor above still holds the miner
    const scores = loadLoghubSets(LOGHUB_DIR).map((set) => score(set.name, mineTemplates(set.contents).map((m) => m.template), set.templates));
    expect(scores.length).toBeGreaterThan(0);
    const mean = scores.reduce((a, s) => a + s.ga, 0) / scores.length;
    // Measured mean GA 0.988 with the one configuration (docs/triage.md); the floor sits 0.02 below.
    expect(mean).toBeGreaterThanOrEqual(0.968);
    for (const s of scores) expect(s.ga, s.name).toBeGreaterThanOrEqual(0.85);
  });
});
