import { listOrderPage, orderDetail } from '../../checkout/index.ts';
import { AppError } from '../../platform/errors.ts';
import { writeTaskEvent } from '../../events/index.ts';
import { discardDeadLetter, getDeadLetter, listDeadLetters, retryDeadLetter } from '../../platform/jobs/dead-letter.service.ts';
import { limitByAddress } from '../rate-limits.ts';
import { checkRange } from '../windows.ts';
import {
  DeadLetter,
  DeadLetterList,
  DeadLetterParams,
  DeadLetterQuery,
  DeadLetterState,
  DiscardBody,
  OrderDetail,
  OrderList,
  OrderListQuery,
  Providers,
  RetryBody,
} from '../schemas/admin.ts';
import { ADMIN, errors } from '../schemas/common.ts';
import { OrderParams } from '../schemas/orders.ts';
import type { Api, RouteKit } from '../types.ts';

/** Who acted when the body names nobody. */
const DEFAULT_ACTOR = 'admin';

/** Operators' routes: orders with their whole story, dead letters, PSP health. */
export async function adminRoutes(app: Api, { ctx, auth, limits }: RouteKit): Promise<void> {
  const { db, payments } = ctx.deps;
  const onRequest = [limitByAddress(limits.admin), auth.admin];
  const tags = ['operations'];

  app.get(
    '/api/v1/admin/orders',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Orders, newest first',
        description:
          'Paged with `nextCursor`: every order appears on exactly one page, however many were created at the same moment. ' +
          'Filters combine: `status`, `sku`, `customerId`, and the creation time in [`from`, `to`) (`422` for bounds outside the years 0001–9999 or `from` not before `to`). ' +
          'Keep the filters the same while following `nextCursor`.',
        security: ADMIN,
        querystring: OrderListQuery,
        response: { 200: OrderList, ...errors(['UNAUTHENTICATED']) },
      },
    },
    async (req) => {
      const q = req.query;
      const from = q.from === undefined ? undefined : new Date(q.from);
      const to = q.to === undefined ? undefined : new Date(q.to);
      checkRange(from, to);
      return await listOrderPage(db, {
        limit: q.limit ?? 50,
        ...(q.status ? { status: q.status } : {}),
        ...(q.sku ? { sku: q.sku } : {}),
        ...(q.customerId !== undefined ? { customerId: q.customerId } : {}),
        ...(from ? { from } : {}),
        ...(to ? { to } : {}),
        ...(q.cursor ? { cursor: q.cursor } : {}),
      });
    },
  );

  app.get(
    '/api/v1/admin/orders/:orderNo',
    {
      onRequest,
      schema: {
        tags,
        summary: "An order's whole story",
        description: 'Reservations, payment with attempts, mails, follow-up tasks, webhooks and the timeline, read in one snapshot.',
        security: ADMIN,
        params: OrderParams,
        response: { 200: OrderDetail, ...errors(['UNAUTHENTICATED', 'ORDER_NOT_FOUND']) },
      },
    },
    async (req) => {
      const d = await orderDetail(db, payments, req.params.orderNo);
      if (!d) throw new AppError('ORDER_NOT_FOUND');
      return d;
    },
  );

  app.get(
    '/api/v1/admin/providers',
    {
      onRequest,
      schema: {
        tags,
        summary: 'PSP health',
        description:
          "Each provider's circuit, breaker window, rate limit, recent calls (last 60 s) with their latency percentiles, last failure and last 20 failed calls " +
          "(the PSP's status and answer body, at most 2 KB, secrets and card data cut out), its methods and role; and the routes.",
        security: ADMIN,
        response: { 200: Providers, ...errors(['UNAUTHENTICATED']) },
      },
    },
    async () => ({ providers: payments.providerHealth(), routes: payments.routes() }),
  );

  app.get(
    '/api/v1/admin/dead-letters',
    {
      onRequest,
      schema: { tags, summary: 'Follow-up tasks that failed on every attempt', security: ADMIN, querystring: DeadLetterQuery, response: { 200: DeadLetterList, ...errors(['UNAUTHENTICATED']) } },
    },
    async (req) => {
      const { task, orderNo, state, limit } = req.query;
      return {
        deadLetters: await listDeadLetters(db, {
          ...(task !== undefined ? { task } : {}),
          ...(orderNo !== undefined ? { orderNo } : {}),
          ...(state !== undefined ? { state } : {}),
          ...(limit !== undefined ? { limit } : {}),
        }),
      };
    },
  );

  app.get(
    '/api/v1/admin/dead-letters/:id',
    {
      onRequest,
      schema: { tags, summary: 'One dead letter with its payload and errors', security: ADMIN, params: DeadLetterParams, response: { 200: DeadLetter, ...errors(['UNAUTHENTICATED', 'DEAD_LETTER_NOT_FOUND']) } },
    },
    async (req) => await getDeadLetter(db, req.params.id),
  );

  app.post(
    '/api/v1/admin/dead-letters/:id/retry',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Put a dead letter back in the queue with a fresh budget',
        security: ADMIN,
        params: DeadLetterParams,
        body: RetryBody,
        response: { 202: DeadLetterState('queued'), ...errors(['UNAUTHENTICATED', 'DEAD_LETTER_NOT_FOUND', 'DEAD_LETTER_NOT_DEAD'], { body: true }) },
      },
    },
    async (req, reply) => {
      const by = req.body?.by ?? DEFAULT_ACTOR;
      const r = await db.transaction().execute((tx) => retryDeadLetter(tx, req.params.id, by, writeTaskEvent));
      req.log.info({ event: 'operator_dead_letter_retried', deadLetter: r.id, by }, 'dead letter retried by an operator');
      return reply.code(202).send(r);
    },
  );

  app.post(
    '/api/v1/admin/dead-letters/:id/discard',
    {
      onRequest,
      schema: {
        tags,
        summary: 'Give up on a dead letter, with the reason',
        security: ADMIN,
        params: DeadLetterParams,
        body: DiscardBody,
        response: { 200: DeadLetterState('discarded'), ...errors(['UNAUTHENTICATED', 'DEAD_LETTER_NOT_FOUND', 'DEAD_LETTER_NOT_DEAD'], { body: true }) },
      },
    },
    async (req) => {
      const by = req.body.by ?? DEFAULT_ACTOR;
      const r = await db.transaction().execute((tx) => discardDeadLetter(tx, req.params.id, req.body.reason, by, writeTaskEvent));
      req.log.info({ event: 'operator_dead_letter_discarded', deadLetter: r.id, by, reason: req.body.reason }, 'dead letter discarded by an operator');
      return r;
    },
  );
}
