import { ProviderAmbiguousError, ProviderRejectedError, ProviderUnavailableError } from '../provider.ts';
import { NOT_SENT_CODES, causeCode, retryAfterSeconds } from '../transport.ts';
import { opaAuthHeader } from './paypay.auth.ts';
import type { Envelope, ResultInfo } from './paypay.wire.ts';

export const NAME = 'paypay';

/** PayPay's documented production API gateway; the sandbox is `https://apigw.sandbox.paypay.ne.jp`. */
export const PRODUCTION_API_BASE = 'https://apigw.paypay.ne.jp';

export interface PayPayClientOptions {
  apiKey: string;
  apiSecret: string;
  merchantId: string;
  apiBase: string;
  timeoutMs: number;
}

/** A PayPay answer that was read: its HTTP status, `resultInfo` and `data`. */
export interface Answer<T> {
  status: number;
  code: string;
  data: T | undefined;
  /** The raw body, cut to 500 characters (for error details; PayPay never echoes credentials). */
  body: string;
}


/**
 * The PayPay REST transport: `fetch` with OPA-Auth signing. Not the official SDK
 * (@paypayopa/paypayopa-sdk-node 2.2.0): it speaks HTTPS only, through a
 * process-global singleton, with no timeout and no abort, so it could neither
 * reach the HTTP simulator nor be bounded by our timeouts. Classifies transport
 * and HTTP failures; business answers (`resultInfo.code`) are left to the caller.
 * No retries here: the resilience edge around every adapter owns them.
 */
export class PayPayClient {
  constructor(private readonly opts: PayPayClientOptions) {}

  /** One signed call. `signal` bounds the whole operation (our timeout and the caller's). */
  async call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body: unknown, signal: AbortSignal): Promise<Answer<T>> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    const contentType = 'application/json';
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: opaAuthHeader({ ...this.opts, method, path, body: text, contentType }),
      'x-assume-merchant': this.opts.merchantId,
      ...(text !== undefined ? { 'content-type': contentType } : {}),
    };
    let res: Response;
    try {
      res = await fetch(new URL(path, this.opts.apiBase), { method, headers, body: text, signal });
    } catch (e) {
      const code = causeCode(e);
      if (code && NOT_SENT_CODES.has(code)) throw new ProviderUnavailableError(`PayPay unreachable (${code})`, NAME, {}, { cause: e });
      throw new ProviderAmbiguousError(`PayPay call did not complete: ${(e as Error).name}`, NAME, {}, { cause: e });
    }
    let raw: string;
    try {
      raw = await res.text();
    } catch (e) {
      // The answer was cut off: PayPay may have acted.
      throw new ProviderAmbiguousError('PayPay answer was cut off', NAME, { status: res.status }, { cause: e });
    }
    const detail = { status: res.status, body: raw.slice(0, 500) };
    // Not 502: a gateway may answer it after PayPay acted (handled as ambiguous below).
    if (res.status === 503 || res.status === 429) {
      const ra = retryAfterSeconds(res.headers.get('retry-after'));
      throw new ProviderUnavailableError(`PayPay answered ${res.status}`, NAME, { ...detail, ...(ra ? { retryAfterSeconds: ra } : {}) });
    }
    // Wrong or revoked credentials: PayPay did nothing. Unavailable (never retried into success, but
    // safe to fail over), with the 401 kept so operators see the real cause.
    if (res.status === 401) throw new ProviderUnavailableError('PayPay refused our credentials (401)', NAME, detail);
    // PayPay: a 500 "should be treated as unknown payment status".
    if (res.status >= 500) throw new ProviderAmbiguousError(`PayPay answered ${res.status}`, NAME, detail);
    let json: Envelope<T>;
    try {
      json = JSON.parse(raw) as Envelope<T>;
    } catch {
      throw new ProviderAmbiguousError('PayPay answered with unreadable JSON', NAME, detail);
    }
    const info: ResultInfo | undefined = json?.resultInfo;
    if (!info || typeof info.code !== 'string') throw new ProviderAmbiguousError('PayPay answer has no resultInfo', NAME, detail);
    return { status: res.status, code: info.code, data: json.data ?? undefined, body: detail.body };
  }

  /** A signal bounding one adapter operation by `timeoutMs` and the caller's own signal. */
  deadline(signal?: AbortSignal): AbortSignal {
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    return signal ? AbortSignal.any([timeout, signal]) : timeout;
  }
}

/** A business refusal: PayPay's `resultInfo.code` is the reason. */
export function rejected(a: Answer<unknown>, what: string): ProviderRejectedError {
  return new ProviderRejectedError(`PayPay refused ${what}: ${a.code}`, NAME, a.code, { status: a.status, body: a.body });
}
