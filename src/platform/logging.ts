import { AsyncLocalStorage } from 'node:async_hooks';
import pino, { type Logger } from 'pino';
import { scrubSecrets } from './secrets.ts';
import { currentTraceId } from './tracing.ts';

/**
 * Paths that may carry secrets or card data. pino replaces them before a line
 * is written, so no code path can leak them by logging a whole object.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'authorization',
  '*.authorization',
  'token',
  '*.token',
  'payment.token',
  '*.payment.token',
  'password',
  '*.password',
  'apiKey',
  '*.apiKey',
  'secret',
  '*.secret',
  'adminKey',
  'jwtSecret',
  'databaseUrl',
  'secretKey',
  '*.secretKey',
  'apiSecret',
  '*.apiSecret',
  'webhookSecret',
  '*.webhookSecret',
  'webhookSecrets',
  '*.webhookSecrets',
  // Personal data: never in a log line, whatever path it takes (the mail log's recipient is only at debug).
  'email',
  '*.email',
  'buyerEmail',
  '*.buyerEmail',
  'shippingAddress',
  '*.shippingAddress',
  'phone',
  '*.phone',
  'req.headers["stripe-signature"]',
  'req.headers["psp-sim-signature"]',
  '*.headers["stripe-signature"]',
  '*.headers["psp-sim-signature"]',
];

/** Tokens may come in a query string (a WebSocket cannot send headers): never log their values. */
export function redactUrl(url: string | undefined): string | undefined {
  return url?.replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1[redacted]');
}

interface LoggedRequest {
  method?: string;
  url?: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/**
 * What every log line of one flow of work carries — a request, and the
 * follow-up tasks it causes — whatever logger writes it: `reqId`, `orderNo`
 * (once the purchase has one), `task`. The PSP edge, the adapters and
 * graphile-worker log through the process logger; their lines carry the
 * request and order they work for through this.
 */
const context = new AsyncLocalStorage<Record<string, string>>();

/** Runs `fn` with these fields on every line it logs (added to those of an outer flow). */
export function withLogContext<T>(fields: Record<string, string | null | undefined>, fn: () => T): T {
  const store: Record<string, string> = { ...context.getStore() };
  for (const [k, v] of Object.entries(fields)) if (v) store[k] = v;
  return context.run(store, fn);
}

/** Adds fields to the current flow (the purchase has an order number now). */
export function addLogContext(fields: Record<string, string>): void {
  const store = context.getStore();
  if (store) Object.assign(store, fields);
}

/** Each logger's bound keys (pino re-parses them on every `bindings()` call: once per logger is enough). */
const boundKeys = new WeakMap<Logger, Set<string>>();

/** The flow's fields a line does not carry already (a child logger's bindings win: no key twice). */
function contextFields(mergeObject: object, _level: number, logger: Logger): object {
  const traceId = currentTraceId();
  const store = context.getStore();
  if (!store) return traceId ? { trace_id: traceId } : {};
  let bound = boundKeys.get(logger);
  if (!bound) boundKeys.set(logger, (bound = new Set(Object.keys(logger.bindings()))));
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(store)) if (!bound.has(k) && !(k in mergeObject)) out[k] = v;
  if (traceId) out.trace_id = traceId;
  return out;
}

/** Creates the process logger: JSON lines, secrets redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'orderly' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      mixin: contextFields,
      // Paths catch secrets where we expect them; this catches them anywhere else
      // (an error message, a PSP's echoed body): every line is scrubbed of every known secret.
      hooks: { streamWrite: scrubSecrets },
      serializers: {
        // Fastify's request line: what it logs by default, with tokens cut out of the URL.
        req: (req: LoggedRequest) => ({
          method: req.method,
          url: redactUrl(req.url),
          hostname: req.hostname,
          remoteAddress: req.ip,
          remotePort: req.socket?.remotePort,
        }),
      },
    },
    destination,
  );
}

/**
 * The process logger of a service command: every line to stdout, and its
 * warn and error lines also to `keeper` (kept in Postgres for live triage).
 */
export function createProcessLogger(level: string, keeper: pino.DestinationStream): Logger {
  if (level === 'silent') return createLogger(level);
  return createLogger(level, pino.multistream([{ level: level as pino.Level, stream: pino.destination(1) }, { level: 'warn', stream: keeper }]));
}

export type { Logger };
