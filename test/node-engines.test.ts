import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

/**
 * `engines.node >= 20` is a promise: every package the lockfile installs must
 * run on the Node this suite runs on (the machines here have Node 20), or
 * `npm ci` warns EBADENGINE and the package may use APIs Node 20 lacks.
 */
describe('Node version support', () => {
  it('every locked package accepts the running Node', () => {
    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean }>;
    };
    const refusing = Object.entries(lock.packages)
      .filter(([name, p]) => name !== '' && p.engines && !Array.isArray(p.engines) && p.engines.node)
      .filter(([, p]) => !semver.satisfies(process.version, (p.engines as { node: string }).node, { includePrerelease: true }))
      .map(([name, p]) => `${name}@${p.version} needs node ${(p.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });

  it('the project itself says >= 20', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe('>=20');
    expect(semver.satisfies('20.0.0', pkg.engines.node)).toBe(true);
  });
});
