/**
 * Process settings, read once from the environment and validated at start.
 * Every variable here is documented in the README with its default.
 */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  logLevel: string;
  adminKey: string | undefined;
  jwtSecret: string | undefined;
  pspSim: {
    /** Start the simulator inside this process (`npm start`). */
    enabled: boolean;
    port: number;
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
  };
  /** How old a webhook signature may be (replay protection). */
  webhookToleranceSeconds: number;
  /** An order waiting for the buyer (QR, 3-D Secure) fails with PAYMENT_EXPIRED after this. */
  paymentExpiresMs: number;
  /** Polling of a waiting payment: first after this, doubling up to the max. */
  paymentPollFirstMs: number;
  paymentPollMaxMs: number;
  /** Bearer token that may read /metrics besides the admin key. */
  metricsToken: string | undefined;
  pspTimeoutMs: number;
  pspAmbiguityWindowMs: number;
  reserveDeadlineMs: number;
  tasks: { maxAttempts: number; retryBaseMs: number; retryMaxMs: number; concurrency: number };
  sweepIntervalMs: number;
  sweepGraceMs: number;
  rateLimitPerMinute: number;
  idempotencyTtlHours: number;
  dbPoolSize: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  shopEmail: string;
  demoCatalog: boolean;
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

  bool(env: Env, name: string, def: boolean): boolean {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return def;
  }

  url(env: Env, name: string, protocols: string[]): string | undefined {
    const raw = env[name];
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

  secret(env: Env, name: string, minLength: number): string | undefined {
    const raw = env[name];
    if (raw === undefined || raw === '') return undefined;
    if (raw.length < minLength) this.problems.push(`${name} must be at least ${minLength} characters long`);
    return raw;
  }

  oneOf(env: Env, name: string, def: string, allowed: string[]): string {
    const raw = env[name];
    if (raw === undefined || raw === '') return def;
    if (!allowed.includes(raw)) this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return raw;
  }
}

/** Thrown when the environment holds bad values; the message lists each one. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws {@link ConfigError} listing every bad value. */
export function loadConfig(env: Env = process.env): Config {
  const c = new ConfigErrors();
  const pspSimPort = c.int(env, 'PSP_SIM_PORT', 4010, 0, 65535);
  const config: Config = {
    port: c.int(env, 'PORT', 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    databaseUrl: c.url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
    dataDir: env.ORDERLY_DATA_DIR || './.orderly',
    logLevel: c.oneOf(env, 'LOG_LEVEL', 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    adminKey: c.secret(env, 'ORDERLY_ADMIN_KEY', 16),
    jwtSecret: c.secret(env, 'ORDERLY_JWT_SECRET', 32),
    pspSim: {
      enabled: c.bool(env, 'PSP_SIM_ENABLED', true),
      port: pspSimPort,
      url: c.url(env, 'PSP_SIM_URL', ['http:', 'https:']) ?? `http://127.0.0.1:${pspSimPort}`,
      apiKey: c.secret(env, 'PSP_SIM_API_KEY', 8) ?? 'sk_sim_local_development',
      pendingSettleMs: c.int(env, 'PSP_SIM_PENDING_SETTLE_MS', 20_000, 0, 3_600_000),
      timeoutDelayMs: c.int(env, 'PSP_SIM_TIMEOUT_DELAY_MS', 30_000, 0, 600_000),
      webhookSecret: c.secret(env, 'PSP_SIM_WEBHOOK_SECRET', 16),
      webhookSecretPrevious: c.secret(env, 'PSP_SIM_WEBHOOK_SECRET_PREVIOUS', 16),
      webhookUrl: c.url(env, 'PSP_SIM_WEBHOOK_URL', ['http:', 'https:']),
    },
    webhookToleranceSeconds: c.int(env, 'WEBHOOK_TOLERANCE_SECONDS', 300, 1, 3600),
    paymentExpiresMs: c.int(env, 'PAYMENT_EXPIRES_MS', 600_000, 1_000, 7 * 86_400_000),
    paymentPollFirstMs: c.int(env, 'PAYMENT_POLL_FIRST_MS', 3_000, 50, 3_600_000),
    paymentPollMaxMs: c.int(env, 'PAYMENT_POLL_MAX_MS', 30_000, 50, 3_600_000),
    metricsToken: c.secret(env, 'METRICS_TOKEN', 16),
    pspTimeoutMs: c.int(env, 'PSP_TIMEOUT_MS', 5_000, 100, 120_000),
    pspAmbiguityWindowMs: c.int(env, 'PSP_AMBIGUITY_WINDOW_MS', 60_000, 0, 3_600_000),
    reserveDeadlineMs: c.int(env, 'RESERVE_DEADLINE_MS', 15_000, 500, 300_000),
    tasks: {
      maxAttempts: c.int(env, 'TASK_MAX_ATTEMPTS', 25, 1, 1000),
      retryBaseMs: c.int(env, 'TASK_RETRY_BASE_MS', 1_000, 10, 3_600_000),
      retryMaxMs: c.int(env, 'TASK_RETRY_MAX_MS', 300_000, 10, 86_400_000),
      concurrency: c.int(env, 'WORKER_CONCURRENCY', 8, 1, 100),
    },
    sweepIntervalMs: c.int(env, 'SWEEP_INTERVAL_MS', 5_000, 100, 3_600_000),
    sweepGraceMs: c.int(env, 'SWEEP_GRACE_MS', 5_000, 0, 3_600_000),
    rateLimitPerMinute: c.int(env, 'RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    idempotencyTtlHours: c.int(env, 'IDEMPOTENCY_TTL_HOURS', 24, 24, 24 * 365),
    dbPoolSize: c.int(env, 'DB_POOL_SIZE', 20, 2, 500),
    smtpUrl: c.url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    mailFrom: env.MAIL_FROM || 'orderly <no-reply@orderly.local>',
    shopEmail: env.SHOP_EMAIL || 'shop@orderly.local',
    demoCatalog: c.bool(env, 'DEMO_CATALOG', true),
  };
  if (config.tasks.retryMaxMs < config.tasks.retryBaseMs) c.problems.push('TASK_RETRY_MAX_MS must be ≥ TASK_RETRY_BASE_MS');
  if (config.pspTimeoutMs >= config.reserveDeadlineMs)
    c.problems.push('PSP_TIMEOUT_MS must be shorter than RESERVE_DEADLINE_MS (the buyer waits for both)');
  // A PSP request may still be sent until the deadline and answered a timeout later: until then,
  // "not found at the PSP" does not prove nothing was authorized.
  if (config.pspAmbiguityWindowMs < config.reserveDeadlineMs + config.pspTimeoutMs)
    c.problems.push('PSP_AMBIGUITY_WINDOW_MS must be at least RESERVE_DEADLINE_MS + PSP_TIMEOUT_MS');
  if (config.paymentPollMaxMs < config.paymentPollFirstMs) c.problems.push('PAYMENT_POLL_MAX_MS must be ≥ PAYMENT_POLL_FIRST_MS');
  if (c.problems.length > 0) throw new ConfigError(c.problems);
  return config;
}
