import type { FastifyInstance } from 'fastify';
import { listPayments } from '../sim.list.repository.ts';
import { invalidRequest } from './stripe.errors.ts';
import type { FormParams } from './stripe.form.ts';
import { paymentIntentJson } from './stripe.objects.ts';
import { StripeParamError, expandParam, hashParam, onlyKnown, stringParam } from './stripe.params.ts';
import type { StripeRouteKit } from './stripe.routes.ts';
import { paramsOf, sendAnswer } from './stripe.scope.ts';

/**
 * `GET /v1/payment_intents` (https://docs.stripe.com/api/payment_intents/list):
 * Stripe's list object `{ object: 'list', data, has_more, url }`, newest first,
 * filtered by `created` (unix seconds: exact, or `gt` / `gte` / `lt` / `lte`),
 * paged by `limit` (1–100, default 10) and `starting_after` / `ending_before`
 * (an object id of the previous page), as the SDK's auto-pagination sends them.
 */

const LIST_URL = '/v1/payment_intents';

function unix(value: string, param: string): number {
  if (!/^\d{1,12}$/.test(value)) throw new StripeParamError(invalidRequest(`Invalid integer: ${value}`, { code: 'parameter_invalid_integer', param }));
  return Number(value);
}

/** `created` as a window [from, to) of whole seconds: Stripe compares the object's `created`, a whole second. */
function createdWindow(params: FormParams): { from?: Date; to?: Date } {
  const at = (s: number): Date => new Date(s * 1000);
  const exact = params.created;
  if (typeof exact === 'string') {
    const s = unix(exact, 'created');
    return { from: at(s), to: at(s + 1) };
  }
  const range = hashParam(params, 'created');
  if (!range) return {};
  let from: number | undefined;
  let to: number | undefined;
  for (const [op, raw] of Object.entries(range)) {
    if (typeof raw !== 'string' || !['gt', 'gte', 'lt', 'lte'].includes(op)) {
      throw new StripeParamError(invalidRequest(`Received unknown parameter: created[${op}]`, { code: 'parameter_unknown', param: `created[${op}]` }));
    }
    const s = unix(raw, `created[${op}]`);
    if (op === 'gt' || op === 'gte') from = Math.max(from ?? 0, op === 'gt' ? s + 1 : s);
    else to = Math.min(to ?? Number.MAX_SAFE_INTEGER, op === 'lte' ? s + 1 : s);
  }
  return { ...(from !== undefined ? { from: at(from) } : {}), ...(to !== undefined ? { to: at(to) } : {}) };
}

export function registerList(scope: FastifyInstance, kit: StripeRouteKit): void {
  scope.get(LIST_URL, { onRequest: kit.faults('list') }, async (request, reply) => {
    const params = paramsOf(request);
    onlyKnown(params, ['created', 'limit', 'starting_after', 'ending_before', 'expand']);
    const limitText = stringParam(params, 'limit') ?? '10';
    const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
    if (!(limit >= 1 && limit <= 100)) return sendAnswer(reply, invalidRequest('Invalid limit: must be between 1 and 100', { param: 'limit' }));
    const startingAfter = stringParam(params, 'starting_after', false, 255);
    const endingBefore = stringParam(params, 'ending_before', false, 255);
    if (startingAfter && endingBefore) {
      return sendAnswer(reply, invalidRequest('You may only specify one of these parameters: starting_after, ending_before.', { param: 'ending_before' }));
    }
    const expand = expandParam(params, ['data.latest_charge', 'data.latest_charge.refunds']);
    const { from, to } = createdWindow(params);
    const cursor = startingAfter ?? endingBefore;
    // Newest first; `ending_before` walks back towards newer objects, shown newest first all the same.
    const page = await listPayments(kit.ctx.pool, {
      provider: 'stripe',
      ...(from ? { createdFrom: from } : {}),
      ...(to ? { createdTo: to } : {}),
      order: endingBefore ? 'asc' : 'desc',
      limit,
      ...(cursor ? { after: cursor } : {}),
    });
    if (!page) {
      const param = startingAfter ? 'starting_after' : 'ending_before';
      return sendAnswer(reply, invalidRequest(`No such payment_intent: '${cursor}'`, { code: 'resource_missing', param }));
    }
    const payments = endingBefore ? page.payments.reverse() : page.payments;
    const piExpand = new Set([...expand].map((e) => e.slice('data.'.length)));
    return reply.send({ object: 'list', data: payments.map((p) => paymentIntentJson(kit.source(p), piExpand)), has_more: page.hasMore, url: LIST_URL });
  });
}
