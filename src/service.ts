import type { FastifyInstance } from 'fastify';
import { buildApp } from './api/index.ts';
import {
  asyncPaymentTasks,
  followUpTasks,
  FollowUpBacklog,
  missingProvidersInFlight,
  ORDER_CHANGED_CHANNEL,
  OrderLiveHub,
  startSweeper,
  startReconciler,
  type CheckoutDeps,
} from './checkout/index.ts';
import type { Config } from './config.ts';
import * as inventory from './inventory/index.ts';
import { Mailer } from './notifications/index.ts';
import { writeTaskEvent } from './events/index.ts';
import { monitorMetrics, openAlertOrders, startMonitor } from './monitor/index.ts';
import { deliveryTasks, startOutbound } from './outbound/index.ts';
import { startEventPipeline, type EventPipeline } from './event-pipeline.ts';
import { createPayments } from './payments/index.ts';
import { startPspSim, type PspSim } from './psp-sim/index.ts';
import { createDb, type Db } from './platform/db/database.ts';
import { PgListener } from './platform/db/listener.ts';
import { migrateDatabase } from './migrations.ts';
import { openDatabase, type DatabaseRole, type OpenedDatabase } from './platform/db/open.ts';
import { portInUse } from './platform/lifecycle/ports.ts';
import { StartupError } from './platform/lifecycle/startup-error.ts';
import { startTaskRunner } from './platform/jobs/task.runner.ts';
import type { Logger } from './platform/logging.ts';
import type { LogKeeper } from './platform/logs/log.keeper.ts';
import { registerBacklogGauges } from './platform/jobs/backlog.metrics.ts';
import { registerDeadLetterGauge } from './platform/jobs/dead-letter.metrics.ts';
import { createMetrics, pspObserver } from './platform/metrics.ts';
import { keptSecret, scrubFromLogs } from './platform/secrets.ts';
import { paymentsConfig, providerCredentials, simulatedProviders } from './providers.ts';

/** A running orderly: the handles a caller (CLI, tests, bench) may need. */
export interface Service {
  app: FastifyInstance;
  url: string;
  db: Db;
  databaseUrl: string;
  /** Maintenance URL of the embedded server, when we started one (for pgbench). */
  embeddedAdminUrl?: string;
  /** Set when this process joined another process's embedded Postgres. */
  joined?: string;
  /** The simulator's URL (in-process or the one we were pointed at); undefined in production. */
  pspSimUrl: string | undefined;
  /** Whether the simulator runs inside this process. */
  pspSimInProcess: boolean;
  adminKey: string;
  jwtSecret: string;
  /** The secrets were generated (and kept in the data dir), not given. */
  generated: { adminKey: boolean; jwtSecret: boolean };
  /** The event stream this process reads (and, in `start`, relays the outbox to). */
  events: EventPipeline;
  /** Drains: stops taking requests, finishes in-flight requests and tasks, then stops Postgres. */
  close(): Promise<void>;
  /**
   * A fast stop (a second Ctrl-C, a drain that overran): Postgres is told to
   * shut down fast at once. Committed work is kept; what was in flight is
   * resumed at the next start (sweeper, tasks of a dead worker freed).
   */
  forceStop(): Promise<void>;
}

export interface ServiceOptions {
  /** Run the follow-up tasks and the recovery sweeper (`start`); `api` runs neither. */
  worker?: boolean;
  /** Start the simulator in this process when the configuration enables it (`start`; `api` never does). */
  simulator?: boolean;
  /** How the database is found (see platform/db/open.ts); default `own`. */
  role?: DatabaseRole;
  /** The process logger's keeper of warn and error lines: written to the database once it is open (LOG_KEEP_*). */
  logKeeper?: LogKeeper;
}

