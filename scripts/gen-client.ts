// `npm run gen:client`: writes web/shared/api.gen.ts from the OpenAPI document of this checkout's
// routes. It starts the service on a throw-away database (embedded Postgres in a temporary data
// dir, or DATABASE_URL's server), asks it for /openapi.json, and stops it; test/web-client.test.ts
// fails when the committed file is not what this writes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/platform/logging.ts';
import { startService } from '../src/service.ts';
import { CLIENT_TYPES_FILE, renderClientTypes } from './client-types.ts';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orderly-gen-client-'));
try {
  const config = loadConfig({ ...process.env, ORDERLY_ENV: 'development', ORDERLY_DATA_DIR: dataDir, PORT: '0', PSP_SIM_PORT: '0', DEMO_CATALOG: 'false', LOG_LEVEL: 'warn' });
  const svc = await startService(config, createLogger('warn'), { worker: false });
  try {
    const r = await svc.app.inject({ method: 'GET', url: '/openapi.json' });
    if (r.statusCode !== 200) throw new Error(`/openapi.json answered ${r.statusCode}`);
    const out = path.resolve(import.meta.dirname, '..', CLIENT_TYPES_FILE);
    await writeFile(out, await renderClientTypes(r.json()));
    console.log(`wrote ${CLIENT_TYPES_FILE}`);
  } finally {
    await svc.close();
  }
} finally {
  await rm(dataDir, { recursive: true, force: true });
}
