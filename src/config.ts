import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_ROOT } from './platform/package.ts';
import { scrubFromLogs } from './platform/secrets.ts';

/**
 * Process settings, read once from the environment and validated at start.
 * Every variable here is documented in the README with its default.
 */

/** Where a provider's API is: a URL, or `simulator` = the in-process simulator's compatible API. */
export type ApiBase = { kind: 'url'; url: string } | { kind: 'simulator' };

/** The payment methods a buyer can choose, each routed to an ordered list of providers. */
export const PAYMENT_METHODS = ['card', 'paypay'] as const;
export type PaymentMethodName = (typeof PAYMENT_METHODS)[number];

/** The PSP adapters this build has, and the methods each can take. */
export const PROVIDERS: Record<string, readonly PaymentMethodName[]> = {
  'psp-sim': ['card', 'paypay'],
  stripe: ['card'],
  paypay: ['paypay'],
};
/**
 * `development` (the default): zero setup — simulator, generated secrets, demo catalog.
 * `production` (`ORDERLY_ENV=production`): nothing simulated or generated; see {@link productionProblems}.
 */
export type Mode = 'development' | 'production';

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  /** Warn and error lines kept in Postgres for live triage (README "Configuration"); maxAgeMs 0: none kept. */
  logKeep: { maxAgeMs: number; maxRows: number };
  /** Traces (README "Traces"): exported over OTLP/HTTP to this base URL when set; off otherwise. */
  otel: { endpoint: string | undefined; serviceName: string };
  adminKey: string | undefined;
  jwtSecret: string | undefined;
  pspSim: {
    /** Start the simulator inside this process (`npm start`). */
    enabled: boolean;
    port: number;
    /** Where the simulator listens (in-process or `orderly psp-sim`). */
    host: string;
    /** Where the service reaches the simulator's API. */
    url: string;
    apiKey: string;
    pendingSettleMs: number;
    timeoutDelayMs: number;
    /** Signs the simulator's webhooks; undefined = generated once and kept in the data dir. */
    webhookSecret: string | undefined;
    /** Also accepted while the secret is rotated. */
    webhookSecretPrevious: string | undefined;
    /** Where the simulator sends webhooks; undefined = this service's own `/webhooks/psp-sim`. */
    webhookUrl: string | undefined;
    /** A standalone simulator (`orderly psp-sim`): the service it plays the PSPs for (`ORDERLY_URL`), where all its webhooks go. */
    serviceUrl: string;
  };
  /** How old a webhook signature may be (replay protection). */
  webhookToleranceSeconds: number;
  /** Unsigned PSP hints (PayPay): duplicates within this are dropped, confirmations within it not repeated. */
  webhookHintWindowMs: number;
  /** An order waiting for the buyer (QR, 3-D Secure) fails with PAYMENT_EXPIRED after this. */
  paymentExpiresMs: number;
  /** Polling of a waiting payment: first after this, doubling up to the max. */
  paymentPollFirstMs: number;
  paymentPollMaxMs: number;
  /** Bearer token that may read /metrics besides the admin key. */
  metricsToken: string | undefined;
  /** Stripe (official SDK, PaymentIntents with manual capture); undefined = not configured. */
  stripe: StripeConfig | undefined;
  /** PayPay Open Payment API (QR, preauthorization); undefined = not configured. */
  paypay: PayPayConfig | undefined;
  /** The payment methods buyers may choose (`PAYMENT_METHODS`). */
  paymentMethods: PaymentMethodName[];
  /** Per payment method, the providers to try in order (failover only where safe); empty for a method not enabled. */
  routes: Record<PaymentMethodName, string[]>;
  /** Production: allow http:// PSP API bases (a simulator or sandbox on a private network); never for a real PSP. */
  pspAllowHttp: boolean;
  /** Resilience of every PSP call (timeouts, retries, circuit breaker); see README "Providers". */
  psp: PspPolicyConfig;
  /** Timeout of an authorization call (the buyer waits for it). */
  pspTimeoutMs: number;
  pspAmbiguityWindowMs: number;
  reserveDeadlineMs: number;
  tasks: {
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    concurrency: number;
    /** Jobs the runner fetches (and locks) at once for its workers; 0: each worker fetches its own. */
    localQueueSize: number;
    /** How long the runner gathers finished jobs to mark them done in one statement; -1: one statement each. */
    completeBatchMs: number;
    /** Paid orders' follow-ups not yet run beyond which new purchases are refused (503 CHECKOUT_BUSY); 0: never. */
    backlogMax: number;
    lagMaxMs: number;
  };
  sweepIntervalMs: number;
  sweepGraceMs: number;
  /** `POST /api/v1/orders` per customer per minute. */
  rateLimitPerMinute: number;
  /** The HTTP edge's bounds (src/api/). */
  http: HttpConfig;
  idempotencyTtlHours: number;
  dbPoolSize: number;
  /** Settings for the embedded Postgres (`name=value`, EMBEDDED_PG_SETTINGS), passed as `-c` after orderly's own. */
  embeddedPgSettings: string[];
  smtpUrl: string | undefined;
  /** Bound of each SMTP step (connect, greeting, every reply). */
  smtpTimeoutMs: number;
  mailFrom: string;
  shopEmail: string;
  demoCatalog: boolean;
  web: WebConfig;
  /** Where events go (README "Events"). */
  events: EventsConfig;
  /** The consistency monitor (README "Alerts"). */
  monitor: MonitorConfig;
  /** Outbound webhooks to the shop's other systems (README "Outbound webhooks"). */
  outbound: {
    /** Bound of one delivery attempt: connecting, sending, and reading the answer's first bytes. */
    timeoutMs: number;
    /** Attempts of one delivery (one series) before it is `dead`. */
    maxAttempts: number;
    /** Backoff between failed attempts: exponential with full jitter from this … */
    retryBaseMs: number;
    /** … up to this. */
    retryMaxMs: number;
    /** Active subscriptions at most (each event fans out to every one). */
    maxSubscriptions: number;
    /** Deliveries in flight at once per process; the rest wait, so slow receivers never hold every worker slot. */
    concurrency: number;
    /** Allow URLs on loopback and private addresses (literal, or resolved at delivery); development default true. */
    allowPrivateUrls: boolean;
    /** Allow plain http:// URLs; development default true. */
    allowHttp: boolean;
  };
  /** Reconciliation with the PSPs in `start` (README "Reconciliation"): every `intervalMs` (0: never) over the last `windowMs`. */
  reconcile: { intervalMs: number; windowMs: number };
  /** The ops console's overview (`GET /api/v1/admin/overview` and its stream). */
  overview: {
    /** How often the stream sends the overview again. */
    streamIntervalMs: number;
    /** The share of decided purchases (paid / (paid + failed)) the overview holds the window to. */
    successObjective: number;
  };
}

