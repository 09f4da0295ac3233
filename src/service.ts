import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import {
  asyncPaymentTasks,
  followUpTasks,
  ORDER_CHANGED_CHANNEL,
  OrderLiveHub,
  startSweeper,
  type CheckoutDeps,
} from './checkout/index.ts';
import type { Config } from './config.ts';
import * as inventory from './inventory/index.ts';
import { Mailer } from './notifications/index.ts';
import { createPayments } from './payments/index.ts';
import { startPspSim, type PspSim } from './psp-sim/index.ts';
import { createDb, type Db } from './platform/db/database.ts';
import { startEmbeddedPostgres, type EmbeddedDb } from './platform/db/embedded.ts';
import { PgListener } from './platform/db/listener.ts';
import { migrateAll } from './platform/db/migrate-all.ts';
import type { AppContext } from './platform/http/context.ts';
import { startTaskRunner, unlockOrphanedJobs, type TaskRunner } from './platform/jobs/task.runner.ts';
import type { Logger } from './platform/logging.ts';
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
  pspSimUrl: string;
  adminKey: string;
  jwtSecret: string;
  /** Drains: stops taking requests, finishes in-flight requests and jobs, then stops Postgres. */
  close(): Promise<void>;
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

/**
 * Starts everything one process runs: Postgres (embedded unless DATABASE_URL),
 * migrations, the PSP simulator (unless disabled), the HTTP API, the follow-up
 * task runner and the recovery sweeper.
 */
export async function startService(config: Config, log: Logger, opts: { worker?: boolean } = {}): Promise<Service> {
  // `orderly api` runs no follow-up tasks and no sweeper: another process on the same database does.
  const worker = opts.worker ?? true;
  let embedded: EmbeddedDb | undefined;
  let databaseUrl = config.databaseUrl;
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres(path.join(config.dataDir), log);
    databaseUrl = embedded.url;
  }
  const cleanup: (() => Promise<void>)[] = [];
  try {
    await migrateAll(databaseUrl, log);
    const { db, pool } = createDb(databaseUrl, config.dbPoolSize);
    cleanup.push(() => db.destroy());
    if (embedded) {
      // We own this server: any job still locked was locked by our previous, dead self.
      const freed = await unlockOrphanedJobs(db, 0);
      if (freed > 0) log.warn({ freed }, 'freed follow-up jobs locked before a crash');
    }
    const adminKey = await keptSecret(config.dataDir, 'admin-key', config.adminKey, 24);
    const jwtSecret = await keptSecret(config.dataDir, 'jwt-secret', config.jwtSecret, 32);
    scrubFromLogs(adminKey, jwtSecret);
    const creds = await providerCredentials(config);
    let sim: PspSim | undefined;
    if (config.pspSim.enabled) {
      sim = await startPspSim({
        databaseUrl,
        port: config.pspSim.port,
        apiKey: config.pspSim.apiKey,
        pendingSettleMs: config.pspSim.pendingSettleMs,
        timeoutDelayMs: config.pspSim.timeoutDelayMs,
        webhookSecret: creds.pspSimWebhookSecret,
        ...(config.pspSim.webhookUrl ? { webhookUrl: config.pspSim.webhookUrl } : {}),
        // The providers configured with API base "simulator" are played by this simulator.
        ...simulatedProviders(creds, false),
        logger: log,
      });
      cleanup.push(() => sim!.close());
    }
    const pspSimUrl = sim?.url ?? config.pspSim.url;
    const metrics = createMetrics();
    registerDeadLetterGauge(metrics.registry, db, log);
    const payments = createPayments({ ...paymentsConfig(config, creds, pspSimUrl), log, observer: pspObserver(metrics) });
    const mailer = new Mailer({ ...(config.smtpUrl ? { smtpUrl: config.smtpUrl } : {}), from: config.mailFrom });
    const ctx: AppContext = { config, db, log, payments, adminKey, jwtSecret };
    const deps: CheckoutDeps = { db, config, payments, mailer, log, metrics, jwtSecret };
    if (config.demoCatalog) await loadDemoCatalog(db, log);

    // Order changes made by any process reach this process's live subscribers.
    const listener = new PgListener(databaseUrl, ORDER_CHANGED_CHANNEL, log);
    await listener.start();
    cleanup.push(() => listener.stop());
    const hub = new OrderLiveHub(listener);

    const handlers = { ...followUpTasks(deps), ...asyncPaymentTasks(deps) };
    const runner: TaskRunner | undefined = worker
      ? await startTaskRunner({ db, pool, log, handlers, policy: config.tasks, concurrency: config.tasks.concurrency })
      : undefined;
    const sweeper = worker ? startSweeper(deps, { orphanedJobAfterMs: 120_000 }) : undefined;
    const app = await buildApp(ctx, deps, hub);
    const address = await app.listen({ port: config.port, host: config.host });
    const url = address.replace('[::1]', '127.0.0.1');
    // The in-process simulator sends its webhooks to us unless told otherwise.
    if (sim && !config.pspSim.webhookUrl) sim.setWebhookUrl(`${url}/webhooks/psp-sim`);
    if (sim && creds.stripe?.simulated) sim.setWebhookUrl(`${url}/webhooks/stripe`, 'stripe');
    if (sim && creds.paypay?.simulated) sim.setWebhookUrl(`${url}/webhooks/paypay`, 'paypay');
    if (embedded) {
      // For tools beside the service (bench, pgbench, psql): how to reach this run's Postgres.
      const runtime = { pid: process.pid, url, pspSimUrl, databaseUrl, adminDatabaseUrl: embedded.adminUrl, pgPort: embedded.port };
      await writeFile(path.join(config.dataDir, 'runtime.json'), JSON.stringify(runtime, null, 2) + '\n', { mode: 0o600 });
    }
    return {
      app,
      url,
      db,
      databaseUrl,
      ...(embedded ? { embeddedAdminUrl: embedded.adminUrl } : {}),
      pspSimUrl,
      adminKey,
      jwtSecret,
      close: async () => {
        await app.close();
        await sweeper?.stop();
        await runner?.stop();
        mailer.close();
        for (const c of cleanup.reverse()) await c();
        await embedded?.stop();
      },
    };
  } catch (e) {
    for (const c of cleanup.reverse()) await c().catch(() => {});
    await embedded?.stop().catch(() => {});
    throw e;
  }
}
