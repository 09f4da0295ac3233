import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { providerCredentials } from '../src/providers.ts';
import { composeCommands, container, healthcheckUrl, ownServices, readCompose, requiredVariables } from './helpers/compose.ts';

/**
 * `compose.yaml`, the `Dockerfile` and the commands the docs show, held to
 * each other without a Docker engine (none runs here). Each defect below was
 * real: the psp-sim service died at start (no PSP_SIM_WEBHOOK_SECRET, so it
 * tried to create ./.orderly in the root-owned /app as the unprivileged
 * user), its healthcheck probed the API's port 3000 while it listens on 4010,
 * and the README's command left out METRICS_TOKEN, which compose requires.
 * (`build.test.ts` runs the compiled simulator as that service would run.)
 */

const compose = readCompose();
const required = requiredVariables();
/** What the one who runs `docker compose up` sets: every required variable, long enough for any check. */
const vars = Object.fromEntries(required.map((v) => [v, randomBytes(24).toString('hex')]));
const services = ownServices(compose);

/** `orderly <command>` as the container runs it (`node dist/main.js <command>`; none given: start). */
function orderlyCommand(command: string[]): string {
  expect(command.slice(0, 2)).toEqual(['node', 'dist/main.js']);
  return command[2] ?? 'start';
}

const scratch: string[] = [];
afterAll(async () => {
  for (const d of scratch) await rm(d, { recursive: true, force: true });
});

describe('compose.yaml', () => {
  it('requires the secrets orderly cannot generate in production, and builds two services from this repository', () => {
    expect(required).toEqual(expect.arrayContaining(['METRICS_TOKEN', 'ORDERLY_ADMIN_KEY', 'ORDERLY_JWT_SECRET']));
    expect(services.map(([name]) => name).sort()).toEqual(['orderly', 'psp-sim']);
  });

  it.each(['README.md', 'docs/observability.md', 'compose.yaml'])('%s: every `docker compose up` command shown sets each variable compose.yaml requires', (file) => {
    const commands = composeCommands(file);
    expect(commands.length, `no docker compose up command in ${file}`).toBeGreaterThan(0);
    for (const c of commands) expect(c.sets, c.command).toEqual(expect.arrayContaining(required));
  });

  describe.each(services.map(([name]) => name))('service %s', (name) => {
    const c = container(name, vars, compose);
    const command = orderlyCommand(c.command);

    it('is given every setting its command needs: the configuration validates, a server database, in the mode its command runs in', () => {
      const config = loadConfig(c.env);
      expect(config.databaseUrl, 'a container has no embedded Postgres').toBeDefined();
      // The simulator refuses production mode; everything else in the image runs in it.
      expect(config.mode).toBe(command === 'psp-sim' ? 'development' : 'production');
    });

    it('generates no secret into a data directory (the image is root-owned; its user may write nowhere)', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'orderly-compose-'));
      scratch.push(dir);
      const dataDir = path.join(dir, 'data');
      const creds = await providerCredentials({ ...loadConfig(c.env), dataDir });
      expect(existsSync(dataDir), `${name} would write ${dataDir}`).toBe(false);
      if (command === 'psp-sim') expect(creds.pspSimWebhookSecret).toBe(c.env.PSP_SIM_WEBHOOK_SECRET);
    });

    it('has a healthcheck that probes the port it listens on, at its health route; compose publishes that port', () => {
      const config = loadConfig(c.env);
      const listens = command === 'psp-sim' ? { host: config.pspSim.host, port: config.pspSim.port } : { host: config.host, port: config.port };
      const probe = healthcheckUrl(c.healthcheck, c.env);
      expect(probe.hostname).toBe('127.0.0.1');
      expect(['0.0.0.0', '127.0.0.1']).toContain(listens.host);
      expect(Number(probe.port), `${name} listens on ${listens.port}`).toBe(listens.port);
      expect(probe.pathname).toBe(command === 'psp-sim' ? '/__sim/health' : '/health/ready');
      for (const p of c.ports) expect(Number(p.split(':').at(-1)), `ports: ${p}`).toBe(listens.port);
    });
  });

  it('a service that waits for another to be healthy waits for one that has a healthcheck', () => {
    const own = new Set(services.map(([name]) => name));
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [dep, d] of Object.entries(s.depends_on ?? {})) {
        if (d.condition !== 'service_healthy') continue;
        const has = Boolean(compose.services[dep]?.healthcheck) || own.has(dep); // the image has a HEALTHCHECK
        expect(has, `${name} waits for ${dep} to be healthy`).toBe(true);
      }
    }
  });
});
