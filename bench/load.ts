import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { networkErrorCode, requestJson, type JsonResponse } from './http.ts';

export const BENCH_SKU = 'BENCH-SKU';

const ORDER_BODY = {
  items: [{ sku: BENCH_SKU, quantity: 1 }],
  shippingAddress: { name: '山田 太郎', postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', line1: '渋谷2-24-12', phone: '03-1234-5678' },
  payment: { method: 'card', token: 'tok_visa' },
};

/** Longer than the service's reserve deadline (15 s), so a slow answer is still an answer. */
const REQUEST_TIMEOUT_MS = 30_000;
/** After a network error, so a dead service does not turn the loop into a busy spin. */
const ERROR_PAUSE_MS = 50;

/** One `POST /api/v1/orders`. */
export interface Sample {
  /** High-resolution latency in ms. */
  latencyMs: number;
  /** Epoch ms (sub-ms resolution) at which the response arrived. */
  arrivedAt: number;
  /** HTTP status, or 0 for a network error. */
  status: number;
  /** `201` → the order number; otherwise undefined. */
  orderNo?: string;
  /** Error label: `"<status> <error.code>"` or the network error code; undefined for 201. */
  error?: string;
  /** A 503's Retry-After, seconds: the buyer waits that long before the next try, as a client should. */
  retryAfterSeconds?: number;
}

export interface LevelOptions {
  url: string;
  /** Several service processes: virtual user i buys from `urls[i % urls.length]` (default: `url` alone). */
  urls?: readonly string[];
  concurrency: number;
  durationMs: number;
  /** Hard cap on requests in this level, whatever the duration. */
  maxRequests: number;
  /** One customer token per virtual user. */
  tokens: readonly string[];
}

export interface LevelRun {
  concurrency: number;
  elapsedMs: number;
  samples: Sample[];
}

const epochNow = (): number => performance.timeOrigin + performance.now();

function errorLabel(res: JsonResponse): string {
  const body = res.body as { error?: { code?: unknown } } | undefined;
  const code = typeof body?.error?.code === 'string' ? body.error.code : undefined;
  return code ? `${res.status} ${code}` : String(res.status);
}

function orderNoOf(res: JsonResponse): string | undefined {
  const body = res.body as { orderNo?: unknown; status?: unknown } | undefined;
  return typeof body?.orderNo === 'string' && body.status === 'PAID' ? body.orderNo : undefined;
}

async function placeOrder(url: string, token: string, agent: http.Agent): Promise<Sample> {
  const started = performance.now();
  try {
    const res = await requestJson({
      method: 'POST',
      url: `${url}/api/v1/orders`,
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
      body: ORDER_BODY,
      agent,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    const arrivedAt = epochNow();
    const latencyMs = performance.now() - started;
    const orderNo = res.status === 201 ? orderNoOf(res) : undefined;
    if (orderNo) return { latencyMs, arrivedAt, status: res.status, orderNo };
    const wait = res.status === 503 && res.retryAfterSeconds !== undefined ? { retryAfterSeconds: res.retryAfterSeconds } : {};
    return { latencyMs, arrivedAt, status: res.status, error: res.status === 201 ? '201 without a PAID orderNo' : errorLabel(res), ...wait };
  } catch (e) {
    return { latencyMs: performance.now() - started, arrivedAt: epochNow(), status: 0, error: networkErrorCode(e) };
  }
}

/**
 * A closed loop at `concurrency` virtual users: each sends its next order as
 * soon as the previous answer arrives (after its Retry-After, for a 503 that has one), until the
 * duration or the request cap is reached.
 */
export async function runLevel(opts: LevelOptions): Promise<LevelRun> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency, maxFreeSockets: opts.concurrency });
  const samples: Sample[] = [];
  let issued = 0;
  const started = performance.now();
  const endAt = started + opts.durationMs;
  const urls = opts.urls && opts.urls.length > 0 ? opts.urls : [opts.url];
  const virtualUser = async (token: string, i: number): Promise<void> => {
    const url = urls[i % urls.length]!;
    while (performance.now() < endAt && issued < opts.maxRequests) {
      issued += 1;
      const sample = await placeOrder(url, token, agent);
      samples.push(sample);
      if (sample.status === 0) await sleep(ERROR_PAUSE_MS);
      // Told to come back later (CHECKOUT_BUSY, PAYMENT_UNAVAILABLE): the virtual user waits as told, at most to the level's end.
      else if (sample.retryAfterSeconds !== undefined) await sleep(Math.min(sample.retryAfterSeconds * 1000, Math.max(0, endAt - performance.now())));
    }
  };
  try {
    await Promise.all(opts.tokens.slice(0, opts.concurrency).map((t, i) => virtualUser(t, i)));
  } finally {
    agent.destroy();
  }
  return { concurrency: opts.concurrency, elapsedMs: performance.now() - started, samples };
}
