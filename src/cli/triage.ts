import { existsSync, readFileSync } from 'node:fs';
import { buildReport, mineTemplates, renderMarkdown, type ReportLang, type TriageReport } from '../triage/index.ts';
import { noPositionals, parse } from './args.ts';
import { connect, CONNECTION_HELP, type Env } from './connection.ts';
import { UsageError } from './errors.ts';
import { timeOption } from './reconcile.ts';

export const TRIAGE_HELP = `usage: orderly triage [file|-] [--lang ja|en|both] [--json]
       orderly triage --since <time|ago> [--until <time|ago>] [--baseline-since <time|ago>] [--lang …] [--json]
       orderly triage <command> [options]

Turns raw log lines into what broke: from a file or stdin (no service needed), or from the
running service's kept lines (--since).

  [file|-] [--lang ja|en|both] [--json]
                        the report, offline: reads a file (stdin when no file is given, or -):
                        orderly's own JSON lines, other JSON logs (event_type, details.success,
                        error_code, service, …) or plain text lines, in any mix. Keeps the failure
                        lines, clusters them into named categories (counts, share, first/last seen,
                        orders, requests, customers), links them into causal chains (root first)
                        and writes a runbook per category with the five sections. Markdown on stdout
                        (--lang, default both: Japanese then English); --json: the whole report as one
                        JSON object, both languages. See docs/triage.md.

commands:
  templates [--stats]   the log template miner alone: reads one log message per line on stdin
                        (UTF-8, until EOF) and writes exactly one JSON object per input line, in
                        order, on stdout: {"template":"…"}, variables written <*>. Lines whose
                        templates are the same string are one group. One configuration for every
                        input (no per-system rules); see docs/triage.md. --stats writes a summary
                        (lines, templates, time) on stderr; stdout carries only the templates.

  --since t [--until t] [--baseline-since t]
                        the report of the running service (GET /api/v1/admin/triage): the warn and
                        error lines the start and api processes kept (LOG_KEEP_HOURS) from --since to
                        --until (default now), each an ISO time (2026-12-01T09:00:00Z) or an age
                        (30m, 6h, 2d); with each category's orders as the database knows them (GMV
                        at risk, customers, buyers retrying) and the purchase success rate against
                        the baseline (default: the 24 h before --since).

${CONNECTION_HELP}

exit codes: 0 done, 1 the service refused or could not be reached (live only), 2 usage error`;

/** Where the triage commands read and write: the CLI's streams, or a test's. */
export interface TriageIo {
  stdin: AsyncIterable<string | Uint8Array>;
  /** Where the service is and its key (live reports only). */
  env: Env;
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

const LANGS = new Set<string>(['ja', 'en', 'both']);

function render(report: TriageReport, values: { json?: boolean | undefined }, lang: string): string {
  return values.json ? JSON.stringify(report, null, 2) + '\n' : renderMarkdown(report, lang as ReportLang) + '\n';
}

async function liveReport(values: { since: string; until?: string | undefined; 'baseline-since'?: string | undefined; url?: string | undefined }, env: Env): Promise<TriageReport> {
  const now = Date.now();
  const q = new URLSearchParams({ since: timeOption('since', values.since, now) });
  if (values.until !== undefined) q.set('until', timeOption('until', values.until, now));
  if (values['baseline-since'] !== undefined) q.set('baselineSince', timeOption('baseline-since', values['baseline-since'], now));
  return await connect(values.url, env).request<TriageReport>('GET', `/api/v1/admin/triage?${q.toString()}`);
}

async function reportCommand(argv: string[], io: TriageIo): Promise<void> {
  const { values, positionals } = parse(argv, {
    lang: { type: 'string' },
    json: { type: 'boolean' },
    since: { type: 'string' },
    until: { type: 'string' },
    'baseline-since': { type: 'string' },
  });
  if (values.help) return io.out(TRIAGE_HELP + '\n');
  const [file, ...extra] = positionals;
  noPositionals(extra);
  const lang = values.lang ?? 'both';
  if (!LANGS.has(lang)) throw new UsageError(`--lang must be ja, en or both (got "${lang}")`);
  if (values.since !== undefined) {
    if (file !== undefined) throw new UsageError('--since reads the running service: give it no file');
    return io.out(render(await liveReport({ ...values, since: values.since }, io.env), values, lang));
  }
  if (values.until !== undefined || values['baseline-since'] !== undefined) throw new UsageError('--until and --baseline-since go with --since');
  let text: string;
  if (file === undefined || file === '-') {
    text = await readAll(io.stdin);
    // A bare `orderly triage` with nothing to read is a usage question, not an empty report.
    if (file === undefined && text.length === 0) throw new UsageError(`missing a command or input\n\n${TRIAGE_HELP}`);
  } else if (existsSync(file)) {
    try {
      text = new TextDecoder('utf-8').decode(readFileSync(file));
    } catch (e) {
      throw new UsageError(`cannot read "${file}": ${e instanceof Error ? e.message : String(e)}`);
    }
  } else if (/^[a-z][a-z-]*$/.test(file)) {
    // A bare word that is no file is most likely a mistyped command.
    throw new UsageError(`unknown triage command "${file}"\n\n${TRIAGE_HELP}`);
  } else {
    throw new UsageError(`cannot read "${file}": no such file`);
  }
  io.out(render(buildReport(splitLines(text)), values, lang));
}

/** `orderly triage …`: throws UsageError (exit 2) on a bad command line. */
export async function triageCommand(argv: string[], io: TriageIo): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === '--help' || sub === '-h' || sub === 'help') return io.out(TRIAGE_HELP + '\n');
  if (sub === 'templates') return templatesCommand(rest, io);
  return reportCommand(argv, io);
}
