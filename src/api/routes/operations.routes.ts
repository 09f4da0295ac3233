import { checkWindow } from '../windows.ts';
import { cancelPaidOrder, listReconcileRuns, listRemediations, reconcile, refundPart, refundsOf } from '../../checkout/index.ts';
import { AppError } from '../../platform/errors.ts';
import { money } from '../../platform/money.ts';
import { limitByAddress } from '../rate-limits.ts';
import { ADMIN, errors } from '../schemas/common.ts';
import {
  CancelAnswer,
  CancelBody,
  OperatorIdempotencyHeaders,
  ReconcileBody,
  ReconcileReport,
  ReconcileRunList,
  ReconcileRunQuery,
  RefundAnswer,
  RefundBody,
  RefundList,
  RemediationList,
  RemediationQuery,
} from '../schemas/operations.ts';
import { OrderParams } from '../schemas/orders.ts';
import type { Api, RouteKit } from '../types.ts';

const DEFAULT_ACTOR = 'admin';

function keyOf(headers: Record<string, unknown>): string {
  const key = headers['idempotency-key'];
  if (typeof key !== 'string' || key.length < 1 || key.length > 255) throw new AppError('IDEMPOTENCY_KEY_MISSING');
  return key;
}

/** Operators act on paid orders: cancel (with refund) and refund in part, each under an idempotency key. */
export async function operationRoutes(app: Api, { ctx, auth, limits }: RouteKit): Promise<void> {
  const { deps } = ctx;
  const onRequest = [limitByAddress(limits.admin), auth.admin];
  const tags = ['operations'];
  const preValidation = async (req: { headers: Record<string, unknown> }) => void keyOf(req.headers);

  app.post(
    '/api/v1/admin/orders/:orderNo/cancel',
    {
      onRequest,
      preValidation,
      schema: {
        tags,
        summary: 'Cancel a paid order, with refund',
        description:
          'PAID → CANCELLED: the money goes back (a hold is voided, a capture refunded — followed at the PSP to the end), the stock returns, ' +
          'the buyer is told, and the shop too if it was already told to ship. `202`: the refund runs in the background (see the order detail).',
        security: ADMIN,
        params: OrderParams,
        headers: OperatorIdempotencyHeaders,
        body: CancelBody,
        response: { 202: CancelAnswer, ...errors(['UNAUTHENTICATED', 'IDEMPOTENCY_KEY_MISSING', 'IDEMPOTENCY_KEY_REUSED', 'ORDER_NOT_FOUND', 'ORDER_NOT_CANCELLABLE'], { body: true }) },
      },
    },
    async (req, reply) => {
      const by = req.body.by ?? DEFAULT_ACTOR;
      const r = await cancelPaidOrder(deps, req.params.orderNo, { key: keyOf(req.headers), by, reason: req.body.reason });
      req.log.info({ event: 'operator_order_cancelled', orderNo: r.orderNo, by, refund: r.refund.amount }, 'order cancelled by an operator');
      return reply.code(202).send(r);
    },
  );

  app.post(
    '/api/v1/admin/orders/:orderNo/refunds',
    {
      onRequest,
      preValidation,
      schema: {
        tags,
        summary: 'Refund part of a paid order',
        description:
          'An `amount`, or `lines` priced as sold; never more than is left to refund (refunds under way count). The order stays PAID. ' +
          '`202`: the PSP is asked in the background and its refund followed to `succeeded` or `failed` (GET …/refunds).',
        security: ADMIN,
        params: OrderParams,
        headers: OperatorIdempotencyHeaders,
        body: RefundBody,
        response: {
          202: RefundAnswer,
          ...errors(['UNAUTHENTICATED', 'IDEMPOTENCY_KEY_MISSING', 'IDEMPOTENCY_KEY_REUSED', 'ORDER_NOT_FOUND', 'ORDER_NOT_REFUNDABLE', 'PAYMENT_NOT_CAPTURED', 'REFUND_EXCEEDS_CAPTURED'], { body: true }),
        },
      },
    },
    async (req, reply) => {
      const b = req.body;
      if ((b.amount === undefined) === (b.lines === undefined)) {
        throw new AppError('VALIDATION_FAILED', { details: [{ in: 'body', field: '/amount', message: 'give exactly one of amount and lines' }] });
      }
      if (b.amount !== undefined && b.amount.amount < 1) throw new AppError('VALIDATION_FAILED', { details: [{ in: 'body', field: '/amount/amount', message: 'must be at least 1' }] });
      const by = b.by ?? DEFAULT_ACTOR;
      const r = await refundPart(deps, req.params.orderNo, { key: keyOf(req.headers), by, reason: b.reason, ...(b.amount ? { amount: b.amount.amount } : {}), ...(b.lines ? { lines: b.lines } : {}) });
      req.log.info({ event: 'operator_refund_requested', orderNo: r.orderNo, by, refundId: r.refund.refundId, amount: r.refund.amount.amount }, 'refund requested by an operator');
      return reply.code(202).send(r);
    },
  );

  app.get(
    '/api/v1/admin/orders/:orderNo/refunds',
    { onRequest, schema: { tags, summary: "An order's refunds and their PSP status", security: ADMIN, params: OrderParams, response: { 200: RefundList, ...errors(['UNAUTHENTICATED', 'ORDER_NOT_FOUND']) } } },
    async (req) => ({
      refunds: (await refundsOf(deps, req.params.orderNo)).map((f) => ({
        refundId: f.refundId,
        amount: money(f.amount),
        status: f.status,
        reason: f.reason,
        requestedBy: f.requestedBy,
        createdAt: f.createdAt,
        settledAt: f.settledAt,
        failureReason: f.failureReason,
        ...(Array.isArray(f.meta.lines) ? { lines: f.meta.lines as { sku: string; quantity: number }[] } : {}),
      })),
    }),
  );

  app.post(
    '/api/v1/admin/reconcile',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Reconcile with the PSPs now',
        description:
          "Compares our payments created in the window with each PSP's truth (its list API; PayPay: each known payment) and repairs what disagrees, " +
          'idempotently and audited (GET /api/v1/admin/remediations). The same runs every RECONCILE_INTERVAL_MS in `start`.',
        security: ADMIN,
        body: ReconcileBody,
        response: { 200: ReconcileReport, ...errors(['UNAUTHENTICATED'], { body: true }) },
      },
    },
    async (req) => {
      const from = new Date(req.body.since);
      const to = req.body.until ? new Date(req.body.until) : new Date();
      checkWindow(from, to, 'body', 'since');
      const by = req.body.by ?? DEFAULT_ACTOR;
      return await reconcile(deps, { from, to }, by, req.log as never, { orderNos: req.body.orderNos ?? [], trigger: 'operator' });
    },
  );

  app.get(
    '/api/v1/admin/reconcile/runs',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Runs of reconciliation, newest first',
        description:
          'Every run, periodic (RECONCILE_INTERVAL_MS in `start`) or asked for (POST /api/v1/admin/reconcile), recorded from its start: who, the window, ' +
          'what it checked (PSP payments, decided orders, payments read again, per PSP) and found (agreed, repairs, escalations), or why it stopped. ' +
          'A run cut off by a crash stays `running`. Paged with `nextCursor`: every run on exactly one page.',
        security: ADMIN,
        querystring: ReconcileRunQuery,
        response: { 200: ReconcileRunList, ...errors(['UNAUTHENTICATED']) },
      },
    },
    async (req) => await listReconcileRuns(deps.db, { limit: req.query.limit ?? 50, ...(req.query.cursor ? { cursor: req.query.cursor } : {}) }),
  );

  app.get(
    '/api/v1/admin/remediations',
    { onRequest, schema: { tags, summary: 'Repairs made by reconciliation, newest first', security: ADMIN, querystring: RemediationQuery, response: { 200: RemediationList, ...errors(['UNAUTHENTICATED']) } } },
    async (req) => ({ remediations: await listRemediations(deps.db, { limit: req.query.limit ?? 100, ...(req.query.orderNo ? { orderNo: req.query.orderNo } : {}) }) }),
  );
}