export interface EventsConfig {
  /** NATS JetStream; undefined = the Postgres-backed stream. */
  natsUrl: string | undefined;
  /** JetStream stream names: `<prefix>ORDERS`, `<prefix>PAYMENTS` … */
  natsStreamPrefix: string;
  /** Put before every subject (several orderly installations, or test runs, on one NATS). */
  natsSubjectPrefix: string;
  /** JetStream drops a re-published event id within this window. */
  natsDuplicateWindowMs: number;
  natsPublishTimeoutMs: number;
  /** Relayed events are kept this long (outbox rows; JetStream max_age). */
  retentionMs: number;
}

export interface MonitorConfig {
  /** Run the consistency monitor inside `start` (it can also run alone: `orderly monitor`). */
  enabled: boolean;
  /** An inconsistency must last this long before it is an alert (seed 003: 5 minutes). */
  graceMs: number;
}

/** The web pages the service serves (web/, built by `npm run build:web`). */
export interface WebConfig {
  /** Where the built pages are (WEB_DIR; default web/dist in orderly's folder). */
  dir: string;
  /** The ops console at /console (WEB_CONSOLE). */
  console: boolean;
  /** The demo storefront at /shop (WEB_SHOP; development only by default). */
  shop: boolean;
  /** POST /api/v1/demo/sign-in hands out customer tokens (DEMO_SIGN_IN; refused in production). */
  demoSignIn: boolean;
}

export interface HttpConfig {
  /** Whole request (headers and body) must arrive within this; slow senders are cut off. */
  requestTimeoutMs: number;
  /** Customer JWTs older than this (`iat`) are refused, whatever their `exp`. */
  jwtMaxAgeSeconds: number;
  /** Live connections (WebSocket + SSE) this process holds at most, over all orders. */
  liveMaxConnections: number;
  /** Requests per minute: per customer (reads), per client address (public, admin, webhooks, failed authentication). */
  rateLimits: { reads: number; public: number; admin: number; webhooks: number; authFailures: number };
}

export interface StripeConfig {
  /** Undefined only with the simulator (which then uses a fixed local test key). */
  secretKey: string | undefined;
  apiBase: ApiBase;
  webhookSecret: string | undefined;
  webhookSecretPrevious: string | undefined;
  ratePerSecond: number;
}

export interface PayPayConfig {
  apiKey: string | undefined;
  apiSecret: string | undefined;
  merchantId: string | undefined;
  apiBase: ApiBase;
  ratePerSecond: number;
}

