import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { connect } from 'nats';
import type { Db, Tx } from '../../src/platform/db/database.ts';
import { appendToOutbox } from '../../src/platform/outbox/outbox.ts';
import type { StreamHandler } from '../../src/platform/outbox/stream.ts';
import { freePort, pollUntil } from './process.ts';

/**
 * Helpers for the relay tests (test/relay.test.ts, test/relay-nats.test.ts):
 * NATS pieces (isolated names on the machine's server, a nats-server of a
 * test's own that it may stop), and the writers-and-checker workload both
 * transports are held to.
 */

/** The machine's (and CI's) NATS server with JetStream. */
export const MACHINE_NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';

/** Stream and subject prefixes no other test run uses, so runs on one server never mix. */
export function uniquePrefixes(): { streamPrefix: string; subjectPrefix: string } {
  const tag = randomBytes(4).toString('hex');
  return { streamPrefix: `RT${tag.toUpperCase()}_`, subjectPrefix: `rt${tag}.` };
}

/** Deletes every stream whose name starts with `prefix` (a test's own, at its end). */
export async function deleteStreams(url: string, prefix: string): Promise<void> {
  const nc = await connect({ servers: url, timeout: 2_000 });
  try {
    const jsm = await nc.jetstreamManager();
    for (const s of await jsm.streams.list().next()) {
      if (s.config.name.startsWith(prefix)) await jsm.streams.delete(s.config.name);
    }
  } finally {
    await nc.close();
  }
}

/** Messages a JetStream stream holds now. */
export async function streamMessageCount(url: string, stream: string): Promise<number> {
  const nc = await connect({ servers: url, timeout: 2_000 });
  try {
    const jsm = await nc.jetstreamManager();
    return (await jsm.streams.info(stream)).state.messages;
  } finally {
    await nc.close();
  }
}

/**
 * A nats-server of the test's own (JetStream, file storage in a temp dir) on
 * a free loopback port, for tests that stop NATS: the machine's server is
 * never touched. `stop` and `start` keep the port and the store.
 */
export class OwnNatsServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  readonly output: string[] = [];

  private constructor(
    readonly port: number,
    readonly storeDir: string,
  ) {}

  static async start(): Promise<OwnNatsServer> {
    const s = new OwnNatsServer(await freePort(), await mkdtemp(path.join(os.tmpdir(), 'orderly-nats-')));
    await s.start();
    return s;
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Starts the server and resolves once JetStream answers. */
  async start(): Promise<void> {
    if (this.child) return;
    const child = spawn('/usr/sbin/nats-server', ['-a', '127.0.0.1', '-p', String(this.port), '-js', '-sd', this.storeDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (b: Buffer) => this.output.push(...b.toString('utf8').split('\n').filter(Boolean));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    this.child = child;
    await pollUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`nats-server exited: ${this.output.slice(-5).join(' | ')}`);
        const nc = await connect({ servers: this.url, timeout: 500, reconnect: false });
        try {
          await (await nc.jetstreamManager()).getAccountInfo();
          return true;
        } finally {
          await nc.close();
        }
      },
      { timeoutMs: 10_000, intervalMs: 50, what: `nats-server on port ${this.port} to serve JetStream` },
    );
  }

  /** SIGTERM, and resolves once the process is gone (SIGKILL after 5 s). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const gone = await Promise.race([this.exited.then(() => true), sleep(5_000).then(() => false)]);
      if (!gone) {
        child.kill('SIGKILL');
        await this.exited;
      }
    }
    this.child = undefined;
  }

  /** Stops the server and removes its store. */
  async close(): Promise<void> {
    await this.stop();
    await rm(this.storeDir, { recursive: true, force: true });
  }
}


/** The event family the workload writes (the transports need not know it from the catalog). */
export const TEST_FAMILY = { name: 'relaytest', subjects: ['orderly.relaytest.>'] };

/** What the workload puts in every event: where it stands in its key's commit order. */
interface Written {
  key: string;
  /** Per-key counter taken under the key's event lock: same-key transactions hold it until they end, so seq order is their commit order. */
  seq: number;
  /** Its place within its transaction's events of that key. */
  i: number;
}

class Rollback extends Error {}

/**
 * Many concurrent writers appending outbox rows for a handful of shared keys,
 * some sleeping between their writes and their commit (so a lower id often
 * commits after a higher one), some rolling back. It records what committed
 * and in which order per key, and checks a consumer's record against it.
 */
export class OutboxWorkload {
  private readonly next = new Map<string, number>();
  /** event id → what it was, for every event whose transaction committed. */
  readonly committed = new Map<string, Written>();
  readonly rolledBack = new Set<string>();
  transactions = 0;
  rollbacks = 0;

  constructor(
    private readonly db: Db,
    readonly keys: string[],
    private readonly rand: () => number,
  ) {}

