import {
  ProviderAmbiguousError,
  ProviderRejectedError,
  ProviderUnavailableError,
  type AuthorizeInput,
  type CaptureInput,
  type FindByReferenceInput,
  type GetInput,
  type PaymentProvider,
  type ProviderPayment,
  type ProviderWebhooks,
  type RefundInput,
  type VoidInput,
} from '../provider.ts';
import { NAME, PRODUCTION_API_BASE, PayPayClient, rejected, type Answer } from './paypay.client.ts';
import { paypayWebhooks } from './paypay.webhook.ts';
import { STATUS, keyOf, toPayPayId, toPayment, type PaymentDetails, type QrCode, type RefundDetails, type RefundResult } from './paypay.wire.ts';

export interface PayPayProviderOptions {
  /** API key (the `OPA-Auth` client id). */
  apiKey: string;
  /** API key secret; signs every request and is never sent or logged. */
  apiSecret: string;
  /** Sent as `X-ASSUME-MERCHANT`. */
  merchantId: string;
  /** Default PayPay production (`https://apigw.paypay.ne.jp`); sandbox `https://apigw.sandbox.paypay.ne.jp`. */
  apiBase?: string;
  /** Bounds each adapter operation (all its HTTP calls). PayPay recommends ≥ 30 s for creating a code. */
  timeoutMs: number;
  /** Where PayPay sends the buyer after paying (`redirectType: WEB_LINK`). */
  redirectUrl?: string;
}

/** Codes meaning "no such payment" on Get payment details. */
const NOT_FOUND = new Set(['DYNAMIC_QR_PAYMENT_NOT_FOUND', 'RESOURCE_NOT_FOUND']);

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

function payPayId(key: string, what: string): string {
  const id = toPayPayId(key);
  if (!id) throw new ProviderRejectedError(`${what} id too long for PayPay: ${key}`, NAME, 'invalid_request');
  return id;
}

function readDetails(a: Answer<PaymentDetails>): PaymentDetails {
  const d = a.data;
  if (!d || typeof d.merchantPaymentId !== 'string' || !(d.status in STATUS) || typeof d.amount?.amount !== 'number') {
    throw new ProviderAmbiguousError('PayPay payment details unreadable', NAME, { status: a.status, body: a.body });
  }
  return d;
}

/**
 * PayPay (Open Payment API, Dynamic QR with "isAuthorization": pre-authorise,
 * capture later). The buyer pays in the PayPay app or web page the QR code
 * opens; until then the payment `requires_action`. `providerPaymentId` is the
 * merchantPaymentId (orderly's attempt key, see toPayPayId), because Get
 * payment details and the webhook both name a payment by it.
 */
export class PayPayProvider implements PaymentProvider {
  readonly name = NAME;
  readonly webhooks: ProviderWebhooks = paypayWebhooks();
  private readonly client: PayPayClient;

  constructor(private readonly opts: PayPayProviderOptions) {
    this.client = new PayPayClient({ ...opts, apiBase: opts.apiBase ?? PRODUCTION_API_BASE });
  }

