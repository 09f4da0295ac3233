import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * `compose.yaml` and the `Dockerfile` read the way Docker would read them, for
 * tests on a machine with no Docker engine: the environment a service's
 * container gets (the image's `ENV`, then the service's `environment`, with
 * compose's `${VAR}` interpolation), its command and its healthcheck.
 */

export const REPO = path.resolve(import.meta.dirname, '../..');

export interface ComposeService {
  build?: string | { context: string };
  command?: string[];
  environment?: Record<string, string | number | boolean | null>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

export function composeText(): string {
  return readFileSync(path.join(REPO, 'compose.yaml'), 'utf8');
}

/** The parsed file, `<<: *anchor` merges resolved (compose reads YAML 1.1 merge keys). */
export function readCompose(): ComposeFile {
  return parse(composeText(), { merge: true }) as ComposeFile;
}

/** The services built from this repository (the image of `Dockerfile`). */
export function ownServices(c: ComposeFile): [string, ComposeService][] {
  return Object.entries(c.services).filter(([, s]) => s.build === '.' || (typeof s.build === 'object' && s.build.context === '.'));
}

/** Every variable the file requires of whoever runs `docker compose` (`${VAR:?message}`). */
export function requiredVariables(text = composeText()): string[] {
  return [...new Set([...text.matchAll(/\$\{(\w+):?\?/g)].map((m) => m[1]!))].sort();
}

/** Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`, `$$`. */
export function interpolate(value: string, vars: Record<string, string>): string {
  return value.replace(/\$\$|\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g, (whole, name: string | undefined, colon: string, op: string, arg: string) => {
    if (whole === '$$') return '$';
    const v = vars[name!];
    const unset = v === undefined || (colon === ':' && v === '');
    if (!unset) return v;
    if (op === '-') return arg;
    if (op === '?') throw new Error(`compose refuses: ${name} is required (${arg})`);
    return '';
  });
}

/** The last stage of the Dockerfile: the image that runs. */
function finalStage(): string[] {
  const lines = readFileSync(path.join(REPO, 'Dockerfile'), 'utf8').replace(/\\\n/g, ' ').split('\n');
  let from = 0;
  lines.forEach((l, i) => {
    if (/^FROM\s/i.test(l)) from = i;
  });
  return lines.slice(from).filter((l) => !l.trimStart().startsWith('#'));
}

/** The image's `ENV` (only the `KEY=value` form is used in our Dockerfile). */
export function imageEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const l of finalStage().filter((x) => /^ENV\s/i.test(x))) {
    for (const [, k, v] of l.replace(/^ENV\s+/i, '').matchAll(/(\w+)=("[^"]*"|\S+)/g)) env[k!] = v!.replace(/^"|"$/g, '');
  }
  return env;
}

/** The image's `HEALTHCHECK … CMD [...]` (exec form). */
export function imageHealthcheck(): string[] {
  const l = finalStage().find((x) => /^HEALTHCHECK\s/i.test(x));
  if (!l) throw new Error('the Dockerfile has no HEALTHCHECK');
  return ['CMD', ...(JSON.parse(l.slice(l.indexOf('CMD') + 3).trim()) as string[])];
}

/** The image's `CMD` (exec form). */
export function imageCommand(): string[] {
  const l = finalStage().find((x) => /^CMD\s/i.test(x))!;
  return JSON.parse(l.slice(3).trim()) as string[];
}

/** What the service's container runs, its environment (given `vars` for interpolation) and healthcheck. */
export function container(name: string, vars: Record<string, string>, c = readCompose()) {
  const s = c.services[name];
  if (!s) throw new Error(`no service ${name} in compose.yaml`);
  const env = { ...imageEnv() };
  for (const [k, v] of Object.entries(s.environment ?? {})) if (v !== null) env[k] = interpolate(String(v), vars);
  return { env, command: s.command ?? imageCommand(), healthcheck: s.healthcheck?.test ?? imageHealthcheck(), ports: s.ports ?? [] };
}

/**
 * The URL a `node -e "fetch(…)…"` healthcheck probes, computed by its own
 * expression against the container's environment (as it runs in there).
 */
export function healthcheckUrl(test: string[], env: Record<string, string>): URL {
  const [kind, node, flag, script] = test;
  if (kind !== 'CMD' || node !== 'node' || flag !== '-e' || !script) throw new Error(`not a node -e healthcheck: ${JSON.stringify(test)}`);
  const arg = /fetch\((.+?)\)\.then\(/.exec(script)?.[1];
  if (!arg) throw new Error(`no fetch(…) in the healthcheck ${script}`);
  return new URL((new Function('process', `return ${arg};`) as (p: { env: Record<string, string> }) => string)({ env }));
}

/**
 * Each `docker compose up` command shown in `file` (a shell line, `\`
 * continuations joined), with the variables it sets before `docker`.
 */
export function composeCommands(file: string): { command: string; sets: string[] }[] {
  const text = readFileSync(path.join(REPO, file), 'utf8')
    .split('\n')
    .map((l) => l.replace(/^#\s{0,3}/, ''))
    .join('\n')
    .replace(/\\\n/g, ' ');
  return text
    .split('\n')
    .filter((l) => /\bdocker compose up\b/.test(l) && /^\s*(\w+=|docker)/.test(l))
    .map((command) => ({ command: command.trim(), sets: [...command.split('docker compose')[0]!.matchAll(/(?:^|\s)(\w+)=/g)].map((m) => m[1]!) }));
}
