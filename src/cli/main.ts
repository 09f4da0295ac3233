import { alertsCommand } from './alerts.ts';
import { deadLetters } from './dead-letters.ts';
import { reconcileCommand } from './reconcile.ts';
import { triageCommand, type TriageIo } from './triage.ts';
import { CliError, EXIT } from './errors.ts';
import { adminKey, type Env } from './connection.ts';

/** Commands that operate a running service through its admin API. */
const OPERATING: Record<string, (argv: string[], env: Env, out: (s: string) => void) => Promise<void>> = {
  'dead-letters': deadLetters,
  alerts: alertsCommand,
  reconcile: reconcileCommand,
};

/** Commands that work on their input (triage: or on the service, with --since). */
const LOCAL: Record<string, (argv: string[], io: TriageIo) => Promise<void>> = {
  triage: triageCommand,
};

/** Commands that run the service itself; src/main.ts has them. */
const SERVICE_COMMANDS = new Set(['start', 'api', 'psp-sim', 'migrate', 'monitor']);

export const USAGE = `usage: orderly <command> [options]

Operate a running service (through its admin API):
  dead-letters <list|show|retry|discard>   follow-up tasks that failed on every attempt
  alerts <list|show|acknowledge|resolve>   the consistency monitor's alerts
  reconcile --since <time|ago>             compare with the PSPs' records and repair

Work on logs (no service needed):
  triage [file|-] [--lang ja|en] [--json]  failure categories, causal chains and runbooks from log lines
  triage --since <time|ago>                the same from the running service's kept lines, with impact
  triage templates                         log lines on stdin → one JSON template per line on stdout

Run the service (what \`npm start\` and friends run):
  start      Postgres (embedded unless DATABASE_URL), migrations, PSP simulator, API, workers
  api        the HTTP API only, beside a \`start\` on the same DATABASE_URL
  psp-sim    the PSP simulator alone, on PSP_SIM_PORT
  migrate    apply migrations and exit
  monitor    the consistency monitor alone, beside a \`start\` on the same database

Run \`orderly <command> --help\` for its options.`;

export interface Io {
  env: Env;
  /** What `triage` reads; process.stdin when absent. */
  stdin?: AsyncIterable<string | Uint8Array>;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Hides the admin key should anything ever echo it (a payload, an error from below us). */
function redacting(write: (s: string) => void, env: Env): (s: string) => void {
  let key: string | undefined;
  try {
    key = adminKey(env);
  } catch {
    key = undefined; // no usable key: nothing to hide; the command reports it if it needs one
  }
  if (!key || key.length < 4) return write;
  const secret = key;
  return (s) => write(s.replaceAll(secret, '[redacted]'));
}

/**
 * Runs one `orderly` command and returns its exit code (0 done, 1 the service
 * refused or could not be reached, 2 usage error), or `undefined` when it
 * handed over to a service command that runs until signalled.
 */
export async function main(argv: string[], io: Io): Promise<number | undefined> {
  const out = redacting(io.stdout, io.env);
  const err = redacting(io.stderr, io.env);
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      err(`${USAGE}\n`);
      return EXIT.usage;
    }
    if (command === 'help' || command === '--help' || command === '-h') {
      out(`${USAGE}\n`);
      return EXIT.ok;
    }
    if (Object.hasOwn(OPERATING, command)) {
      await OPERATING[command]!(rest, io.env, out);
      return EXIT.ok;
    }
    if (Object.hasOwn(LOCAL, command)) {
      await LOCAL[command]!(rest, { stdin: io.stdin ?? process.stdin, env: io.env, out, err });
      return EXIT.ok;
    }
    if (SERVICE_COMMANDS.has(command)) {
      // Loaded only here: operating commands stay light and never start anything.
      // src/main.ts reads process.argv itself, which holds the same command.
      await import('../main.ts');
      return undefined;
    }
    err(`orderly: unknown command "${command}"\n\n${USAGE}\n`);
    return EXIT.usage;
  } catch (e) {
    if (e instanceof CliError) {
      err(`orderly: ${e.message}\n`);
      return e.exitCode;
    }
    err(`orderly: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failed;
  }
}

/** The entry point bin/orderly.mjs calls: real process streams and exit code. */
export async function run(argv: string[]): Promise<void> {
  const code = await main(argv, {
    env: process.env,
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
  });
  if (code !== undefined) process.exitCode = code;
}
