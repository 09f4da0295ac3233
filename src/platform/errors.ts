/**
 * The one error catalogue: every error a client can see, with a stable code,
 * its HTTP status, whether retrying may help, and messages in English and Japanese.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 422,
    retryable: false,
    en: 'The request is not valid.',
    ja: 'リクエストの内容が正しくありません。',
  },
  BAD_REQUEST: { status: 400, retryable: false, en: 'The request could not be read.', ja: 'リクエストを読み取れませんでした。' },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    retryable: false,
    en: 'The request body is too large.',
    ja: 'リクエストの本文が大きすぎます。',
  },
  METHOD_NOT_ALLOWED: { status: 405, retryable: false, en: 'This method is not allowed here.', ja: 'このメソッドは使用できません。' },
  REQUEST_TIMEOUT: {
    status: 408,
    retryable: true,
    en: 'The request took too long to arrive.',
    ja: 'リクエストの受信に時間がかかりすぎました。',
  },
  URI_TOO_LONG: { status: 414, retryable: false, en: 'The request URL is too long.', ja: 'リクエストの URL が長すぎます。' },
  HEADERS_TOO_LARGE: {
    status: 431,
    retryable: false,
    en: 'The request headers are too large.',
    ja: 'リクエストヘッダーが大きすぎます。',
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    retryable: false,
    en: 'Send the body as application/json in UTF-8.',
    ja: '本文は UTF-8 の application/json で送信してください。',
  },
  UNKNOWN_PRODUCT: {
    status: 422,
    retryable: false,
    en: 'One of the products does not exist.',
    ja: '存在しない商品が含まれています。',
  },
  OUT_OF_STOCK: {
    status: 409,
    retryable: false,
    en: 'Sorry, one of the items is out of stock.',
    ja: '申し訳ございません。在庫が不足している商品があります。',
  },
  PAYMENT_DECLINED: {
    status: 402,
    retryable: false,
    en: 'The payment was declined. Please use another payment method.',
    ja: 'お支払いが承認されませんでした。別のお支払い方法をご利用ください。',
  },
  ORDER_TOTAL_ZERO: {
    status: 422,
    retryable: false,
    en: 'The order total is 0 yen: there is nothing to pay, so it cannot be ordered through checkout.',
    ja: '注文合計が0円のため、お支払いがなく、購入手続きはできません。',
  },
  ORDER_TOTAL_TOO_LARGE: {
    status: 422,
    retryable: false,
    en: 'The order total is over ¥100,000,000, the most one order can be. Please split it into several orders.',
    ja: '1回のご注文の合計金額は ¥100,000,000 までです。複数のご注文に分けてください。',
  },
  PAYMENT_METHOD_NOT_AVAILABLE: {
    status: 422,
    retryable: false,
    en: 'This payment method is not available. Please choose one of the methods listed.',
    ja: 'このお支払い方法はご利用いただけません。表示されているお支払い方法からお選びください。',
  },
  PAYMENT_UNAVAILABLE: {
    status: 503,
    retryable: true,
    en: 'The payment service is temporarily unavailable. You have not been charged; please try again in a moment.',
    ja: '決済サービスが一時的に利用できません。料金は請求されていません。しばらくしてから再度お試しください。',
  },
  CHECKOUT_BUSY: {
    status: 503,
    retryable: true,
    en: 'We are taking more orders than we can complete right now. Nothing was ordered or charged; please try again in a moment.',
    ja: 'ただいまご注文が集中しています。注文・請求は行われていません。しばらくしてから再度お試しください。',
  },
  CHECKOUT_TIMEOUT: {
    status: 503,
    retryable: true,
    en: 'We could not complete your purchase in time. You will not be charged; please try again.',
    ja: '購入処理が時間内に完了しませんでした。料金は請求されません。もう一度お試しください。',
  },
  PAYMENT_EXPIRED: {
    status: 402,
    retryable: false,
    en: 'The payment was not completed in time. You have not been charged; please order again.',
    ja: 'お支払いが期限内に完了しませんでした。料金は請求されていません。もう一度ご注文ください。',
  },
  WEBHOOK_SIGNATURE_INVALID: {
    status: 401,
    retryable: false,
    en: 'The webhook signature is missing, invalid or too old.',
    ja: 'Webhook の署名がない、正しくない、または古すぎます。',
  },
  IDEMPOTENCY_KEY_MISSING: {
    status: 400,
    retryable: false,
    en: 'The Idempotency-Key header is required (1 to 255 characters).',
    ja: 'Idempotency-Key ヘッダー(1〜255文字)が必要です。',
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    retryable: false,
    en: 'This Idempotency-Key was already used with a different request.',
    ja: 'この Idempotency-Key は別の内容のリクエストで使用済みです。',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    retryable: true,
    en: 'A request with this Idempotency-Key is still being processed.',
    ja: '同じ Idempotency-Key のリクエストを処理中です。',
  },
  UNAUTHENTICATED: {
    status: 401,
    retryable: false,
    en: 'Authentication is required.',
    ja: '認証が必要です。',
  },
  FORBIDDEN: { status: 403, retryable: false, en: 'You may not access this resource.', ja: 'このリソースへのアクセス権がありません。' },
  NOT_FOUND: { status: 404, retryable: false, en: 'Not found.', ja: '見つかりません。' },
  ORDER_NOT_FOUND: { status: 404, retryable: false, en: 'The order was not found.', ja: '注文が見つかりません。' },
  PRODUCT_NOT_FOUND: { status: 404, retryable: false, en: 'The product was not found.', ja: '商品が見つかりません。' },
  STOCK_BELOW_RESERVED: {
    status: 409,
    retryable: false,
    en: 'Stock cannot go below what is already reserved or sold.',
    ja: '在庫数を確保済みの数より少なくすることはできません。',
  },
  STOCK_LIMIT_EXCEEDED: {
    status: 409,
    retryable: false,
    en: 'Stock on hand cannot exceed 1,000,000,000,000 units.',
    ja: '在庫数は 1,000,000,000,000 個を超えられません。',
  },
  CONFLICT: {
    status: 409,
    retryable: true,
    en: 'The resource was changed by someone else; reload and try again.',
    ja: '他の操作で更新されました。再読み込みしてからもう一度お試しください。',
  },
  DEAD_LETTER_NOT_FOUND: { status: 404, retryable: false, en: 'The dead letter was not found.', ja: 'デッドレターが見つかりません。' },
  ALERT_NOT_FOUND: { status: 404, retryable: false, en: 'The alert was not found.', ja: 'アラートが見つかりません。' },
  ALERT_RESOLVED: { status: 409, retryable: false, en: 'The alert is already resolved.', ja: 'このアラートは解決済みです。' },
  ORDER_NOT_CANCELLABLE: {
    status: 409,
    retryable: false,
    en: 'Only a paid order can be cancelled (an undecided one is decided by its purchase; a failed one holds no money).',
    ja: 'キャンセルできるのは支払い済みの注文だけです。',
  },
  ORDER_NOT_REFUNDABLE: { status: 409, retryable: false, en: 'Only a paid order can be refunded in part.', ja: '一部返金できるのは支払い済みの注文だけです。' },
  PAYMENT_NOT_CAPTURED: {
    status: 409,
    retryable: true,
    en: 'The payment is not captured yet; try the refund again in a moment.',
    ja: 'まだ売上確定前です。しばらくしてから返金をやり直してください。',
  },
  REFUND_EXCEEDS_CAPTURED: {
    status: 422,
    retryable: false,
    en: 'The refund is more than what is left to refund.',
    ja: '返金額が返金可能な残額を超えています。',
  },
  REFUND_NOT_FOUND: { status: 404, retryable: false, en: 'The refund was not found.', ja: '返金が見つかりません。' },
  SUBSCRIPTION_NOT_FOUND: { status: 404, retryable: false, en: 'The webhook subscription was not found.', ja: 'Webhook の購読が見つかりません。' },
  DELIVERY_NOT_FOUND: { status: 404, retryable: false, en: 'The webhook delivery was not found.', ja: 'Webhook の配信が見つかりません。' },
  SUBSCRIPTION_LIMIT_REACHED: {
    status: 409,
    retryable: false,
    en: 'There are already as many active webhook subscriptions as allowed; disable one first.',
    ja: '有効な Webhook の購読数が上限に達しています。先にいずれかを無効にしてください。',
  },
  SUBSCRIPTION_DISABLED: {
    status: 409,
    retryable: false,
    en: 'The webhook subscription is disabled; enable it before redelivering.',
    ja: 'Webhook の購読が無効になっています。再配信の前に有効にしてください。',
  },
  RATE_LIMITED: {
    status: 429,
    retryable: true,
    en: 'Too many requests. Please wait a moment and try again.',
    ja: 'リクエストが多すぎます。しばらく待ってから再度お試しください。',
  },
  SERVICE_UNAVAILABLE: {
    status: 503,
    retryable: true,
    en: 'The service is temporarily unavailable. Please try again.',
    ja: 'サービスが一時的に利用できません。もう一度お試しください。',
  },
  INTERNAL: {
    status: 500,
    retryable: true,
    en: 'Something went wrong on our side.',
    ja: 'システムエラーが発生しました。',
  },
  DEAD_LETTER_NOT_DEAD: {
    status: 409,
    retryable: false,
    en: 'This task is no longer a dead letter: it was already retried or discarded.',
    ja: 'このタスクはすでに再実行または破棄されており、デッドレターではありません。',
  },
} as const satisfies Record<string, { status: number; retryable: boolean; en: string; ja: string }>;

export type ErrorCode = keyof typeof ERRORS;

/** An error a client may see. Internal details go to `cause` (logged), never to the body. */
export class AppError extends Error {
  readonly status: number;
  readonly retryable: boolean;

