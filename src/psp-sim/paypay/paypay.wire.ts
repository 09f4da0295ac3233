import type { Payment } from '../sim.types.ts';

/**
 * PayPay's answer envelope and result codes, with the HTTP statuses and codeIds
 * PayPay documents (Dynamic QR "Error Handling",
 * https://www.paypay.ne.jp/opa/doc/v1.0/dynamicqrcode, and the response code
 * list in the official Node SDK's README).
 */
const CODES = {
  SUCCESS: [200, '08100001', 'Success'],
  REQUEST_ACCEPTED: [202, '08100001', 'Request accepted'],
  INVALID_REQUEST_PARAMS: [400, '08100006', 'Invalid request params'],
  UNAUTHORIZED: [401, '08100016', 'Unauthorized request'],
  OP_OUT_OF_SCOPE: [401, '08100023', 'The operation is not permitted'],
  RATE_LIMIT: [429, '08100998', 'Too many requests'],
  SERVICE_ERROR: [500, '08100026', 'Something went wrong on PayPay service side'],
  INTERNAL_SERVER_ERROR: [500, '08101000', 'Something went wrong on PayPay service side'],
  MAINTENANCE_MODE: [503, '08100999', 'Sorry, we are down for scheduled maintenance'],
  DUPLICATE_DYNAMIC_QR_REQUEST: [400, '01652073', 'Duplicate Dynamic QR request error'],
  DYNAMIC_QR_BAD_REQUEST: [400, '01650000', 'Dynamic QR bad request error'],
  DYNAMIC_QR_PAYMENT_NOT_FOUND: [400, '01652075', 'Dynamic QR payment not found'],
  DYNAMIC_QR_ALREADY_PAID: [400, '01652074', 'Dynamic QR already paid'],
  DYNAMIC_QR_NOT_FOUND: [404, '01652072', 'Dynamic qr code not found'],
  ORDER_NOT_REVERSIBLE: [400, '00200044', 'Order cannot be reversed'],
  ALREADY_CAPTURED: [400, '00200039', 'Cannot capture already captured acquiring order'],
  HIGHER_CAPTURE_NOT_PERMITTED: [400, '00400062', 'Merchant not allowed to capture higher amount'],
  ORDER_NOT_CAPTURABLE: [400, '00200035', 'Order is not capturable'],
  ORDER_NOT_CANCELABLE: [400, '00200042', 'Order is not cancelable'],
  INVALID_PARAMS: [400, '00200015', 'Invalid refund amount'],
  UNACCEPTABLE_OP: [400, '00200013', 'Order cannot be refunded'],
  RESOURCE_NOT_FOUND: [404, '00200001', 'Order not found'],
  NO_SUCH_REFUND_ORDER: [404, '00200018', 'Refund not found'],
} as const;

export type ResultCode = keyof typeof CODES;

/** One answer: its HTTP status and `{ resultInfo, data }` body. */
export interface PayPayAnswer {
  status: number;
  body: { resultInfo: { code: string; message: string; codeId: string }; data: unknown };
}

/** The answer for `code`; `status` overrides the documented one (201 for a created QR code). */
export function answer(code: ResultCode, data: unknown = null, status?: number): PayPayAnswer {
  const [documented, codeId, message] = CODES[code];
  return { status: status ?? documented, body: { resultInfo: { code, message, codeId }, data } };
}

/** How an injected fault's status reads in PayPay's words. */
export function injectedError(status: number): PayPayAnswer['body'] {
  const code: ResultCode =
    status === 503
      ? 'MAINTENANCE_MODE'
      : status === 429
        ? 'RATE_LIMIT'
        : status === 401
          ? 'UNAUTHORIZED'
          : status === 500
            ? 'INTERNAL_SERVER_ERROR'
            : status > 500
              ? 'SERVICE_ERROR'
              : 'INVALID_REQUEST_PARAMS';
  return answer(code).body;
}

/** PayPay's order status for a simulated payment. */
export type PayPayStatus = 'CREATED' | 'AUTHORIZED' | 'COMPLETED' | 'REFUNDED' | 'FAILED' | 'CANCELED';

/**
 * The simulator's status in PayPay's words: requires_action ↔ CREATED,
 * authorized ↔ AUTHORIZED, captured ↔ COMPLETED, declined ↔ FAILED, voided ↔
 * CANCELED (reverted), refunded ↔ REFUNDED. A payment voided by "Cancel a
 * payment" reads FAILED, as PayPay's status transition table says.
 */
export function paypayStatus(p: Pick<Payment, 'status' | 'meta'>): PayPayStatus {
  switch (p.status) {
    case 'requires_action':
    case 'processing':
      return 'CREATED';
    case 'authorized':
      return 'AUTHORIZED';
    case 'captured':
      return 'COMPLETED';
    case 'refunded':
      return 'REFUNDED';
    case 'declined':
      return 'FAILED';
    case 'voided':
      return p.meta.canceled === true ? 'FAILED' : 'CANCELED';
  }
}

/**
 * The attempt key behind a merchantPaymentId. PayPay has no reference field;
 * orderly's adapter writes its key `<orderNo>:<n>` into merchantPaymentId with
 * an escape (`_` + two hex digits for any byte outside `A-Za-z0-9-`). Reading
 * it back lets the ledger (`/__sim/payments?reference=<orderNo>`) find PayPay
 * payments by order number. An id in no such form is its own reference.
 */
export function referenceOf(merchantPaymentId: string): { reference: string; key: string } {
  let key = merchantPaymentId;
  try {
    // Ids hold no `%` (not in PayPay's alphabet), so the escapes become percent-encoding.
    key = decodeURIComponent(merchantPaymentId.replace(/_([0-9a-f]{2})/g, '%$1'));
  } catch {
    // Not valid UTF-8 after unescaping: not one of ours.
  }
  const colon = key.lastIndexOf(':');
  return { reference: colon > 0 ? key.slice(0, colon) : key, key };
}

/** Unix seconds. */
export const epochOf = (d: Date): number => Math.floor(d.getTime() / 1000);

/** PayPay's notification timestamps: `2020-03-13T13:35:30Z`. */
export const isoSeconds = (epoch: number): string => new Date(epoch * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
