import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDatabase } from './platform/db/open.ts';
import { describeUrl } from './platform/db/reachable.ts';
import { portInUse } from './platform/lifecycle/ports.ts';
import type { Shutdown } from './platform/lifecycle/signals.ts';
import { StartupError } from './platform/lifecycle/startup-error.ts';
import type { Logger } from './platform/logging.ts';
import type { LogKeeper } from './platform/logs/log.keeper.ts';
import type { Tracing } from './platform/tracing.ts';
import { isCommand, preflight } from './preflight.ts';
import type { Service } from './service.ts';

// Only what the preflight checks need is imported above. The logger (pino, the OpenTelemetry SDK), the
// log keeper (Kysely) and the service itself (HTTP edge, workers, simulator) are loaded once they passed:
// a start that cannot succeed (a port taken, the data dir in use, the database unreachable) ends before
// most of the code is even read (see preflight.ts for the seconds this saves).
const service = () => import('./service.ts');

const USAGE = `usage: orderly <command>

commands:
  start      Postgres (embedded unless DATABASE_URL), migrations, PSP simulator (development), API, workers
  api        the HTTP API only (no follow-up tasks, no sweeper), beside a running \`start\`: it joins
             that start's embedded Postgres (same ORDERLY_DATA_DIR) or uses DATABASE_URL
  psp-sim    the PSP simulator alone, on PSP_SIM_PORT (development only)
  migrate    apply migrations and exit (beside a running start, into that start's Postgres)
  monitor    the consistency monitor alone (start runs one too, unless MONITOR_ENABLED=false), beside
             a running \`start\` (same ORDERLY_DATA_DIR) or on DATABASE_URL; it reads the event stream
  help       this text

Settings come from environment variables (ORDERLY_ENV=production for production); see the README.`;

/** How long a drain may take before it is forced. */
const DRAIN_TIMEOUT_MS = 30_000;

async function banner(config: Config, s: Service, command: string): Promise<string> {
  const production = config.mode === 'production';
  const out = [
    '',
    `orderly ${command} is running at ${s.url}  (${production ? 'PRODUCTION mode' : 'development mode'})`,
    `  database:        ${s.joined ? `the embedded Postgres of ${s.joined}` : config.databaseUrl ? describeUrl(config.databaseUrl) : `embedded Postgres in ${path.resolve(config.dataDir)}`}`,
  ];
  if (s.pspSimUrl) out.push(`  PSP simulator:   ${s.pspSimUrl}${s.pspSimInProcess ? '' : ' (external)'}`);
  const routes = Object.entries(config.routes).filter(([m]) => config.paymentMethods.includes(m as never));
  out.push(`  payments:        ${routes.map(([m, r]) => `${m} → ${r.join(', ')}`).join('; ')}`);
  if (config.web.console) out.push(`  ops console:     ${s.url}/console  (sign in with the admin key)`);
  if (config.web.shop) out.push(`  storefront:      ${s.url}/shop  (demo)`);
  // Secrets are printed only where they were generated here, for a developer's first curl; never in production.
  if (production || !s.generated.adminKey) out.push('  admin key:       (from ORDERLY_ADMIN_KEY)');
  else out.push(`  admin key:       ${s.adminKey}  (generated, kept in the data directory)`);
  if (production || !s.generated.jwtSecret) {
    out.push('', 'Customers authenticate with JWTs (HS256, ORDERLY_JWT_SECRET) from your identity provider.');
    return out.join('\n') + '\n';
  }
  const { signCustomerToken } = await import('./api/index.ts');
  const token = await signCustomerToken(s.jwtSecret, 'demo-customer');
  const body = JSON.stringify({
    items: [{ sku: 'TSHIRT-BLK-M', quantity: 1 }],
    shippingAddress: { name: '山田 太郎', postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', line1: '渋谷2-24-12', phone: '03-1234-5678' },
    payment: { method: 'card', token: 'tok_visa' },
  });
  out.push(
    `  demo customer token (sub=demo-customer, 24 hours; the JWT secret was generated):`,
    `    ${token}`,
    '',
    'Buy something:',
    `  curl -s -X POST ${s.url}/api/v1/orders \\`,
    `    -H 'Authorization: Bearer ${token}' \\`,
    `    -H "Idempotency-Key: $(date +%s%N)" -H 'Content-Type: application/json' \\`,
    `    -d '${body}'`,
    '',
    'Or pay with PayPay (QR): the same with "payment": { "method": "paypay" }; the 202 answer has',
    '  payment.nextAction.url (the QR page to open) and a channelToken for',
    `  ${s.url.replace(/^http/, 'ws')}/api/v1/orders/<orderNo>/live?token=<channelToken>`,
    '',
    `Look at it as an operator:  curl -s ${s.url}/api/v1/admin/orders -H 'Authorization: Bearer ${s.generated.adminKey ? s.adminKey : '$ORDERLY_ADMIN_KEY'}'`,
    '',
  );
  return out.join('\n') + '\n';
}

async function serve(config: Config, log: Logger, shutdown: Shutdown, command: 'start' | 'api', logKeeper: LogKeeper, tracing: Tracing | undefined): Promise<void> {
  // The ports, the data dir's owner and DATABASE_URL were checked by preflight() already.
  const { startService } = await service();
  const s = await startService(config, log, { worker: command === 'start', simulator: command === 'start', role: command === 'start' ? 'own' : 'join', logKeeper });
  process.stdout.write(await banner(config, s, command));
  // Spans still buffered are exported after the drain (a forced stop loses them).
  shutdown.ready({ drain: async () => {
    await s.close();
    await tracing?.shutdown().catch(() => {});
  }, force: s.forceStop });
}

async function pspSim(config: Config, log: Logger, shutdown: Shutdown): Promise<void> {
  // Production mode and a taken PSP_SIM_PORT were refused by preflight().
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: path.join(config.dataDir, 'psp-sim'), role: 'own', command: 'psp-sim', log });
  try {
    const [{ providerCredentials, simulatedProviders }, { startPspSim }] = await Promise.all([import('./providers.ts'), import('./psp-sim/index.ts')]);
    const creds = await providerCredentials(config);
    const serviceUrl = config.pspSim.serviceUrl;
    const sim = await startPspSim({
      databaseUrl: db.url,
      port: config.pspSim.port,
      host: config.pspSim.host,
      apiKey: config.pspSim.apiKey,
      pendingSettleMs: config.pspSim.pendingSettleMs,
      timeoutDelayMs: config.pspSim.timeoutDelayMs,
      // Shared with the service through the environment, or through the data dir when both use the default one.
      webhookSecret: creds.pspSimWebhookSecret!,
      webhookUrl: config.pspSim.webhookUrl ?? `${serviceUrl}/webhooks/psp-sim`,
      // Plays every configured Stripe / PayPay with the same credentials, sending their webhooks to the service.
      ...simulatedProviders(creds, true),
      webhookUrls: { stripe: `${serviceUrl}/webhooks/stripe`, paypay: `${serviceUrl}/webhooks/paypay` },
      logger: log,
    }).catch((e: unknown) => {
      throw (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new StartupError(portInUse(config.pspSim.host, config.pspSim.port, 'PSP_SIM_PORT')) : e;
    });
    log.info({ url: sim.url }, 'PSP simulator listening');
    shutdown.ready({
      drain: async () => {
        await sim.close();
        await db.close();
      },
      force: () => db.close('fast'),
    });
  } catch (e) {
    await db.close();
    throw e;
  }
}

