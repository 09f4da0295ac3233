import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SpanKind, SpanStatusCode, startSpan, tracingEnabled, withContext, type Span } from '../platform/tracing.ts';

const spans = new WeakMap<FastifyRequest, Span>();

/**
 * A server span per request, child of the caller's `traceparent` when it
 * sends one; everything the request does (its transactions, PSP calls, the
 * tasks and events it leaves) joins it. Named by the route pattern, never
 * the raw URL (no ids or tokens in span names). Not installed when tracing is off.
 */
export function registerRequestSpans(app: FastifyInstance): void {
  if (!tracingEnabled()) return;
  app.addHook('onRequest', (req, _reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const given = req.headers.traceparent;
    const { span, ctx } = startSpan(
      `${req.method} ${route}`,
      { 'http.request.method': req.method, 'http.route': route, 'orderly.request_id': req.id },
      { kind: SpanKind.SERVER, parent: typeof given === 'string' && given.length <= 100 ? given : null },
    );
    spans.set(req, span);
    withContext(ctx, done);
  });
  app.addHook('onResponse', async (req, reply) => {
    const span = spans.get(req);
    if (!span) return;
    spans.delete(req);
    span.setAttribute('http.response.status_code', reply.statusCode);
    if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  // A client that goes away before the answer gets no onResponse: its span ends here.
  app.addHook('onRequestAbort', async (req) => {
    const span = spans.get(req);
    if (!span) return;
    spans.delete(req);
    span.setAttribute('orderly.aborted', true);
    span.end();
  });
}
