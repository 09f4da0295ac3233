import pino, { type Logger } from 'pino';
import { scrubSecrets } from './secrets.ts';

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

/** Creates the process logger: JSON lines, secrets redacted. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'orderly' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
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

export type { Logger };
