import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { liveRuntimeSync } from '../platform/lifecycle/runtime-file.ts';
import { UsageError } from './errors.ts';
import { AdminClient } from './http.ts';

/** How every operating command finds the service and its key (part of each command's --help). */
export const CONNECTION_HELP = `connection:
  --url URL   the service (default: $ORDERLY_URL, else http://127.0.0.1:$PORT, PORT default 3000)
  The admin key comes from $ORDERLY_ADMIN_KEY, else the file named by $ORDERLY_ADMIN_KEY_FILE,
  else the key a local \`npm start\` keeps in $ORDERLY_DATA_DIR/admin-key (default ./.orderly).
  It is never a flag (it would land in shell history) and never printed.`;

/** Where the running service is and the key that opens its admin API. */
export interface Connection {
  url: string;
  adminKey: string;
}

export type Env = Record<string, string | undefined>;

/**
 * `--url`, else `ORDERLY_URL`, else the `start` running on this machine's data
 * dir (its runtime.json), else the local service on `PORT` (default 3000).
 */
export function serviceUrl(flag: string | undefined, env: Env): string {
  const local = liveRuntimeSync(path.resolve(env.ORDERLY_DATA_DIR || '.orderly'))?.url;
  const raw = flag ?? (env.ORDERLY_URL || local || `http://127.0.0.1:${env.PORT || '3000'}`);
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(`"${raw}" is not a URL (expected e.g. http://127.0.0.1:3000)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError(`the service URL must be http or https (got "${raw}")`);
  if (u.username || u.password) throw new UsageError('put no credentials in the service URL; the admin key comes from ORDERLY_ADMIN_KEY');
  return u.href.replace(/\/+$/, '');
}

function readKeyFile(file: string, what: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new UsageError(`cannot read the admin key from ${what} ${file} (${code})`);
  }
  const key = text.trim();
  if (!key) throw new UsageError(`the admin key file ${file} is empty`);
  return key;
}

/**
 * The admin key: `ORDERLY_ADMIN_KEY`, else the file named by
 * `ORDERLY_ADMIN_KEY_FILE`, else the key a local `npm start` generated and keeps
 * in its data directory. Never a flag: it would end up in shell history and in
 * `ps` output.
 */
export function adminKey(env: Env): string {
  let key: string;
  if (env.ORDERLY_ADMIN_KEY) key = env.ORDERLY_ADMIN_KEY.trim();
  else if (env.ORDERLY_ADMIN_KEY_FILE) key = readKeyFile(env.ORDERLY_ADMIN_KEY_FILE, 'ORDERLY_ADMIN_KEY_FILE');
  else {
    const kept = path.join(env.ORDERLY_DATA_DIR || '.orderly', 'admin-key');
    if (!existsSync(kept)) throw new UsageError('no admin key: set ORDERLY_ADMIN_KEY, or ORDERLY_ADMIN_KEY_FILE to a file holding it');
    key = readKeyFile(kept, 'the data directory:');
  }
  // A header cannot carry other characters, and fetch's error for them would quote the key.
  if (!/^[\x21-\x7e]+$/.test(key)) throw new UsageError('the admin key holds characters an HTTP header cannot carry (spaces, line breaks, non-ASCII)');
  return key;
}

/** A client of the service's admin API: `--url` (or its defaults) and the admin key. */
export function connect(urlFlag: string | undefined, env: Env): AdminClient {
  return new AdminClient({ url: serviceUrl(urlFlag, env), adminKey: adminKey(env) });
}
