import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = path.join(ROOT, 'bin', 'orderly.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node bin/orderly.mjs …` against a service, as an operator would. With
 * no `url`, ORDERLY_URL is not set: the CLI finds the service itself (the
 * runtime.json of a `start` on ORDERLY_DATA_DIR).
 */
export async function runOrderly(service: { url?: string; adminKey: string }, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  // Only what the command needs: no ORDERLY_* of the developer's shell leaks in.
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' };
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...base, ...(service.url ? { ORDERLY_URL: service.url } : {}), ORDERLY_ADMIN_KEY: service.adminKey, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  return { code, stdout, stderr };
}