  /** One transaction: 1–3 keys (in sorted order, as appendToOutbox locks them), 1–3 events each. */
  async transaction(writer: number): Promise<void> {
    const r = this.rand;
    const n = 1 + Math.floor(r() * 3);
    const keys = [...new Set(Array.from({ length: n }, () => this.keys[Math.floor(r() * this.keys.length)]!))].sort();
    const rollback = r() < 0.15;
    const sleeps = keys.map(() => (r() < 0.4 ? Math.floor(r() * 8) : 0));
    const written: [string, Written][] = [];
    try {
      await this.db.transaction().execute(async (tx) => {
        for (const [k, key] of keys.entries()) {
          const events = Array.from({ length: 1 + Math.floor(r() * 3) }, (_, i) => ({ key, i, writer }));
          const ids = await appendToOutbox(
            tx,
            events.map((data) => ({ family: TEST_FAMILY.name, type: 'written', version: 1, subject: 'orderly.relaytest.written', key, data })),
          );
          // The seq is taken under the key lock appendToOutbox itself took (held until this transaction
          // ends), and written into the rows before they can be seen: without that lock the checker
          // would find seq order and stream order apart.
          const seq = this.next.get(key) ?? 0;
          this.next.set(key, seq + 1);
          await sql`update outbox set data = data || jsonb_build_object('seq', ${seq}::int) where event_id = any(${ids}::uuid[])`.execute(tx);
          ids.forEach((id, i) => written.push([id, { key, seq, i }]));
          if (sleeps[k]! > 0) await sleep(sleeps[k]);
        }
        if (rollback) throw new Rollback();
      });
      for (const [id, w] of written) this.committed.set(id, w);
      this.transactions++;
    } catch (e) {
      if (!(e instanceof Rollback)) throw e;
      for (const [id] of written) this.rolledBack.add(id);
      this.rollbacks++;
    }
  }

  /** `writers` concurrent writers, `each` transactions apiece. */
  async run(writers: number, each: number): Promise<void> {
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < each; i++) await this.transaction(w);
      }),
    );
  }

  /** Writers that keep going until `stop()` (for tests that break things meanwhile). */
  runUntilStopped(writers: number): { stop(): Promise<void> } {
    let stopped = false;
    const all = Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        while (!stopped) await this.transaction(w);
      }),
    );
    return {
      stop: async () => {
        stopped = true;
        await all;
      },
    };
  }

  /**
   * What is wrong with a consumer's record (in the order it processed the
   * events): an event missing or seen twice, a rolled-back or unknown one, or
   * one key's events out of commit order. Empty when it is right.
   */
  problems(consumed: ConsumedRow[]): string[] {
    const out: string[] = [];
    const seen = new Map<string, number>();
    for (const c of consumed) seen.set(c.eventId, (seen.get(c.eventId) ?? 0) + 1);
    for (const [id, n] of seen) {
      if (this.rolledBack.has(id)) out.push(`rolled-back event ${id} consumed`);
      else if (!this.committed.has(id)) out.push(`unknown event ${id} consumed`);
      if (n > 1) out.push(`event ${id} consumed ${n} times`);
    }
    const missing = [...this.committed.keys()].filter((id) => !seen.has(id));
    if (missing.length > 0) out.push(`${missing.length} committed events never consumed (e.g. ${missing.slice(0, 3).join(', ')})`);
    for (const key of this.keys) {
      const expected = [...this.committed.values()].filter((w) => w.key === key).sort((a, b) => a.seq - b.seq || a.i - b.i).map((w) => `${w.seq}.${w.i}`);
      const got = consumed.filter((c) => this.committed.get(c.eventId)?.key === key).map((c) => `${c.seq}.${c.i}`);
      if (expected.join() !== got.join()) {
        const at = expected.findIndex((x, j) => got[j] !== x);
        out.push(`key ${key}: consumed order differs from commit order at ${at}: expected ${expected.slice(at, at + 4).join(' ')}, got ${got.slice(at, at + 4).join(' ')}`);
      }
    }
    return out;
  }
}

/** One event as a test consumer recorded it (in the transaction that moved its offset). */
export interface ConsumedRow {
  worker: string;
  eventId: string;
  seq: number;
  i: number;
  position: number;
}

/** The table test consumers record into; `n` is the order they processed events in. */
export async function createConsumedTable(db: Db): Promise<void> {
  await sql`create table relay_test_consumed (
      n bigserial primary key, consumer text not null, worker text not null, event_id uuid not null,
      family text not null, key text not null, seq integer not null, i integer not null, source text not null, position bigint not null)`.execute(db);
}

/**
 * A handler that records every event it gets in the consumer's own
 * transaction: what is recorded is exactly what the consumer committed as
 * processed (an in-memory list would also hold batches whose transaction failed).
 */
export function recordingHandler(consumer: string, worker: string): StreamHandler {
  return async (tx: Tx, events) => {
    const rows = events.map((e) => {
      const d = e.data as { seq?: number; i?: number };
      return sql`(${consumer}, ${worker}, ${e.id}, ${e.family}, ${e.key}, ${d.seq ?? -1}, ${d.i ?? -1}, ${e.source}, ${e.position})`;
    });
    await sql`insert into relay_test_consumed (consumer, worker, event_id, family, key, seq, i, source, position) values ${sql.join(rows)}`.execute(tx);
  };
}

/** A consumer's record, in processing order. */
export async function consumedBy(db: Db, consumer: string): Promise<ConsumedRow[]> {
  const r = await sql<{ worker: string; event_id: string; seq: number; i: number; position: number }>`
    select worker, event_id, seq, i, position from relay_test_consumed where consumer = ${consumer} order by n`.execute(db);
  return r.rows.map((x) => ({ worker: x.worker, eventId: x.event_id, seq: x.seq, i: x.i, position: Number(x.position) }));
}

/** Resolves once `consumer` has recorded every event the workload committed (or throws at the deadline). */
export async function waitConsumed(db: Db, w: OutboxWorkload, consumer: string, timeoutMs = 15_000): Promise<void> {
  await pollUntil(
    async () => {
      const r = await sql<{ n: number }>`select count(distinct event_id)::int as n from relay_test_consumed where consumer = ${consumer} and family = ${TEST_FAMILY.name}`.execute(db);
      return r.rows[0]!.n >= w.committed.size;
    },
    { timeoutMs, intervalMs: 50, what: `consumer ${consumer} to see all ${w.committed.size} committed events` },
  );
}
