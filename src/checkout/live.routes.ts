import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { jwtVerify } from 'jose';
import { AppError } from '../platform/errors.ts';
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
const SSE_KEEPALIVE_MS = 15_000;

/**
 * Who may follow an order: the holder of its channel token (from the 202), or
 * its customer with their JWT. Browsers cannot set headers on a WebSocket, so
 * either may come as `?token=`; `Authorization: Bearer` works too.
 */
function liveAuth(deps: CheckoutDeps) {
  const customerKey = new TextEncoder().encode(deps.jwtSecret);
  return async (req: LiveRequest, _reply: FastifyReply): Promise<void> => {
    const { orderNo } = req.params;
    const header = req.headers.authorization;
    const token = req.query.token ?? (header && /^Bearer /i.test(header) ? header.slice(7).trim() : undefined);
    if (!token) throw new AppError('UNAUTHENTICATED');
    if (await verifyChannelToken(deps.jwtSecret, token, orderNo)) return;
    let customerId: string;
    try {
      const { payload } = await jwtVerify(token, customerKey, { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || payload.sub.length === 0) throw new Error('no sub');
      customerId = payload.sub;
    } catch (e) {
      throw new AppError('UNAUTHENTICATED', { cause: e });
    }
    const order = await orderByNo(deps.db, orderNo);
    if (!order || order.customer_id !== customerId) throw new AppError('ORDER_NOT_FOUND');
  };
}

/** Live order status: WebSocket `/live` and Server-Sent Events `/events`. */
export async function liveRoutes(app: FastifyInstance, deps: CheckoutDeps, hub: OrderLiveHub): Promise<void> {
  const onRequest = liveAuth(deps);
  const streams = new Set<() => void>();
  // SSE responses never end by themselves: end them when the server closes, or close() would wait forever.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  app.get('/api/v1/orders/:orderNo/live', { websocket: true, onRequest, schema }, (socket: WebSocket, req: LiveRequest) => {
    const log = req.log as unknown as Logger;
    const stop = followOrder(deps, hub, req.params.orderNo, (type, order) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type, order }));
      }, log);
    const ping = setInterval(() => socket.ping(), WS_PING_MS);
    ping.unref();
    socket.on('close', () => {
      clearInterval(ping);
      stop();
    });
    // The client only listens; anything it sends is ignored.
    socket.on('message', () => {});
  });

  app.get('/api/v1/orders/:orderNo/events', { onRequest, schema }, (req: LiveRequest, reply) => {
    const log = req.log as unknown as Logger;
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
    const stop = followOrder(deps, hub, req.params.orderNo, (type, order) => res.write(`event: ${type}\ndata: ${JSON.stringify(order)}\n\n`), log);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
    keepAlive.unref();
    const end = () => {
      clearInterval(keepAlive);
      stop();
      streams.delete(end);
      if (!res.writableEnded) res.end();
    };
    streams.add(end);
    req.raw.on('close', end);
  });
}
