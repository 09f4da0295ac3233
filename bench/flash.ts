import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { signCustomerToken } from '../src/api/index.ts';
import { requestJson } from './http.ts';
import { summarize, type Summary } from './stats.ts';

/**
 * The flash sale (issue 13): `units` of one SKU, `buyers` buyers (each their own customer) arriving
 * evenly within `seconds`, at most `maxInFlight` requests open at once (the rest wait their turn, as
 * behind a load balancer's queue). Measured: whether anything was oversold (PAID orders and the stock
 * row against the units), how long until the last unit sold, the answers by status, the latency of
 * those that got one (request sent → answer read), and the share of `409 OUT_OF_STOCK` answered in under
 * 50 ms.
 */
export interface FlashResult {
  units: number;
  buyers: number;
  seconds: number;
  maxInFlight: number;
  answers: Record<string, number>;
  paid: number;
  stock: { onHand: number; reserved: number };
  oversold: boolean;
  soldOutAfterMs: number | undefined;
  latencyMs: Summary | undefined;
  outOfStockUnder50msShare: number | undefined;
  elapsedMs: number;
}

export const FLASH_SKU = 'FLASH-SKU';

const ORDER = (sku: string) => ({
  items: [{ sku, quantity: 1 }],
  shippingAddress: { name: '山田 太郎', postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', line1: '渋谷2-24-12', phone: '03-1234-5678' },
  payment: { method: 'card', token: 'tok_visa' },
});

export async function runFlashSale(opts: {
  url: string;
  db: pg.Client;
  jwtSecret: string;
  units: number;
  buyers: number;
  seconds: number;
  maxInFlight: number;
  admin: (method: string, path: string, body: unknown) => Promise<void>;
}): Promise<FlashResult> {
  await opts.admin('PUT', `/api/v1/admin/products/${FLASH_SKU}`, { name: 'Flash sale', price: { amount: 5000, currency: 'JPY' } });
  await opts.admin('POST', `/api/v1/admin/products/${FLASH_SKU}/stock`, { delta: opts.units });
  const tokens = await Promise.all(Array.from({ length: opts.buyers }, (_, i) => signCustomerToken(opts.jwtSecret, `flash-${i}`)));
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.maxInFlight });
  const answers: Record<string, number> = {};
  const latencies: number[] = [];
  const outOfStock: number[] = [];
  let lastPaidAt: number | undefined;
  const started = performance.now();
  const spacing = (opts.seconds * 1000) / opts.buyers;
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  const slot = async () => {
    if (inFlight < opts.maxInFlight) {
      inFlight++;
      return;
    }
    await new Promise<void>((r) => waiting.push(r));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else inFlight--;
  };
  const buyer = async (i: number) => {
    await new Promise((r) => setTimeout(r, Math.max(0, started + i * spacing - performance.now())));
    await slot();
    const sent = performance.now();
    try {
      const res = await requestJson({
        method: 'POST',
        url: `${opts.url}/api/v1/orders`,
        headers: { authorization: `Bearer ${tokens[i]}`, 'idempotency-key': randomUUID() },
        body: ORDER(FLASH_SKU),
        agent,
        timeoutMs: 60_000,
      });
      const ms = performance.now() - sent;
      latencies.push(ms);
      const code = (res.body as { error?: { code?: string } } | undefined)?.error?.code;
      const label = code ? `${res.status} ${code}` : String(res.status);
      answers[label] = (answers[label] ?? 0) + 1;
      if (res.status === 201) lastPaidAt = performance.now() - started;
      if (code === 'OUT_OF_STOCK') outOfStock.push(ms);
    } catch (e) {
      const label = e instanceof Error && 'code' in e ? String((e as { code: unknown }).code) : 'network';
      answers[label] = (answers[label] ?? 0) + 1;
    } finally {
      release();
    }
  };
  try {
    await Promise.all(Array.from({ length: opts.buyers }, (_, i) => buyer(i)));
  } finally {
    agent.destroy();
  }
  const elapsedMs = performance.now() - started;
  const { rows } = await opts.db.query<{ paid: string; on_hand: number; reserved: number }>(
    `select (select count(*) from orders o join order_items i on i.order_id = o.id where i.sku = $1 and o.status in ('PAID', 'CANCELLED'))::text as paid,
            s.on_hand, s.reserved
       from stock s where s.sku = $1`,
    [FLASH_SKU],
  );
  const r = rows[0]!;
  const paid = Number(r.paid);
  return {
    units: opts.units,
    buyers: opts.buyers,
    seconds: opts.seconds,
    maxInFlight: opts.maxInFlight,
    answers,
    paid,
    stock: { onHand: r.on_hand, reserved: r.reserved },
    // Sold: the paid orders; left: what is on hand and not reserved. Together never more than the units.
    oversold: paid > opts.units || r.on_hand < 0 || r.reserved > r.on_hand,
    soldOutAfterMs: paid >= opts.units ? lastPaidAt : undefined,
    latencyMs: summarize(latencies),
    outOfStockUnder50msShare: outOfStock.length > 0 ? outOfStock.filter((ms) => ms < 50).length / outOfStock.length : undefined,
    elapsedMs,
  };
}

export function formatFlash(f: FlashResult): string {
  const ms = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(0));
  const answers = Object.entries(f.answers).sort(([a], [b]) => a.localeCompare(b)).map(([k, n]) => `${k} ×${n}`).join(', ');
  return [
    `flash sale: ${f.units} units of ${FLASH_SKU}, ${f.buyers} buyers arriving within ${f.seconds} s, at most ${f.maxInFlight} requests in flight:`,
    `  answers: ${answers}; took ${(f.elapsedMs / 1000).toFixed(1)} s`,
    `  sold ${f.paid} of ${f.units} (${f.oversold ? 'OVERSOLD' : '0 oversold'}; stock onHand ${f.stock.onHand}, reserved ${f.stock.reserved}); sold out after ${f.soldOutAfterMs === undefined ? '- (not sold out)' : `${(f.soldOutAfterMs / 1000).toFixed(1)} s`}`,
    `  latency of answered buyers p50 ${ms(f.latencyMs?.p50)} / p95 ${ms(f.latencyMs?.p95)} / p99 ${ms(f.latencyMs?.p99)} ms; 409 OUT_OF_STOCK under 50 ms: ${f.outOfStockUnder50msShare === undefined ? '-' : `${(f.outOfStockUnder50msShare * 100).toFixed(1)} %`}`,
  ].join('\n');
}
