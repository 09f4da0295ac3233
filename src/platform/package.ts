import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * orderly's own package: the folder holding its package.json (the checkout when run from src/, the
 * image's /app when run from dist/), found by walking up from this file, so nothing depends on the
 * working directory a command was started in.
 */
function findPackage(): { root: string; version: string } {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'orderly' && pkg.version) return { root: dir, version: pkg.version };
    } catch {
      // not here: look further up
    }
    if (path.dirname(dir) === dir) return { root: process.cwd(), version: '0.0.0' };
  }
}

const found = findPackage();
/** The release (package.json's version). */
export const PACKAGE_VERSION = found.version;
/** The folder of orderly's package.json. */
export const PACKAGE_ROOT = found.root;
