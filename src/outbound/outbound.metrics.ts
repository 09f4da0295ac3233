import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Db } from '../platform/db/database.ts';

/** The outbound webhooks' metrics (README "Outbound webhooks"). */
export interface OutboundMetrics {
  /** Deliveries that ended, by how: delivered, dead, skipped. */
  deliveries: Counter<'outcome'>;
  /** Every HTTP try, by result: ok, http_error, timeout, connection_error, refused. */
  attempts: Counter<'result'>;
  /** Seconds of one HTTP try. */
  attemptSeconds: Histogram;
  /** Seconds from the event to its delivery (retries included). */
  deliveryLag: Histogram;
}

// The task handlers and the stream consumer are made apart (service.ts); one registry gets one set.
const made = new WeakMap<Registry, OutboundMetrics>();

/** The metrics on this registry, registered on first use. */
export function outboundMetrics(registry: Registry, db: Db): OutboundMetrics {
  const had = made.get(registry);
  if (had) return had;
  new Gauge({
    name: 'orderly_outbound_deliveries_pending',
    help: 'Outbound webhook deliveries not finished yet (waiting for their next attempt or in flight)',
    registers: [registry],
    async collect() {
      const r = await db.selectFrom('outbound_deliveries').select((eb) => eb.fn.countAll<string>().as('n')).where('status', '=', 'pending').executeTakeFirst();
      this.set(Number(r?.n ?? 0));
    },
  });
  const m: OutboundMetrics = {
    deliveries: new Counter({ name: 'orderly_outbound_deliveries_total', help: 'Outbound webhook deliveries that ended, by outcome (delivered, dead, skipped)', labelNames: ['outcome'], registers: [registry] }),
    attempts: new Counter({
      name: 'orderly_outbound_attempts_total',
      help: 'Outbound webhook HTTP attempts, by result (ok, http_error, timeout, connection_error, refused)',
      labelNames: ['result'],
      registers: [registry],
    }),
    attemptSeconds: new Histogram({
      name: 'orderly_outbound_attempt_seconds',
      help: 'Seconds of one outbound webhook HTTP attempt',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    deliveryLag: new Histogram({
      name: 'orderly_outbound_delivery_seconds',
      help: 'Seconds from an event occurring to its outbound webhook being delivered (retries included)',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800, 3600, 21600, 86400],
      registers: [registry],
    }),
  };
  made.set(registry, m);
  return m;
}
