import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A secret from the environment, else one generated once and kept (0600) in
 * the data dir, so a restarted process (or the simulator run beside the
 * service from the same data dir) uses the same one.
 */
export async function keptSecret(dataDir: string, file: string, given: string | undefined, bytes: number): Promise<string> {
  if (given) return given;
  const p = path.join(dataDir, file);
  if (existsSync(p)) return (await readFile(p, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const s = randomBytes(bytes).toString('base64url');
  await writeFile(p, s + '\n', { mode: 0o600 });
  await chmod(p, 0o600);
  return s;
}

/**
 * Secret values that must never reach a log line, whatever path they take
 * (an error message, a PSP's echoed body, a URL). The logger scrubs every
 * serialized line against this set (see logging.ts); config adds each secret
 * it reads, the service each secret it generates.
 */
const SCRUBBED = new Set<string>();
/** Shorter values would match ordinary text. */
const MIN_SCRUBBED_LENGTH = 6;

export function scrubFromLogs(...values: (string | undefined)[]): void {
  for (const v of values) if (v && v.length >= MIN_SCRUBBED_LENGTH) SCRUBBED.add(v);
}

/** `text` with every registered secret replaced by `[redacted]`. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const s of SCRUBBED) if (out.includes(s)) out = out.split(s).join('[redacted]');
  return out;
}
