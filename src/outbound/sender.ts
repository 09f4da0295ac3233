import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ipLiteralOf, isPrivateAddress } from './url.policy.ts';

/** How much of a receiver's answer is read (and kept in the attempt log): enough for an error message. */
export const MAX_RESPONSE_BYTES = 4096;

/** What one POST came to. `kind` is the metric label; `status` is null when no answer arrived. */
export interface SendResult {
  kind: 'ok' | 'http_error' | 'timeout' | 'connection_error' | 'refused';
  status: number | null;
  error: string | null;
  /** The answer's first bytes, as text (truncated). */
  body: string | null;
  durationMs: number;
}

export interface SendOptions {
  timeoutMs: number;
  allowPrivateUrls: boolean;
}

class RefusedAddressError extends Error {
  override name = 'RefusedAddressError';
  readonly code = 'EREFUSEDADDRESS';
}

class SendTimeoutError extends Error {
  override name = 'SendTimeoutError';
}

/**
 * Resolves like the system does, and refuses a name any of whose addresses
 * is private: the check is on the very addresses the socket connects to, so
 * a name that resolved to a public address when the subscription was made
 * and to 127.0.0.1 now (DNS rebinding) is still refused.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    const list = addresses as unknown as dns.LookupAddress[];
    const bad = list.find((a) => isPrivateAddress(a.address));
    if (bad) return callback(new RefusedAddressError(`${hostname} resolves to a private address (${bad.address})`), '', 0);
    if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
    callback(null, first.address, first.family);
  });
};

/**
 * POSTs one webhook: no redirects followed (a 3xx is an answer like any
 * other non-2xx), one deadline for connecting, sending and reading the first
 * {@link MAX_RESPONSE_BYTES} of the answer, a fresh connection each time (no
 * pooled socket to someone else's server). Never throws: every outcome is a
 * {@link SendResult}.
 */
export async function postWebhook(url: string, body: string, headers: Record<string, string>, opts: SendOptions): Promise<SendResult> {
  const started = Date.now();
  const done = (r: Omit<SendResult, 'durationMs'>): SendResult => ({ ...r, durationMs: Date.now() - started });
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return done({ kind: 'refused', status: null, error: 'not a URL', body: null });
  }
  const literal = ipLiteralOf(u.hostname);
  if (!opts.allowPrivateUrls && literal && isPrivateAddress(literal)) {
    return done({ kind: 'refused', status: null, error: `${literal} is a private address`, body: null });
  }
  const client = u.protocol === 'https:' ? https : http;
  return await new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (r: Omit<SendResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const req = client.request(u, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      ...(opts.allowPrivateUrls ? {} : { lookup: guardedLookup }),
    });
    const timer = setTimeout(() => req.destroy(new SendTimeoutError(`no answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      const end = () => {
        const text = Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES).toString('utf8');
        const ok = status >= 200 && status < 300;
        finish({ kind: ok ? 'ok' : 'http_error', status, error: ok ? null : `HTTP ${status}`, body: text.length > 0 ? text : null });
        res.destroy();
      };
      res.on('data', (c: Buffer) => {
        chunks.push(c);
        size += c.length;
        // Enough read: the rest of a large answer is not our business.
        if (size >= MAX_RESPONSE_BYTES) end();
      });
      res.on('end', end);
      // The status line arrived: an answer cut short is still that answer.
      res.on('error', end);
      res.on('close', end);
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (e instanceof SendTimeoutError) finish({ kind: 'timeout', status: null, error: e.message, body: null });
      else if (e instanceof RefusedAddressError) finish({ kind: 'refused', status: null, error: e.message, body: null });
      else finish({ kind: 'connection_error', status: null, error: `${e.code ?? e.name}: ${e.message}`.slice(0, 500), body: null });
    });
    req.end(body);
  });
}
