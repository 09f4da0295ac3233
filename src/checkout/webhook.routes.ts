import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { enqueueTask } from '../platform/jobs/task.repository.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { meaningOf, type ProviderPayment } from '../payments/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { TASKS, URGENT } from './followup.names.ts';
import { orderByNo } from './order.repository.ts';

const WEBHOOK_BODY_LIMIT = 256 * 1024;

/**
 * Whether an event can change its order (see payment-events.ts): news for an
 * order waiting for the buyer, a success for a failed order, a failure for a
 * paid one. Everything else — the echo of a card payment the request itself
 * decides, our own captures, voids and refunds — is stored as processed and
 * costs no job. (An order that moves to WAITING_PAYMENT just after this read
 * is still covered: its polling task asks the PSP.) `undefined` = the status is
 * not known (an unsigned notification): only an order still waiting for the buyer.
 */
async function mayChangeOrder(tx: Tx, orderNo: string, pspStatus: ProviderPayment['status'] | undefined): Promise<boolean> {
  const order = await orderByNo(tx, orderNo);
  if (!order) return false;
  // An unsigned hint costs a PSP query: only for orders still waiting (their poll task covers the rest).
  if (pspStatus === undefined) return order.status === 'WAITING_PAYMENT';
  const meaning = meaningOf(pspStatus);
  if (order.status === 'WAITING_PAYMENT') return meaning === 'succeeded' || meaning === 'failed';
  if (order.status === 'FAILED' || order.status === 'CANCELLED') return meaning === 'succeeded';
  if (order.status === 'PAID') return meaning === 'failed';
  return false;
}

/**
 * `POST /webhooks/:provider`: the PSP's signed notifications. Public (the PSP
 * cannot log in) and therefore believed only after the signature over the raw
 * body checks out. The event is stored once per event id and its work is
 * enqueued in the same transaction; the PSP gets its 2xx at once.
 */
export async function webhookRoutes(app: FastifyInstance, deps: CheckoutDeps): Promise<void> {
  await app.register(async (scope) => {
    // The signature covers the exact bytes: keep the body as the raw string, parse it only after verifying.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.post<{ Params: { provider: string }; Body: string | undefined }>(
      '/webhooks/:provider',
      { schema: { params: { type: 'object', required: ['provider'], properties: { provider: { type: 'string', pattern: '^[a-z0-9-]{1,40}$' } } } } },
      async (req, reply) => {
        const { provider } = req.params;
        const raw = typeof req.body === 'string' ? req.body : '';
        const result = await deps.payments.webhooks.receive(deps.db, provider, raw, req.headers, async (tx, stored) => {
          // An unsigned notification's status proves nothing: its job asks the PSP whatever it claims.
          const claimed = stored.event.confirmWithPsp ? undefined : stored.payment.status;
          if (!(await mayChangeOrder(tx, stored.reference, claimed))) return false;
          await enqueueTask(tx, { name: TASKS.paymentEvent, reference: stored.reference, requestId: req.id, payload: { webhookId: stored.id }, priority: URGENT });
          return true;
        });
        switch (result.kind) {
          case 'unknown_provider':
            deps.metrics.webhooksRejected.inc({ provider: 'unknown', reason: 'unknown_provider' });
            throw new AppError('NOT_FOUND');
          case 'rejected':
            deps.metrics.webhooksRejected.inc({ provider, reason: result.reason });
            req.log.warn({ provider, reason: result.reason }, 'webhook rejected');
            throw new AppError('WEBHOOK_SIGNATURE_INVALID');
          case 'duplicate':
            deps.metrics.webhooksDuplicate.inc({ provider });
            req.log.info({ provider, eventId: result.eventId }, 'duplicate webhook; already received');
            return reply.code(200).send({ received: true, duplicate: true });
          case 'stored':
            deps.metrics.webhooksReceived.inc({ provider });
            req.log.info({ provider, eventId: result.eventId }, 'webhook received');
            return reply.code(200).send({ received: true });
        }
      },
    );
  });
}