const DEMO_CATALOG = [
  { sku: 'TSHIRT-BLK-M', name: 'Tシャツ 黒 M / T-shirt black M', price: 1500, stock: 100 },
  { sku: 'TSHIRT-WHT-L', name: 'Tシャツ 白 L / T-shirt white L', price: 1500, stock: 100 },
  { sku: 'MUG-LOGO', name: 'ロゴマグカップ / Logo mug', price: 1200, stock: 50 },
  { sku: 'SNEAKER-26', name: 'スニーカー 26cm / Sneakers 26cm', price: 12800, stock: 10 },
];

/** Loads a small catalog into an empty database so the first `curl` can buy something. */
async function loadDemoCatalog(db: Db, log: Logger): Promise<void> {
  const any = await db.selectFrom('products').select('sku').limit(1).executeTakeFirst();
  if (any) return;
  for (const p of DEMO_CATALOG) {
    await inventory.upsertProduct(db, p);
    await inventory.adjustStock(db, p.sku, p.stock);
  }
  log.info({ products: DEMO_CATALOG.length }, 'loaded the demo catalog');
}

const SLOW_STOP_MS = 5_000;

/** Things started so far, stopped in reverse order (a failed start, a drain). */
class Stack {
  private readonly closers: { what: string; close: () => Promise<void> }[] = [];

  push(what: string, close: () => Promise<void>): void {
    this.closers.push({ what, close });
  }

  /** Stops everything, whatever fails on the way (Postgres must stop last in every case); rethrows the first error. */
  async closeAll(log: Logger): Promise<void> {
    let first: unknown;
    while (this.closers.length > 0) {
      const c = this.closers.pop()!;
      // A drain that hangs says where.
      const slow = setInterval(() => log.warn({ event: 'shutdown_slow', what: c.what }, 'still stopping'), SLOW_STOP_MS);
      try {
        await c.close();
        log.debug({ what: c.what }, 'stopped');
      } catch (e) {
        first ??= e;
        log.warn({ event: 'shutdown_step_failed', err: e, what: c.what }, 'error while stopping');
      } finally {
        clearInterval(slow);
      }
    }
    if (first !== undefined) throw first;
  }
}

/** Beyond the purchase deadline (the longest a request of ours may take) before a drain cuts connections. */
const HTTP_DRAIN_SLACK_MS = 5_000;

/**
 * Stops taking requests and waits for those in flight. A keep-alive
 * connection that falls idle only after the close began (a PSP's webhook
 * sender, a browser) would hold the close open until its keep-alive timeout:
 * idle ones are closed as they appear, and after `cutoffMs` whatever is left.
 */
async function closeHttp(app: FastifyInstance, cutoffMs: number, log: Logger): Promise<void> {
  const server = app.server;
  const sweep = setInterval(() => server.closeIdleConnections(), 200);
  const cutoff = setTimeout(() => {
    log.warn({ event: 'shutdown_requests_cut', afterMs: cutoffMs }, 'requests still open after the purchase deadline; closing their connections');
    server.closeAllConnections();
  }, cutoffMs);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
    clearTimeout(cutoff);
  }
}

