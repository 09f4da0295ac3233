import type { Config } from './config.ts';
import { FAMILIES } from './events/index.ts';
import type { Db } from './platform/db/database.ts';
import { PgListener } from './platform/db/listener.ts';
import { NatsTransport } from './platform/outbox/nats-transport.ts';
import { OUTBOX_CHANNEL } from './platform/outbox/outbox.ts';
import { PgTransport, STREAM_CHANNEL } from './platform/outbox/pg-transport.ts';
import { startRelay, type EventRelay } from './platform/outbox/relay.ts';
import type { EventTransport } from './platform/outbox/stream.ts';
import type { Logger } from './platform/logging.ts';
import type { Metrics } from './platform/metrics.ts';

/** The process's way to the event stream: the transport consumers read, and (in a worker process) the relay. */
export interface EventPipeline {
  transport: EventTransport;
  relay: EventRelay | undefined;
  close(): Promise<void>;
}

/**
 * NATS JetStream when NATS_URL is set, else the Postgres-backed stream;
 * `relay`: this process also moves the outbox to it (start, worker).
 */
export async function startEventPipeline(
  config: Config,
  db: Db,
  databaseUrl: string,
  log: Logger,
  metrics: Metrics,
  opts: { relay: boolean },
): Promise<EventPipeline> {
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) await c().catch((e: unknown) => log.warn({ event: 'shutdown_step_failed', err: e }, 'error while stopping the event pipeline'));
  };
  try {
    let transport: EventTransport;
    const e = config.events;
    if (e.natsUrl) {
      transport = new NatsTransport(
        db,
        {
          url: e.natsUrl,
          streamPrefix: e.natsStreamPrefix,
          subjectPrefix: e.natsSubjectPrefix,
          families: Object.entries(FAMILIES).map(([name, f]) => ({ name, subjects: [...f.subjects] })),
          duplicateWindowMs: e.natsDuplicateWindowMs,
          maxAgeMs: e.retentionMs,
          publishTimeoutMs: e.natsPublishTimeoutMs,
        },
        log.child({ component: 'events' }),
      );
    } else {
      const streamListener = new PgListener(databaseUrl, STREAM_CHANNEL, log);
      await streamListener.start();
      closers.push(() => streamListener.stop());
      transport = new PgTransport(db, log.child({ component: 'events' }), streamListener);
    }
    closers.push(() => transport.close());
    let relay: EventRelay | undefined;
    if (opts.relay) {
      const outboxListener = new PgListener(databaseUrl, OUTBOX_CHANNEL, log);
      await outboxListener.start();
      closers.push(() => outboxListener.stop());
      relay = startRelay({
        db,
        databaseUrl,
        transport,
        listener: outboxListener,
        log: log.child({ component: 'relay' }),
        retentionMs: e.retentionMs,
        onRelayed: (lags) => {
          metrics.eventsRelayed.inc({ transport: transport.kind }, lags.length);
          for (const l of lags) metrics.eventRelayLag.observe({ transport: transport.kind }, l);
        },
      });
      const r = relay;
      closers.push(() => r.stop());
    }
    return { transport, relay, close };
  } catch (err) {
    await close();
    throw err;
  }
}
