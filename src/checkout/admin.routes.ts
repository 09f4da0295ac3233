import type { FastifyInstance } from 'fastify';
import * as inventory from '../inventory/index.ts';
import { notificationsFor } from '../notifications/index.ts';
import { AppError } from '../platform/errors.ts';
import { adminAuth } from '../platform/http/auth.ts';
import type { AppContext } from '../platform/http/context.ts';
import { tasksForReference } from '../platform/jobs/task.repository.ts';
import { TASKS } from './followup.names.ts';
import { eventsOf, itemsOf, listOrders, orderByNo } from './order.repository.ts';
import type { OrderStatus } from './order.table.ts';

const STATUSES: OrderStatus[] = ['PENDING', 'WAITING_PAYMENT', 'PAID', 'FAILED', 'CANCELLED'];

function encodeCursor(createdAt: Date, id: number): string {
  return Buffer.from(JSON.stringify([createdAt.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: Date; id: number } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, number];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || !Number.isSafeInteger(id)) throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw new AppError('VALIDATION_FAILED', { details: [{ field: 'cursor', message: 'not a cursor this API returned' }] });
  }
}

/** Operator routes: orders with their whole story (dead letters: platform/jobs/dead-letter.routes.ts). */
export async function adminRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const admin = adminAuth(ctx.adminKey);
  const { db } = ctx;

  app.get<{ Querystring: { status?: OrderStatus; sku?: string; limit?: number; cursor?: string } }>(
    '/api/v1/admin/orders',
    {
      onRequest: admin,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: STATUSES },
            sku: { type: 'string', minLength: 1, maxLength: 64 },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
            cursor: { type: 'string', maxLength: 200 },
          },
        },
      },
    },
    async (req) => {
      const limit = req.query.limit ?? 50;
      const rows = await listOrders(db, {
        limit,
        ...(req.query.status ? { status: req.query.status } : {}),
        ...(req.query.sku ? { sku: req.query.sku } : {}),
        ...(req.query.cursor ? { after: decodeCursor(req.query.cursor) } : {}),
      });
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        orders: page.map((o) => ({ orderNo: o.order_no, status: o.status, total: { amount: o.total_amount, currency: o.currency }, createdAt: o.created_at.toISOString() })),
        nextCursor: rows.length > limit && last ? encodeCursor(last.created_at, last.id) : null,
      };
    },
  );

  app.get<{ Params: { orderNo: string } }>(
    '/api/v1/admin/orders/:orderNo',
    { onRequest: admin, schema: { params: { type: 'object', required: ['orderNo'], properties: { orderNo: { type: 'string', minLength: 1, maxLength: 40 } } } } },
    async (req) => {
      // One snapshot: the order, its tasks and its reservations as of one moment, never a task seen done
      // beside the stock it committed not yet.
      const read = await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .setAccessMode('read only')
        .execute(async (tx) => {
          const order = await orderByNo(tx, req.params.orderNo);
          if (!order) return undefined;
          const parts = await Promise.all([
            itemsOf(tx, order.id),
            inventory.reservationsFor(tx, order.order_no),
            ctx.payments.summary(tx, order.order_no),
            notificationsFor(tx, order.order_no),
            tasksForReference(tx, order.order_no),
            eventsOf(tx, order.id),
            ctx.payments.webhooks.forReference(tx, order.order_no),
          ]);
          return { order, parts };
        });
      if (!read) throw new AppError('ORDER_NOT_FOUND');
      const { order } = read;
      const [items, reservations, payment, mails, tasks, events, webhooks] = read.parts;
      return {
        orderNo: order.order_no,
        status: order.status,
        total: { amount: order.total_amount, currency: order.currency },
        customerId: order.customer_id,
        failure: order.failure_reason ? { reason: order.failure_reason } : null,
        createdAt: order.created_at.toISOString(),
        deadlineAt: order.deadline_at.toISOString(),
        paymentExpiresAt: order.payment_expires_at?.toISOString() ?? null,
        items: items.map((i) => ({ sku: i.sku, name: i.name, quantity: i.quantity, unitPrice: { amount: i.unit_price, currency: order.currency } })),
        shippingAddress: order.shipping_address,
        reservations,
        payment: payment ?? null,
        notifications: mails.map((m) => ({ kind: m.kind, recipient: m.recipient, subject: m.subject, state: m.state, sentAt: m.sent_at?.toISOString() ?? null })),
        // The decision's follow-up work; webhook handling is listed under `webhooks`.
        tasks: tasks
          .filter((t) => t.name !== TASKS.paymentEvent)
          .map((t) => ({ id: t.id, name: t.name, state: t.state, attempts: t.attempts, lastError: t.last_error })),
        webhooks,
        timeline: events.map((e) => ({ at: e.at.toISOString(), what: e.type, ...(Object.keys(e.data).length ? { data: e.data } : {}) })),
      };
    },
  );
}
