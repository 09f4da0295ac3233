import type { FastifyInstance } from 'fastify';
import type { SimContext } from './sim.context.ts';
import { completeChallenge } from './sim.challenge.ts';
import { listEvents } from './sim.events.ts';
import { findPayments } from './sim.repository.ts';
import {
  completeSchema,
  faultsSchema,
  ledgerSchema,
  type CompleteBody,
  type FaultsBody,
  type IdParams,
  type LedgerQuery,
  type WebhooksQuery,
  webhooksSchema,
} from './sim.schemas.ts';
import { errorBody, toLedgerJson, toPaymentJson } from './sim.types.ts';

/**
 * Local controls for tests and operators: `/__sim/*`, no authentication (the
 * simulator is never exposed beyond the machine it runs on).
 */
export function registerAdminRoutes(app: FastifyInstance, ctx: SimContext): void {
  app.get('/__sim/health', async () => ({ ok: true }));

  // The PSP's ledger: the truth outside checks compare orders with.
  app.get<{ Querystring: LedgerQuery }>('/__sim/payments', { schema: ledgerSchema }, async (request) => {
    const reference = request.query.reference || undefined;
    const payments = await findPayments(ctx.pool, { reference });
    return { payments: payments.map(toLedgerJson) };
  });

  app.post<{ Params: IdParams; Body: CompleteBody }>(
    '/__sim/payments/:id/complete',
    { schema: completeSchema },
    async (request, reply) => {
      const result = await completeChallenge(ctx, request.params.id, request.body.outcome === 'success');
      if (result.kind === 'not_found') return reply.code(404).send(errorBody('not_found'));
      if (result.kind === 'invalid_state') {
        return reply.code(409).send(errorBody('invalid_state', { status: result.payment.status }));
      }
      return reply.send(toPaymentJson(result.payment, ctx.baseUrl));
    },
  );

  // The webhook outbox and how each event's delivery went, oldest first.
  app.get<{ Querystring: WebhooksQuery }>('/__sim/webhooks', { schema: webhooksSchema }, async (request) => {
    const reference = request.query.reference || undefined;
    return { events: await listEvents(ctx.pool, reference) };
  });

  app.get('/__sim/faults', async () => ({ rules: ctx.faults.list() }));

  app.post<{ Body: FaultsBody }>('/__sim/faults', { schema: faultsSchema }, async (request) => {
    ctx.faults.replace(request.body.rules);
    ctx.log.info({ rules: request.body.rules }, 'psp-sim fault rules replaced');
    return { rules: ctx.faults.list() };
  });

  app.delete('/__sim/faults', async () => {
    ctx.faults.clear();
    return { rules: [] };
  });
}
