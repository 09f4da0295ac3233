import { sql } from 'kysely';
import pg from 'pg';
import type { Db } from '../db/database.ts';
import type { PgListener } from '../db/listener.ts';
import type { Logger } from '../logging.ts';
import type { EventTransport } from './stream.ts';
import { Wake } from './wake.ts';

export interface RelayOptions {
  db: Db;
  databaseUrl: string;
  transport: EventTransport;
  /** LISTENs on OUTBOX_CHANNEL: a commit with events wakes the relay at once. */
  listener: PgListener;
  log: Logger;
  /** Published rows older than this are deleted (the stream's retention). */
  retentionMs: number;
  batch?: number;
  /** Seconds from each event's write to its publication. */
  onRelayed?: (lagSeconds: number[]) => void;
}

/** Session advisory lock held by the one relay that publishes (the others stand by). */
const LEADER_LOCK: [number, number] = [0x6f72, 0x72656c]; // "or", "rel"
const POLL_MS = 1_000;
const STANDBY_MS = 2_000;
const RETENTION_EVERY_MS = 10 * 60_000;

export interface EventRelay {
  stop(): Promise<void>;
  /** Relays now (tests, a drain before stopping). */
  kick(): void;
}

/**
 * Moves outbox rows to the stream, oldest first, at least once. One relay
 * publishes at a time (a session lock on a connection of its own: a relay
 * whose process dies hands over at once); any process may stand by. After a
 * failure (NATS down) the rows simply stay unpublished and go out, in order,
 * when the transport is back.
 */
export function startRelay(opts: RelayOptions): EventRelay {
  const { db, transport, log } = opts;
  const batch = opts.batch ?? 500;
  const wake = new Wake();
  const onNotify = () => wake.kick();
  opts.listener.on('notification', onNotify);
  opts.listener.on('reconnected', onNotify);
  let leader: pg.Client | undefined;
  let lastRetention = 0;

  const lead = async (): Promise<boolean> => {
    if (leader) return true;
    const c = new pg.Client({ connectionString: opts.databaseUrl, keepAlive: true });
    c.on('error', () => {});
    try {
      await c.connect();
      const r = await c.query<{ ok: boolean }>('select pg_try_advisory_lock($1, $2) as ok', LEADER_LOCK);
      if (!r.rows[0]?.ok) {
        await c.end();
        return false;
      }
    } catch (e) {
      await c.end().catch(() => {});
      throw e;
    }
    // Losing the connection loses the lock: stand down until it is taken again.
    c.on('end', () => {
      if (leader !== c) return; // stop() let it go
      leader = undefined;
      log.warn({ event: 'relay_leader_lost', transport: transport.kind }, 'lost the outbox relay lock (its connection ended); standing by until it is taken again');
    });
    leader = c;
    log.info({ event: 'relay_leader_acquired', transport: transport.kind }, 'this process relays the outbox');
    return true;
  };

  const retention = async () => {
    if (Date.now() - lastRetention < RETENTION_EVERY_MS) return;
    lastRetention = Date.now();
    const r = await sql`delete from outbox where id in (
        select id from outbox where published_at < now() - make_interval(secs => ${opts.retentionMs / 1000}) order by published_at limit 10000)`.execute(db);
    if (Number(r.numAffectedRows ?? 0) > 0) log.info({ deleted: Number(r.numAffectedRows) }, 'deleted events past the stream retention');
  };

  // A standby sleeps STANDBY_MS whatever the notifications say: every outbox commit kicks the wake, and
  // each try of `lead()` opens a connection (a Postgres backend forked), so waking on kicks made every
  // standing-by process connect once per commit under load (test/relay.test.ts counts the sessions).
  const standBy = async () => {
    const until = Date.now() + STANDBY_MS;
    while (!wake.isStopped && Date.now() < until) await wake.wait(until - Date.now());
  };

  let failures = 0;
  const loop = (async () => {
    while (!wake.isStopped) {
      try {
        if (!(await lead())) {
          await standBy();
          continue;
        }
        const { count, lagSeconds } = await transport.relay(batch);
        if (count > 0) opts.onRelayed?.(lagSeconds);
        if (failures > 0) log.info({ event: 'relay_recovered', afterFailures: failures }, 'relaying events again');
        failures = 0;
        await retention();
        if (count === batch) continue;
        await wake.wait(POLL_MS);
      } catch (e) {
        failures++;
        // The rows stay in the outbox; nothing is lost while the transport is away.
        if (failures === 1 || failures % 20 === 0) log.warn({ event: 'relay_publish_failed', err: e, failures, transport: transport.kind }, 'relaying events failed; retrying');
        await wake.wait(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  })();

  return {
    kick: () => wake.kick(),
    stop: async () => {
      wake.stop();
      await loop;
      opts.listener.off('notification', onNotify);
      opts.listener.off('reconnected', onNotify);
      const c = leader;
      leader = undefined;
      await c?.end().catch(() => {});
    },
  };
}
