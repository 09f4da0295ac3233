import { parse, noPositionals, textOption } from './args.ts';
import { connect, CONNECTION_HELP, type Env } from './connection.ts';
import { UsageError } from './errors.ts';
import { json, oneLine, table } from './output.ts';

export const RECONCILE_HELP = `usage: orderly reconcile --since <time|ago> [--until <time|ago>] [--order orderNo …] [--by name] [--json]

Compares our payments with each PSP's own records over a window and repairs what disagrees
(the PSP's word applied to the order, stray money returned, captures and returns redone, PAID
orders without money cancelled with a refund or escalated). Idempotent: a second run over the
same window repairs nothing. Every repair is audited (GET /api/v1/admin/remediations) and shows
in the order's timeline. \`start\` runs the same every RECONCILE_INTERVAL_MS.

  --since t     start of the window: an ISO time (2026-12-01T09:00:00Z) or an age (90m, 6h, 2d)
  --until t     end of the window (default now)
  --order no    also read this order's payments at their PSP again (repeatable, at most 100)
  --by name     who runs it (recorded; default "admin")
  --json        the API's report as JSON

${CONNECTION_HELP}

exit codes: 0 done (repairs or not), 1 the service refused or could not be reached, 2 usage error`;

/** A reconciliation lists whole windows at each PSP: it may take a while. */
const RECONCILE_TIMEOUT_MS = 300_000;

/** `2026-12-01T09:00:00Z`, or an age before now: `90m`, `6h`, `2d`. */
export function timeOption(name: string, raw: string, now = Date.now()): string {
  const age = /^(\d{1,6})([mhd])$/.exec(raw);
  if (age) return new Date(now - Number(age[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[age[2] as 'm' | 'h' | 'd']).toISOString();
  const t = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(t)) throw new UsageError(`--${name} must be an ISO time (2026-12-01T09:00:00Z) or an age (90m, 6h, 2d); got "${raw}"`);
  return new Date(t).toISOString();
}

interface Report {
  window: { from: string; to: string };
  providers: { name: string; listed: boolean; payments: number; error?: string }[];
  agreed: number;
  remediations: { orderNo: string; ruleId: string; action: string; outcome: string; detail: Record<string, unknown> }[];
  reobserved: number;
}

export async function reconcileCommand(argv: string[], env: Env, out: (s: string) => void): Promise<void> {
  const { values, positionals } = parse(argv, {
    since: { type: 'string' },
    until: { type: 'string' },
    order: { type: 'string', multiple: true },
    by: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) return out(RECONCILE_HELP + '\n');
  noPositionals(positionals);
  if (values.since === undefined) throw new UsageError(`reconcile needs --since (e.g. --since 6h)\n\n${RECONCILE_HELP}`);
  const since = timeOption('since', values.since);
  const until = values.until === undefined ? undefined : timeOption('until', values.until);
  if (until !== undefined && until <= since) throw new UsageError('--until must come after --since');
  const orderNos = values.order ?? [];
  if (orderNos.length > 100) throw new UsageError('at most 100 --order options');
  const by = textOption('by', values.by, 1, 100);
  const body = { since, ...(until ? { until } : {}), ...(orderNos.length ? { orderNos } : {}), ...(by ? { by } : {}) };
  const r = await connect(values.url, env).request<Report>('POST', '/api/v1/admin/reconcile', body, RECONCILE_TIMEOUT_MS);
  if (values.json) return out(json(r));
  const lines = [
    `Reconciled ${r.window.from} – ${r.window.to}`,
    ...r.providers.map((p) => `  ${p.name}: ${p.payments} payment(s) ${p.listed ? 'listed' : 'read one by one'}${p.error ? `; failed: ${oneLine(p.error, 200)}` : ''}`),
    `  agreed: ${r.agreed}; read again: ${r.reobserved}; repairs: ${r.remediations.length}`,
    '',
  ];
  if (r.remediations.length > 0) {
    lines.push(table(['ORDER', 'RULE', 'ACTION', 'OUTCOME', 'DETAIL'], r.remediations.map((m) => [m.orderNo, m.ruleId, m.action, m.outcome, oneLine(JSON.stringify(m.detail), 80)])));
  }
  const failed = r.providers.filter((p) => p.error);
  if (failed.length > 0) lines.push(`Not compared with ${failed.map((p) => p.name).join(', ')}: run it again once the PSP answers.\n`);
  out(lines.join('\n'));
}
