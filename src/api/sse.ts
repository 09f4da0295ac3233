import type { FastifyReply, FastifyRequest } from 'fastify';

/** Counts live connections, per key (an order, the overview) and in all, in this process. */
export class LiveLimits {
  private readonly open = new Map<string, number>();
  private total = 0;

  constructor(
    private readonly perKey: number,
    private readonly overall: number,
  ) {}

  admit(key: string): boolean {
    const n = this.open.get(key) ?? 0;
    if (n >= this.perKey || this.total >= this.overall) return false;
    this.open.set(key, n + 1);
    this.total += 1;
    return true;
  }

  release(key: string): void {
    const n = (this.open.get(key) ?? 1) - 1;
    if (n <= 0) this.open.delete(key);
    else this.open.set(key, n);
    this.total = Math.max(0, this.total - 1);
  }
}

export const SSE_KEEPALIVE_MS = 15_000;

/**
 * Takes the reply over as a Server-Sent Events stream: the head, `retry: 2000`, a keep-alive comment every
 * {@link SSE_KEEPALIVE_MS}, and one `end` — run when the client goes, when the server closes (the caller keeps
 * it in `streams` for its preClose hook; an SSE answer never ends by itself) or by the caller — which runs
 * `onEnd` once. `write` does nothing once the stream is over.
 */
export function openEventStream(req: FastifyRequest, reply: FastifyReply, streams: Set<() => void>, onEnd: () => void): { write: (chunk: string) => void; end: () => void } {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-content-type-options': 'nosniff',
    'x-request-id': req.id,
  });
  res.write('retry: 2000\n\n');
  const write = (chunk: string) => {
    if (!res.writableEnded && !res.destroyed) res.write(chunk);
  };
  const keepAlive = setInterval(() => write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
  keepAlive.unref();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(keepAlive);
    streams.delete(end);
    onEnd();
    if (!res.writableEnded) res.end();
  };
  streams.add(end);
  req.raw.once('close', end);
  // The client may have gone while we authenticated: then 'close' has already fired.
  if (req.raw.destroyed || res.destroyed) queueMicrotask(end);
  return { write, end };
}
