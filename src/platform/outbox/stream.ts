import type { Tx } from '../db/database.ts';

/** One event as consumers get it: the envelope the relay publishes, plus where it sits in its source. */
export interface StreamEvent {
  id: string;
  family: string;
  type: string;
  version: number;
  subject: string;
  key: string;
  occurredAt: string;
  data: Record<string, unknown>;
  /** `pg` (the Postgres-backed stream) or the JetStream stream it came from. */
  source: string;
  /** Its position there (stream_seq, or the JetStream sequence). */
  position: number;
}

/** The envelope as published (JSON body of a NATS message; the event's part of a stream row). */
export type EventEnvelope = Omit<StreamEvent, 'source' | 'position'>;

/**
 * A consumer's handler: runs in the transaction that also moves the
 * consumer's offset, so what it writes and "processed up to here" commit
 * together — a crash replays nothing it already wrote.
 */
export type StreamHandler = (tx: Tx, events: StreamEvent[]) => Promise<void>;

/** An event family: one JetStream stream, its subjects under one prefix. */
export interface EventFamily {
  name: string;
  /** Subject filter of its stream, e.g. `orderly.orders.>`. */
  subjects: string[];
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

/** Where relayed events go and where consumers read them: the Postgres-backed stream or NATS JetStream. */
export interface EventTransport {
  readonly kind: 'postgres' | 'nats';
  /** Relays up to `limit` unpublished outbox rows in id order; returns how many. */
  relay(limit: number): Promise<{ count: number; lagSeconds: number[] }>;
  /** Starts a named consumer (a durable position per source) over the given families. */
  consume(name: string, families: string[], handler: StreamHandler): Promise<RunningConsumer>;
  close(): Promise<void>;
}

export function envelopeOf(r: {
  event_id: string;
  family: string;
  type: string;
  version: number;
  subject: string;
  key: string;
  occurred_at: Date;
  data: Record<string, unknown>;
}): EventEnvelope {
  return { id: r.event_id, family: r.family, type: r.type, version: r.version, subject: r.subject, key: r.key, occurredAt: r.occurred_at.toISOString(), data: r.data };
}
