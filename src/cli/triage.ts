import { mineTemplates } from '../triage/index.ts';
import { noPositionals, parse } from './args.ts';
import { UsageError } from './errors.ts';

export const TRIAGE_HELP = `usage: orderly triage <command> [options]

Turns raw log lines into what broke. Needs no running service.

commands:
  templates [--stats]   the log template miner alone: reads one log message per line on stdin
                        (UTF-8, until EOF) and writes exactly one JSON object per input line, in
                        order, on stdout: {"template":"…"}, variables written <*>. Lines whose
                        templates are the same string are one group. One configuration for every
                        input (no per-system rules); see docs/triage.md. --stats writes a summary
                        (lines, templates, time) on stderr; stdout carries only the templates.

  (report)              failure categories with their impact, causal chains and a runbook in
                        Japanese and English, from a file, stdin or the live service: not built yet.

exit codes: 0 done, 2 usage error`;

/** Where the triage commands read and write: the CLI's streams, or a test's. */
export interface TriageIo {
  stdin: AsyncIterable<string | Uint8Array>;
  out: (s: string) => void;
  err: (s: string) => void;
}

/** Reads a stream whole as UTF-8 (malformed bytes become U+FFFD rather than failing the run). */
async function readAll(stdin: AsyncIterable<string | Uint8Array>): Promise<string> {
  const decoder = new TextDecoder('utf-8');
  let text = '';
  for await (const chunk of stdin) text += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

/** The input's lines: LF or CRLF ends, a final line end optional, an empty line still a line. */
export function splitLines(text: string): string[] {
  if (text.length === 0) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

async function templatesCommand(argv: string[], io: TriageIo): Promise<void> {
  const { values, positionals } = parse(argv, { stats: { type: 'boolean' } });
  if (values.help) return io.out(TRIAGE_HELP + '\n');
  noPositionals(positionals);
  const started = performance.now();
  const lines = splitLines(await readAll(io.stdin));
  // The miner sees the whole input before it answers: a line's group depends on every line, never on order.
  const mined = mineTemplates(lines);
  io.out(mined.map((m) => JSON.stringify({ template: m.template }) + '\n').join(''));
  if (values.stats) {
    const groups = new Set(mined.map((m) => m.template)).size;
    io.err(`orderly triage templates: ${lines.length} lines, ${groups} templates, ${Math.round(performance.now() - started)} ms\n`);
  }
}

/** `orderly triage …`: throws UsageError (exit 2) on a bad command line. */
export async function triageCommand(argv: string[], io: TriageIo): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === undefined) throw new UsageError(`missing a command\n\n${TRIAGE_HELP}`);
  if (sub === '--help' || sub === '-h' || sub === 'help') return io.out(TRIAGE_HELP + '\n');
  if (sub === 'templates') return templatesCommand(rest, io);
  throw new UsageError(`unknown triage command "${sub}"\n\n${TRIAGE_HELP}`);
}
