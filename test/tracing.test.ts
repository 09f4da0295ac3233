import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signCustomerToken } from '../src/api/index.ts';
import { startTracing, type Tracing } from '../src/platform/tracing.ts';
import { orderBody, settled, startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * Traces, exported over real OTLP/HTTP to a receiver of the test's own: one
 * purchase is one trace — the request (joining the caller's traceparent),
 * its transactions, the PSP call, the follow-up tasks it left and the events
 * it published — and every log line of it carries the trace id.
 */
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: { key: string; value: { stringValue?: string; intValue?: number | string } }[];
}

const received: OtlpSpan[] = [];
let receiver: http.Server;
let tracing: Tracing;
let t: TestService;

/** OTLP/JSON ids are hex; some encoders send base64. */
const hex = (id: string | undefined) => (id === undefined || /^[0-9a-f]*$/.test(id) ? id : Buffer.from(id, 'base64').toString('hex'));
const attr = (s: OtlpSpan, key: string) => {
  const v = s.attributes.find((a) => a.key === key)?.value;
  return v?.stringValue ?? (v?.intValue !== undefined ? Number(v.intValue) : undefined);
};

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const doc = JSON.parse(body) as { resourceSpans: { scopeSpans: { spans: OtlpSpan[] }[] }[] };
        for (const rs of doc.resourceSpans) for (const ss of rs.scopeSpans) for (const s of ss.spans) received.push({ ...s, traceId: hex(s.traceId)!, spanId: hex(s.spanId)!, ...(s.parentSpanId ? { parentSpanId: hex(s.parentSpanId) } : {}) });
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  tracing = startTracing({ endpoint: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`, serviceName: 'orderly-test', version: 'test' });
  t = await startTestService();
  await t.product('TR-SKU', 1500, 100);
});
afterAll(async () => {
  await t?.close();
  await tracing?.shutdown();
  await new Promise((r) => receiver?.close(r));
});

it('a purchase is one trace: the request under the caller’s traceparent, its transactions, the PSP call, its follow-up tasks and published events; its log lines carry the trace id', async () => {
  const traceId = randomBytes(16).toString('hex');
  const callerSpan = randomBytes(8).toString('hex');
  const r = await t.call('POST', '/api/v1/orders', {
    auth: await signCustomerToken(t.svc.jwtSecret, 'trace-cust'),
    headers: { 'idempotency-key': `tr-${traceId}`, traceparent: `00-${traceId}-${callerSpan}-01` },
    body: orderBody('tok_visa', [{ sku: 'TR-SKU', quantity: 1 }]),
  });
  expect(r.status).toBe(201);
  const orderNo = r.body.orderNo as string;
  await settled(t, orderNo);

  const ofTrace = () => received.filter((s) => s.traceId === traceId);
  const spans = await waitFor(async () => {
    const s = ofTrace();
    const names = new Set(s.map((x) => x.name));
    return ['task capture_payment', 'task commit_stock', 'task send_mail'].every((n) => names.has(n)) && s.some((x) => x.name.startsWith('publish ')) ? s : undefined;
  }, { what: 'the purchase’s spans to be exported', timeoutMs: 20_000 }) as OtlpSpan[];

  const request = spans.find((s) => s.name === 'POST /api/v1/orders')!;
  expect(request, JSON.stringify(spans.map((s) => s.name))).toBeDefined();
  expect(request.parentSpanId).toBe(callerSpan);
  expect(request.kind).toBe(2); // SERVER
  expect(attr(request, 'http.response.status_code')).toBe(201);
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const under = (s: OtlpSpan, ancestor: OtlpSpan): boolean => s.parentSpanId === ancestor.spanId || (s.parentSpanId !== undefined && byId.has(s.parentSpanId) && under(byId.get(s.parentSpanId)!, ancestor));

  const psp = spans.filter((s) => s.name === 'psp authorize');
  expect(psp).toHaveLength(1);
  expect(attr(psp[0]!, 'psp.provider')).toBe('psp-sim');
  expect(attr(psp[0]!, 'psp.outcome')).toBe('ok');
  expect(under(psp[0]!, request)).toBe(true);
  const txs = spans.filter((s) => s.name === 'db transaction' && under(s, request));
  expect(txs.length).toBeGreaterThanOrEqual(2); // reserve, decide
  // The follow-ups ran later, in the task runner, and still joined the purchase's trace.
  const capture = spans.find((s) => s.name === 'task capture_payment')!;
  expect(attr(capture, 'order.no')).toBe(orderNo);
  expect(spans.some((s) => s.name === 'psp capture' && under(s, capture))).toBe(true);
  const published = spans.filter((s) => s.name.startsWith('publish '));
  expect(published.map((s) => s.name)).toEqual(expect.arrayContaining(['publish orderly.orders.order-placed.v1', 'publish orderly.orders.order-paid.v1', 'publish orderly.payments.payment-captured.v1']));

  // Every line the purchase and its tasks logged carries the trace id.
  const lines = t.logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.orderNo === orderNo);
  expect(lines.length).toBeGreaterThan(3);
  expect(lines.filter((l) => l.trace_id !== traceId).map((l) => l.msg)).toEqual([]);
  expect(lines.some((l) => l.task === 'capture_payment')).toBe(true);
});

it('a request without a traceparent starts a trace of its own', async () => {
  const r = await t.call('GET', '/api/v1/products');
  expect(r.status).toBe(200);
  const span = await waitFor(async () => received.find((s) => s.name === 'GET /api/v1/products' && s.parentSpanId === undefined), { what: 'the request span', timeoutMs: 10_000 });
  expect(span!.traceId).toMatch(/^[0-9a-f]{32}$/);
});