function listenError(e: unknown, host: string, port: number, setting: string): unknown {
  return (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new StartupError(portInUse(host, port, setting)) : e;
}

/**
 * Starts what one process runs: its database (an embedded Postgres it owns,
 * another process's it joins, or DATABASE_URL), migrations, the PSP
 * simulator (development, when enabled), the HTTP API, the follow-up task
 * runner and the recovery sweeper. Whatever fails, everything started so far
 * is stopped again before the error is thrown.
 */
export async function startService(config: Config, log: Logger, opts: ServiceOptions = {}): Promise<Service> {
  const worker = opts.worker ?? true;
  const stack = new Stack();
  try {
    const database: OpenedDatabase = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role: opts.role ?? 'own', command: worker ? 'start' : 'api', log, embeddedSettings: config.embeddedPgSettings });
    stack.push('database', () => database.close());
    const databaseUrl = database.url;
    try {
      await migrateDatabase(databaseUrl, log, config.mode);
    } catch (e) {
      throw new StartupError(`migrations failed: ${(e as Error).message}`);
    }
    const { db, pool } = createDb(databaseUrl, config.dbPoolSize);
    stack.push('database pool', () => db.destroy());
    if (opts.logKeeper && config.logKeep.maxAgeMs > 0) {
      const keeper = opts.logKeeper;
      keeper.attach(db, config.logKeep);
      stack.push('log keeper', () => keeper.stop());
    }
    const adminKey = await keptSecret(config.dataDir, 'admin-key', config.adminKey, 24);
    const jwtSecret = await keptSecret(config.dataDir, 'jwt-secret', config.jwtSecret, 32);
    scrubFromLogs(adminKey, jwtSecret);
    const creds = await providerCredentials(config);

    let sim: PspSim | undefined;
    if ((opts.simulator ?? true) && config.pspSim.enabled && creds.pspSimWebhookSecret) {
      sim = await startPspSim({
        databaseUrl,
        port: config.pspSim.port,
        host: config.pspSim.host,
        apiKey: config.pspSim.apiKey,
        pendingSettleMs: config.pspSim.pendingSettleMs,
        timeoutDelayMs: config.pspSim.timeoutDelayMs,
        webhookSecret: creds.pspSimWebhookSecret,
        ...(config.pspSim.webhookUrl ? { webhookUrl: config.pspSim.webhookUrl } : {}),
        // The providers configured with API base "simulator" are played by this simulator.
        ...simulatedProviders(creds, false),
        logger: log,
      }).catch((e: unknown) => {
        throw listenError(e, config.pspSim.host, config.pspSim.port, 'PSP_SIM_PORT');
      });
      stack.push('simulator', () => sim!.close());
    }
    // Production has no simulator; `api` beside a `start` uses the one that start runs.
    const pspSimUrl = config.mode === 'production' ? undefined : (sim?.url ?? database.joined?.runtime.pspSimUrl ?? config.pspSim.url);
    const metrics = createMetrics();
    registerDeadLetterGauge(metrics.registry, db, log);
    registerBacklogGauges(metrics.registry, db, log);
    // Every process's /metrics shows the open alerts (read from the database), wherever the monitor runs.
    monitorMetrics(metrics.registry, db);
    const payments = createPayments({ ...paymentsConfig(config, creds, pspSimUrl), log, observer: pspObserver(metrics) });
    const mailer = new Mailer({ ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}), from: config.mailFrom, smtpTimeoutMs: config.smtpTimeoutMs });
    stack.push('mailer', async () => mailer.close());

    const missing = await missingProvidersInFlight(db, payments);
    if (missing.length > 0) {
      const list = missing.map((m) => `${m.provider} (${m.orders} order${m.orders === 1 ? '' : 's'})`).join(', ');
      const simulator = missing.some((m) => m.provider === 'psp-sim') && config.mode === 'production' ? ' psp-sim, the simulator, never runs in production: finish its orders in development mode first.' : '';
      throw new StartupError(
        `orders still in flight need payment providers that are not configured: ${list}. ` +
          'Keep their credentials until those orders are final: a provider no PAYMENT_PROVIDERS_* lists is drain-only ' +
          `(webhooks, polls, captures, voids and refunds of its existing payments; no new ones).${simulator}`,
      );
    }
    // Backpressure: purchases wait while paid orders' follow-ups are too far behind (FOLLOWUP_BACKLOG_MAX).
    const backlog = new FollowUpBacklog(db, { maxTasks: config.tasks.backlogMax, maxLagMs: config.tasks.lagMaxMs }, log);
    backlog.start();
    stack.push('backlog guard', () => backlog.stop());
    const deps: CheckoutDeps = { db, config, payments, mailer, log, metrics, jwtSecret, backlog };
    if (config.demoCatalog) await loadDemoCatalog(db, log);

    // Order changes made by any process reach this process's live subscribers.
    const listener = new PgListener(databaseUrl, ORDER_CHANGED_CHANNEL, log);
    await listener.start();
    stack.push('listener', () => listener.stop());
    const hub = new OrderLiveHub(listener);
    // Events: the transport every consumer reads; a worker process also relays the outbox to it.
    const events = await startEventPipeline(config, db, databaseUrl, log, metrics, { relay: worker });
    stack.push('event pipeline', () => events.close());

    if (worker) {
      const handlers = { ...followUpTasks(deps), ...asyncPaymentTasks(deps), ...deliveryTasks({ db, log, registry: metrics.registry, settings: config.outbound }) };
      // Our own embedded Postgres: no other program's workers can hold its locks.
      const runner = await startTaskRunner({
        db,
        pool,
        log,
        handlers,
        policy: config.tasks,
        concurrency: config.tasks.concurrency,
        batching: { localQueueSize: config.tasks.localQueueSize, completeBatchMs: config.tasks.completeBatchMs },
        ownsDatabase: database.embedded !== undefined,
        onLifecycle: writeTaskEvent,
      });
      stack.push('task runner', () => runner.stop());
      const sweeper = startSweeper(deps);
      stack.push('sweeper', () => sweeper.stop());
      const reconciler = startReconciler(deps, () => openAlertOrders(db));
      if (reconciler) stack.push('reconciler', () => reconciler.stop());
    }
    if (worker && config.monitor.enabled) {
      const monitor = await startMonitor({ db, transport: events.transport, log: log.child({ component: 'monitor' }), registry: metrics.registry, graceMs: config.monitor.graceMs });
      stack.push('monitor', () => monitor.stop());
    }
    if (worker) {
      // Outbound webhooks: deliveries made from the stream, sent by the task runner's deliver_webhook.
      const outbound = await startOutbound({ db, transport: events.transport, log: log.child({ component: 'outbound' }), registry: metrics.registry, settings: config.outbound });
      stack.push('outbound webhooks', () => outbound.stop());
    }
    const app = await buildApp({ deps, hub, adminKey });
    stack.push('HTTP server', () => closeHttp(app, config.reserveDeadlineMs + HTTP_DRAIN_SLACK_MS, log));
    const address = await app.listen({ port: config.port, host: config.host }).catch((e: unknown) => {
      throw listenError(e, config.host, config.port, 'PORT');
    });
    const url = address.replace('[::1]', '127.0.0.1');
    // The in-process simulator sends its webhooks to us unless told otherwise.
    if (sim && !config.pspSim.webhookUrl) sim.setWebhookUrl(`${url}/webhooks/psp-sim`);
    if (sim && creds.stripe?.simulated) sim.setWebhookUrl(`${url}/webhooks/stripe`, 'stripe');
    if (sim && creds.paypay?.simulated) sim.setWebhookUrl(`${url}/webhooks/paypay`, 'paypay');
    // For tools beside the service (CLI, bench, psql): where this run's API and simulator are.
    await database.embedded?.publish({ url, ...(pspSimUrl ? { pspSimUrl } : {}) });
    return {
      app,
      url,
      db,
      databaseUrl,
      events,
      ...(database.embedded ? { embeddedAdminUrl: database.embedded.adminUrl } : {}),
      ...(database.joined ? { joined: database.joined.owner } : {}),
      pspSimUrl,
      pspSimInProcess: sim !== undefined,
      adminKey,
      jwtSecret,
      generated: { adminKey: !config.adminKey, jwtSecret: !config.jwtSecret },
      // HTTP first (no new requests, in-flight ones finish), then the sweeper and tasks, then the simulator, Postgres last.
      close: () => stack.closeAll(log),
      forceStop: async () => {
        await database.close('fast');
      },
    };
  } catch (e) {
    await stack.closeAll(log).catch(() => {});
    throw e;
  }
}
