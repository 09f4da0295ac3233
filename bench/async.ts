import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { requestJson } from './http.ts';
import { BENCH_SKU } from './load.ts';
import { summarize, type Summary } from './stats.ts';

/**
 * The asynchronous-payment scenario: `count` PayPay-style QR orders are placed
 * (202 WAITING_PAYMENT) by `concurrency` buyers at a time, then their buyers
 * approve them at the simulator at a steady `ratePerSecond` (a burst would
 * measure the queue, not the path). Measured per order:
 * - webhook → PAID: the service's receipt of the PSP's `payment.captured`
 *   webhook (payment_webhook_events.received_at) to the order's decision
 *   (orders.decided_at) — seed 003's SLO, which asks for 60 s at p99;
 * - approve → PAID: the buyer's approval answered by the PSP to the decision,
 *   which adds the PSP's webhook delivery.
 */
export interface AsyncResult {
  orders: number;
  paid: number;
  paidBy: Record<string, number>;
  webhookToPaidMs: Summary | undefined;
  approveToPaidMs: Summary | undefined;
  waitedMs: number;
}

const epochNow = (): number => performance.timeOrigin + performance.now();
const BODY = {
  items: [{ sku: BENCH_SKU, quantity: 1 }],
  shippingAddress: { name: '山田 太郎', postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', line1: '渋谷2-24-12', phone: '03-1234-5678' },
  payment: { method: 'paypay' },
};

async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function runAsyncScenario(opts: {
  url: string;
  simUrl: string;
  db: pg.Client;
  tokens: readonly string[];
  count: number;
  concurrency: number;
  ratePerSecond: number;
  timeoutMs: number;
}): Promise<AsyncResult> {
  const orderNos: string[] = [];
  await pool(
    Array.from({ length: opts.count }, (_, i) => i),
    opts.concurrency,
    async (i) => {
      const res = await requestJson({
        method: 'POST',
        url: `${opts.url}/api/v1/orders`,
        headers: { authorization: `Bearer ${opts.tokens[i % opts.tokens.length]}`, 'idempotency-key': randomUUID() },
        body: BODY,
        timeoutMs: 30_000,
      });
      const body = res.body as { orderNo?: string; status?: string };
      if (res.status !== 202 || body.status !== 'WAITING_PAYMENT' || !body.orderNo) throw new Error(`a QR order answered ${res.status}: ${JSON.stringify(res.body)}`);
      orderNos.push(body.orderNo);
    },
  );
  const approvedAt = new Map<string, number>();
  const t0 = Date.now();
  await Promise.all(orderNos.map(async (orderNo, i) => {
    await sleep(Math.max(0, t0 + (i * 1000) / opts.ratePerSecond - Date.now()));
    const ledger = await requestJson({ method: 'GET', url: `${opts.simUrl}/__sim/payments?reference=${orderNo}`, timeoutMs: 10_000 });
    const id = (ledger.body as { payments: { id: string }[] }).payments[0]?.id;
    if (!id) throw new Error(`no simulator payment for ${orderNo}`);
    const done = await requestJson({ method: 'POST', url: `${opts.simUrl}/__sim/payments/${id}/complete`, body: { outcome: 'success' }, timeoutMs: 10_000 });
    if (done.status !== 200) throw new Error(`approving ${orderNo} answered ${done.status}`);
    approvedAt.set(orderNo, epochNow());
  }));

  const started = Date.now();
  type Row = { order_no: string; status: string; decided_ms: number | null; webhook_ms: number | null; by: string | null };
  let rows: Row[] = [];
  for (;;) {
    const r = await opts.db.query<Row>(
      `select o.order_no, o.status,
              extract(epoch from o.decided_at) * 1000 as decided_ms,
              (select extract(epoch from min(w.received_at)) * 1000 from payment_webhook_events w
                where w.reference = o.order_no and w.type = 'payment.captured') as webhook_ms,
              (select e.data->>'by' from order_events e where e.order_id = o.id and e.type = 'order_paid' limit 1) as by
         from orders o where o.order_no = any($1)`,
      [orderNos],
    );
    rows = r.rows;
    if (rows.every((x) => x.status !== 'WAITING_PAYMENT') || Date.now() - started > opts.timeoutMs) break;
    await sleep(200);
  }
  const paid = rows.filter((x) => x.status === 'PAID');
  const paidBy: Record<string, number> = {};
  for (const x of paid) paidBy[x.by ?? '?'] = (paidBy[x.by ?? '?'] ?? 0) + 1;
  const byWebhook = paid.filter((x) => x.by === 'webhook' && x.webhook_ms !== null && x.decided_ms !== null);
  return {
    orders: orderNos.length,
    paid: paid.length,
    paidBy,
    webhookToPaidMs: summarize(byWebhook.map((x) => Math.max(0, Number(x.decided_ms) - Number(x.webhook_ms)))),
    approveToPaidMs: summarize(paid.filter((x) => x.decided_ms !== null).map((x) => Math.max(0, Number(x.decided_ms) - approvedAt.get(x.order_no)!))),
    waitedMs: Date.now() - started,
  };
}

const f = (s: Summary | undefined) => (s ? `${s.p50.toFixed(0)} / ${s.p95.toFixed(0)} / ${s.p99.toFixed(0)} / max ${s.max.toFixed(0)} ms` : 'n/a');

export function formatAsync(r: AsyncResult): string {
  return [
    `asynchronous payments (QR): ${r.orders} orders, ${r.paid} PAID (${Object.entries(r.paidBy).map(([k, v]) => `${v} by ${k}`).join(', ') || 'none'})`,
    `  webhook received → PAID  p50 / p95 / p99: ${f(r.webhookToPaidMs)}`,
    `  buyer approved → PAID    p50 / p95 / p99: ${f(r.approveToPaidMs)}`,
  ].join('\n');
}
