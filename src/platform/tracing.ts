import { context, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Span } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

/**
 * Traces (OpenTelemetry). Off unless `startTracing` registers a provider
 * (OTEL_EXPORTER_OTLP_ENDPOINT set): until then every tracer is the API's
 * no-op, spans record nothing, no context is carried and nothing is
 * exported — the helpers below cost a function call. On: spans go to the
 * OTLP/HTTP endpoint in batches, W3C `traceparent` crosses processes (HTTP
 * in, follow-up tasks, outbox events).
 */

export interface Tracing {
  /** Exports what is buffered and stops. */
  shutdown(): Promise<void>;
}

/** Registers the SDK process-wide: spans to `endpoint` (the OTLP/HTTP base, e.g. http://collector:4318). */
export function startTracing(opts: { endpoint: string; serviceName: string; version: string }): Tracing {
  const exporter = new OTLPTraceExporter({ url: `${opts.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': opts.serviceName, 'service.version': opts.version }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 500 })],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  enabled = true;
  return {
    shutdown: async () => {
      enabled = false;
      await provider.shutdown();
    },
  };
}

let enabled = false;

/** Whether spans are recorded in this process (hooks that only make spans are not even installed otherwise). */
export function tracingEnabled(): boolean {
  return enabled;
}

const tracer = () => trace.getTracer('orderly');

/**
 * Runs `fn` in a span named `name`, child of the current one (or of
 * `parent`, a `traceparent` carried from elsewhere); an exception is
 * recorded on it, the span ended either way.
 */
export async function inSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>, opts: { kind?: SpanKind; parent?: string | null } = {}): Promise<T> {
  const parentCtx = opts.parent ? contextOf(opts.parent) : context.active();
  return await tracer().startActiveSpan(name, { attributes, kind: opts.kind ?? SpanKind.INTERNAL }, parentCtx, async (span) => {
    try {
      return await fn(span);
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
      throw e;
    } finally {
      span.end();
    }
  });
}

/** Starts a span the caller ends (a request: begun in one hook, ended in another). */
export function startSpan(name: string, attributes: Attributes, opts: { kind?: SpanKind; parent?: string | null } = {}): { span: Span; ctx: Context } {
  const parentCtx = opts.parent ? contextOf(opts.parent) : context.active();
  const span = tracer().startSpan(name, { attributes, kind: opts.kind ?? SpanKind.INTERNAL }, parentCtx);
  return { span, ctx: trace.setSpan(parentCtx, span) };
}

/** Runs `fn` with `ctx` active (what `startSpan` returned). */
export function withContext<T>(ctx: Context, fn: () => T): T {
  return context.with(ctx, fn);
}

/** The current span as a W3C `traceparent`, to store with work that continues elsewhere; null when not tracing. */
export function currentTraceparent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** Marks the current span failed with `e` (work that handles its own failure, e.g. a task that will retry). */
export function failCurrentSpan(e: unknown): void {
  const span = trace.getActiveSpan();
  if (!span) return;
  span.recordException(e as Error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: (e as Error).message });
}

/** The trace id of the current span, for log lines; undefined when not tracing. */
export function currentTraceId(): string | undefined {
  const s = trace.getActiveSpan()?.spanContext();
  return s && trace.isSpanContextValid(s) ? s.traceId : undefined;
}

function contextOf(traceparent: string): Context {
  return propagation.extract(context.active(), { traceparent });
}

export { SpanKind, SpanStatusCode, type Span };
