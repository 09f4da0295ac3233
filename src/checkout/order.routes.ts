import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/http/context.ts';
import type { Logger } from '../platform/logging.ts';
import { customerAuth } from '../platform/http/auth.ts';
import { AppError } from '../platform/errors.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { placeOrder, type PlaceOrderBody } from './place-order.ts';
import { orderByNo } from './order.repository.ts';
import { customerView } from './order.view.ts';

const text = (max: number) => ({ type: 'string', minLength: 1, maxLength: max }) as const;

export const placeOrderSchema = {
  type: 'object',
  required: ['items', 'shippingAddress', 'payment'],
  additionalProperties: false,
  properties: {
    items: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        type: 'object',
        required: ['sku', 'quantity'],
        additionalProperties: false,
        properties: { sku: text(64), quantity: { type: 'integer', minimum: 1, maximum: 999 } },
      },
    },
    shippingAddress: {
      type: 'object',
      required: ['name', 'postalCode', 'prefecture', 'city', 'line1', 'phone'],
      additionalProperties: false,
      properties: {
        name: text(100),
        // Japanese postal codes: 123-4567 or 1234567.
        postalCode: { type: 'string', pattern: '^[0-9]{3}-?[0-9]{4}$' },
        prefecture: text(10),
        city: text(100),
        line1: text(200),
        line2: { type: 'string', maxLength: 200 },
        phone: { type: 'string', pattern: '^\\+?[0-9][0-9-]{8,19}$' },
      },
    },
    // A card token, or PayPay (QR / app: the buyer approves on the PSP's page, we learn the outcome later).
    payment: {
      type: 'object',
      required: ['method'],
      oneOf: [
        {
          required: ['method', 'token'],
          additionalProperties: false,
          properties: { method: { const: 'card' }, token: { type: 'string', minLength: 1, maxLength: 255 } },
        },
        { required: ['method'], additionalProperties: false, properties: { method: { const: 'paypay' } } },
      ],
    },
    email: { type: 'string', format: 'email', maxLength: 254 },
  },
} as const;

const RETRY_AFTER_SECONDS: Record<string, number> = { PAYMENT_UNAVAILABLE: 5, CHECKOUT_TIMEOUT: 2, IDEMPOTENCY_IN_PROGRESS: 1 };

/** Customer routes: place an order, read one's own order. */
export async function orderRoutes(app: FastifyInstance, ctx: AppContext, deps: CheckoutDeps): Promise<void> {
  const customer = customerAuth(ctx.jwtSecret);

  app.post<{ Body: PlaceOrderBody; Headers: { 'idempotency-key'?: string } }>(
    '/api/v1/orders',
    {
      onRequest: customer,
      config: { rateLimit: { max: ctx.config.rateLimitPerMinute, timeWindow: 60_000, keyGenerator: (req) => req.customerId ?? req.ip } },
      schema: { body: placeOrderSchema },
      // Checked before the body so a missing key is 400 whatever the body says.
      preValidation: async (req) => {
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string' || key.length < 1 || key.length > 255) throw new AppError('IDEMPOTENCY_KEY_MISSING');
      },
    },
    async (req, reply) => {
      const res = await placeOrder(deps, {
        customerId: req.customerId!,
        idempotencyKey: req.headers['idempotency-key']!,
        body: req.body,
        requestId: req.id,
        acceptLanguage: req.headers['accept-language'],
        log: req.log as unknown as Logger,
      });
      const error = (res.body as { error?: { code?: string; retryAfterSeconds?: number } }).error;
      const retryAfter = error?.retryAfterSeconds ?? (error?.code ? RETRY_AFTER_SECONDS[error.code] : undefined);
      if (retryAfter) reply.header('retry-after', String(retryAfter));
      return reply.code(res.status).send(res.body);
    },
  );

  app.get<{ Params: { orderNo: string } }>(
    '/api/v1/orders/:orderNo',
    {
      onRequest: customer,
      schema: { params: { type: 'object', required: ['orderNo'], properties: { orderNo: text(40) }, additionalProperties: false } },
    },
    async (req) => {
      const order = await orderByNo(ctx.db, req.params.orderNo);
      // Someone else's order is "not found": its existence is not the caller's business.
      if (!order || order.customer_id !== req.customerId) throw new AppError('ORDER_NOT_FOUND');
      return await customerView(ctx.db, ctx.payments, order);
    },
  );
}
