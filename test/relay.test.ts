import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/platform/db/database.ts';
import { PgListener } from '../src/platform/db/listener.ts';
import { createLogger } from '../src/platform/logging.ts';
import { appendToOutbox, OUTBOX_CHANNEL } from '../src/platform/outbox/outbox.ts';
import { PgTransport, STREAM_CHANNEL } from '../src/platform/outbox/pg-transport.ts';
import { startRelay, type EventRelay } from '../src/platform/outbox/relay.ts';
import type { RunningConsumer } from '../src/platform/outbox/stream.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';
import { consumedBy, createConsumedTable, OutboxWorkload, recordingHandler, TEST_FAMILY, waitConsumed } from './helpers/nats.ts';
import { prng } from './helpers/random.ts';
import { pollUntil } from './helpers/process.ts';

/**
 * The outbox relay over the Postgres-backed stream, with real concurrent
 * transactions: no committed event is lost or repeated, no rolled-back one
 * appears, and one key's events reach every consumer in commit order, also
 * when a lower id commits after a higher one, when a consumer restarts, and
 * when two processes run one consumer.
 */
const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let tdb: TestDatabase;
const closers: (() => Promise<void>)[] = [];
/** "Process" 1: writers, the relay, the transport its consumers read. */
let writers: Db;
let db1: Db;
let t1: PgTransport;
/** "Process" 2: its own pool, listeners, transport, and a standby relay. */
let t2: PgTransport;
/** The relay of process 1, which leads from the start; process 2's stands by. */
let leader: EventRelay;
const lags: number[] = [];

async function listener(channel: string): Promise<PgListener> {
  const l = new PgListener(tdb.url, channel, log);
  await l.start();
  closers.push(() => l.stop());
  return l;
}

function pool(size: number): Db {
  const { db, pool } = createDb(tdb.url, size);
  void pool; // db.destroy() ends it
  closers.push(() => db.destroy());
  return db;
}

function relay(db: Db, transport: PgTransport, outbox: PgListener, onRelayed?: (l: number[]) => void): EventRelay {
  const r = startRelay({ db, databaseUrl: tdb.url, transport, listener: outbox, log, retentionMs: 3_600_000, ...(onRelayed ? { onRelayed } : {}) });
  closers.push(() => r.stop());
  return r;
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  writers = pool(26);
  db1 = pool(8);
  const db2 = pool(4);
  await createConsumedTable(db1);
  t1 = new PgTransport(db1, log, await listener(STREAM_CHANNEL));
  t2 = new PgTransport(db2, log, await listener(STREAM_CHANNEL));
  leader = relay(db1, t1, await listener(OUTBOX_CHANNEL), (l) => lags.push(...l));
  await pollUntil(async () => (await relayLeaders()) === 1, { timeoutMs: 5_000, intervalMs: 20, what: 'the first relay to lead' });
  // A second process's relay stands by on the leader lock (never two relaying at once) and takes over when the first stops.
  relay(db2, t2, await listener(OUTBOX_CHANNEL), (l) => lags.push(...l));
});

/** Sessions holding the relay's leader lock (the two-key advisory lock "or", "rel") in this test's database (other files' services share the cluster). */
async function relayLeaders(): Promise<number> {
  const r = await sql<{ n: number }>`select count(*)::int as n from pg_locks
      where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())
        and classid = ${0x6f72} and objid = ${0x72656c} and objsubid = 2 and granted`.execute(db1);
  return r.rows[0]!.n;
}

afterAll(async () => {
  for (const c of closers.reverse()) await c().catch(() => {});
  await tdb?.drop();
});

async function consume(t: PgTransport, name: string, worker: string, families = [TEST_FAMILY.name]): Promise<RunningConsumer> {
  const c = await t.consume(name, families, recordingHandler(name, worker));
  closers.push(() => c.stop());
  return c;
}

