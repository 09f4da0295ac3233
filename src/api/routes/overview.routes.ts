import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../platform/errors.ts';
import type { Logger } from '../../platform/logging.ts';
import { OverviewSource } from '../overview.ts';
import { limitByAddress } from '../rate-limits.ts';
import { ADMIN, errors } from '../schemas/common.ts';
import { Overview, OverviewQuery } from '../schemas/overview.ts';
import { LiveLimits, openEventStream } from '../sse.ts';
import type { Api, RouteKit } from '../types.ts';

/** Overview streams one process holds at most: each reads the overview every OVERVIEW_STREAM_INTERVAL_MS. */
export const MAX_OVERVIEW_STREAMS = 8;
const DEFAULT_MINUTES = 60;

/** The ops console's overview: once (JSON), or again and again (Server-Sent Events). */
export async function overviewRoutes(app: Api, { ctx, auth, limits }: RouteKit): Promise<void> {
  const { deps } = ctx;
  const onRequest = [limitByAddress(limits.admin), auth.admin];
  const tags = ['operations'];
  const source = new OverviewSource(deps);
  const intervalMs = deps.config.overview.streamIntervalMs;
  const open = new LiveLimits(MAX_OVERVIEW_STREAMS, MAX_OVERVIEW_STREAMS);
  const streams = new Set<() => void>();

  // SSE responses never end by themselves: end them when the server closes, or close() would wait forever.
  app.addHook('preClose', async () => {
    for (const end of streams) end();
  });

  const shape =
    '`purchases`: every minute of the window, oldest first (the orders created in it by their status now: `paid`, `failed`, `cancelled`, `open` = PENDING or WAITING_PAYMENT); ' +
    '`successRate`: paid / (paid + failed) of the window against PURCHASE_SUCCESS_OBJECTIVE; `webhookToPaid`: webhook success → PAID percentiles of this process; ' +
    '`providers`: each PSP\'s circuit and last 60 s; `alerts`: open and acknowledged, the newest 5; `deadLetters`; `triage`: the 5 largest failure categories of the window (rebuilt at most every 10 s, never waited for: `at` null until the first is built).';

  app.get(
    '/api/v1/admin/overview',
    {
      onRequest,
      schema: {
        tags,
        summary: "The ops console's overview",
        description: `What the console's first page shows, for the last \`minutes\` (1–1440, default 60, the current minute included). ${shape}`,
        security: ADMIN,
        querystring: OverviewQuery,
        response: { 200: Overview, ...errors(['UNAUTHENTICATED']) },
      },
    },
    async (req) => await source.read(req.query.minutes ?? DEFAULT_MINUTES),
  );

  app.get(
    '/api/v1/admin/overview/stream',
    {
      onRequest,
      schema: {
        tags,
        summary: 'The overview over Server-Sent Events',
        description:
          '`event: overview`, `data:` the JSON of `GET /api/v1/admin/overview` (same `minutes`), at once and then every OVERVIEW_STREAM_INTERVAL_MS (default 2000); ' +
          'a keep-alive comment every 15 s; ended when the server closes. The admin key as `Authorization: Bearer` (read it with fetch streaming, not EventSource). ' +
          `At most ${MAX_OVERVIEW_STREAMS} streams per process; beyond: 429 with \`Retry-After: 10\`.`,
        security: ADMIN,
        querystring: OverviewQuery,
        response: { 200: Type.String({ description: 'text/event-stream' }), ...errors(['UNAUTHENTICATED']) },
      },
    },
    (req: FastifyRequest, reply: FastifyReply) => {
      const log = req.log as unknown as Logger;
      const minutes = (req.query as { minutes?: number }).minutes ?? DEFAULT_MINUTES;
      if (!open.admit('overview')) throw new AppError('RATE_LIMITED', { retryAfterSeconds: 10 });
      let reading = false;
      const { write } = openEventStream(req, reply, streams, () => {
        clearInterval(timer);
        open.release('overview');
      });
      const send = async () => {
        // A read slower than the interval is not stacked up behind itself: that tick is skipped.
        if (reading) return;
        reading = true;
        try {
          write(`event: overview\ndata: ${JSON.stringify(await source.read(minutes))}\n\n`);
        } catch (e) {
          log.warn({ event: 'overview_stream_read_failed', err: e }, 'the overview could not be read; the stream tries again at the next tick');
        } finally {
          reading = false;
        }
      };
      const timer = setInterval(() => void send(), intervalMs);
      timer.unref();
      void send();
    },
  );
}
