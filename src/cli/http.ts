import type { Connection } from './connection.ts';
import { OperationalError } from './errors.ts';

/** An error answer of the service: `{ error: { code, message, details? } }`. */
export class ApiError extends OperationalError {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 15_000;

function unreachable(url: string, e: unknown, timeoutMs: number): OperationalError {
  if (e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError')) {
    return new OperationalError(`the service at ${url} did not answer within ${timeoutMs / 1000} s`);
  }
  // fetch wraps the socket error: TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }).
  const cause = e instanceof Error ? (e.cause as { code?: string; message?: string } | undefined) : undefined;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return new OperationalError(`the service is not reachable at ${url} (connection refused): is it running? Set --url or ORDERLY_URL`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new OperationalError(`the service is not reachable at ${url} (unknown host)`);
    default:
      return new OperationalError(`the service is not reachable at ${url} (${cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e))})`);
  }
}

function describeDetails(details: unknown): string {
  if (!Array.isArray(details)) return '';
  const parts = details.map((d: { field?: string; message?: string }) => [d.field, d.message].filter(Boolean).join(' ')).filter(Boolean);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** Talks JSON to the service's admin API with the admin key as a Bearer token. */
export class AdminClient {
  constructor(private readonly conn: Connection) {}

  get url(): string {
    return this.conn.url;
  }

  /** The parsed JSON answer of a 2xx; an {@link ApiError} or {@link OperationalError} otherwise. */
  async request<T>(method: 'GET' | 'POST', path: string, body?: unknown, timeoutMs = TIMEOUT_MS): Promise<T> {
    let res: Response;
    try {
      res = await fetch(this.conn.url + path, {
        method,
        headers: {
          authorization: `Bearer ${this.conn.adminKey}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      throw unreachable(this.conn.url, e, timeoutMs);
    }
    const text = await res.text().catch(() => '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    if (res.ok) {
      if (json === undefined) throw new OperationalError(`${method} ${path} answered ${res.status} without JSON: is ${this.conn.url} an orderly service?`);
      return json as T;
    }
    const err = (json as { error?: { code?: unknown; message?: unknown; details?: unknown } } | undefined)?.error;
    if (res.status === 401) {
      throw new ApiError(401, 'UNAUTHENTICATED', `the admin key was refused (401): check ORDERLY_ADMIN_KEY or ORDERLY_ADMIN_KEY_FILE`, undefined);
    }
    if (!err || typeof err.code !== 'string') {
      throw new OperationalError(`${method} ${path} answered ${res.status} ${res.statusText}: is ${this.conn.url} an orderly service?`);
    }
    if (err.code === 'NOT_FOUND') {
      // The route itself is unknown (not a missing dead letter): another service, or an older orderly.
      throw new ApiError(404, err.code, `${this.conn.url} has no ${method} ${path.split('?')[0]} (404): is it an orderly with the dead-letter API?`, undefined);
    }
    const message = typeof err.message === 'string' ? err.message : err.code;
    throw new ApiError(res.status, err.code, `${message}${describeDetails(err.details)} [${res.status} ${err.code}]`, err.details);
  }
}
