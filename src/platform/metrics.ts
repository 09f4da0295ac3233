import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics, on a registry of its own (not prom-client's
 * global one), so several services in one process (tests) never share counters.
 */
export interface Metrics {
  registry: Registry;
  /** Time from the PSP's success being observed (webhook received, poll answered) to the order being PAID. */
  successToPaid: Histogram<'source'>;
  webhooksReceived: Counter<'provider'>;
  webhooksDuplicate: Counter<'provider'>;
  webhooksRejected: Counter<'provider' | 'reason'>;
  paymentPolls: Counter<'result'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'orderly_' });
  return {
    registry,
    successToPaid: new Histogram({
      name: 'orderly_payment_success_to_paid_seconds',
      help: 'Seconds from the PSP success being observed (webhook or poll) to the order being PAID',
      labelNames: ['source'],
      // Seed 003's SLO is 60 s at p99; we aim far below one second.
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    webhooksReceived: new Counter({
      name: 'orderly_webhooks_received_total',
      help: 'Webhooks with a valid signature, stored for processing',
      labelNames: ['provider'],
      registers: [registry],
    }),
    webhooksDuplicate: new Counter({
      name: 'orderly_webhooks_duplicate_total',
      help: 'Webhooks whose event id had been received before (answered 2xx, not processed again)',
      labelNames: ['provider'],
      registers: [registry],
    }),
    webhooksRejected: new Counter({
      name: 'orderly_webhooks_rejected_total',
      help: 'Webhooks refused: bad or old signature, unreadable body, unknown provider',
      labelNames: ['provider', 'reason'],
      registers: [registry],
    }),
    paymentPolls: new Counter({
      name: 'orderly_payment_polls_total',
      help: 'Status queries for payments waiting for the buyer, by what they found',
      labelNames: ['result'],
      registers: [registry],
    }),
  };
}