  constructor(
    readonly code: ErrorCode,
    readonly extra: { orderNo?: string; details?: unknown; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(ERRORS[code].en, { cause: extra.cause });
    this.name = 'AppError';
    this.status = ERRORS[code].status;
    this.retryable = ERRORS[code].retryable;
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** Picks Japanese when the Accept-Language header prefers `ja` over English. */
export function prefersJapanese(acceptLanguage: string | undefined): boolean {
  if (!acceptLanguage) return false;
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1, i };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  const first = ranked.find((x) => x.tag.startsWith('ja') || x.tag.startsWith('en') || x.tag === '*');
  return first?.tag.startsWith('ja') ?? false;
}

/** The JSON error body of the HTTP contract. */
export function errorBody(
  code: ErrorCode,
  acceptLanguage: string | undefined,
  extra: { orderNo?: string; details?: unknown } = {},
): { error: { code: ErrorCode; message: string; retryable: boolean; orderNo?: string; details?: unknown } } {
  const def = ERRORS[code];
  return {
    error: {
      code,
      message: prefersJapanese(acceptLanguage) ? def.ja : def.en,
      retryable: def.retryable,
      ...(extra.orderNo ? { orderNo: extra.orderNo } : {}),
      ...(extra.details !== undefined ? { details: extra.details } : {}),
    },
  };
}
