/**
 * Request shapes of the PayPay-compatible endpoints, from PayPay's Dynamic QR
 * reference (https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode). Unknown
 * fields are accepted, as PayPay does.
 */

/** merchantPaymentId, merchantCaptureId, merchantRevertId, merchantRefundId: `a-z A-Z 0-9 - _`, ≤ 64. */
const merchantId = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' } as const;
const paymentId = { type: 'string', minLength: 1, maxLength: 64 } as const;
const epoch = { type: 'integer', minimum: 0 } as const;
const money = {
  type: 'object',
  required: ['amount', 'currency'],
  properties: { amount: { type: 'integer', minimum: 1, maximum: 99_999_999_999 }, currency: { type: 'string', enum: ['JPY'] } },
} as const;
const text255 = { type: 'string', maxLength: 255 } as const;

export interface Money {
  amount: number;
  currency: string;
}

export interface CreateCodeBody {
  merchantPaymentId: string;
  amount: Money;
  codeType: 'ORDER_QR';
  orderDescription?: string;
  isAuthorization?: boolean;
  authorizationExpiry?: number;
  redirectUrl?: string;
  redirectType?: 'WEB_LINK' | 'APP_DEEP_LINK' | 'WEBVIEW_IN_PAYPAY';
  requestedAt?: number;
  [more: string]: unknown;
}

export const createCodeSchema = {
  body: {
    type: 'object',
    required: ['merchantPaymentId', 'amount', 'codeType'],
    properties: {
      merchantPaymentId: merchantId,
      amount: money,
      codeType: { type: 'string', enum: ['ORDER_QR'] },
      orderDescription: text255,
      isAuthorization: { type: 'boolean' },
      authorizationExpiry: epoch,
      redirectUrl: { type: 'string', maxLength: 2048 },
      redirectType: { type: 'string', enum: ['WEB_LINK', 'APP_DEEP_LINK', 'WEBVIEW_IN_PAYPAY'] },
      requestedAt: epoch,
    },
  },
} as const;

export interface CaptureBody {
  merchantPaymentId: string;
  amount: Money;
  merchantCaptureId: string;
  requestedAt: number;
  orderDescription: string;
}

export const captureSchema = {
  body: {
    type: 'object',
    required: ['merchantPaymentId', 'amount', 'merchantCaptureId', 'requestedAt', 'orderDescription'],
    properties: { merchantPaymentId: merchantId, amount: money, merchantCaptureId: merchantId, requestedAt: epoch, orderDescription: text255 },
  },
} as const;

export interface RevertBody {
  merchantRevertId: string;
  paymentId: string;
  requestedAt: number;
  reason?: string;
}

export const revertSchema = {
  body: {
    type: 'object',
    required: ['merchantRevertId', 'paymentId', 'requestedAt'],
    properties: { merchantRevertId: merchantId, paymentId, requestedAt: epoch, reason: text255 },
  },
} as const;

export interface RefundBody {
  merchantRefundId: string;
  paymentId: string;
  amount: Money;
  requestedAt: number;
  reason?: string;
}

export const refundSchema = {
  body: {
    type: 'object',
    required: ['merchantRefundId', 'paymentId', 'amount', 'requestedAt'],
    properties: { merchantRefundId: merchantId, paymentId, amount: money, requestedAt: epoch, reason: text255 },
  },
} as const;

export interface MerchantPaymentIdParams {
  merchantPaymentId: string;
}
export const merchantPaymentIdParams = {
  params: { type: 'object', required: ['merchantPaymentId'], properties: { merchantPaymentId: merchantId } },
} as const;

export interface CodeIdParams {
  codeId: string;
}
export const codeIdParams = {
  params: { type: 'object', required: ['codeId'], properties: { codeId: { type: 'string', minLength: 1, maxLength: 64 } } },
} as const;

export interface RefundDetailsRequest {
  Params: { merchantRefundId: string };
  Querystring: { paymentId: string };
}
export const refundDetailsSchema = {
  params: { type: 'object', required: ['merchantRefundId'], properties: { merchantRefundId: merchantId } },
  querystring: { type: 'object', required: ['paymentId'], properties: { paymentId } },
} as const;
