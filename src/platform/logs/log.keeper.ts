import type { DestinationStream } from 'pino';
import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

export interface LogKeeping {
  /** Lines older than this are deleted. */
  maxAgeMs: number;
  /** At most this many lines are kept (the newest). */
  maxRows: number;
}

/** Lines waiting for the database at most; beyond, the oldest are dropped (and counted). */
const MAX_PENDING = 2_000;
const FLUSH_MS = 1_000;
const PRUNE_MS = 60_000;
const BATCH = 500;

/**
 * Keeps the process's warn and error lines in Postgres (table `log_lines`),
 * bounded by age and count, so `orderly triage` can read a live service.
 * It is a pino destination: it gets each line after redaction and the
 * secret scrub, as stdout does. Writing never waits for the database: lines
 * are buffered (bounded) and inserted in batches every second; a database
 * that is down costs lines, never the service. It never logs itself (that
 * would feed its own buffer); problems go to stderr, once per kind.
 */
export class LogKeeper implements DestinationStream {
  private pending: { at: Date; level: number; line: string }[] = [];
  private db: Db | undefined;
  private keeping: LogKeeping | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastPrune = 0;
  private flushing: Promise<void> | undefined;
  private complained = new Set<string>();
  /** Lines dropped because the buffer was full (the database slow or not attached yet). */
  dropped = 0;

  write(line: string): void {
    let level = 0;
    let at = new Date();
    try {
      const parsed = JSON.parse(line) as { level?: number; time?: string };
      level = typeof parsed.level === 'number' ? parsed.level : 0;
      if (typeof parsed.time === 'string' && !Number.isNaN(Date.parse(parsed.time))) at = new Date(parsed.time);
    } catch {
      return; // not one of our JSON lines
    }
    if (this.pending.length >= MAX_PENDING) {
      this.pending.shift();
      this.dropped++;
    }
    this.pending.push({ at, level, line: line.trimEnd() });
  }

  /** Starts writing to `db` (lines written before are in the buffer). */
  attach(db: Db, keeping: LogKeeping): void {
    this.db = db;
    this.keeping = keeping;
    this.timer = setInterval(() => void this.flush(), FLUSH_MS);
    this.timer.unref();
  }

  /** Writes what is buffered now (and prunes, at most once a minute). */
  async flush(): Promise<void> {
    if (this.flushing) return await this.flushing;
    this.flushing = this.flushOnce().finally(() => (this.flushing = undefined));
    return await this.flushing;
  }

  /** Stops the timer after a last flush (before the pool closes). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    this.db = undefined;
  }

  private async flushOnce(): Promise<void> {
    const db = this.db;
    const keeping = this.keeping;
    if (!db || !keeping) return;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.slice(0, BATCH);
        await sql`insert into log_lines (at, level, line)
            select * from unnest(${batch.map((b) => b.at.toISOString())}::timestamptz[], ${batch.map((b) => b.level)}::smallint[], ${batch.map((b) => b.line)}::jsonb[])`.execute(db);
        this.pending.splice(0, batch.length);
      }
      if (Date.now() - this.lastPrune >= PRUNE_MS) {
        this.lastPrune = Date.now();
        await prune(db, keeping);
      }
    } catch (e) {
      this.complain('flush', `orderly: could not keep log lines in the database (${(e as Error).message}); they stay on stdout\n`);
    }
  }

  private complain(kind: string, message: string): void {
    if (this.complained.has(kind)) return;
    this.complained.add(kind);
    process.stderr.write(message);
  }
}

/** Deletes what is older than the age bound, then all but the newest `maxRows`. */
export async function prune(db: Db, keeping: LogKeeping): Promise<void> {
  await sql`delete from log_lines where at < now() - make_interval(secs => ${keeping.maxAgeMs / 1000})`.execute(db);
  await sql`delete from log_lines where id <= (select id from log_lines order by id desc offset ${keeping.maxRows} limit 1)`.execute(db);
}
