import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestService, type TestService } from './helpers/service.ts';

/** The README's API table names every operation of the served OpenAPI document, and nothing else. */

let t: TestService;
beforeAll(async () => {
  t = await startTestService();
});
afterAll(async () => t?.close());

it('the README API table and the OpenAPI document list the same operations', async () => {
  const readme = readFileSync(path.resolve(import.meta.dirname, '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## HTTP API v1'), readme.indexOf('\n## ', readme.indexOf('## HTTP API v1') + 5));
  const rows = section.split('\n').filter((l) => l.startsWith('| `'));
  const inReadme = new Set(
    rows.flatMap((row) => [...(row.split(' | ')[0] ?? '').matchAll(/`(GET|POST|PUT|PATCH|DELETE) ([^`?\s]+)/g)].map((m) => `${m[1]} ${m[2]!.replace(/:([A-Za-z]+)/g, '{$1}')}`)),
  );
  const doc = (await t.inject('GET', '/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  const documented = new Set(Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)));
  expect(inReadme).toEqual(documented);
});
