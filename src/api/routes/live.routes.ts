import type { WebSocket } from '@fastify/websocket';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { followOrder, orderBelongsTo, verifyChannelToken } from '../../checkout/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logging.ts';
import { bearer } from '../auth.ts';
import { limitByAddress } from '../rate-limits.ts';
import { LiveLimits, openEventStream } from '../sse.ts';
import { errors } from '../schemas/common.ts';
import { OrderParams } from '../schemas/orders.ts';
import type { Api, RouteKit } from '../types.ts';

/** What a live request carries once validated (the schemas below). */
const partsOf = (req: FastifyRequest) => ({ orderNo: (req.params as { orderNo: string }).orderNo, token: (req.query as { token?: string }).token });

const LiveQuery = Type.Object(
  { token: Type.Optional(Type.String({ minLength: 1, maxLength: 2000, description: 'the channel token from the 202 (browsers cannot set WebSocket headers)' })) },
  { additionalProperties: false },
);

const WS_PING_MS = 30_000;
/** One order's page open in a few tabs is normal; hundreds is abuse, and each costs reads on every change. */
const MAX_LIVE_PER_ORDER = 20;

/** Live order status: WebSocket `/live` and Server-Sent Events `/events`. */
export async function liveRoutes(api: Api, { ctx, auth, limits }: RouteKit): Promise<void> {
  // The WebSocket handler's types come from @fastify/websocket, not the schema type provider.
  const app = api as unknown as FastifyInstance;
  const { deps, hub } = ctx;
  const live = new LiveLimits(MAX_LIVE_PER_ORDER, deps.config.http.liveMaxConnections);
  const streams = new Set<() => void>();

  /**
   * Who may follow an order: the holder of its channel token (from the 202), or
   * its customer with their JWT. Browsers cannot set headers on a WebSocket, so
   * the channel token may come as `?token=` (it opens only this order, read-only,
   * and is cut out of logged URLs); the customer's JWT, which opens everything
   * theirs, only in `Authorization: Bearer`, never in a URL that proxies log.
   *
   * Runs in `onRequest`, before the input policy and the schemas have looked at
   * the path: it checks credentials only (signatures, no database), so a NUL or a
   * lone surrogate in the order number can reach nothing that cannot keep it.
   * Whether the order is the customer's is a read, so it waits for `ownOrder`.
   */
  const liveAuth = async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    auth.gate(req);
    const { orderNo, token: query } = partsOf(req);
    if (query !== undefined) {
      if (await verifyChannelToken(deps.jwtSecret, query, orderNo)) return;
      throw auth.refuse(req);
    }
    const token = bearer(req);
    if (!token) throw auth.refuse(req);
    if (await verifyChannelToken(deps.jwtSecret, token, orderNo)) return;
    const customerId = await auth.customerOf(token);
    if (customerId === undefined) throw auth.refuse(req);
    req.customerId = customerId;
  };
  /**
   * preHandler: a customer may follow only an order of theirs (another's is 404, like
   * `GET /api/v1/orders/:orderNo`). Here the order number has passed the input policy
   * (`cleanQueryAndParams`) and `OrderParams`, so the database only ever sees one it can take.
   */
  const ownOrder = async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    if (req.customerId === undefined) return; // a channel token: it names this order itself
    if (!(await orderBelongsTo(deps.db, partsOf(req).orderNo, req.customerId))) throw new AppError('ORDER_NOT_FOUND');
  };
  const onRequest = [limitByAddress(limits.reads), liveAuth];
  const preHandler = ownOrder;

  // SSE responses never end by themselves: end them when the server closes, or close() would wait forever.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  const description =
    'The order as `GET /api/v1/orders/{orderNo}` shows it: a snapshot on connect, then an update at each change of the order or its payment. ' +
    'Its customer (Bearer JWT) or the holder of its channel token (Bearer or `?token=`). At most 20 per order per process.';

  app.get(
    '/api/v1/orders/:orderNo/live',
    {
      websocket: true,
      onRequest,
      preHandler,
      schema: {
        tags: ['live'],
        summary: 'Live order status over WebSocket',
        description: `${description} Messages: \`{ "type": "snapshot" | "update", "order": … }\`. A 21st connection is closed with 1013.`,
        security: [{ customerJwt: [] }, { channelToken: [] }],
        params: OrderParams,
        querystring: LiveQuery,
        response: { 101: Type.Null({ description: 'switching to the WebSocket protocol' }), ...errors(['UNAUTHENTICATED', 'ORDER_NOT_FOUND']) },
      },
    },
    (socket: WebSocket, req: FastifyRequest) => {
      const log = req.log as unknown as Logger;
      const { orderNo } = partsOf(req);
      if (!live.admit(orderNo)) {
        socket.close(1013, 'too many live connections');
        return;
      }
      const stop = followOrder(deps, hub, orderNo, (type, order) => {
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type, order }));
      }, log);
      const ping = setInterval(() => socket.ping(), WS_PING_MS);
      ping.unref();
      const end = () => {
        clearInterval(ping);
        stop();
        live.release(orderNo);
      };
      socket.once('close', end);
      // The client may have gone while we authenticated: then 'close' has already fired.
      if (socket.readyState !== socket.OPEN) end();
      // The client only listens; anything it sends is ignored.
      socket.on('message', () => {});
    },
  );

  app.get(
    '/api/v1/orders/:orderNo/events',
    {
      onRequest,
      preHandler,
      schema: {
        tags: ['live'],
        summary: 'Live order status over Server-Sent Events',
        description: `${description} \`event: snapshot\` then \`event: update\`, \`data:\` the order; a keep-alive comment every 15 s. Over the limit: 429.`,
        security: [{ customerJwt: [] }, { channelToken: [] }],
        params: OrderParams,
        querystring: LiveQuery,
        response: { 200: Type.String({ description: 'text/event-stream' }), ...errors(['UNAUTHENTICATED', 'ORDER_NOT_FOUND']) },
      },
    },
    (req: FastifyRequest, reply: FastifyReply) => {
      const log = req.log as unknown as Logger;
      const { orderNo } = partsOf(req);
      if (!live.admit(orderNo)) throw new AppError('RATE_LIMITED', { retryAfterSeconds: 10 });
      let stop = () => {};
      const { write } = openEventStream(req, reply, streams, () => {
        stop();
        live.release(orderNo);
      });
      stop = followOrder(deps, hub, orderNo, (type, order) => write(`event: ${type}\ndata: ${JSON.stringify(order)}\n\n`), log);
    },
  );
}
