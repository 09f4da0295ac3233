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
