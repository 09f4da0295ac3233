import type { FastifyInstance } from 'fastify';
import { findPayments } from '../sim.repository.ts';
import { invalidRequest } from './stripe.errors.ts';
import { metaFromMetadata, paymentIntentJson, paymentIntentStatus } from './stripe.objects.ts';
import { expandParam, onlyKnown, stringParam } from './stripe.params.ts';
import type { StripeRouteKit } from './stripe.routes.ts';
import { parsePaymentIntentQuery, SearchQueryError } from './stripe.search.ts';
import { paramsOf, sendAnswer } from './stripe.scope.ts';

/**
 * `GET /v1/payment_intents/search` (https://docs.stripe.com/api/payment_intents/search):
 * a `search_result` list, newest first. Unlike Stripe's index, which lags by
 * up to a minute, the simulator answers from its store at once — orderly must
 * not rely on that (see the adapter's findByReference).
 */
export function registerSearch(scope: FastifyInstance, kit: StripeRouteKit): void {
  scope.get('/v1/payment_intents/search', { onRequest: kit.faults('find') }, async (request, reply) => {
    const params = paramsOf(request);
    onlyKnown(params, ['query', 'limit', 'page', 'expand']);
    const query = stringParam(params, 'query', true) as string;
    const limitText = stringParam(params, 'limit') ?? '10';
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 100)) {
      return sendAnswer(reply, invalidRequest('Invalid limit: must be between 1 and 100', { param: 'limit' }));
    }
    // The simulator never returns a next_page, so no page token can be valid.
    if (stringParam(params, 'page') !== undefined) return sendAnswer(reply, invalidRequest('Invalid page token.', { param: 'page' }));
    const expand = expandParam(params, ['data.latest_charge', 'data.latest_charge.refunds']);
    let parsed;
    try {
      parsed = parsePaymentIntentQuery(query);
    } catch (err) {
      if (err instanceof SearchQueryError) return sendAnswer(reply, invalidRequest(`Invalid query: ${err.message}`, { param: 'query' }));
      throw err;
    }
    const found = await findPayments(kit.ctx.pool, { provider: 'stripe', metaEquals: metaFromMetadata(parsed.metadata) });
    const matching = found.filter((p) => parsed.status === undefined || paymentIntentStatus(p.status) === parsed.status).reverse();
    const piExpand = new Set([...expand].map((e) => e.slice('data.'.length)));
    // Paging is not simulated: `has_more` tells the truth, but there is no next page to fetch.
    return reply.send({
      object: 'search_result',
      url: '/v1/payment_intents/search',
      has_more: matching.length > limit,
      next_page: null,
      data: matching.slice(0, limit).map((p) => paymentIntentJson(kit.source(p), piExpand)),
    });
  });
}
