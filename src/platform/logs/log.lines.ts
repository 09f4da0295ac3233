import { sql } from 'kysely';
import type { Db } from '../db/database.ts';

/** What the service kept of a window: its warn and error lines, oldest first. */
export interface KeptLines {
  lines: string[];
  /** Lines of the window left out because there were more than the limit (the oldest are dropped). */
  omitted: number;
  /** The oldest line kept at all (older windows are gone: LOG_KEEP_HOURS), or null when none is. */
  oldestKept: string | null;
}

/** The kept lines with `from <= at < to`, the newest `limit` of them, in the order they were written. */
export async function keptLines(db: Db, from: Date, to: Date, limit: number): Promise<KeptLines> {
  const [{ rows }, count, oldest] = await Promise.all([
    sql<{ line: string }>`select line::text as line from (
        select id, line from log_lines where at >= ${from} and at < ${to} order by id desc limit ${limit}
      ) newest order by id`.execute(db),
    sql<{ n: string }>`select count(*) as n from log_lines where at >= ${from} and at < ${to}`.execute(db),
    sql<{ at: Date | null }>`select min(at) as at from log_lines`.execute(db),
  ]);
  const total = Number(count.rows[0]!.n);
  const at = oldest.rows[0]?.at ?? null;
  return { lines: rows.map((r) => r.line), omitted: Math.max(0, total - rows.length), oldestKept: at === null ? null : at.toISOString() };
}
