import type { FastifyInstance } from 'fastify';
import { completeChallenge } from './sim.challenge.ts';
import type { SimContext } from './sim.context.ts';
import { getPayment } from './sim.repository.ts';
import { completeSchema, type CompleteBody, type IdParams } from './sim.schemas.ts';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 3rem auto">
<h1>${escapeHtml(title)}</h1>
${body}
</body></html>`;
}

function challengePage(id: string, amount: number, currency: string): string {
  const action = `/sim/3ds/${encodeURIComponent(id)}`;
  const form = (outcome: string, label: string): string =>
    `<form method="post" action="${escapeHtml(action)}" style="display:inline">
<input type="hidden" name="outcome" value="${outcome}"><button type="submit">${label}</button></form>`;
  return page(
    '3-D Secure (simulated)',
    `<p>Payment <code>${escapeHtml(id)}</code>: ${amount} ${escapeHtml(currency)}</p>
${form('success', 'Authenticate')} ${form('failure', 'Fail authentication')}`,
  );
}

/** The buyer-facing 3-D Secure page a `requires_action` payment redirects to. */
export function registerPages(app: FastifyInstance, ctx: SimContext): void {
  app.get<{ Params: IdParams }>('/sim/3ds/:id', async (request, reply) => {
    const p = await getPayment(ctx.pool, request.params.id);
    reply.type('text/html; charset=utf-8');
    if (!p) return reply.code(404).send(page('Payment not found', '<p>No such payment.</p>'));
    if (p.status !== 'requires_action') {
      return reply.send(page('Nothing to do', `<p>This payment is <b>${escapeHtml(p.status)}</b>.</p>`));
    }
    return reply.send(challengePage(p.id, p.amount, p.currency));
  });

  app.post<{ Params: IdParams; Body: CompleteBody }>(
    '/sim/3ds/:id',
    { schema: completeSchema },
    async (request, reply) => {
      const result = await completeChallenge(ctx, request.params.id, request.body.outcome === 'success');
      reply.type('text/html; charset=utf-8');
      if (result.kind === 'not_found') return reply.code(404).send(page('Payment not found', '<p>No such payment.</p>'));
      const status = escapeHtml(result.payment.status);
      if (result.kind === 'invalid_state') {
        return reply.code(409).send(page('Already completed', `<p>This payment is <b>${status}</b>.</p>`));
      }
      return reply.send(page('Authentication finished', `<p>The payment is now <b>${status}</b>. You may close this page.</p>`));
    },
  );
}
