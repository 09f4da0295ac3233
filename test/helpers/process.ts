import { spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Helpers for tests that run orderly as a real OS process (`npm start`) and
 * kill it: spawning it as the leader of its own process group, signalling the
 * whole group, and looking in /proc for anything that survived.
 */

/** Asks the kernel for a free TCP port on loopback (listen on 0, read it, close). */
import { freePort } from '../../src/platform/db/embedded.ts';

export { freePort };

/** Thrown from a {@link pollUntil} check to stop polling at once (e.g. a dead-letter task). */
export class PollAbort extends Error {
  override name = 'PollAbort';
}

/**
 * Polls `check` until it returns a truthy value; throws with `what` and the last
 * value at the deadline. Errors thrown by `check` count as "not yet", except
 * {@link PollAbort}, which ends the wait.
 */
export async function pollUntil<T>(check: () => Promise<T>, opts: { timeoutMs: number; intervalMs?: number; what: string }): Promise<NonNullable<T>> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await check();
      if (last) return last as NonNullable<T>;
    } catch (e) {
      if (e instanceof PollAbort) throw e;
      lastError = e;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? `; last error: ${lastError.message}` : '';
      throw new Error(`timed out after ${opts.timeoutMs} ms waiting for ${opts.what}; last value: ${JSON.stringify(last)}${why}`);
    }
    await sleep(opts.intervalMs ?? 200);
  }
}

export interface HttpResult {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON. */
  body: unknown;
  headers: http.IncomingHttpHeaders;
}

/**
 * One HTTP request with JSON in and out, on a fresh connection (`agent: false`):
 * no pooled keep-alive socket can outlive the server we kill and restart.
 */
export async function httpJson(
  method: string,
  url: string,
  opts: { headers?: Record<string, string>; body?: unknown; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
  return await new Promise<HttpResult>((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': String(payload.length) } : {}),
          ...opts.headers,
        },
        timeout: opts.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            /* not JSON */
          }
          resolve({ status: res.statusCode ?? 0, body, headers: res.headers });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** A spawned `npm start` and everything it printed. */
export interface ServiceProcess {
  child: ChildProcess;
  /** Process group id (= the child's pid: it leads its own group). */
  pgid: number;
  /** stdout and stderr, interleaved, for printing when a test fails. */
  output: string[];
  /** Resolves with the exit code/signal once the child has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
}

/**
 * Spawns exactly what `npm start` runs (`node --import tsx src/main.ts start`)
 * as the leader of a new process group, so the embedded Postgres it starts and
 * the in-process simulator can be killed together with one group signal.
 */
export function spawnService(cwd: string, env: Record<string, string>, label: string, output: string[] = [], command = 'start', via: 'node' | 'npm' = 'node'): ServiceProcess {
  // `npm`: exactly what a user types (npm → sh -c "exec node …"), for signal tests.
  const [file, args] = via === 'npm' ? ['npm', ['run', '--silent', command]] : [process.execPath, ['--import', 'tsx', 'src/main.ts', command]];
  const child = spawn(file, args, {
    cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('could not spawn the service');
  let done = false;
  const tag = (stream: string) => (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) output.push(`[${label} ${stream}] ${line}`);
  };
  child.stdout?.on('data', tag('out'));
  child.stderr?.on('data', tag('err'));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => {
      done = true;
      output.push(`[${label}] exited code=${code} signal=${signal}`);
      resolve({ code, signal });
    });
  });
  return { child, pgid: child.pid, output, exited, hasExited: () => done };
}

/**
 * A crash of everything, as a power cut would be: SIGKILL to the service's
 * process group and to the embedded Postgres of `dataDir` (which runs in a
 * session of its own, so the group signal alone leaves it running).
 */
export async function killEverything(svc: ServiceProcess, dataDir: string): Promise<void> {
  signalGroup(svc.pgid, 'SIGKILL');
  for (const p of await postgresProcessesFor(dataDir)) {
    try {
      process.kill(p.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}

/** Sends `signal` to the whole process group; false if the group is already gone. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

/** Waits for `p` or throws after `ms`. */
export async function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  const ac = new AbortController();
  try {
    return await Promise.race([
      p,
      sleep(ms, undefined, { signal: ac.signal }).then(() => {
        throw new Error(`timed out after ${ms} ms waiting for ${what}`);
      }),
    ]);
  } finally {
    ac.abort();
  }
}

interface ProcInfo {
  pid: number;
  cmdline: string;
  state: string;
  pgrp: number;
}

/** Every process /proc shows now (those that vanish while we read are skipped). */
async function processes(): Promise<ProcInfo[]> {
  const out: ProcInfo[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const [cmd, stat] = await Promise.all([readFile(`/proc/${name}/cmdline`, 'utf8'), readFile(`/proc/${name}/stat`, 'utf8')]);
      // stat: "pid (comm) state ppid pgrp …"; comm may hold spaces and parentheses.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), cmdline: cmd.replaceAll('\0', ' ').trim(), state: rest[0] ?? '?', pgrp: Number(rest[2]) });
    } catch {
      /* gone */
    }
  }
  return out;
}

/** Live (not zombie) postgres processes whose command line mentions `dataDir`. */
export async function postgresProcessesFor(dataDir: string): Promise<{ pid: number; cmdline: string }[]> {
  return (await processes())
    .filter((p) => p.state !== 'Z' && p.cmdline.includes('postgres') && p.cmdline.includes(dataDir))
    .map(({ pid, cmdline }) => ({ pid, cmdline }));
}

/** Live (not zombie) processes still in process group `pgid`. */
export async function processesInGroup(pgid: number): Promise<{ pid: number; cmdline: string }[]> {
  return (await processes()).filter((p) => p.pgrp === pgid && p.state !== 'Z').map(({ pid, cmdline }) => ({ pid, cmdline }));
}

/**
 * Ports held by servers that accept connections and never answer (they read and drop, so they see the
 * client go and `close` can finish): a port in use, or a database that never speaks. `release` frees them.
 */
export function portHolder(): { occupy(): Promise<number>; release(): Promise<void> } {
  const held: net.Server[] = [];
  return {
    async occupy() {
      const port = await freePort();
      const server = net.createServer((socket) => socket.resume());
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
      held.push(server);
      return port;
    },
    async release() {
      await Promise.all(held.splice(0).map((s) => new Promise((r) => s.close(r))));
    },
  };
}
