import { sql } from 'kysely';
import {
  connect,
  DeliverPolicy,
  headers as natsHeaders,
  JSONCodec,
  nanos,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
} from 'nats';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import { inSpan, SpanKind } from '../tracing.ts';
import { lockOffset, readOffset, saveOffset } from './offsets.ts';
import { envelopeOf, type EventEnvelope, type EventFamily, type EventTransport, type RunningConsumer, type StreamEvent, type StreamHandler } from './stream.ts';
import { Wake } from './wake.ts';

export interface NatsOptions {
  url: string;
  /** JetStream stream names are `<streamPrefix><FAMILY>` (e.g. ORDERLY_ORDERS). */
  streamPrefix: string;
  /** Put before every subject (isolates test runs on one server); empty in production. */
  subjectPrefix: string;
  families: EventFamily[];
  /** JetStream drops a re-published event id within this window (a relay killed between publish and mark). */
  duplicateWindowMs: number;
  /** How long the streams keep events. */
  maxAgeMs: number;
  /** A publish not acknowledged within this fails (the rows stay unpublished and are sent again). */
  publishTimeoutMs: number;
}

const codec = JSONCodec<EventEnvelope>();
const CONSUMER_BATCH = 256;

/**
 * NATS JetStream: one stream per event family, each event published with
 * `Nats-Msg-Id` = its id, so the stream itself drops a second copy. The relay
 * publishes one row at a time and waits for JetStream's acknowledgement: an
 * event is marked published only once it is stored, and one key's events are
 * stored in outbox order. Consumers keep their position in Postgres, in the
 * transaction of what they do with the events, and read with an ordered
 * consumer from there: nothing is skipped, nothing done twice.
 */
