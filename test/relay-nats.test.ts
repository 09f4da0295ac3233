import { sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../src/platform/db/database.ts';
import { PgListener } from '../src/platform/db/listener.ts';
import { createLogger } from '../src/platform/logging.ts';
import { NatsTransport } from '../src/platform/outbox/nats-transport.ts';
import { OUTBOX_CHANNEL } from '../src/platform/outbox/outbox.ts';
import { startRelay } from '../src/platform/outbox/relay.ts';
import type { RunningConsumer } from '../src/platform/outbox/stream.ts';
import { createTestDatabase } from './helpers/db.ts';
import {
  consumedBy,
  createConsumedTable,
  deleteStreams,
  MACHINE_NATS_URL,
  OutboxWorkload,
  OwnNatsServer,
  recordingHandler,
  streamMessageCount,
  TEST_FAMILY,
  uniquePrefixes,
  waitConsumed,
} from './helpers/nats.ts';
import { prng } from './helpers/random.ts';
import { pollUntil } from './helpers/process.ts';

/**
 * The outbox relay over NATS JetStream: concurrent writers, a relay killed
 * between publishing and marking (JetStream's Nats-Msg-Id dedupe keeps one
 * copy), and NATS stopped mid-run (the outbox holds the events until it is
 * back). Each test has its own database and its own stream/subject prefix;
 * streams on the machine's server are deleted at the end.
 */
const log = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
const closers: (() => Promise<void>)[] = [];
const machinePrefixes: string[] = [];
const KEYS = ['order-1', 'order-2', 'order-3', 'order-4', 'order-5'];

afterAll(async () => {
  for (const c of closers.reverse()) await c().catch((e: unknown) => console.warn('cleanup failed', e));
  for (const p of machinePrefixes) await deleteStreams(MACHINE_NATS_URL, p);
});

/** A database of the test's own with the consumers' record table, and NATS names of its own. */
async function world(natsUrl: string) {
  const tdb = await createTestDatabase();
  closers.push(() => tdb.drop());
  const names = uniquePrefixes();
  if (natsUrl === MACHINE_NATS_URL) machinePrefixes.push(names.streamPrefix);
  const pool = (size: number): Db => {
    const { db } = createDb(tdb.url, size);
    closers.push(() => db.destroy());
    return db;
  };
  const writers = pool(20);
  const db = pool(8);
  await createConsumedTable(db);
  const transport = (on: Db = db) => {
    const t = new NatsTransport(
      on,
      { url: natsUrl, ...names, families: [TEST_FAMILY], duplicateWindowMs: 120_000, maxAgeMs: 3_600_000, publishTimeoutMs: 1_000 },
      log,
    );
    closers.push(() => t.close());
    return t;
  };
  const lags: number[] = [];
  const relay = async (t: NatsTransport) => {
    const l = new PgListener(tdb.url, OUTBOX_CHANNEL, log);
    await l.start();
    closers.push(() => l.stop());
    const r = startRelay({ db, databaseUrl: tdb.url, transport: t, listener: l, log, retentionMs: 3_600_000, onRelayed: (x) => lags.push(...x) });
    closers.push(() => r.stop());
    return r;
  };
  const consume = async (t: NatsTransport, name: string, worker: string): Promise<RunningConsumer> => {
    const c = await t.consume(name, [TEST_FAMILY.name], recordingHandler(name, worker));
    closers.push(() => c.stop());
    return c;
  };
  const unpublished = async () => (await sql<{ n: number }>`select count(*)::int as n from outbox where published_at is null`.execute(db)).rows[0]!.n;
  const stream = `${names.streamPrefix}RELAYTEST`;
  return { tdb, writers, db, pool, transport, relay, consume, unpublished, stream, lags };
}

/** Every event of the workload consumed once and in order, the stream holding each once, the outbox all marked. */
async function expectExactlyOnce(w: OutboxWorkload, db: Db, consumers: string[], natsUrl: string, stream: string, why: string) {
  for (const name of consumers) await waitConsumed(db, w, name, 20_000);
  for (const name of consumers) expect(w.problems(await consumedBy(db, name)), `${name}, ${why}`).toEqual([]);
  expect(await streamMessageCount(natsUrl, stream), why).toBe(w.committed.size);
  await pollUntil(async () => (await sql<{ n: number }>`select count(*)::int as n from outbox where published_at is null`.execute(db)).rows[0]!.n === 0, {
    timeoutMs: 5_000,
    intervalMs: 20,
    what: 'every outbox row marked published',
  });
}

const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** Lets the mark of published rows fail: the relay dies between JetStream's PubAck and the outbox update. */
const killedBeforeMark: KyselyPlugin = {
  transformQuery({ node }): RootOperationNode {
    if (node.kind === 'RawNode' && node.sqlFragments.join('?').includes('update outbox set published_at')) throw new Error('relay killed between publish and mark');
    return node;
  },
  transformResult: async ({ result }) => result,
};

describe('relay → NATS JetStream', () => {
  it('many concurrent writers (late commits, rollbacks): every committed event stored once and consumed once, in commit order per key, by a restarted consumer and by two processes of one consumer', async () => {
    const x = await world(MACHINE_NATS_URL);
    const t1 = x.transport();
    const t2 = x.transport(x.pool(3));
    await x.relay(t1);
    await x.consume(t1, 'checker', 'p1');
    await x.consume(t1, 'shared', 'p1');
    await x.consume(t2, 'shared', 'p2');
    let restarter = await x.consume(t1, 'restarter', 'p1');
    const seed = Date.now();
    const w = new OutboxWorkload(x.writers, KEYS, prng(seed));
    const started = Date.now();
    let writing = true;
    const writes = w.run(16, 14).finally(() => (writing = false));
    await pollUntil(async () => !writing || (await consumedBy(x.db, 'restarter')).length > 60, { timeoutMs: 10_000, intervalMs: 20, what: 'the restarter to consume' });
    await restarter.stop();
    const at = w.committed.size;
    await pollUntil(async () => !writing || w.committed.size > at + 80, { timeoutMs: 10_000, intervalMs: 20, what: 'more events while the restarter is away' });
    restarter = await x.consume(t1, 'restarter', 'p1');
    await writes;
    await waitConsumed(x.db, w, 'checker', 20_000);
    const seconds = (Date.now() - started) / 1000;
    const why = `seed ${seed}`;
    expect(w.rollbacks, why).toBeGreaterThan(0);
    await expectExactlyOnce(w, x.db, ['checker', 'shared', 'restarter'], MACHINE_NATS_URL, x.stream, why);
    const shared = await consumedBy(x.db, 'shared');
    console.log(
      `[relay nats] ${w.committed.size} events in ${w.transactions} commits (+${w.rollbacks} rollbacks) consumed in ${seconds.toFixed(2)} s = ${(w.committed.size / seconds).toFixed(0)} events/s; ` +
        `relay lag p50 ${ms(pct(x.lags, 50))}, p99 ${ms(pct(x.lags, 99))}, max ${ms(Math.max(...x.lags))}; shared consumer by process: p1 ${shared.filter((s) => s.worker === 'p1').length}, p2 ${shared.filter((s) => s.worker === 'p2').length}`,
    );
  });

  it('a relay killed between publish and mark: the next relay publishes the rows again and JetStream keeps one copy of each (Nats-Msg-Id)', async () => {
    const x = await world(MACHINE_NATS_URL);
    const seed = Date.now();
    const w = new OutboxWorkload(x.writers, KEYS, prng(seed));
    await w.run(8, 10);
    const backlog = w.committed.size;
    // The doomed relay: the real transport, on a handle whose mark of published rows fails.
    const doomed = x.transport(x.db.withPlugin(killedBeforeMark));
    const t0 = Date.now();
    await expect(doomed.relay(10_000)).rejects.toThrow(/killed between publish and mark/);
    const publishSeconds = (Date.now() - t0) / 1000;
    await doomed.close();
    expect(await streamMessageCount(MACHINE_NATS_URL, x.stream)).toBe(backlog);
    expect(await x.unpublished()).toBe(backlog);

    // The next relay (another process) finds every row unpublished and sends it again, while writers go on.
    const t = x.transport();
    await x.consume(t, 'checker', 'p1');
    const t1 = Date.now();
    await x.relay(t);
    await pollUntil(async () => (await x.unpublished()) === 0, { timeoutMs: 10_000, intervalMs: 10, what: 'the second relay to re-send the backlog' });
    const resendSeconds = (Date.now() - t1) / 1000;
    await w.run(8, 6);
    await expectExactlyOnce(w, x.db, ['checker'], MACHINE_NATS_URL, x.stream, `seed ${seed}`);
    console.log(
      `[relay nats] killed relay published ${backlog} events in ${publishSeconds.toFixed(2)} s (${(backlog / publishSeconds).toFixed(0)}/s, one PubAck at a time); ` +
        `the next relay re-sent them (all duplicates) in ${resendSeconds.toFixed(2)} s; stream holds ${w.committed.size} = committed`,
    );
  });

  it('NATS stopped mid-run: writers keep committing, the outbox keeps the events; after NATS returns every event is stored and consumed once, in order per key', async () => {
    const own = await OwnNatsServer.start();
    closers.push(() => own.close());
    const x = await world(own.url);
    const t = x.transport();
    await x.relay(t);
    await x.consume(t, 'checker', 'p1');
    const seed = Date.now();
    const w = new OutboxWorkload(x.writers, KEYS, prng(seed));
    const writers = w.runUntilStopped(6);
    try {
      await pollUntil(async () => (await consumedBy(x.db, 'checker')).length > 50, { timeoutMs: 10_000, intervalMs: 20, what: 'events to flow before NATS stops' });
      await own.stop();
      const stopped = Date.now();
      const atStop = w.committed.size;
      // Down for a few publish timeouts at least: the relay fails, backs off and retries more than once.
      await pollUntil(async () => w.committed.size > atStop + 150 && Date.now() - stopped > 3_000, { timeoutMs: 10_000, intervalMs: 20, what: 'commits while NATS is down' });
      const piled = await x.unpublished();
      expect(piled).toBeGreaterThan(100);
      const restarted = Date.now();
      await own.start();
      const atStart = w.committed.size;
      await pollUntil(async () => w.committed.size > atStart + 100, { timeoutMs: 10_000, intervalMs: 20, what: 'commits after NATS returns' });
      await writers.stop();
      await waitConsumed(x.db, w, 'checker', 20_000);
      const recovery = (Date.now() - restarted) / 1000;
      await expectExactlyOnce(w, x.db, ['checker'], own.url, x.stream, `seed ${seed}`);
      console.log(`[relay nats] NATS down: ${piled} events piled up in the outbox; all ${w.committed.size} consumed ${recovery.toFixed(2)} s after NATS was started again`);
    } finally {
      await writers.stop();
    }
  });
});
