import type { FastifyInstance, FastifyReply } from 'fastify';
import type { SimContext } from '../sim.context.ts';
import { faultHook, type FaultOperation } from '../sim.faults.ts';
import { SimClosingError } from '../sim.timers.ts';
import { keepRawJson, opaAuth } from './paypay.auth.ts';
import type { PayPaySimOptions } from './paypay.options.ts';
import { answer, injectedError, type PayPayAnswer } from './paypay.wire.ts';

/** Sends a PayPay answer. */
export function send(reply: FastifyReply, a: PayPayAnswer): FastifyReply {
  return reply.code(a.status).send(a.body);
}

/** The fault hook of one operation, with injected errors in PayPay's `resultInfo` shape. */
export function paypayFaults(ctx: SimContext, op: Exclude<FaultOperation, 'webhook'>) {
  return faultHook(op, ctx.faults, ctx.timers, 'paypay', injectedError);
}

/**
 * The scope's own plumbing: raw JSON bodies (the signature covers their
 * bytes), OPA-Auth on every request (before the route's fault hook, so an
 * unauthenticated request never uses up a fault), the body digest once read,
 * and errors in PayPay's shape.
 */
export function setUpPayPayScope(scope: FastifyInstance, ctx: SimContext, opts: PayPaySimOptions): void {
  keepRawJson(scope);
  const auth = opaAuth(opts);
  scope.addHook('onRequest', auth.onRequest);
  scope.addHook('preValidation', auth.bodyMatches);
  scope.setErrorHandler((err: unknown, request, reply) => {
    if (err instanceof SimClosingError) return send(reply, answer('MAINTENANCE_MODE'));
    const e = err as { validation?: unknown; statusCode?: number };
    if (e.validation || (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)) {
      // PayPay names a bad QR code request its own way.
      return send(reply, answer(request.url.startsWith('/v2/codes') ? 'DYNAMIC_QR_BAD_REQUEST' : 'INVALID_REQUEST_PARAMS'));
    }
    ctx.log.error({ event: 'sim_request_failed', err, method: request.method, url: request.url }, 'psp-sim paypay request failed');
    return send(reply, answer('INTERNAL_SERVER_ERROR'));
  });
}
