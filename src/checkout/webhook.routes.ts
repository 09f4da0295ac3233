import type { FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { enqueueTask } from '../platform/jobs/task.repository.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { TASKS } from './followup.names.ts';

const WEBHOOK_BODY_LIMIT = 256 * 1024;

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
          await enqueueTask(tx, { name: TASKS.paymentEvent, reference: stored.reference, requestId: req.id, payload: { webhookId: stored.id } });
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
