import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { runOrderly } from './helpers/cli.ts';
import { createTestDatabase } from './helpers/db.ts';
import { ADMIN_KEY, DataDirHarness, harnesses, orderNoOf } from './helpers/orderly-process.ts';
import { freePort, pollUntil, portHolder, within, type ServiceProcess } from './helpers/process.ts';

/**
 * One owner per data directory, and starts that fail fast and clean: these run
 * `orderly` as real processes on real data directories.
 */

const harness = harnesses();
/**
 * A start that cannot succeed ends within 5 s (it used to hang forever, or take 6–12 s to say the
 * database was unreachable). From source this holds because src/preflight.ts decides before the
 * service is loaded: 1.1–1.9 s here, run through tsx on a 2-core machine at load 5.
 */
const FAST_EXIT_MS = 5_000;
/**
 * Not 5 s from source: a silent database is given its 3 s connect timeout (4.3 s in all here), and a
 * failed migration is known only once the service is loaded (5.5 s). The compiled build
 * (`build.test.ts`) holds both to 5 s, and a second start to the 2 s, which from source node
 * and tsx alone can take (0.5–1.9 s).
 */
const SLOW_EXIT_MS = 8_000;

/** Runs a command that should end by itself; returns its exit, how long it took, and what it printed. */
async function runToExit(h: DataDirHarness, command: string, extra: Record<string, string> = {}, ms = 30_000) {
  const before = h.output.length;
  const t0 = Date.now();
  const p: ServiceProcess = h.spawn(command, command, extra);
  const exit = await within(p.exited, ms, `${command} to exit`);
  return { exit, ms: Date.now() - t0, out: h.output.slice(before).join('\n') };
}

describe('one owner per data directory', () => {
  it('a second start refuses at once and the first keeps serving; migrate and api beside it join its Postgres, the CLI finds it', async () => {
    const h = await harness();
    // EMBEDDED_PG_SETTINGS reach the embedded Postgres (after orderly's own flags).
    const first = await h.start('owner', { EMBEDDED_PG_SETTINGS: 'work_mem=7MB' });
    const runtime = JSON.parse(readFileSync(path.join(h.dataDir, 'runtime.json'), 'utf8')) as { databaseUrl: string };
    const c = new pg.Client({ connectionString: runtime.databaseUrl });
    await c.connect();
    try {
      expect((await c.query<{ work_mem: string }>('show work_mem')).rows[0]!.work_mem).toBe('7MB');
    } finally {
      await c.end();
    }
    const pgBefore = (await h.postgres()).map((p) => p.pid);
    expect(pgBefore.length).toBeGreaterThan(0);
    expect((await h.buy('tok_visa', 'own-before')).status).toBe(201);

    const second = await runToExit(h, 'start', { PORT: String(await freePort()), PSP_SIM_PORT: String(await freePort()) });
    expect(second.exit.code).toBe(1);
    // Refused before the service is even loaded.
    expect(second.ms, `refused after ${second.ms} ms`).toBeLessThan(FAST_EXIT_MS);
    expect(second.out).toContain(`in use by pid ${first.child.pid}`);
    expect(second.out).toMatch(/kill -TERM \d+/);

    const migrate = await runToExit(h, 'migrate');
    expect(migrate.exit.code).toBe(0);
    expect(migrate.out).toContain('using the Postgres of the orderly process that owns the data directory');

    const apiPort = await freePort();
    const api = h.spawn('api', 'api', { PORT: String(apiPort) });
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    await h.ready(api, apiUrl);
    const viaApi = await h.buy('tok_visa', 'own-via-api', apiUrl);
    expect(viaApi.status).toBe(201);
    expect(await h.stop(api)).toEqual({ code: 0, signal: null });

    // The CLI with no ORDERLY_URL finds the service through the owner's runtime.json. PORT names a closed
    // port, so falling back to http://127.0.0.1:$PORT would fail (exit 1): only runtime.json leads here.
    const cliEnv = { ORDERLY_DATA_DIR: h.dataDir, PORT: String(await freePort()) };
    const listed = await runOrderly({ adminKey: ADMIN_KEY }, ['dead-letters', 'list', '--json'], cliEnv);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ deadLetters: [] });
    const alerts = await runOrderly({ adminKey: ADMIN_KEY }, ['alerts', 'list'], cliEnv);
    expect(alerts.code, alerts.stderr).toBe(0);

    // Nothing above touched the owner's Postgres.
    expect((await h.postgres()).map((p) => p.pid)).toEqual(pgBefore);
    expect(first.hasExited()).toBe(false);
    const after = await h.buy('tok_visa', 'own-after');
    expect(after.status).toBe(201);
    for (const r of [viaApi, after]) expect((await h.settled(orderNoOf(r))).status).toBe('PAID');

    expect(await h.stop(first)).toEqual({ code: 0, signal: null });
    expect(await h.postgres()).toEqual([]);
    expect(existsSync(path.join(h.dataDir, 'owner.lock'))).toBe(false);
    // With no start running, the same CLI finds nothing (its runtime.json went with it).
    const gone = await runOrderly({ adminKey: ADMIN_KEY }, ['dead-letters', 'list'], cliEnv);
    expect(gone.code).toBe(1);
    // With no owner, migrate starts the embedded Postgres itself, and stops it again.
    const alone = await runToExit(h, 'migrate');
    expect(alone.exit.code).toBe(0);
    expect(await h.postgres()).toEqual([]);
    // And api, with nothing to join, says so.
    const lonely = await runToExit(h, 'api', { PORT: String(await freePort()) });
    expect(lonely.exit.code).toBe(1);
    expect(lonely.out).toContain('no `orderly start` is running on the data directory');
  }, 120_000);

  it('after a SIGKILL of the node process alone, the next start takes over the orphaned Postgres', async () => {
    const h = await harness();
    const first = await h.start('victim');
    const placed = await h.buy('tok_visa', 'orphan-before');
    expect(placed.status).toBe(201);
    const orphan = (await h.postgres()).map((p) => p.pid);
    first.child.kill('SIGKILL');
    await within(first.exited, 10_000, 'the killed process to exit');
    // Postgres runs in a session of its own: it outlives its owner, an orphan now.
    expect((await h.postgres()).map((p) => p.pid)).toEqual(orphan);

    const next = await h.start('heir');
    expect(h.output.join('\n')).toContain('the embedded Postgres of a process that is gone is still running; shutting it down');
    for (const pid of orphan) expect((await h.postgres()).some((p) => p.pid === pid)).toBe(false);
    expect((await h.settled(orderNoOf(placed))).status).toBe('PAID');
    expect(await h.stop(next)).toEqual({ code: 0, signal: null });
  }, 120_000);
});

