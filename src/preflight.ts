import path from 'node:path';
import type { Config } from './config.ts';
import { assertReachable } from './platform/db/reachable.ts';
import { describeOwner, liveOwner } from './platform/lifecycle/owner-lock.ts';
import { assertPortFree } from './platform/lifecycle/ports.ts';
import { StartupError } from './platform/lifecycle/startup-error.ts';

/** The commands of `orderly` (src/main.ts) that run a process. */
export const COMMANDS = ['start', 'api', 'psp-sim', 'migrate', 'monitor'] as const;
export type Command = (typeof COMMANDS)[number];

export function isCommand(s: string): s is Command {
  return (COMMANDS as readonly string[]).includes(s);
}

/**
 * The checks that decide whether a command can start at all, made before
 * anything heavy is loaded or started: a taken port, a data dir that a live
 * process owns, an unreachable DATABASE_URL. Each throws a StartupError with
 * one line that names what to change.
 *
 * Why first: loading the service (Fastify, Kysely, graphile-worker, the
 * OpenTelemetry SDK) took 5–9 s through tsx on a loaded 2-core machine, so a
 * start whose database was unreachable ended after 6–12 s though the answer
 * was known in milliseconds. Nothing is started here, so nothing needs
 * stopping when a check fails. The checks are repeated where they matter
 * (`listen`, taking the owner lock, `openDatabase`), so one that passes here
 * and fails a moment later still ends the start cleanly.
 */
export async function preflight(command: Command, config: Config): Promise<void> {
  if (command === 'psp-sim' && config.mode === 'production') {
    throw new StartupError('the PSP simulator does not run with ORDERLY_ENV=production (it takes no real payments)');
  }
  if (command === 'start' || command === 'api') await assertPortFree(config.host, config.port, 'PORT');
  if ((command === 'start' && config.pspSim.enabled) || command === 'psp-sim') await assertPortFree(config.pspSim.host, config.pspSim.port, 'PSP_SIM_PORT');
  if (command === 'start' && !config.databaseUrl) {
    // Said at once; taking the data dir (later, race-free) would refuse it the same way.
    const dataDir = path.resolve(config.dataDir);
    const owner = await liveOwner(dataDir);
    if (owner) {
      throw new StartupError(
        `the data directory ${dataDir} is in use by ${describeOwner(owner)}. Stop it first (kill -TERM ${owner.pid}), ` +
          'or give this process its own ORDERLY_DATA_DIR. (`orderly migrate`, `orderly api` and the CLI join the running one instead.)',
      );
    }
  }
  if (config.databaseUrl) await assertReachable(config.databaseUrl);
}
