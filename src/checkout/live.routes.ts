import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.ts';
import { bearer, verifyCustomerToken } from '../platform/http/auth.ts';
import type { Logger } from '../platform/logging.ts';
import { verifyChannelToken } from './channel-token.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { followOrder, type OrderLiveHub } from './order.live.ts';
import { orderByNo } from './order.repository.ts';

type LiveRequest = FastifyRequest<{ Params: { orderNo: string }; Querystring: { token?: string } }>;

const schema = {
  params: { type: 'object', required: ['orderNo'], properties: { orderNo: { type: 'string', minLength: 1, maxLength: 40 } } },
  querystring: { type: 'object', properties: { token: { type: 'string', minLength: 1, maxLength: 2000 } } },
} as const;

const WS_PING_MS = 30_000;
/** One order's page open in a few tabs is normal; hundreds is abuse, and each costs reads on every change. */
const MAX_LIVE_PER_ORDER = 20;
const SSE_KEEPALIVE_MS = 15_000;

/** Counts live connections per order in this process. */
class LiveLimits {
  private readonly open = new Map<string, number>();
  constructor(private readonly max: number) {}
  admit(orderNo: string): boolean {
    const n = this.open.get(orderNo) ?? 0;
    if (n >= this.max) return false;
    this.open.set(orderNo, n + 1);
    return true;
  }
  release(orderNo: string): void {
    const n = (this.open.get(orderNo) ?? 1) - 1;
    if (n <= 0) this.open.delete(orderNo);
    else this.open.set(orderNo, n);
  }
}

/**
 * Who may follow an order: the holder of its channel token (from the 202), or
 * its customer with their JWT. Browsers cannot set headers on a WebSocket, so
 * the channel token may come as `?token=` (it opens only this order, read-only,
 * and is cut out of logged URLs); the customer's JWT, which opens everything
 * theirs for days, only in `Authorization: Bearer`, never in a URL that proxies log.
 */
function liveAuth(deps: CheckoutDeps) {
  return async (req: LiveRequest, _reply: FastifyReply): Promise<void> => {
    const { orderNo } = req.params;
    if (req.query.token !== undefined) {
      if (await verifyChannelToken(deps.jwtSecret, req.query.token, orderNo)) return;
      throw new AppError('UNAUTHENTICATED');
    }
    const token = bearer(req);
    if (!token) throw new AppError('UNAUTHENTICATED');
    if (await verifyChannelToken(deps.jwtSecret, token, orderNo)) return;
    const customerId = await verifyCustomerToken(deps.jwtSecret, token);
    const order = await orderByNo(deps.db, orderNo);
    if (!order || order.customer_id !== customerId) throw new AppError('ORDER_NOT_FOUND');
  };
}

/** Live order status: WebSocket `/live` and Server-Sent Events `/events`. */
export async function liveRoutes(app: FastifyInstance, deps: CheckoutDeps, hub: OrderLiveHub): Promise<void> {
  const onRequest = liveAuth(deps);
  const limits = new LiveLimits(MAX_LIVE_PER_ORDER);
  const streams = new Set<() => void>();
  // SSE responses never end by themselves: end them when the server closes, or close() would wait forever.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get('/api/v1/orders/:orderNo/live', { websocket: true, onRequest, schema }, (socket: WebSocket, req: LiveRequest) => {
    const log = req.log as unknown as Logger;
    if (!limits.admit(req.params.orderNo)) {
      socket.close(1013, 'too many live connections for this order');
      return;
    }
    const stop = followOrder(deps, hub, req.params.orderNo, (type, order) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type, order }));
      }, log);
    const ping = setInterval(() => socket.ping(), WS_PING_MS);
    ping.unref();
    const end = () => {
      clearInterval(ping);
      stop();
      limits.release(req.params.orderNo);
    };
    socket.once('close', end);
    // The client may have gone while we authenticated: then 'close' has already fired.
    if (socket.readyState !== socket.OPEN) end();
    // The client only listens; anything it sends is ignored.
    socket.on('message', () => {});
  });

  app.get('/api/v1/orders/:orderNo/events', { onRequest, schema }, (req: LiveRequest, reply) => {
    const log = req.log as unknown as Logger;
    if (!limits.admit(req.params.orderNo)) throw new AppError('RATE_LIMITED', { retryAfterSeconds: 10 });
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-request-id': req.id,
    });
    res.write('retry: 2000\n\n');
    const write = (chunk: string) => {
      if (!res.writableEnded && !res.destroyed) res.write(chunk);
    };
    const stop = followOrder(deps, hub, req.params.orderNo, (type, order) => write(`event: ${type}\ndata: ${JSON.stringify(order)}\n\n`), log);
    const keepAlive = setInterval(() => write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    keepAlive.unref();
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      clearInterval(keepAlive);
      stop();
      limits.release(req.params.orderNo);
      streams.delete(end);
      if (!res.writableEnded) res.end();
    };
    streams.add(end);
    req.raw.once('close', end);
    // The client may have gone while we authenticated: then 'close' has already fired.
    if (req.raw.destroyed || res.destroyed) end();
  });
}