  async authorize(i: AuthorizeInput): Promise<ProviderPayment> {
    if (i.source.type !== 'paypay') {
      throw new ProviderRejectedError('PayPay takes only PayPay payments', NAME, 'unsupported_payment_method');
    }
    if (i.currency !== 'JPY') throw new ProviderRejectedError(`PayPay takes only JPY, not ${i.currency}`, NAME, 'unsupported_currency');
    // get() reads the reference back out of the merchantPaymentId: the key must be `<reference>:<n>`.
    if (!i.idempotencyKey.startsWith(`${i.reference}:`)) {
      throw new ProviderRejectedError('PayPay attempt keys must be `<reference>:<n>`', NAME, 'invalid_request');
    }
    const merchantPaymentId = payPayId(i.idempotencyKey, 'merchantPaymentId');
    // No requestedAt: the same attempt must send the same body, so a retry replays
    // PayPay's first answer ("When the same merchantPaymentId is specified, the previous result is returned").
    const body = {
      merchantPaymentId,
      amount: { amount: i.amount, currency: i.currency },
      codeType: 'ORDER_QR',
      orderDescription: i.reference,
      isAuthorization: true,
      ...(this.opts.redirectUrl ? { redirectUrl: this.opts.redirectUrl, redirectType: 'WEB_LINK' } : {}),
    };
    const signal = this.client.deadline(i.signal);
    const a = await this.client.call<QrCode>('POST', '/v2/codes', body, signal);
    if (a.code === 'SUCCESS' && a.data?.url) {
      return {
        providerPaymentId: merchantPaymentId,
        reference: i.reference,
        idempotencyKey: i.idempotencyKey,
        status: 'requires_action',
        amount: i.amount,
        capturedAmount: 0,
        refundedAmount: 0,
        nextAction: { type: 'redirect', url: a.data.url },
      };
    }
    if (a.code === 'DUPLICATE_DYNAMIC_QR_REQUEST') {
      // The id exists already: ours (a retry PayPay did not replay) if it is for the same amount.
      const existing = await this.details(merchantPaymentId, signal);
      if (existing && existing.amount === i.amount) return existing;
    }
    throw rejected(a, 'the QR code');
  }

  async get(i: GetInput): Promise<ProviderPayment | undefined> {
    return await this.details(i.providerPaymentId, this.client.deadline(i.signal));
  }

  /** PayPay has no search: an attempt is found by the merchantPaymentId its key maps to. */
  async findByReference(i: FindByReferenceInput): Promise<ProviderPayment[]> {
    if (!i.idempotencyKey?.startsWith(`${i.reference}:`)) return [];
    const id = toPayPayId(i.idempotencyKey);
    const p = id ? await this.details(id, this.client.deadline(i.signal)) : undefined;
    return p ? [p] : [];
  }

  async capture(i: CaptureInput): Promise<ProviderPayment> {
    const signal = this.client.deadline(i.signal);
    const body = {
      merchantPaymentId: i.providerPaymentId,
      amount: { amount: i.amount, currency: 'JPY' },
      merchantCaptureId: payPayId(i.idempotencyKey, 'merchantCaptureId'),
      requestedAt: nowSeconds(),
      orderDescription: keyOf(i.providerPaymentId).reference,
    };
    const a = await this.client.call<PaymentDetails>('POST', '/v2/payments/capture', body, signal);
    if (a.code === 'SUCCESS') return toPayment(readDetails(a));
    if (a.code === 'ALREADY_CAPTURED') {
      // Captured by an earlier call with another merchantCaptureId: the capture is done.
      const p = await this.details(i.providerPaymentId, signal);
      if (p && (p.status === 'captured' || p.status === 'refunded')) return p;
    }
    // USER_CONFIRMATION_REQUIRED (202) only follows a capture above the authorized amount, which we never ask for.
    throw rejected(a, 'the capture');
  }

  /**
   * Releases what the attempt may hold. AUTHORIZED: "Revert a payment
   * authorization". CREATED (the buyer has not paid): "Cancel a payment", which
   * PayPay accepts before payment and applies the moment the buyer pays (the
   * payment ends FAILED). Deleting the QR code would need its codeId, which
   * Get payment details does not return and orderly does not keep.
   */
  async void(i: VoidInput): Promise<ProviderPayment> {
    const signal = this.client.deadline(i.signal);
    const { paymentId, payment } = await this.mustFind(i.providerPaymentId, signal);
    if (payment.status === 'voided' || payment.status === 'declined') return payment;
    if (payment.status === 'requires_action') {
      const a = await this.client.call('DELETE', `/v2/payments/${encodeURIComponent(i.providerPaymentId)}`, undefined, signal);
      if (a.code !== 'REQUEST_ACCEPTED' && a.code !== 'SUCCESS') throw rejected(a, 'the cancellation');
      return { ...payment, status: 'voided' };
    }
    if (payment.status !== 'authorized') {
      throw new ProviderRejectedError(`PayPay payment is ${payment.status}: refund it instead`, NAME, 'ORDER_NOT_CANCELABLE');
    }
    const body = { merchantRevertId: payPayId(i.idempotencyKey, 'merchantRevertId'), paymentId, requestedAt: nowSeconds() };
    const a = await this.client.call('POST', '/v2/payments/preauthorize/revert', body, signal);
    if (a.code === 'SUCCESS') return { ...payment, status: 'voided' };
    if (a.code === 'ORDER_NOT_CANCELABLE') {
      // Reverted or expired meanwhile: released all the same.
      const now = await this.details(i.providerPaymentId, signal);
      if (now && (now.status === 'voided' || now.status === 'declined')) return now;
    }
    throw rejected(a, 'the revert');
  }

