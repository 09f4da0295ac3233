import { listOrderPage, orderForCustomer, placeOrder } from '../../checkout/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logging.ts';
import { answeredOutcome, purchaseAnswer, sendAnswer } from '../outcomes.ts';
import { limitByCustomer } from '../rate-limits.ts';
import { CUSTOMER, errors } from '../schemas/common.ts';
import { IdempotencyHeaders, MyOrdersQuery, OrderAccepted, OrderList, OrderParams, OrderView, PlaceOrderBody } from '../schemas/orders.ts';
import type { Api, RouteKit } from '../types.ts';

const PURCHASE_ERRORS = errors(
  [
    'UNAUTHENTICATED',
    'IDEMPOTENCY_KEY_MISSING',
    'IDEMPOTENCY_KEY_REUSED',
    'IDEMPOTENCY_IN_PROGRESS',
    'UNKNOWN_PRODUCT',
    'PAYMENT_METHOD_NOT_AVAILABLE',
    'ORDER_TOTAL_ZERO',
    'ORDER_TOTAL_TOO_LARGE',
    'OUT_OF_STOCK',
    'PAYMENT_DECLINED',
    'PAYMENT_EXPIRED',
    'PAYMENT_UNAVAILABLE',
    'CHECKOUT_TIMEOUT',
    'CHECKOUT_BUSY',
  ],
  { body: true },
);

/** The buyer's routes: place an order, read one's own. */
export async function orderRoutes(app: Api, { ctx, auth, limits }: RouteKit): Promise<void> {
  const { deps } = ctx;

  app.post(
    '/api/v1/orders',
    {
      // Authenticated, then limited per customer — both before the body is read.
      onRequest: [auth.customer, limitByCustomer(limits.purchases)],
      // Once per answer, whichever stage gave it (auth, rate limit, validation, the purchase itself). An idempotent
      // replay counts again: placeOrder answers a replay exactly like the first time (by design), so it cannot be told here.
      onResponse: async (req, reply) => {
        const outcome = answeredOutcome(reply) ?? `HTTP_${reply.statusCode}`;
        deps.metrics.purchases.inc({ outcome });
        // One line per purchase answer, for triage: what the buyer was told (the orderNo comes from the log context).
        const refused = reply.statusCode >= 400;
        req.log[reply.statusCode >= 500 ? 'warn' : 'info']({ event: 'purchase_answered', outcome, status: reply.statusCode, ...(refused ? { code: outcome } : {}) }, 'purchase answered');
      },
      // Checked before the body so a missing key is 400 whatever the body says.
      preValidation: async (req) => {
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string' || key.length < 1 || key.length > 255) throw new AppError('IDEMPOTENCY_KEY_MISSING');
      },
      schema: {
        tags: ['orders'],
        summary: 'Buy (購入する)',
        description:
          'Reserves the stock, authorizes the payment and decides, within the purchase deadline. `201` PAID; `202` WAITING_PAYMENT ' +
          '(the buyer must act: `payment.nextAction`), with a `channelToken` for live updates; otherwise an error, ' +
          'with the `orderNo` when an order was recorded. The same `Idempotency-Key` with the same body always gets the same answer.',
        security: CUSTOMER,
        headers: IdempotencyHeaders,
        body: PlaceOrderBody,
        response: { 201: OrderView, 202: OrderAccepted, ...PURCHASE_ERRORS },
      },
    },
    async (req, reply) => {
      const p = req.body.payment;
      if (p.method === 'card' && !p.token) throw new AppError('VALIDATION_FAILED', { details: [{ in: 'body', field: '/payment/token', message: 'is required for card payments' }] });
      if (p.method === 'paypay' && p.token !== undefined) throw new AppError('VALIDATION_FAILED', { details: [{ in: 'body', field: '/payment/token', message: 'is not allowed for paypay' }] });
      const outcome = await placeOrder(deps, {
        customerId: req.customerId!,
        idempotencyKey: req.headers['idempotency-key'] as string,
        body: { ...req.body, payment: p.method === 'card' ? { method: 'card', token: p.token! } : { method: 'paypay' } },
        requestId: req.id,
        log: req.log as unknown as Logger,
      });
      return sendAnswer(reply, purchaseAnswer(outcome, req.headers['accept-language']));
    },
  );

  app.get(
    '/api/v1/orders',
    {
      onRequest: [auth.customer, limitByCustomer(limits.reads)],
      schema: {
        tags: ['orders'],
        summary: 'My orders, newest first',
        description: "The caller's own orders only. Paged with `nextCursor`: every order appears on exactly one page.",
        security: CUSTOMER,
        querystring: MyOrdersQuery,
        response: { 200: OrderList, ...errors(['UNAUTHENTICATED']) },
      },
    },
    async (req) =>
      await listOrderPage(deps.db, {
        customerId: req.customerId!,
        limit: req.query.limit ?? 20,
        ...(req.query.status ? { status: req.query.status } : {}),
        ...(req.query.cursor ? { cursor: req.query.cursor } : {}),
      }),
  );

  app.get(
    '/api/v1/orders/:orderNo',
    {
      onRequest: [auth.customer, limitByCustomer(limits.reads)],
      schema: {
        tags: ['orders'],
        summary: 'One of my orders',
        description: "Another customer's order is `404`: its existence is not the caller's business.",
        security: CUSTOMER,
        params: OrderParams,
        response: { 200: OrderView, ...errors(['UNAUTHENTICATED', 'ORDER_NOT_FOUND']) },
      },
    },
    async (req) => {
      const view = await orderForCustomer(deps.db, deps.payments, req.params.orderNo, req.customerId!);
      if (!view) throw new AppError('ORDER_NOT_FOUND');
      return view;
    },
  );
}
