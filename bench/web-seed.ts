import path from 'node:path';
import pg from 'pg';
import { signCustomerToken } from '../src/api/index.ts';
import { setTimeout as sleep } from 'node:timers/promises';
import { requestJson } from './http.ts';
import { ADMIN_KEY, JWT_SECRET, launchService, waitUntilReady, type ServiceProcess } from './service-process.ts';

/**
 * A service with a shop's worth of history for the web pages (npm run bench:web, npm run screenshots):
 * real purchases through the API — paid, declined, failed for an unavailable PSP, one refunded in
 * part and one cancelled — then, to reach `total` orders, copies of the final ones (orders, items
 * and timelines) spread over the last 30 days, made in SQL: the pages read exactly those tables, and
 * tens of thousands of real checkouts would take this machine many minutes.
 */
export interface SeededService {
  svc: ServiceProcess;
  url: string;
  adminKey: string;
  customerToken: string;
  /** A real paid order, one partly refunded, one failed. */
  paidOrderNo: string;
  failedOrderNo: string;
  databaseUrl: string;
}

const SKUS = [
  { sku: 'TSHIRT-BLK-M', name: 'T シャツ 黒 M', price: 2500, stock: 100_000 },
  { sku: 'MUG-WHT', name: 'マグカップ 白', price: 1200, stock: 100_000 },
  { sku: 'CAP-NVY', name: 'キャップ ネイビー', price: 3200, stock: 100_000 },
  { sku: 'SOLDOUT-1', name: '限定ステッカー', price: 500, stock: 0 },
];

const ADDRESS = { name: '山田 太郎', postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', line1: '渋谷2-24-12', phone: '03-1234-5678' };

export async function startSeededService(repo: string, total: number, extraEnv: NodeJS.ProcessEnv = {}): Promise<SeededService> {
  const svc = await launchService(repo, path.join(repo, 'bench', 'results', 'web-service.log'), { WEB_SHOP: 'true', ...extraEnv });
  try {
    const runtime = await waitUntilReady(svc, 90_000);
    const admin = (method: string, p: string, body?: unknown, headers: Record<string, string> = {}) =>
      requestJson({ method, url: svc.url + p, headers: { authorization: `Bearer ${ADMIN_KEY}`, ...headers }, body, timeoutMs: 30_000 });
    for (const p of SKUS) {
      await admin('PUT', `/api/v1/admin/products/${p.sku}`, { name: p.name, price: p.price });
      if (p.stock > 0) await admin('POST', `/api/v1/admin/products/${p.sku}/stock`, { delta: p.stock });
    }
    const customerToken = await signCustomerToken(JWT_SECRET, 'demo-buyer');
    const buy = async (sku: string, token: string) =>
      requestJson({
        method: 'POST',
        url: `${svc.url}/api/v1/orders`,
        headers: { authorization: `Bearer ${customerToken}`, 'idempotency-key': `seed-${Math.random().toString(36).slice(2)}-${Date.now()}` },
        body: { items: [{ sku, quantity: 1 }], shippingAddress: ADDRESS, email: 'buyer@example.jp', payment: { method: 'card', token } },
        timeoutMs: 30_000,
      });
    const made: { orderNo: string; status: number }[] = [];
    const plan = [...Array(40).fill('tok_visa'), ...Array(8).fill('tok_declined'), ...Array(4).fill('tok_insufficient_funds'), ...Array(3).fill('tok_psp_unavailable')] as string[];
    for (const [i, token] of plan.entries()) {
      const r = await buy(SKUS[i % 3]!.sku, token);
      const orderNo = (r.body as { orderNo?: string } | undefined)?.orderNo ?? (r.body as { error?: { orderNo?: string } } | undefined)?.error?.orderNo;
      if (orderNo) made.push({ orderNo, status: r.status });
    }
    const paid = made.filter((m) => m.status === 201);
    const failed = made.find((m) => m.status !== 201);
    if (paid.length < 3 || !failed) throw new Error(`seeding bought ${paid.length} paid and ${made.length - paid.length} failed orders`);
    await tasksDone(runtime.databaseUrl, 120_000);
    await admin('POST', `/api/v1/admin/orders/${paid[0]!.orderNo}/refunds`, { amount: { amount: 1000, currency: 'JPY' }, reason: 'damaged in transit' }, { 'idempotency-key': 'seed-refund-1' });
    await admin('POST', `/api/v1/admin/orders/${paid[1]!.orderNo}/cancel`, { reason: 'customer request' }, { 'idempotency-key': 'seed-cancel-1' });
    await tasksDone(runtime.databaseUrl, 120_000);
    await copyOrders(runtime.databaseUrl, total);
    return { svc, url: svc.url, adminKey: ADMIN_KEY, customerToken, paidOrderNo: paid[0]!.orderNo, failedOrderNo: failed.orderNo, databaseUrl: runtime.databaseUrl };
  } catch (e) {
    await svc.stop();
    throw e;
  }
}

/** Until no follow-up task is queued (captures, mails, refunds), or the deadline. */
async function tasksDone(databaseUrl: string, timeoutMs: number): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const { rows } = await c.query<{ n: string }>("select count(*) as n from tasks where state = 'queued'");
      if (Number(rows[0]!.n) === 0) return;
      await sleep(250);
    }
    throw new Error('follow-up tasks still queued after the seeding');
  } finally {
    await c.end();
  }
}

/** Copies of the final real orders (with their items and timelines) until there are `total`, each with its own number, customer and time. */
async function copyOrders(databaseUrl: string, total: number): Promise<void> {
  const c = new pg.Client({ connectionString: databaseUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>('select count(*) as n from orders');
    const missing = total - Number(rows[0]!.n);
    if (missing <= 0) return;
    await c.query('begin');
    await c.query(
      `create temp table copies on commit drop as
         select g, src.id as src_id, nextval(pg_get_serial_sequence('orders', 'id')) as new_id,
                now() - (random() * interval '30 days') as at
           from generate_series(1, $1::int) g
           cross join lateral (select id from orders where status in ('PAID', 'FAILED', 'CANCELLED') and g > 0 order by random() limit 1) src`,
      [missing],
    );
    await c.query(
      `insert into orders (id, order_no, customer_id, status, total_amount, currency, shipping_address, payment_method, buyer_email,
                           failure_reason, deadline_at, request_id, created_at, updated_at, decided_at, cancelled_at, cancelled_by, cancel_reason)
       select k.new_id, 'ORD-' || to_char(k.at, 'YYYYMMDD') || '-C' || lpad(upper(to_hex(k.g)), 5, '0'), 'customer-' || (k.g % 500),
              o.status, o.total_amount, o.currency, o.shipping_address, o.payment_method, o.buyer_email, o.failure_reason,
              k.at + interval '15 seconds', o.request_id, k.at, k.at, k.at + interval '1 second',
              case when o.cancelled_at is null then null else k.at + interval '1 hour' end, o.cancelled_by, o.cancel_reason
         from copies k join orders o on o.id = k.src_id`,
    );
    await c.query(`insert into order_items (order_id, sku, name, unit_price, quantity) select k.new_id, i.sku, i.name, i.unit_price, i.quantity from copies k join order_items i on i.order_id = k.src_id`);
    await c.query(
      `insert into order_events (order_id, type, data, at)
       select k.new_id, e.type, e.data, k.at + (e.at - o.created_at) from copies k join orders o on o.id = k.src_id join order_events e on e.order_id = k.src_id`,
    );
    await c.query('commit');
    await c.query('analyze orders; analyze order_items; analyze order_events');
  } finally {
    await c.end();
  }
}