  async refund(i: RefundInput): Promise<ProviderPayment> {
    const signal = this.client.deadline(i.signal);
    const merchantRefundId = payPayId(i.idempotencyKey, 'merchantRefundId');
    const { paymentId, payment, raw } = await this.mustFind(i.providerPaymentId, signal);
    // Already accepted under this id (a retry after a lost answer): nothing more to do.
    if (raw.refunds?.data?.some((r) => r.merchantRefundId === merchantRefundId)) return payment;
    const body = { merchantRefundId, paymentId, amount: { amount: i.amount, currency: raw.amount.currency }, requestedAt: nowSeconds() };
    const a = await this.client.call<RefundResult>('POST', '/v2/refunds', body, signal);
    if (a.code === 'THROTTLED_MULTIPLE_REFUND_REJECTED') {
      // "Similar request in progress, you can retry after 1 minute": nothing was done.
      throw new ProviderUnavailableError('PayPay throttled the refund', NAME, { status: a.status, body: a.body, retryAfterSeconds: 60 });
    }
    // Accepted: CREATED (PayPay's batch pays it out; `pending` until get sees it REFUNDED) or REFUNDED at once.
    if (a.code !== 'SUCCESS' || (a.data?.status !== 'CREATED' && a.data?.status !== 'REFUNDED')) throw rejected(a, 'the refund');
    const made: RefundDetails = { ...a.data, merchantRefundId, amount: body.amount };
    return toPayment({ ...raw, refunds: { data: [...(raw.refunds?.data ?? []), made] } });
  }

  /** Get payment details; undefined when PayPay has no such payment. */
  private async details(merchantPaymentId: string, signal: AbortSignal): Promise<ProviderPayment | undefined> {
    return (await this.lookup(merchantPaymentId, signal))?.payment;
  }

  private async lookup(merchantPaymentId: string, signal: AbortSignal) {
    const a = await this.client.call<PaymentDetails>('GET', `/v2/codes/payments/${encodeURIComponent(merchantPaymentId)}`, undefined, signal);
    if (NOT_FOUND.has(a.code)) return undefined;
    if (a.code !== 'SUCCESS') throw rejected(a, 'the payment details');
    const details = readDetails(a);
    const refunds = await Promise.all((details.refunds?.data ?? []).map((r) => (r.status ? r : this.refundDetails(r, details.paymentId, signal))));
    const raw = { ...details, refunds: { data: refunds } };
    return { paymentId: raw.paymentId, payment: toPayment(raw), raw };
  }

  /** Get refund details, for a refund the payment details list without its status. */
  private async refundDetails(r: RefundDetails, paymentId: string, signal: AbortSignal): Promise<RefundDetails> {
    const path = `/v2/refunds/${encodeURIComponent(r.merchantRefundId)}?${new URLSearchParams({ paymentId })}`;
    const a = await this.client.call<RefundDetails>('GET', path, undefined, signal);
    if (a.code !== 'SUCCESS' || !a.data?.status) throw rejected(a, 'the refund details');
    return { ...r, status: a.data.status };
  }

  private async mustFind(merchantPaymentId: string, signal: AbortSignal) {
    const found = await this.lookup(merchantPaymentId, signal);
    if (!found) throw new ProviderRejectedError(`PayPay has no payment ${merchantPaymentId}`, NAME, 'DYNAMIC_QR_PAYMENT_NOT_FOUND');
    return found;
  }
}