async function rowOf(eventId: string) {
  const r = await sql<{ id: number; stream_seq: number | null }>`select id, stream_seq from outbox where event_id = ${eventId}`.execute(db1);
  return r.rows[0];
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

describe('relay → Postgres-backed stream', () => {
  it('a row whose transaction commits after a higher id is relayed all the same; a same-key writer waits for it and follows it', async () => {
    const other = 'relayother';
    await consume(t1, 'late', 'w1', [other]);
    const ev = (key: string, what: string) => ({ family: other, type: 'late', version: 1, subject: 'orderly.relayother.late', key, data: { what } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let aId = '';
    let aWritten!: () => void;
    const written = new Promise<void>((r) => (aWritten = r));
    // A: writes first (the lower id) and stays open.
    const a = writers.transaction().execute(async (tx) => {
      aId = (await appendToOutbox(tx, [ev('late-k1', 'A')]))[0]!;
      aWritten();
      await gate;
    });
    await written;
    // C: same key as A: its append waits on A's key lock, so its id comes after A's commit.
    let cId: string | undefined;
    const c = writers.transaction().execute(async (tx) => {
      [cId] = await appendToOutbox(tx, [ev('late-k1', 'C')]);
    });
    // B: another key, higher id, commits at once and is relayed while A is still open.
    const [bId] = await writers.transaction().execute((tx) => appendToOutbox(tx, [ev('late-k2', 'B')]));
    const b = await pollUntil(async () => {
      const r = await rowOf(bId!);
      return r?.stream_seq != null ? r : undefined;
    }, { timeoutMs: 5_000, intervalMs: 20, what: 'B to be relayed' });
    expect(cId).toBeUndefined();
    release();
    await a;
    await c;
    const ra = (await pollUntil(async () => ((await rowOf(aId))?.stream_seq != null ? rowOf(aId) : undefined), { timeoutMs: 5_000, intervalMs: 20, what: 'A to be relayed' }))!;
    const rc = (await pollUntil(async () => ((await rowOf(cId!))?.stream_seq != null ? rowOf(cId!) : undefined), { timeoutMs: 5_000, intervalMs: 20, what: 'C to be relayed' }))!;
    expect(ra.id).toBeLessThan(b.id);
    expect(ra.stream_seq!).toBeGreaterThan(b.stream_seq!);
    expect(rc.id).toBeGreaterThan(ra.id);
    expect(rc.stream_seq!).toBeGreaterThan(ra.stream_seq!);
    const seen = await pollUntil(async () => {
      const r = await consumedBy(db1, 'late');
      return r.length >= 3 ? r : undefined;
    }, { timeoutMs: 5_000, intervalMs: 20, what: 'the consumer to see A, B and C' });
    expect(seen.map((s) => s.eventId)).toEqual([bId, aId, cId]);
  });

  it('a standing-by relay tries the leader lock every few seconds, not at every commit (each try is a new connection)', async () => {
    const sessions = async () => (await sql<{ n: number }>`select sessions::int as n from pg_stat_database where datname = current_database()`.execute(db1)).rows[0]!.n;
    const ev = { family: 'relayother', type: 'burst', version: 1, subject: 'orderly.relayother.burst', key: 'burst', data: {} };
    // Fill the pools first, so the count below holds only connections opened meanwhile.
    await Promise.all(Array.from({ length: 16 }, () => writers.transaction().execute((tx) => appendToOutbox(tx, [{ ...ev, key: `burst-${Math.random()}` }]))));
    await Promise.all(Array.from({ length: 8 }, () => sql`select pg_sleep(0.02)`.execute(db1)));
    await new Promise((r) => setTimeout(r, 100));
    const before = await sessions();
    const t0 = Date.now();
    let commits = 0;
    await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        while (Date.now() - t0 < 1_500) {
          await writers.transaction().execute((tx) => appendToOutbox(tx, [{ ...ev, key: `burst-${i}` }]));
          commits++;
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 600)); // backends report their session when they end
    const opened = (await sessions()) - before;
    expect(commits).toBeGreaterThan(100);
    // Every 2 s, at most: one or two tries in this window, against one per commit before.
    expect(opened, `${opened} connections opened during ${commits} commits`).toBeLessThanOrEqual(3);
  });

  it('many concurrent writers (late commits, rollbacks): every committed event consumed once, in commit order per key; a restarted consumer goes on from its offset; two processes of one consumer share the work; a standby relay takes over', async () => {
    const seed = Date.now();
    const w = new OutboxWorkload(writers, ['order-1', 'order-2', 'order-3', 'order-4', 'order-5', 'order-6'], prng(seed));
    await consume(t1, 'checker', 'p1');
    await consume(t1, 'shared', 'p1');
    await consume(t2, 'shared', 'p2');
    let restarter = await consume(t1, 'restarter', 'p1');
    const started = Date.now();
    let writing = true;
    const writes = w.run(24, 14).finally(() => (writing = false));
    // Stop the restarter twice mid-run, let writers write on, start it again from its offset.
    let restarts = 0;
    for (let round = 0; round < 2 && writing; round++) {
      await pollUntil(async () => !writing || (await consumedBy(db1, 'restarter')).length > (round + 1) * 60, { timeoutMs: 10_000, intervalMs: 20, what: 'the restarter to consume' });
      await restarter.stop();
      const at = w.committed.size;
      await pollUntil(async () => !writing || w.committed.size > at + 80, { timeoutMs: 10_000, intervalMs: 20, what: 'more events while the restarter is away' });
      restarter = await consume(t1, 'restarter', 'p1');
      restarts++;
      // The leading relay goes away mid-run (its session lock with it): the standby takes over.
      if (round === 0) await leader.stop();
    }
    await writes;
    await waitConsumed(db1, w, 'checker');
    const seconds = (Date.now() - started) / 1000;
    await waitConsumed(db1, w, 'shared');
    await waitConsumed(db1, w, 'restarter');
    // Judge only once every consumer is past the stream's head: nothing later can still arrive (a repeat included).
    await pollUntil(async () => {
      const r = await sql<{ n: number }>`select count(*)::int as n from stream_offsets o, event_stream_head h
          where o.source = 'pg' and o.consumer = any(${['checker', 'shared', 'restarter']}) and o.position = h.seq
            and not exists (select 1 from outbox where published_at is null)`.execute(db1);
      return r.rows[0]!.n === 3;
    }, { timeoutMs: 5_000, intervalMs: 20, what: 'every consumer at the head of the stream' });

    const why = `seed ${seed}`;
    expect(w.rollbacks, why).toBeGreaterThan(0);
    expect(restarts, why).toBeGreaterThan(0);
    expect(await relayLeaders(), 'the standby relay leads').toBe(1);
    for (const name of ['checker', 'shared', 'restarter']) expect(w.problems(await consumedBy(db1, name)), `${name}, ${why}`).toEqual([]);
    // The run did what it is for: some lower ids committed (and were relayed) after higher ones.
    const inversions = await sql<{ n: number }>`
      select count(*)::int as n from (
        select stream_seq < max(stream_seq) over (order by id rows between unbounded preceding and 1 preceding) as late
        from outbox where family = ${TEST_FAMILY.name}) x where late`.execute(db1);
    expect(inversions.rows[0]!.n, why).toBeGreaterThan(0);
    const shared = await consumedBy(db1, 'shared');
    const byWorker = { p1: shared.filter((s) => s.worker === 'p1').length, p2: shared.filter((s) => s.worker === 'p2').length };
    console.log(
      `[relay pg] ${w.committed.size} events in ${w.transactions} commits (+${w.rollbacks} rollbacks) consumed in ${seconds.toFixed(2)} s = ${(w.committed.size / seconds).toFixed(0)} events/s; ` +
        `relay lag p50 ${(percentile(lags, 50) * 1000).toFixed(1)} ms, p99 ${(percentile(lags, 99) * 1000).toFixed(1)} ms, max ${(Math.max(...lags) * 1000).toFixed(1)} ms; ` +
        `late commits relayed out of id order: ${inversions.rows[0]!.n}; shared consumer batches by process: ${JSON.stringify(byWorker)}`,
    );
  });
});