export interface PspPolicyConfig {
  /** Timeouts of status reads (get, search) and of capture / void / refund. */
  readTimeoutMs: number;
  followupTimeoutMs: number;
  /** Retries of calls the PSP certainly did not accept, exponential backoff with full jitter. */
  retryMax: number;
  retryBaseMs: number;
  retryMaxDelayMs: number;
  /**
   * A provider's circuit opens when at least `circuitMinCalls` whole calls (after retries) in the last
   * `circuitWindowMs` failed (unavailable or timed out) at a rate of `circuitFailureRate` (0–1) or more;
   * it stays open `circuitHalfOpenMs`, then lets `circuitProbes` calls through, whose failure rate closes or reopens it.
   */
  circuitFailureRate: number;
  circuitMinCalls: number;
  circuitWindowMs: number;
  circuitHalfOpenMs: number;
  circuitProbes: number;
  /** Also open after this many whole calls failed in a row (0: never): a PSP that just went down, noticed at once. */
  circuitConsecutiveFailures: number;
  /** psp-sim's own call rate limit (Stripe's and PayPay's are in their sections). */
  pspSimRatePerSecond: number;
}

type Env = Record<string, string | undefined>;

class ConfigErrors {
  readonly problems: string[] = [];

  int(env: Env, name: string, def: number, min: number, max: number): number {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return def;
    }
    return n;
  }

  /** A number strictly between `min` and `max` (a rate: 0 and 1), decimals allowed. */
  between(env: Env, name: string, def: number, min: number, max: number): number {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= min || n >= max) {
      this.problems.push(`${name} must be a number greater than ${min} and less than ${max} (got "${raw}")`);
      return def;
    }
    return n;
  }

  /** A setting that no longer exists: refused rather than silently ignored, saying what took its place. */
  replaced(env: Env, name: string, why: string): void {
    if (env[name] !== undefined) this.problems.push(`${name} is no longer supported: ${why}; remove it`);
  }

  bool(env: Env, name: string, def: boolean): boolean {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return def;
  }

  url(env: Env, name: string, protocols: string[]): string | undefined {
    const raw = name === 'DATABASE_URL' ? this.fromEnvOrFile(env, name) : env[name];
    if (raw && (name === 'DATABASE_URL' || name === 'NATS_URL')) scrubPassword(raw);
    if (raw === undefined || raw === '') return undefined;
    try {
      const u = new URL(raw);
      if (!protocols.includes(u.protocol)) throw new Error('protocol');
      return raw;
    } catch {
      this.problems.push(`${name} must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`);
      return undefined;
    }
  }

  /**
   * A secret from `NAME`, or from the file `NAME_FILE` names (Docker/Kubernetes
   * secrets; one trailing newline dropped). Every secret read is scrubbed from
   * log output from then on.
   */
  secret(env: Env, name: string, minLength: number): string | undefined {
    const raw = this.fromEnvOrFile(env, name);
    if (raw === undefined || raw === '') return undefined;
    scrubFromLogs(raw);
    if (raw.length < minLength) this.problems.push(`${name} must be at least ${minLength} characters long`);
    return raw;
  }

  private fromEnvOrFile(env: Env, name: string): string | undefined {
    const direct = env[name];
    const file = env[`${name}_FILE`];
    if (direct && file) {
      this.problems.push(`set ${name} or ${name}_FILE, not both`);
      return direct;
    }
    if (!file) return direct;
    try {
      return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      this.problems.push(`${name}_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  }

  /** `PAYMENT_METHODS`: which methods buyers may choose (default: all). */
  methods(env: Env): PaymentMethodName[] {
    const raw = env.PAYMENT_METHODS;
    if (raw === undefined || raw.trim() === '') return [...PAYMENT_METHODS];
    const list = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    const bad = list.filter((m) => !(PAYMENT_METHODS as readonly string[]).includes(m));
    if (bad.length > 0) this.problems.push(`PAYMENT_METHODS: unknown method ${bad.map((b) => `"${b}"`).join(', ')} (known: ${PAYMENT_METHODS.join(', ')})`);
    if (list.length === 0) this.problems.push('PAYMENT_METHODS must name at least one method');
    return [...new Set(list.filter((m) => !bad.includes(m)))] as PaymentMethodName[];
  }

  /** A comma-separated list of provider names for a method, each known and able to take the method. */
  route(env: Env, method: PaymentMethodName, def: string[]): string[] {
    const name = `PAYMENT_PROVIDERS_${method.toUpperCase()}`;
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return def;
    const list = raw.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
    for (const p of list) {
      if (!PROVIDERS[p]) this.problems.push(`${name}: unknown provider "${p}" (known: ${Object.keys(PROVIDERS).join(', ')})`);
      else if (!PROVIDERS[p].includes(method)) this.problems.push(`${name}: provider "${p}" cannot take ${method} payments`);
    }
    if (new Set(list).size !== list.length) this.problems.push(`${name}: a provider is listed twice`);
    if (list.length === 0) this.problems.push(`${name} must name at least one provider`);
    return list;
  }

  /** `simulator`, or an http(s) URL without a trailing slash. */
  apiBase(env: Env, name: string, def: string): ApiBase {
    const raw = env[name];
    if (raw === 'simulator') return { kind: 'simulator' };
    return { kind: 'url', url: (this.url(env, name, ['http:', 'https:']) ?? def).replace(/\/+$/, '') };
  }

  /** A string matching `re` (`what` says how, in the error). */
  pattern(env: Env, name: string, def: string, re: RegExp, what: string): string {
    const raw = env[name];
    if (raw === undefined) return def;
    if (!re.test(raw)) {
      this.problems.push(`${name} must be ${what} (got "${raw}")`);
      return def;
    }
    return raw;
  }

  oneOf(env: Env, name: string, def: string, allowed: string[]): string {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (!allowed.includes(raw)) this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return raw;
  }
}

/** A database URL's password, scrubbed from logs like any other secret. */
function scrubPassword(raw: string): void {
  try {
    const password = new URL(raw).password;
    if (password) scrubFromLogs(decodeURIComponent(password));
  } catch {
    // not a URL: reported by the caller
  }
}

function stripeConfig(c: ConfigErrors, env: Env): StripeConfig | undefined {
  const apiBase = c.apiBase(env, 'STRIPE_API_BASE', 'https://api.stripe.com');
  const secretKey = c.secret(env, 'STRIPE_SECRET_KEY', 8);
  if (!secretKey && apiBase.kind === 'url') return undefined;
  return {
    secretKey,
    apiBase,
    webhookSecret: c.secret(env, 'STRIPE_WEBHOOK_SECRET', 8),
    webhookSecretPrevious: c.secret(env, 'STRIPE_WEBHOOK_SECRET_PREVIOUS', 8),
    // Stripe's documented default: 100 operations per second in live mode (25 in test mode).
    ratePerSecond: c.int(env, 'STRIPE_RATE_LIMIT_PER_SECOND', 100, 1, 10_000),
  };
}

function paypayConfig(c: ConfigErrors, env: Env): PayPayConfig | undefined {
  // PayPay's current production gateway (the SDK's api.paypay.ne.jp is marked deprecated); sandbox: https://apigw.sandbox.paypay.ne.jp
  const apiBase = c.apiBase(env, 'PAYPAY_API_BASE', 'https://apigw.paypay.ne.jp');
  const apiKey = c.secret(env, 'PAYPAY_API_KEY', 4);
  const apiSecret = c.secret(env, 'PAYPAY_API_SECRET', 8);
  const merchantId = env.PAYPAY_MERCHANT_ID || undefined;
  if (apiBase.kind === 'url' && !apiKey && !apiSecret && !merchantId) return undefined;
  if (apiBase.kind === 'url' && !(apiKey && apiSecret && merchantId)) {
    c.problems.push('PayPay needs PAYPAY_API_KEY, PAYPAY_API_SECRET and PAYPAY_MERCHANT_ID together');
  }
  return { apiKey, apiSecret, merchantId, apiBase, ratePerSecond: c.int(env, 'PAYPAY_RATE_LIMIT_PER_SECOND', 10, 1, 10_000) };
}

/** Thrown when the environment holds bad values; the message lists each one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** EMBEDDED_PG_SETTINGS: `name=value` pairs separated by white space (a value may hold commas: `shared_preload_libraries=a,b`). */
function pgSettings(raw: string | undefined, problems: string[]): string[] {
  const pairs = (raw ?? '').split(/\s+/).filter((p) => p.length > 0);
  const bad = pairs.filter((p) => !/^[a-z_][a-z0-9_.]*=[^\s'"\\]+$/.test(p));
  if (bad.length > 0) problems.push(`EMBEDDED_PG_SETTINGS takes name=value pairs separated by spaces (got "${bad[0]}")`);
  return bad.length > 0 ? [] : pairs;
}

/** Reads and validates the configuration; throws {@link ConfigError} listing every bad value. */
export function loadConfig(env: Env = process.env): Config {
  const c = new ConfigErrors();
  // A count of consecutive failed tries opened circuits on a PSP that answered most calls after a retry.
  c.replaced(env, 'PSP_CIRCUIT_FAILURES', 'replaced by PSP_CIRCUIT_FAILURE_RATE and PSP_CIRCUIT_MIN_CALLS (a failure rate of whole calls over PSP_CIRCUIT_WINDOW_MS) and PSP_CIRCUIT_CONSECUTIVE_FAILURES (whole calls after retries, not single tries)');
  const pspSimPort = c.int(env, 'PSP_SIM_PORT', 4010, 0, 65535);
  const mode = c.oneOf(env, 'ORDERLY_ENV', 'development', ['development', 'production']) as Mode;
  const production = mode === 'production';
  const stripe = stripeConfig(c, env);
  const paypay = paypayConfig(c, env);
  const paymentMethods = c.methods(env);
  // A method goes to the real PSP configured for it; only in development, without one, to the simulator.
  const defaultRoute = (method: PaymentMethodName): string[] => {
    if (method === 'card' && stripe) return ['stripe'];
    if (method === 'paypay' && paypay) return ['paypay'];
    return production ? [] : ['psp-sim'];
  };
  const route = (method: PaymentMethodName) => (paymentMethods.includes(method) ? c.route(env, method, defaultRoute(method)) : []);
  const config: Config = {
    mode,
    port: c.int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl: c.url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: env.ORDERLY_DATA_DIR || './.orderly',
    logLevel: c.oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    otel: { endpoint: c.url(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', ['http:', 'https:']), serviceName: env.OTEL_SERVICE_NAME?.trim() || 'orderly' },
    logKeep: { maxAgeMs: c.int(env, 'LOG_KEEP_HOURS', 24, 0, 24 * 31) * 3_600_000, maxRows: c.int(env, 'LOG_KEEP_MAX_LINES', 50_000, 100, 10_000_000) },
    adminKey: c.secret(env, 'ORDERLY_ADMIN_KEY', 16),
    jwtSecret: c.secret(env, 'ORDERLY_JWT_SECRET', 32),
    pspSim: {
      enabled: c.bool(env, 'PSP_SIM_ENABLED', !production),
      port: pspSimPort,
      host: env.PSP_SIM_HOST || '127.0.0.1',
      url: c.url(env, 'PSP_SIM_URL', ['http:', 'https:']) ?? `http://127.0.0.1:${pspSimPort}`,
      apiKey: c.secret(env, 'PSP_SIM_API_KEY', 8) ?? 'sk_sim_local_development',
      pendingSettleMs: c.int(env, 'PSP_SIM_PENDING_SETTLE_MS', 20_000, 0, 3_600_000),
      timeoutDelayMs: c.int(env, 'PSP_SIM_TIMEOUT_DELAY_MS', 30_000, 0, 600_000),
      webhookSecret: c.secret(env, 'PSP_SIM_WEBHOOK_SECRET', 16),
      webhookSecretPrevious: c.secret(env, 'PSP_SIM_WEBHOOK_SECRET_PREVIOUS', 16),
      webhookUrl: c.url(env, 'PSP_SIM_WEBHOOK_URL', ['http:', 'https:']),
      serviceUrl: (c.url(env, 'ORDERLY_URL', ['http:', 'https:']) ?? `http://127.0.0.1:${env.PORT || 3000}`).replace(/\/+$/, ''),
    },
    webhookToleranceSeconds: c.int(env, 'WEBHOOK_TOLERANCE_SECONDS', 300, 1, 3600),
    webhookHintWindowMs: c.int(env, 'WEBHOOK_HINT_WINDOW_MS', 10_000, 100, 3_600_000),
    paymentExpiresMs: c.int(env, 'PAYMENT_EXPIRES_MS', 600_000, 1_000, 7 * 86_400_000),
    paymentPollFirstMs: c.int(env, 'PAYMENT_POLL_FIRST_MS', 3_000, 50, 3_600_000),
    paymentPollMaxMs: c.int(env, 'PAYMENT_POLL_MAX_MS', 30_000, 50, 3_600_000),
    metricsToken: c.secret(env, 'METRICS_TOKEN', 16),
    stripe,
    paypay,
    paymentMethods,
    routes: { card: route('card'), paypay: route('paypay') },
    pspAllowHttp: c.bool(env, 'PSP_ALLOW_HTTP', false),
    psp: {
      readTimeoutMs: c.int(env, 'PSP_READ_TIMEOUT_MS', 3_000, 100, 120_000),
      followupTimeoutMs: c.int(env, 'PSP_FOLLOWUP_TIMEOUT_MS', 10_000, 100, 120_000),
      // Three retries: a PSP refusing 30 % of calls (nothing done) still takes 99 % of them.
      retryMax: c.int(env, 'PSP_RETRY_MAX', 3, 0, 10),
      retryBaseMs: c.int(env, 'PSP_RETRY_BASE_MS', 100, 1, 60_000),
      retryMaxDelayMs: c.int(env, 'PSP_RETRY_MAX_DELAY_MS', 2_000, 1, 600_000),
      circuitFailureRate: c.between(env, 'PSP_CIRCUIT_FAILURE_RATE', 0.5, 0, 1),
      circuitMinCalls: c.int(env, 'PSP_CIRCUIT_MIN_CALLS', 10, 1, 100_000),
      circuitWindowMs: c.int(env, 'PSP_CIRCUIT_WINDOW_MS', 10_000, 100, 3_600_000),
      circuitHalfOpenMs: c.int(env, 'PSP_CIRCUIT_HALF_OPEN_MS', 10_000, 100, 3_600_000),
      circuitProbes: c.int(env, 'PSP_CIRCUIT_PROBES', 3, 1, 1000),
      circuitConsecutiveFailures: c.int(env, 'PSP_CIRCUIT_CONSECUTIVE_FAILURES', 5, 0, 1000),
      pspSimRatePerSecond: c.int(env, 'PSP_SIM_RATE_LIMIT_PER_SECOND', 1_000, 1, 100_000),
    },
    pspTimeoutMs: c.int(env, 'PSP_TIMEOUT_MS', 5_000, 100, 120_000),
    // Stripe's Search (how a timed-out create is found) can lag writes by about a minute.
    pspAmbiguityWindowMs: c.int(env, 'PSP_AMBIGUITY_WINDOW_MS', 120_000, 0, 3_600_000),
    reserveDeadlineMs: c.int(env, 'RESERVE_DEADLINE_MS', 15_000, 500, 300_000),
    tasks: {
      // With backoff capped at 30 s, 50 attempts are about 10 minutes of real failures before a dead letter;
      // waits for a known moment (RunAgain) never count.
      maxAttempts: c.int(env, 'TASK_MAX_ATTEMPTS', 50, 1, 1000),
      retryBaseMs: c.int(env, 'TASK_RETRY_BASE_MS', 1_000, 10, 3_600_000),
      // Short enough that every follow-up is done within about a minute of a fault ending.
      retryMaxMs: c.int(env, 'TASK_RETRY_MAX_MS', 30_000, 10, 86_400_000),
      concurrency: c.int(env, 'WORKER_CONCURRENCY', 8, 1, 100),
      localQueueSize: c.int(env, 'WORKER_LOCAL_QUEUE', 16, 0, 1000),
      completeBatchMs: c.int(env, 'WORKER_COMPLETE_BATCH_MS', 5, -1, 1000),
      // About two minutes of follow-up work at this machine's settle rate (4 tasks per checkout): beyond it a
      // buyer is better told to come back than left waiting for a capture and mails that fall further behind.
      backlogMax: c.int(env, 'FOLLOWUP_BACKLOG_MAX', 20_000, 0, 10_000_000),
      // Whatever the machine: a paid order's capture and mails are never more than this late to start.
      lagMaxMs: c.int(env, 'FOLLOWUP_LAG_MAX_MS', 30_000, 0, 3_600_000),
    },
    sweepIntervalMs: c.int(env, 'SWEEP_INTERVAL_MS', 5_000, 100, 3_600_000),
    sweepGraceMs: c.int(env, 'SWEEP_GRACE_MS', 5_000, 0, 3_600_000),
    rateLimitPerMinute: c.int(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    http: {
      requestTimeoutMs: c.int(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 1_000, 600_000),
      jwtMaxAgeSeconds: c.int(env, 'JWT_MAX_AGE_HOURS', 24, 1, 24 * 90) * 3600,
      liveMaxConnections: c.int(env, 'LIVE_MAX_CONNECTIONS', 1_000, 1, 1_000_000),
      rateLimits: {
        reads: c.int(env, 'RATE_LIMIT_READS_PER_MINUTE', 1_200, 1, 1_000_000),
        public: c.int(env, 'RATE_LIMIT_PUBLIC_PER_MINUTE', 1_200, 1, 1_000_000),
        admin: c.int(env, 'RATE_LIMIT_ADMIN_PER_MINUTE', 6_000, 1, 1_000_000),
        webhooks: c.int(env, 'RATE_LIMIT_WEBHOOKS_PER_MINUTE', 6_000, 1, 1_000_000),
        authFailures: c.int(env, 'RATE_LIMIT_AUTH_FAILURES_PER_MINUTE', 30, 1, 1_000_000),
      },
    },
    idempotencyTtlHours: c.int(env, 'IDEMPOTENCY_TTL_HOURS', 24, 24, 24 * 365),
    dbPoolSize: c.int(env, 'DB_POOL_SIZE', 20, 2, 500),
    embeddedPgSettings: pgSettings(env.EMBEDDED_PG_SETTINGS, c.problems),
    smtpUrl: c.url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    smtpTimeoutMs: c.int(env, 'SMTP_TIMEOUT_MS', 10_000, 100, 120_000),
    mailFrom: env.MAIL_FROM || 'orderly <no-reply@orderly.local>',
    shopEmail: env.SHOP_EMAIL || 'shop@orderly.local',
    demoCatalog: c.bool(env, 'DEMO_CATALOG', !production),
    web: {
      dir: env.WEB_DIR?.trim() ? path.resolve(env.WEB_DIR.trim()) : path.join(PACKAGE_ROOT, 'web', 'dist'),
      console: c.bool(env, 'WEB_CONSOLE', true),
      shop: c.bool(env, 'WEB_SHOP', !production),
      demoSignIn: c.bool(env, 'DEMO_SIGN_IN', !production),
    },
    events: {
      natsUrl: c.url(env, 'NATS_URL', ['nats:', 'tls:']),
      natsStreamPrefix: c.pattern(env, 'NATS_STREAM_PREFIX', 'ORDERLY_', /^[A-Z0-9_]{0,32}$/, 'upper-case letters, digits and _ (at most 32)'),
      natsSubjectPrefix: c.pattern(env, 'NATS_SUBJECT_PREFIX', '', /^([A-Za-z0-9_-]+\.){0,4}$/, 'dot-terminated tokens of letters, digits, _ and - (e.g. "staging.")'),
      natsDuplicateWindowMs: c.int(env, 'NATS_DUPLICATE_WINDOW_SECONDS', 600, 1, 86_400) * 1000,
      natsPublishTimeoutMs: c.int(env, 'NATS_PUBLISH_TIMEOUT_MS', 5_000, 100, 120_000),
      retentionMs: c.int(env, 'EVENTS_RETENTION_HOURS', 168, 1, 24 * 365) * 3_600_000,
    },
    monitor: {
      enabled: c.bool(env, 'MONITOR_ENABLED', true),
      graceMs: c.int(env, 'MONITOR_GRACE_MS', 300_000, 100, 86_400_000),
    },
    outbound: {
      timeoutMs: c.int(env, 'OUTBOUND_TIMEOUT_MS', 10_000, 100, 120_000),
      // 12 attempts, the waits from 1 minute doubling to 4 hours (full jitter): a delivery is dead after about 8 hours of a receiver down (at most about 16).
      maxAttempts: c.int(env, 'OUTBOUND_MAX_ATTEMPTS', 12, 1, 100),
      retryBaseMs: c.int(env, 'OUTBOUND_RETRY_BASE_MS', 60_000, 10, 86_400_000),
      retryMaxMs: c.int(env, 'OUTBOUND_RETRY_MAX_MS', 14_400_000, 10, 86_400_000),
      maxSubscriptions: c.int(env, 'OUTBOUND_MAX_SUBSCRIPTIONS', 100, 1, 10_000),
      concurrency: c.int(env, 'OUTBOUND_CONCURRENCY', 4, 1, 100),
      allowPrivateUrls: c.bool(env, 'OUTBOUND_ALLOW_PRIVATE_URLS', !production),
      allowHttp: c.bool(env, 'OUTBOUND_ALLOW_HTTP', !production),
    },
    reconcile: {
      intervalMs: c.int(env, 'RECONCILE_INTERVAL_MS', 300_000, 0, 86_400_000),
      windowMs: c.int(env, 'RECONCILE_WINDOW_MINUTES', 120, 1, 60 * 24 * 31) * 60_000,
    },
    overview: {
      streamIntervalMs: c.int(env, 'OVERVIEW_STREAM_INTERVAL_MS', 2_000, 250, 60_000),
      // Declines and QR payments left unfinished count as failures here, so it sits below the 99.5 % availability SLO (ops/prometheus).
      successObjective: c.between(env, 'PURCHASE_SUCCESS_OBJECTIVE', 0.95, 0, 1),
    },
  };
  if (config.tasks.retryMaxMs < config.tasks.retryBaseMs) c.problems.push('TASK_RETRY_MAX_MS must be ≥ TASK_RETRY_BASE_MS');
  if (config.pspTimeoutMs >= config.reserveDeadlineMs)
    c.problems.push('PSP_TIMEOUT_MS must be shorter than RESERVE_DEADLINE_MS (the buyer waits for both)');
  // A PSP request may still be sent until the deadline and answered a timeout later: until then,
  // "not found at the PSP" does not prove nothing was authorized.
  if (config.pspAmbiguityWindowMs < config.reserveDeadlineMs + config.pspTimeoutMs)
    c.problems.push('PSP_AMBIGUITY_WINDOW_MS must be at least RESERVE_DEADLINE_MS + PSP_TIMEOUT_MS');
  if (config.paymentPollMaxMs < config.paymentPollFirstMs) c.problems.push('PAYMENT_POLL_MAX_MS must be ≥ PAYMENT_POLL_FIRST_MS');
  if (config.psp.retryMaxDelayMs < config.psp.retryBaseMs) c.problems.push('PSP_RETRY_MAX_DELAY_MS must be ≥ PSP_RETRY_BASE_MS');
  for (const method of PAYMENT_METHODS) {
    for (const p of config.routes[method]) {
      if (p === 'stripe' && !config.stripe) c.problems.push(`PAYMENT_PROVIDERS_${method.toUpperCase()} names stripe, but STRIPE_SECRET_KEY is not set`);
      if (p === 'paypay' && !config.paypay) c.problems.push(`PAYMENT_PROVIDERS_${method.toUpperCase()} names paypay, but PayPay is not configured`);
    }
  }
  if (config.stripe?.apiBase.kind === 'url' && !config.stripe.webhookSecret) c.problems.push('STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY');
  const real = (p: string) => (p === 'stripe' && config.stripe?.apiBase.kind === 'url') || (p === 'paypay' && config.paypay?.apiBase.kind === 'url');
  for (const method of PAYMENT_METHODS) {
    // The simulator cannot take a real PSP's tokens or buyers: as a fallback it would decline or fake them.
    if (config.routes[method].includes('psp-sim') && config.routes[method].some(real))
      c.problems.push(`PAYMENT_PROVIDERS_${method.toUpperCase()}: psp-sim (the simulator) cannot back up a real PSP`);
  }
  for (const [name, b] of [['STRIPE_API_BASE', config.stripe?.apiBase], ['PAYPAY_API_BASE', config.paypay?.apiBase]] as const) {
    if (b?.kind === 'url' && new URL(b.url).pathname !== '/') c.problems.push(`${name} must be a scheme, host and port only (no path)`);
  }
  const simulated = config.stripe?.apiBase.kind === 'simulator' || config.paypay?.apiBase.kind === 'simulator';
  if (simulated && !config.pspSim.enabled) c.problems.push('STRIPE_API_BASE / PAYPAY_API_BASE "simulator" needs the in-process simulator (PSP_SIM_ENABLED=true)');
  if (production) c.problems.push(...productionProblems(config));
  if (c.problems.length > 0) throw new ConfigError(c.problems);
  return config;
}

/**
 * What production mode refuses: anything simulated, generated or demo, and a
 * payment method that no real PSP takes. Each problem names its variable.
 */
export function productionProblems(config: Config): string[] {
  const p: string[] = [];
  const why = 'ORDERLY_ENV=production';
  if (config.pspSim.enabled) p.push(`PSP_SIM_ENABLED=true: ${why} runs no simulator (it authorizes test tokens for free goods)`);
  for (const method of PAYMENT_METHODS) {
    const name = `PAYMENT_PROVIDERS_${method.toUpperCase()}`;
    if (config.routes[method].includes('psp-sim')) p.push(`${name} names psp-sim, the simulator: ${why} takes payments only from real PSPs`);
    if (config.paymentMethods.includes(method) && config.routes[method].length === 0) {
      const provider = method === 'card' ? 'Stripe (STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET)' : 'PayPay (PAYPAY_API_KEY, PAYPAY_API_SECRET, PAYPAY_MERCHANT_ID)';
      p.push(`PAYMENT_METHODS enables ${method}, but no real provider takes it: configure ${provider}, or leave ${method} out of PAYMENT_METHODS`);
    }
  }
  for (const [name, b] of [['STRIPE_API_BASE', config.stripe?.apiBase], ['PAYPAY_API_BASE', config.paypay?.apiBase]] as const) {
    if (b?.kind === 'simulator') p.push(`${name}=simulator: ${why} calls real PSPs only`);
    else if (b?.kind === 'url' && b.url.startsWith('http:') && !config.pspAllowHttp)
      p.push(`${name} is plain http (${b.url}): ${why} needs https, or PSP_ALLOW_HTTP=true for a simulator or sandbox on a private network`);
  }
  if (!config.adminKey) p.push(`ORDERLY_ADMIN_KEY (or ORDERLY_ADMIN_KEY_FILE) is required: ${why} generates no secrets`);
  if (!config.jwtSecret) p.push(`ORDERLY_JWT_SECRET (or ORDERLY_JWT_SECRET_FILE) is required: ${why} generates no secrets (use your identity provider's)`);
  if (!config.databaseUrl) p.push(`DATABASE_URL is required: ${why} runs no embedded Postgres`);
  if (config.demoCatalog) p.push(`DEMO_CATALOG=true: ${why} loads no demo catalog`);
  if (config.web.demoSignIn) p.push(`DEMO_SIGN_IN=true: ${why} hands out no customer tokens (your identity provider signs them)`);
  return p;
}
