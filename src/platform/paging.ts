import { AppError } from './errors.ts';

/**
 * Page cursors of the newest-first lists (orders, alerts, deliveries): the
 * last row's exact time (microseconds, as Postgres keeps it — a JS Date would
 * drop them and skip rows written in the same millisecond) and its id, which
 * breaks ties. Opaque to clients (base64url JSON); a cursor this API did not
 * hand out is a 422, never a value Postgres would reject.
 */
const EXACT_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{6})Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** SQL (Postgres) giving a timestamptz column as the exact UTC text the cursor keeps. */
export const exactTimeSql = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export function encodeCursor(at: string, id: number | string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

export function decodeCursor<K extends 'int' | 'uuid'>(cursor: string, idKind: K): { at: string; id: K extends 'int' ? number : string } {
  const bad = () => new AppError('VALIDATION_FAILED', { details: [{ field: 'cursor', message: 'not a cursor this API returned' }] });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw bad();
  const [at, id] = parsed as [unknown, unknown];
  if (typeof at !== 'string') throw bad();
  if (idKind === 'int' && (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 1)) throw bad();
  if (idKind === 'uuid' && (typeof id !== 'string' || !UUID.test(id))) throw bad();
  const m = EXACT_TIME.exec(at);
  if (!m) throw bad();
  // A real calendar moment (no 2026-02-30, no hour 25): the millisecond part must survive a round trip.
  const ms = `${at.slice(0, 23)}Z`;
  const d = new Date(ms);
  if (Number.isNaN(d.getTime()) || d.toISOString() !== ms || Number(m[1]) < 1) throw bad();
  return { at, id: id as K extends 'int' ? number : string };
}
