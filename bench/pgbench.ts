import { spawn, spawnSync } from 'node:child_process';
import pg from 'pg';

const DB_NAME = 'pgbench_bench';

export interface PgbenchSettings {
  clients: number;
  threads: number;
  seconds: number;
  scale: number;
}

export type PgbenchResult =
  | { ran: true; settings: PgbenchSettings; tps: number; binary: string; output: string }
  | { ran: false; settings: PgbenchSettings; reason: string };

export const PGBENCH_DEFAULTS: PgbenchSettings = { clients: 8, threads: 2, seconds: 10, scale: 10 };

/** `pgbench`'s path, from `which`, or undefined when it is not installed. */
export function findPgbench(): string | undefined {
  const r = spawnSync('which', ['pgbench'], { encoding: 'utf8' });
  const found = r.status === 0 ? r.stdout.trim() : '';
  return found.length > 0 ? found : undefined;
}

async function recreateDatabase(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`drop database if exists ${DB_NAME}`);
    await client.query(`create database ${DB_NAME}`);
  } finally {
    await client.end();
  }
}

function run(binary: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve(output);
      else reject(new Error(`pgbench ${args.join(' ')} ended with ${signal ?? `code ${code}`}:\n${output.trim()}`));
    });
  });
}

/** `tps = 1234.5 (without initial connection time)` → 1234.5 */
export function parseTps(output: string): number | undefined {
  const m = /^tps = ([\d.]+)/m.exec(output);
  return m?.[1] ? Number(m[1]) : undefined;
}

/**
 * Runs the stock pgbench TPC-B-like workload against a scratch database on the
 * service's Postgres, so the order figures have a machine-speed reference beside them.
 */
export async function runPgbench(adminUrl: string, settings: PgbenchSettings = PGBENCH_DEFAULTS): Promise<PgbenchResult> {
  const binary = findPgbench();
  if (!binary) return { ran: false, settings, reason: 'pgbench not found' };
  const u = new URL(adminUrl);
  const connection = ['-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username)];
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PGPASSWORD: decodeURIComponent(u.password) };
  await recreateDatabase(adminUrl);
  await run(binary, ['-i', '-s', String(settings.scale), '-q', ...connection, DB_NAME], env, 300_000);
  const args = ['-c', String(settings.clients), '-j', String(settings.threads), '-T', String(settings.seconds), '-n'];
  const output = await run(binary, [...args, ...connection, DB_NAME], env, (settings.seconds + 60) * 1000);
  const tps = parseTps(output);
  if (tps === undefined) return { ran: false, settings, reason: `no "tps = " line in pgbench's output:\n${output.trim()}` };
  return { ran: true, settings, tps, binary, output };
}