export class NatsTransport implements EventTransport {
  readonly kind = 'nats' as const;
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private ready: Promise<{ js: JetStreamClient; jsm: JetStreamManager }> | undefined;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly opts: NatsOptions,
    private readonly log: Logger,
  ) {}

  streamName(family: string): string {
    return `${this.opts.streamPrefix}${family.toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
  }

  private subject(s: string): string {
    return `${this.opts.subjectPrefix}${s}`;
  }

  /** Connects (the client reconnects by itself after that) and makes sure every family's stream exists. */
  private async connection(): Promise<{ js: JetStreamClient; jsm: JetStreamManager }> {
    this.ready ??= (async () => {
      const nc = await connect({ servers: this.opts.url, name: 'orderly', maxReconnectAttempts: -1, reconnectTimeWait: 500, timeout: 2_000 });
      this.nc = nc;
      void (async () => {
        for await (const s of nc.status()) {
          // A reconnect is the recovery, not a failure: info, so the triage report does not count it.
          if (s.type === 'disconnect') this.log.warn({ event: 'nats_disconnected', nats: s.type, server: s.data }, `NATS ${s.type}`);
          else if (s.type === 'reconnect') this.log.info({ event: 'nats_reconnected', nats: s.type, server: s.data }, `NATS ${s.type}`);
        }
      })();
      const jsm = await nc.jetstreamManager({ timeout: this.opts.publishTimeoutMs });
      for (const f of this.opts.families) await this.ensureStream(jsm, f);
      this.js = nc.jetstream({ timeout: this.opts.publishTimeoutMs });
      return { js: this.js, jsm };
    })().catch((e: unknown) => {
      this.ready = undefined;
      const nc = this.nc;
      this.nc = undefined;
      void nc?.close().catch(() => {});
      throw e;
    });
    return await this.ready;
  }

  private async ensureStream(jsm: JetStreamManager, f: EventFamily): Promise<void> {
    const config = {
      name: this.streamName(f.name),
      subjects: f.subjects.map((s) => this.subject(s)),
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      duplicate_window: nanos(this.opts.duplicateWindowMs),
      max_age: nanos(this.opts.maxAgeMs),
    };
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, { subjects: config.subjects, duplicate_window: config.duplicate_window, max_age: config.max_age });
    } catch (e) {
      if (!/stream not found/i.test(String(e))) throw e;
      await jsm.streams.add(config);
    }
  }

  async relay(limit: number): Promise<{ count: number; lagSeconds: number[] }> {
    const rows = await this.db
      .selectFrom('outbox')
      .select(['id', 'event_id', 'family', 'type', 'version', 'subject', 'key', 'occurred_at', 'data', 'trace_parent'])
      .where('published_at', 'is', null)
      .orderBy('id')
      .limit(limit)
      .execute();
    if (rows.length === 0) return { count: 0, lagSeconds: [] };
    const { js } = await this.connection();
    const published: number[] = [];
    try {
      for (const r of rows) {
        const h = natsHeaders();
        h.set('Orderly-Event-Type', r.type);
        h.set('Orderly-Event-Version', String(r.version));
        if (r.trace_parent) h.set('traceparent', r.trace_parent);
        const subject = this.subject(r.subject);
        await inSpan(`publish ${subject}`, { 'messaging.system': 'nats', 'messaging.destination.name': subject, 'messaging.message.id': r.event_id }, () =>
          js.publish(subject, codec.encode(envelopeOf(r)), { msgID: r.event_id, headers: h, timeout: this.opts.publishTimeoutMs }), { kind: SpanKind.PRODUCER, parent: r.trace_parent });
        published.push(r.id);
      }
    } finally {
      // What JetStream acknowledged is marked even when a later publish failed: the rest is sent again from the first unacknowledged row.
      if (published.length > 0) await this.markPublished(published);
    }
    const now = Date.now();
    return { count: rows.length, lagSeconds: rows.map((r) => (now - r.occurred_at.getTime()) / 1000) };
  }

  private async markPublished(ids: number[]): Promise<void> {
    await sql`update outbox set published_at = clock_timestamp() where id = any(${ids}::bigint[])`.execute(this.db);
  }

  async consume(name: string, families: string[], handler: StreamHandler): Promise<RunningConsumer> {
    const loops = families.map((f) => new StreamReader(this, this.db, name, this.streamName(f), handler, this.log.child({ consumer: name, stream: this.streamName(f) })));
    for (const l of loops) l.start();
    return { stop: async () => void (await Promise.all(loops.map((l) => l.stop()))) };
  }

  /** For a reader: the JetStream client once connected. */
  async jetstream(): Promise<JetStreamClient> {
    return (await this.connection()).js;
  }

  async close(): Promise<void> {
    this.closed = true;
    const nc = this.nc;
    this.nc = undefined;
    if (nc && !nc.isClosed()) await nc.drain().catch(() => nc.close());
  }

  get isClosed(): boolean {
    return this.closed;
  }
}

/** One consumer over one JetStream stream: an ordered consumer from the position kept in Postgres. */
class StreamReader {
  private readonly wake = new Wake();
  private queue: JsMsg[] = [];
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly transport: NatsTransport,
    private readonly db: Db,
    private readonly name: string,
    private readonly stream: string,
    private readonly handler: StreamHandler,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.loop = this.run();
  }

  private async position(): Promise<number> {
    return await readOffset(this.db, this.name, this.stream);
  }

  /** (Re)opens the ordered consumer right after the stored position, dropping whatever was queued. */
  private async open(): Promise<void> {
    await this.messages?.close().catch(() => {});
    this.queue = [];
    const js = await this.transport.jetstream();
    const from = (await this.position()) + 1;
    const consumer = await js.consumers.get(this.stream, { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from });
    this.messages = await consumer.consume({
      max_messages: CONSUMER_BATCH * 2,
      callback: (m) => {
        this.queue.push(m);
        this.wake.kick();
      },
    });
  }

  private async run(): Promise<void> {
    let failures = 0;
    let open = false;
    while (!this.wake.isStopped) {
      try {
        if (!open) {
          await this.open();
          open = true;
        }
        if (this.queue.length === 0) {
          await this.wake.wait(1_000);
          continue;
        }
        const batch = this.queue.splice(0, CONSUMER_BATCH);
        await this.handle(batch);
        failures = 0;
      } catch (e) {
        failures++;
        open = false;
        this.log.error({ event: 'event_consumer_failed', err: e, failures }, 'event consumer failed; reading again from its stored position');
        await this.wake.wait(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
      }
    }
    await this.messages?.close().catch(() => {});
  }

  private async handle(batch: JsMsg[]): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const position = await lockOffset(tx, this.name, this.stream);
      // Another process running this consumer may be ahead: what it did is not done again.
      const fresh = batch.filter((m) => m.seq > position);
      if (fresh.length === 0) return;
      const events: StreamEvent[] = fresh.map((m) => ({ ...codec.decode(m.data), source: this.stream, position: m.seq }));
      await this.handler(tx, events);
      await saveOffset(tx, this.name, this.stream, fresh.at(-1)!.seq);
    });
  }

  async stop(): Promise<void> {
    this.wake.stop();
    await this.loop;
  }
}
