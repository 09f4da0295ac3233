import type { FastifyInstance, FastifyReply } from 'fastify';
import { completeChallenge } from './sim.challenge.ts';
import type { SimContext } from './sim.context.ts';
import { getPayment } from './sim.repository.ts';
import { completeSchema, type CompleteBody, type IdParams } from './sim.schemas.ts';
import type { Payment, PaymentMethod } from './sim.types.ts';

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

function button(action: string, outcome: 'success' | 'failure', label: string): string {
  return `<form method="post" action="${escapeHtml(action)}" style="display:inline">
<input type="hidden" name="outcome" value="${outcome}"><button type="submit">${escapeHtml(label)}</button></form>`;
}

/** One kind of buyer page: the 3-D Secure challenge (cards) or the PayPay QR page. */
interface BuyerPage {
  /** `/sim/<segment>/:id`. */
  segment: '3ds' | 'pay';
  method: PaymentMethod;
  render(p: Payment, action: string): string;
  doneTitle: string;
}

const PAGES: BuyerPage[] = [
  {
    segment: '3ds',
    method: 'card',
    doneTitle: 'Authentication finished',
    render: (p, action) =>
      page(
        '3-D Secure (simulated)',
        `<p>Payment <code>${escapeHtml(p.id)}</code>: ${p.amount} ${escapeHtml(p.currency)}</p>
${button(action, 'success', 'Authenticate')} ${button(action, 'failure', 'Fail authentication')}`,
      ),
  },
  {
    segment: 'pay',
    method: 'paypay',
    doneTitle: 'Payment finished',
    // No QR library: the "code" is its deep link in a box, which is what a test or a person needs.
    render: (p, action) =>
      page(
        'PayPay (simulated)',
        `<p>Pay <b>${p.amount} ${escapeHtml(p.currency)}</b> for <code>${escapeHtml(p.reference)}</code></p>
<p>Scan this code with the PayPay app:</p>
<pre data-qr style="font-family: monospace; border: 4px solid #000; padding: 1.5rem; display: inline-block">${escapeHtml(
          `paypay-sim://pay/${p.id}`,
        )}</pre>
<p>${button(action, 'success', 'Pay')} ${button(action, 'failure', 'Cancel')}</p>`,
      ),
  },
];

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).send(page('Payment not found', '<p>No such payment.</p>'));
}

/** The buyer-facing pages a `requires_action` payment redirects to (see buyerPageUrl). */
export function registerPages(app: FastifyInstance, ctx: SimContext): void {
  for (const kind of PAGES) {
    const path = `/sim/${kind.segment}/:id`;
    app.get<{ Params: IdParams }>(path, async (request, reply) => {
      const p = await getPayment(ctx.pool, request.params.id);
      reply.type('text/html; charset=utf-8');
      if (!p || p.method !== kind.method) return notFound(reply);
      if (p.status !== 'requires_action') {
        return reply.send(page('Nothing to do', `<p>This payment is <b>${escapeHtml(p.status)}</b>.</p>`));
      }
      return reply.send(kind.render(p, `/sim/${kind.segment}/${encodeURIComponent(p.id)}`));
    });

    app.post<{ Params: IdParams; Body: CompleteBody }>(path, { schema: completeSchema }, async (request, reply) => {
      reply.type('text/html; charset=utf-8');
      // A card's challenge cannot be completed from the PayPay page, nor the reverse.
      const existing = await getPayment(ctx.pool, request.params.id);
      if (!existing || existing.method !== kind.method) return notFound(reply);
      const result = await completeChallenge(ctx, request.params.id, request.body.outcome === 'success');
      if (result.kind === 'not_found') return notFound(reply);
      const status = escapeHtml(result.payment.status);
      if (result.kind === 'invalid_state') {
        return reply.code(409).send(page('Already completed', `<p>This payment is <b>${status}</b>.</p>`));
      }
      return reply.send(page(kind.doneTitle, `<p>The payment is now <b>${status}</b>. You may close this page.</p>`));
    });
  }
}
