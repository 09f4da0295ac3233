import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import type { PgListener } from '../db/listener.ts';
import type { Logger } from '../logging.ts';
import { SpanKind, startSpan } from '../tracing.ts';
import { lockOffset, saveOffset } from './offsets.ts';
import { envelopeOf, type EventTransport, type RunningConsumer, type StreamEvent, type StreamHandler } from './stream.ts';
import { Wake } from './wake.ts';

/** Consumers of the Postgres-backed stream LISTEN here; the relay NOTIFYs when it appended. */
export const STREAM_CHANNEL = 'orderly_events';

/** How often a consumer looks without being told (a missed notification, a reconnect). */
const CONSUMER_POLL_MS = 500;
const CONSUMER_BATCH = 500;

/**
 * The zero-setup stream: the outbox itself, in `stream_seq` order. The relay
 * hands out the sequence under the head row's lock, one batch per
 * transaction, so positions commit in order and a consumer's offset is
 * enough to never miss or repeat an event.
 */
export class PgTransport implements EventTransport {
  readonly kind = 'postgres' as const;
  private readonly wakes = new Set<Wake>();

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    listener?: PgListener,
  ) {
    listener?.on('notification', () => this.kickConsumers());
    listener?.on('reconnected', () => this.kickConsumers());
  }

  private kickConsumers(): void {
    for (const w of this.wakes) w.kick();
  }

  async relay(limit: number): Promise<{ count: number; lagSeconds: number[] }> {
    let traced: { subject: string; trace_parent: string | null; event_id: string; stream_seq: number }[] = [];
    const lagSeconds = await this.db.transaction().execute(async (tx) => {
      const head = await sql<{ seq: number }>`select seq from event_stream_head where id = 1 for update`.execute(tx);
      const base = Number(head.rows[0]?.seq ?? 0);
      const rows = await tx.selectFrom('outbox').select('id').where('published_at', 'is', null).orderBy('id').limit(limit).execute();
      if (rows.length === 0) return [];
      const ids = rows.map((r) => r.id);
      const done = await sql<{ lag: number; subject: string; trace_parent: string | null; event_id: string; stream_seq: number }>`
        update outbox o set stream_seq = ${base} + x.n, published_at = clock_timestamp()
        from unnest(${ids}::bigint[]) with ordinality as x(id, n)
        where o.id = x.id
        returning extract(epoch from (o.published_at - o.occurred_at))::float8 as lag, o.subject, o.trace_parent, o.event_id, o.stream_seq`.execute(tx);
      await sql`update event_stream_head set seq = ${base + ids.length} where id = 1`.execute(tx);
      await sql`select pg_notify(${STREAM_CHANNEL}, '')`.execute(tx);
      traced = done.rows.filter((r) => r.trace_parent);
      return done.rows.map((r) => Number(r.lag));
    });
    // Publishing here is taking a place in the stream: a span of its own in the trace of the change that wrote the event.
    for (const r of traced) {
      const { span } = startSpan(`publish ${r.subject}`, { 'messaging.system': 'postgres', 'messaging.destination.name': r.subject, 'messaging.message.id': r.event_id, 'orderly.stream_seq': Number(r.stream_seq) }, { kind: SpanKind.PRODUCER, parent: r.trace_parent });
      span.end();
    }
    // Consumers in this process need not wait for the notification's round trip.
    if (lagSeconds.length > 0) this.kickConsumers();
    return { count: lagSeconds.length, lagSeconds };
  }

  /** One batch for a consumer, in the transaction that moves its offset; returns how many rows it passed. */
  private async once(name: string, families: Set<string>, handler: StreamHandler): Promise<number> {
    return await this.db.transaction().execute(async (tx) => {
      const position = await lockOffset(tx, name, 'pg');
      const rows = await tx
        .selectFrom('outbox')
        .select(['event_id', 'family', 'type', 'version', 'subject', 'key', 'occurred_at', 'data', 'stream_seq'])
        .where('stream_seq', '>', position)
        .orderBy('stream_seq')
        .limit(CONSUMER_BATCH)
        .execute();
      if (rows.length === 0) return 0;
      const events: StreamEvent[] = rows
        .filter((r) => families.has(r.family))
        .map((r) => ({ ...envelopeOf(r), source: 'pg', position: Number(r.stream_seq) }));
      if (events.length > 0) await handler(tx, events);
      const last = Number(rows.at(-1)!.stream_seq);
      await saveOffset(tx, name, 'pg', last);
      return rows.length;
    });
  }

  async consume(name: string, families: string[], handler: StreamHandler): Promise<RunningConsumer> {
    const wake = new Wake();
    this.wakes.add(wake);
    const set = new Set(families);
    const log = this.log.child({ consumer: name });
    let failures = 0;
    const loop = (async () => {
      while (!wake.isStopped) {
        try {
          const n = await this.once(name, set, handler);
          failures = 0;
          if (n === CONSUMER_BATCH) continue;
          await wake.wait(CONSUMER_POLL_MS);
        } catch (e) {
          failures++;
          // Never skipped: an event the handler cannot take stops this consumer until it can (or a fix is deployed).
          log.error({ event: 'event_consumer_failed', err: e, failures }, 'event consumer failed; retrying the same batch');
          await wake.wait(Math.min(30_000, 250 * 2 ** Math.min(failures, 7)));
        }
      }
    })();
    return {
      stop: async () => {
        wake.stop();
        await loop;
        this.wakes.delete(wake);
      },
    };
  }

  async close(): Promise<void> {}
}