async function monitor(config: Config, log: Logger, shutdown: Shutdown): Promise<void> {
  const { startMonitorProcess } = await import('./monitor-process.ts');
  const m = await startMonitorProcess(config, log);
  process.stdout.write(`\norderly monitor is running: reading the ${m.transport} event stream, grace window ${config.monitor.graceMs} ms; alerts in GET /api/v1/admin/alerts\n`);
  shutdown.ready({ drain: m.close, force: m.close });
}

async function migrate(config: Config, log: Logger): Promise<void> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, role: 'own-or-join', command: 'migrate', log, embeddedSettings: config.embeddedPgSettings });
  try {
    const { migrateDatabase } = await import('./migrations.ts');
    await migrateDatabase(db.url, log, config.mode);
  } catch (e) {
    throw new StartupError(`migrations failed: ${(e as Error).message}`);
  } finally {
    await db.close();
  }
  log.info(db.joined ? { into: db.joined.owner } : {}, 'migrations applied');
}

/** One clear line and exit code 1: a start that cannot succeed. */
function cannotStart(command: string, e: StartupError): never {
  console.error(`orderly ${command}: ${e.message}`);
  process.exit(1);
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'start';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  if (!isCommand(command)) {
    console.error(`unknown command "${command}"\n\n${USAGE}`);
    process.exit(2);
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  try {
    await preflight(command, config);
  } catch (e) {
    if (e instanceof StartupError) cannotStart(command, e);
    throw e;
  }
  const [{ createProcessLogger }, { LogKeeper }, { Shutdown }, { startTracing }] = await Promise.all([
    import('./platform/logging.ts'),
    import('./platform/logs/log.keeper.ts'),
    import('./platform/lifecycle/signals.ts'),
    import('./platform/tracing.ts'),
  ]);
  // Traces are off (and cost nothing) unless an OTLP endpoint is given.
  const tracing = config.otel.endpoint ? startTracing({ endpoint: config.otel.endpoint, serviceName: config.otel.serviceName, version: process.env.npm_package_version ?? '0.1.0' }) : undefined;
  // Warn and error lines are also kept in the database once it is open (LOG_KEEP_*), for `orderly triage`.
  const keeper = new LogKeeper();
  const log = createProcessLogger(config.logLevel, keeper);
  // Before anything is started: a Ctrl-C while Postgres starts still ends in a clean stop. (During the
  // preflight checks above the default action, an immediate exit, is right: they start nothing.)
  const shutdown = new Shutdown(log, { drainTimeoutMs: DRAIN_TIMEOUT_MS }).install();
  try {
    if (command === 'start' || command === 'api') await serve(config, log, shutdown, command, keeper, tracing);
    else if (command === 'psp-sim') await pspSim(config, log, shutdown);
    else if (command === 'monitor') await monitor(config, log, shutdown);
    else await migrate(config, log);
  } catch (e) {
    if (e instanceof StartupError) {
      log.debug({ err: e }, 'cannot start');
      cannotStart(command, e);
    }
    throw e;
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
