import pg from 'pg';
import { StartupError } from '../lifecycle/startup-error.ts';

// Apart from open.ts so that main.ts can check DATABASE_URL before it loads anything heavy: this file
// costs pg alone, and an unreachable database must end a start within 5 s even when transpiling the
// service (tsx, a loaded machine) takes longer than that.

/** A database URL with its password cut out, for messages. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    u.password = '';
    return `${u.protocol}//${u.username ? u.username + '@' : ''}${u.host}${u.pathname}`;
  } catch {
    return '(an unparsable URL)';
  }
}

/** Fails within `timeoutMs` with one clear line when the server is unreachable or refuses us. */
export async function assertReachable(url: string, timeoutMs = 3_000): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code && !/^\d/.test(err.code) && err.code.length < 20 ? `${err.code}: ${err.message}` : err.message;
    throw new StartupError(`cannot reach the database at ${describeUrl(url)} (${why}); check DATABASE_URL`);
  } finally {
    await client.end().catch(() => {});
  }
}
