import http from 'node:http';

/** An HTTP answer with its body parsed as JSON when it is JSON. */
export interface JsonResponse {
  status: number;
  body: unknown;
  /** The Retry-After header in seconds, when the answer has one. */
  retryAfterSeconds?: number;
}

export interface JsonRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  agent?: http.Agent;
  timeoutMs: number;
}

function parseBody(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * One request with JSON in and out over `node:http` (whose Agent, unlike the
 * built-in fetch on Node 20, can be sized without extra dependencies).
 * Rejects on network errors and after `timeoutMs` (error code `ETIMEDOUT`).
 */
export function requestJson(req: JsonRequest): Promise<JsonResponse> {
  const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
  const headers: Record<string, string> = { accept: 'application/json', ...req.headers };
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const r = http.request(req.url, { method: req.method, headers, agent: req.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      const retryAfter = Number(res.headers['retry-after']);
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: parseBody(Buffer.concat(chunks).toString('utf8')), ...(Number.isFinite(retryAfter) && retryAfter >= 0 ? { retryAfterSeconds: retryAfter } : {}) }),
      );
    });
    r.setTimeout(req.timeoutMs, () => {
      r.destroy(Object.assign(new Error(`no answer within ${req.timeoutMs} ms`), { code: 'ETIMEDOUT' }));
    });
    r.on('error', reject);
    r.end(payload);
  });
}

/** A short name for a failed request: the errno-style code, else the error's name. */
export function networkErrorCode(e: unknown): string {
  if (e && typeof e === 'object' && 'code' in e && typeof e.code === 'string') return e.code;
  return e instanceof Error ? e.name : 'UNKNOWN';
}