describe('starts that cannot succeed end fast and clean', () => {
  const ports = portHolder();
  afterEach(() => ports.release());
  const occupy = () => ports.occupy();

  it.each([
    ['PORT', 'the API port'],
    ['PSP_SIM_PORT', 'the simulator port'],
  ])('%s in use (%s): exit 1 within 5 s, one clear line, no Postgres left', async (setting) => {
    const h = await harness();
    const taken = await occupy();
    const r = await runToExit(h, 'start', { [setting]: String(taken) });
    expect(r.exit.code).toBe(1);
    expect(r.ms, `ended after ${r.ms} ms`).toBeLessThan(FAST_EXIT_MS);
    expect(r.out).toContain(`port ${taken} on 127.0.0.1 is already in use`);
    expect(r.out).toContain(`set ${setting} to another port`);
    expect(await h.postgres()).toEqual([]);
    expect(existsSync(path.join(h.dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 30_000);

  it('an unreachable DATABASE_URL: exit 1 within 5 s, naming the database but not its password', async () => {
    const h = await harness();
    const closed = await freePort();
    const r = await runToExit(h, 'start', { DATABASE_URL: `postgres://orderly:s3cret-pass@127.0.0.1:${closed}/orderly` });
    expect(r.exit.code).toBe(1);
    expect(r.ms, `ended after ${r.ms} ms`).toBeLessThan(FAST_EXIT_MS);
    expect(r.out).toContain(`cannot reach the database at postgres://orderly@127.0.0.1:${closed}/orderly`);
    expect(r.out).not.toContain('s3cret-pass');
  }, 30_000);

  it('a DATABASE_URL that accepts the connection and never answers: exit 1 after its connect timeout', async () => {
    const h = await harness();
    const silent = await occupy();
    const r = await runToExit(h, 'start', { DATABASE_URL: `postgres://orderly:s3cret-pass@127.0.0.1:${silent}/orderly` });
    expect(r.exit.code).toBe(1);
    expect(r.ms, `ended after ${r.ms} ms`).toBeLessThan(SLOW_EXIT_MS);
    expect(r.out).toContain(`cannot reach the database at postgres://orderly@127.0.0.1:${silent}/orderly (timeout expired)`);
  }, 30_000);

  it('a failed migration: exit 1 within 8 s with the reason, nothing left running', async () => {
    const h = await harness();
    const db = await createTestDatabase();
    try {
      // A migration this build does not know was applied (a newer release ran here): Kysely refuses to go on.
      const c = new pg.Client({ connectionString: db.url });
      await c.connect();
      await c.query(`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', now())`);
      await c.end();
      const r = await runToExit(h, 'start', { DATABASE_URL: db.url });
      expect(r.exit.code).toBe(1);
      expect(r.ms, `ended after ${r.ms} ms`).toBeLessThan(SLOW_EXIT_MS);
      expect(r.out).toMatch(/orderly start: migrations failed: .*9999_from_the_future/);
      await pollUntil(async () => h.procs.every((p) => p.hasExited()), { timeoutMs: 1_000, what: 'every process gone' });
    } finally {
      await db.drop();
    }
  }, 30_000);
});
