import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startPspSim, type PspSim, type PspSimOptions } from '../../src/psp-sim/index.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import type { WebhookReceiver } from './receiver.ts';

/**
 * The scaffolding of a test file that talks to the PSP simulator directly:
 * its own database, an optional webhook receiver, one simulator for the file,
 * and fault rules cleared after every test.
 */

/** A simulator's options but its database and port (the file's database, any free port). */
export type SimOptions = Omit<PspSimOptions, 'databaseUrl' | 'port'>;

/** Replaces the simulator's fault rules (an empty list clears them); its answer as it is. */
export async function sendFaults(simUrl: string, rules: readonly unknown[]): Promise<Response> {
  return await fetch(
    `${simUrl}/__sim/faults`,
    rules.length ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ rules }) } : { method: 'DELETE' },
  );
}

/** An order number like the service's (`ORD-20261121-7K3Q9X`), fresh each call. */
export const orderNo = (): string => `ORD-20261121-${randomBytes(3).toString('hex').toUpperCase()}`;

export interface SimulatorFixture {
  /** The running simulator (from `beforeAll` on). */
  readonly server: PspSim;
  /** Its URL, `server.url`. */
  readonly url: string;
  readonly db: TestDatabase;
  /** Sets the fault rules; expects the simulator to take them (200) and returns its answer. */
  setFaults(rules: readonly object[]): Promise<Response>;
  /** Another simulator on the same database, with the file's options and `extra` over them; the caller closes it. */
  startAnother(extra?: Partial<SimOptions>): Promise<PspSim>;
}

/**
 * Registers the hooks of a file's simulator: `beforeAll` creates the database,
 * starts `receiver` (so `options`, a function, may name its URL) and the
 * simulator; `afterEach` clears the fault rules; `afterAll` closes all three.
 */
export function useSimulator(setup: { options: SimOptions | (() => SimOptions); receiver?: WebhookReceiver }): SimulatorFixture {
  let db: TestDatabase | undefined;
  let server: PspSim | undefined;
  let options: SimOptions | undefined;
  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the simulator's ${what} is not there yet: it is set up in beforeAll`);
    return value;
  };
  const start = (extra: Partial<SimOptions> = {}) => startPspSim({ ...started(options, 'options'), ...extra, databaseUrl: started(db, 'database').url, port: 0 });

  beforeAll(async () => {
    db = await createTestDatabase();
    await setup.receiver?.start();
    options = typeof setup.options === 'function' ? setup.options() : setup.options;
    server = await start();
  });

  afterAll(async () => {
    await server?.close();
    await setup.receiver?.close();
    await db?.drop();
  });

  afterEach(async () => {
    if (server) await sendFaults(server.url, []);
  });

  return {
    get server() {
      return started(server, 'server');
    },
    get url() {
      return started(server, 'server').url;
    },
    get db() {
      return started(db, 'database');
    },
    async setFaults(rules) {
      const res = await sendFaults(started(server, 'server').url, rules);
      expect(res.status, `POST /__sim/faults: ${await res.clone().text()}`).toBe(200);
      return res;
    },
    startAnother: start,
  };
}

/** Polls `fn` (every 25 ms) until `done` holds; fails with the last value when the deadline passes. */
export async function waitFor<T>(fn: () => T | Promise<T>, done: (v: T) => boolean, deadlineMs = 8000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const v = await fn();
    if (done(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting; last value: ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
