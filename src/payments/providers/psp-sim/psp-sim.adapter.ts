import {
  LIST_MAX_PAGES,
  ProviderAmbiguousError,
  ProviderListTooLongError,
  ProviderRejectedError,
  ProviderUnavailableError,
  type AuthorizeInput,
  type CaptureInput,
  type FindByReferenceInput,
  type GetInput,
  type ListInput,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderWebhooks,
  type RefundInput,
  type VoidInput,
} from '../provider.ts';
import { NOT_SENT_CODES, causeCode, retryAfterSeconds } from '../transport.ts';
import { toPayment, type SimPayment } from './psp-sim.wire.ts';
import { pspSimWebhooks } from './psp-sim.webhook.ts';

export interface PspSimAdapterOptions {
  baseUrl: string;
  apiKey: string;
  /** Per-call timeout of the transport; the resilience edge sets tighter ones per operation. */
  timeoutMs: number;
  /** Webhook secrets accepted (current first, then the previous one while rotating). */
  webhookSecrets?: string[];
  webhookToleranceSeconds?: number;
  /** Paging of `list`: payments per page (1–100, default 100) and most pages (default LIST_MAX_PAGES); tests use small ones. */
  list?: { pageSize?: number; maxPages?: number };
}

const NAME = 'psp-sim';

/**
 * The adapter for our PSP simulator: real HTTP and the classification of every
 * failure. Retries, circuit breaking and rate limiting are the edge's
 * (providers/edge), the same for every PSP.
 */
export class PspSimProvider implements PaymentProvider {
  readonly name = NAME;
  readonly webhooks?: ProviderWebhooks;

  constructor(private readonly opts: PspSimAdapterOptions) {
    if (opts.webhookSecrets?.length) {
      this.webhooks = pspSimWebhooks({ secrets: opts.webhookSecrets, toleranceSeconds: opts.webhookToleranceSeconds ?? 300 });
    }
  }

  private async call(method: 'GET' | 'POST', path: string, body: unknown, idempotencyKey: string | undefined, signal?: AbortSignal, timeoutMs = this.opts.timeoutMs) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signals = [timeout, ...(signal ? [signal] : [])];
    let res: Response;
    try {
      res = await fetch(new URL(path, this.opts.baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${this.opts.apiKey}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.any(signals),
      });
    } catch (e) {
      const code = causeCode(e);
      if (code && NOT_SENT_CODES.has(code)) throw new ProviderUnavailableError(`psp-sim unreachable (${code})`, NAME, {}, { cause: e });
      throw new ProviderAmbiguousError(`psp-sim call did not complete: ${(e as Error).name}`, NAME, {}, { cause: e });
    }
    const text = await res.text().catch(() => '');
    // 401/403: our key was refused before anything happened — certainly not acted on. Not 502: a
    // gateway may answer it after the PSP acted, so it is ambiguous like any other 5xx (below).
    if (res.status === 503 || res.status === 429 || res.status === 401 || res.status === 403) {
      const ra = retryAfterSeconds(res.headers.get('retry-after'));
      throw new ProviderUnavailableError(`psp-sim answered ${res.status}`, NAME, {
        status: res.status,
        body: text.slice(0, 500),
        ...(ra ? { retryAfterSeconds: ra } : {}),
      });
    }
    if (res.status >= 500) {
      // A 500 may come after the PSP acted: ambiguous, never a plain failure.
      throw new ProviderAmbiguousError(`psp-sim answered ${res.status}`, NAME, { status: res.status, body: text.slice(0, 500) });
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      throw new ProviderAmbiguousError('psp-sim answered with unreadable JSON', NAME, { status: res.status });
    }
    return { status: res.status, json };
  }

  private reject(status: number, json: unknown): never {
    const code = (json as { error?: { code?: string } }).error?.code ?? `http_${status}`;
    throw new ProviderRejectedError(`psp-sim refused: ${code}`, NAME, code, { status });
  }

  private async paymentCall(method: 'GET' | 'POST', path: string, body: unknown, key: string | undefined, signal?: AbortSignal) {
    const { status, json } = await this.call(method, path, body, key, signal);
    if (status >= 400) this.reject(status, json);
    return toPayment(json as SimPayment);
  }

  async authorize(i: AuthorizeInput): Promise<ProviderPayment> {
    const body = { amount: i.amount, currency: i.currency, reference: i.reference, source: i.source };
    return await this.paymentCall('POST', '/v1/payments', body, i.idempotencyKey, i.signal);
  }

  async capture(i: CaptureInput): Promise<ProviderPayment> {
    return await this.paymentCall('POST', `/v1/payments/${encodeURIComponent(i.providerPaymentId)}/capture`, { amount: i.amount }, i.idempotencyKey, i.signal);
  }

  async void(i: VoidInput): Promise<ProviderPayment> {
    return await this.paymentCall('POST', `/v1/payments/${encodeURIComponent(i.providerPaymentId)}/void`, {}, i.idempotencyKey, i.signal);
  }

  async refund(i: RefundInput): Promise<ProviderPayment> {
    return await this.paymentCall('POST', `/v1/payments/${encodeURIComponent(i.providerPaymentId)}/refund`, { amount: i.amount }, i.idempotencyKey, i.signal);
  }

  async get(i: GetInput): Promise<ProviderPayment | undefined> {
    const { status, json } = await this.call('GET', `/v1/payments/${encodeURIComponent(i.providerPaymentId)}`, undefined, undefined, i.signal);
    if (status === 404) return undefined;
    if (status >= 400) this.reject(status, json);
    return toPayment(json as SimPayment);
  }

  async findByReference(i: FindByReferenceInput): Promise<ProviderPayment[]> {
    const q = new URLSearchParams({ reference: i.reference, ...(i.idempotencyKey ? { idempotencyKey: i.idempotencyKey } : {}) });
    const { status, json } = await this.call('GET', `/v1/payments?${q}`, undefined, undefined, i.signal);
    if (status >= 400) this.reject(status, json);
    return ((json as { payments?: SimPayment[] }).payments ?? []).map(toPayment);
  }

  /**
   * `GET /v1/payments?createdFrom=&createdTo=&limit=&cursor=`, oldest first,
   * page after page until `nextCursor` is null. `createdTo` is fixed at the
   * start, so payments made while paging cannot keep the listing going.
   */
  async list(i: ListInput): Promise<ProviderPayment[]> {
    const pageSize = String(this.opts.list?.pageSize ?? 100);
    const maxPages = this.opts.list?.maxPages ?? LIST_MAX_PAGES;
    const window = { createdFrom: i.createdFrom.toISOString(), createdTo: (i.createdTo ?? new Date()).toISOString(), limit: pageSize };
    const out: ProviderPayment[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < maxPages; page++) {
      const q = new URLSearchParams({ ...window, ...(cursor ? { cursor } : {}) });
      const { status, json } = await this.call('GET', `/v1/payments?${q}`, undefined, undefined, i.signal, i.pageTimeoutMs);
      if (status >= 400) this.reject(status, json);
      const body = json as { payments?: SimPayment[]; nextCursor?: string | null };
      out.push(...(body.payments ?? []).map(toPayment));
      if (!body.nextCursor) return out;
      cursor = body.nextCursor;
    }
    throw new ProviderListTooLongError(NAME, maxPages);
  }
}
