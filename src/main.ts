import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { startEmbeddedPostgres } from './platform/db/embedded.ts';
import { migrateAll } from './platform/db/migrate-all.ts';
import { signCustomerToken } from './platform/http/auth.ts';
import { createLogger, type Logger } from './platform/logging.ts';
import { startPspSim } from './psp-sim/index.ts';
import { providerCredentials, simulatedProviders } from './providers.ts';
import { startService } from './service.ts';

const USAGE = `usage: orderly <command>

commands:
  start      Postgres (embedded unless DATABASE_URL), migrations, PSP simulator, API, workers
  api        the HTTP API only (no follow-up tasks, no sweeper): more API processes beside a
             \`start\` on the same DATABASE_URL; set PSP_SIM_ENABLED=false and PSP_SIM_URL
  psp-sim    the PSP simulator alone, on PSP_SIM_PORT
  migrate    apply migrations and exit
  help       this text

Settings come from environment variables; see the README.`;

/** Runs `fn` until SIGTERM/SIGINT, then drains with `stop` and exits. */
function untilSignal(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'draining: no new requests; finishing in-flight requests and jobs');
    const force = setTimeout(() => {
      log.error('drain took longer than 30 s; exiting');
      process.exit(1);
    }, 30_000);
    force.unref();
    stop()
      .then(() => {
        log.info('stopped cleanly');
        process.exit(0);
      })
      .catch((e: unknown) => {
        log.error({ err: e }, 'error while stopping');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

async function banner(config: Config, s: Awaited<ReturnType<typeof startService>>): Promise<string> {
  const token = await signCustomerToken(s.jwtSecret, 'demo-customer');
  const body = JSON.stringify({
    items: [{ sku: 'TSHIRT-BLK-M', quantity: 1 }],
    shippingAddress: { name: '山田 太郎', postalCode: '150-0002', prefecture: '東京都', city: '渋谷区', line1: '渋谷2-24-12', phone: '03-1234-5678' },
    payment: { method: 'card', token: 'tok_visa' },
  });
  return [
    '',
    `orderly is running at ${s.url}`,
    `  PSP simulator:   ${s.pspSimUrl}${config.pspSim.enabled ? '' : ' (external)'}`,
    `  data directory:  ${path.resolve(config.dataDir)}${config.databaseUrl ? ' (Postgres from DATABASE_URL)' : ' (embedded Postgres)'}`,
    `  admin key:       ${config.adminKey ? '(from ORDERLY_ADMIN_KEY)' : s.adminKey}`,
    `  demo customer token (sub=demo-customer, 30 days):`,
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
    `Look at it as an operator:  curl -s ${s.url}/api/v1/admin/orders -H 'Authorization: Bearer ${config.adminKey ? '$ORDERLY_ADMIN_KEY' : s.adminKey}'`,
    '',
  ].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const command = argv[0] ?? 'start';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
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
  const log = createLogger(config.logLevel);

  switch (command) {
    case 'api':
    case 'start': {
      if (command === 'api' && !config.databaseUrl) {
        console.error('orderly api needs DATABASE_URL: it joins a database another orderly process runs the tasks for');
        process.exit(2);
      }
      const s = await startService(config, log, { worker: command === 'start' });
      process.stdout.write(await banner(config, s));
      untilSignal(log, s.close);
      return;
    }
    case 'psp-sim': {
      let url = config.databaseUrl;
      let stopDb = async () => {};
      if (!url) {
        const db = await startEmbeddedPostgres(path.join(config.dataDir, 'psp-sim'), log);
        url = db.url;
        stopDb = db.stop;
      }
      const creds = await providerCredentials(config);
      const sim = await startPspSim({
        databaseUrl: url,
        port: config.pspSim.port,
        apiKey: config.pspSim.apiKey,
        pendingSettleMs: config.pspSim.pendingSettleMs,
        timeoutDelayMs: config.pspSim.timeoutDelayMs,
        // Shared with the service through the environment, or through the data dir when both use the default one.
        webhookSecret: creds.pspSimWebhookSecret,
        webhookUrl: config.pspSim.webhookUrl ?? `http://127.0.0.1:${config.port}/webhooks/psp-sim`,
        // Plays every configured Stripe / PayPay with the same credentials, sending their webhooks to the service.
        ...simulatedProviders(creds, true),
        webhookUrls: { stripe: `http://127.0.0.1:${config.port}/webhooks/stripe`, paypay: `http://127.0.0.1:${config.port}/webhooks/paypay` },
        logger: log,
      });
      log.info({ url: sim.url }, 'PSP simulator listening');
      untilSignal(log, async () => {
        await sim.close();
        await stopDb();
      });
      return;
    }
    case 'migrate': {
      let url = config.databaseUrl;
      let stopDb = async () => {};
      if (!url) {
        const db = await startEmbeddedPostgres(config.dataDir, log);
        url = db.url;
        stopDb = db.stop;
      }
      await migrateAll(url, log);
      await stopDb();
      log.info('migrations applied');
      return;
    }
    default:
      console.error(`unknown command "${command}"\n\n${USAGE}`);
      process.exit(2);
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
