import type { ColumnType, Generated } from 'kysely';

/**
 * The transactional outbox: one row per event, written in the transaction of
 * the change it tells of. The relay gives each row its place in the stream
 * (`stream_seq`, Postgres stream) or publishes it to NATS, and marks it.
 */
export interface OutboxTable {
  id: Generated<number>;
  event_id: string;
  family: string;
  type: string;
  version: number;
  subject: string;
  /** Ordering key: events of one key are delivered in commit order (an order number). */
  key: string;
  data: ColumnType<Record<string, unknown>, string, string>;
  occurred_at: Generated<Date>;
  /** Place in the Postgres-backed stream: gap-free, in the order the relay took the rows. */
  stream_seq: number | null;
  published_at: Date | null;
  /** The W3C traceparent of the change that wrote it: its publication joins that trace. */
  trace_parent: Generated<string | null>;
}

/** The last stream_seq handed out (kept apart from the rows, which retention deletes). */
export interface EventStreamHeadTable {
  id: number;
  seq: number;
}

/** Where a consumer is in a source (`pg`, or a JetStream stream name): the last position it processed. */
export interface StreamOffsetsTable {
  consumer: string;
  source: string;
  position: number;
  updated_at: Generated<Date>;
}

export interface EventTables {
  outbox: OutboxTable;
  event_stream_head: EventStreamHeadTable;
  stream_offsets: StreamOffsetsTable;
}
