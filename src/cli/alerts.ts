import { intOption, noPositionals, parse, textOption } from './args.ts';
import { connect, CONNECTION_HELP, type Env } from './connection.ts';
import { UsageError } from './errors.ts';
import { json, oneLine, table, when } from './output.ts';

export const ALERTS_HELP = `usage: orderly alerts <command> [options]

Alerts of the consistency monitor: an order whose stock, money and status disagree for longer
than MONITOR_GRACE_MS (rules A–F). An alert resolves itself when the disagreement ends;
an operator acknowledges it while working on it, or resolves it with a note.

commands:
  list [--status open|acknowledged|resolved] [--rule RULE_A…RULE_F] [--order orderNo] [--limit n] [--json]
                              newest first (default: every status; --limit 1-200, default 50)
  show <alertId> [--json]     one alert: what was observed and expected, and what to do
  acknowledge <alertId> [--by name]
  resolve <alertId> --note "what was done" [--by name]

${CONNECTION_HELP}

exit codes: 0 done, 1 the service refused or could not be reached, 2 usage error`;

interface Alert {
  alertId: string;
  ruleId: string;
  orderNo: string;
  observed: Record<string, unknown>;
  expected: Record<string, unknown>;
  detectedAt: string;
  since: string;
  status: string;
  title: string;
  action: string;
  acknowledged: { at: string; by: string } | null;
  resolved: { at: string; by: string; resolution: string; note: string | null } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function alertId(positionals: string[]): string {
  const [id, ...extra] = positionals;
  if (id === undefined) throw new UsageError(`missing the alert id\n\n${ALERTS_HELP}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  if (!UUID.test(id)) throw new UsageError(`"${id}" is not an alert id (a UUID, as \`orderly alerts list\` shows)`);
  return id;
}

function detail(a: Alert): string {
  return [
    `Alert ${a.alertId}  ${a.ruleId}  ${a.status}`,
    `  ${a.title}`,
    `  order:     ${a.orderNo}`,
    `  since:     ${when(a.since)} (detected ${when(a.detectedAt)})`,
    `  observed:  ${JSON.stringify(a.observed)}`,
    `  expected:  ${JSON.stringify(a.expected)}`,
    `  to do:     ${a.action}`,
    ...(a.acknowledged ? [`  acknowledged ${when(a.acknowledged.at)} by ${a.acknowledged.by}`] : []),
    ...(a.resolved ? [`  resolved ${when(a.resolved.at)} by ${a.resolved.by} (${a.resolved.resolution})${a.resolved.note ? `: ${a.resolved.note}` : ''}`] : []),
    '',
  ].join('\n');
}

export async function alertsCommand(argv: string[], env: Env, out: (s: string) => void): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === undefined) throw new UsageError(`missing a command\n\n${ALERTS_HELP}`);
  if (sub === '--help' || sub === '-h' || sub === 'help') return out(ALERTS_HELP + '\n');
  switch (sub) {
    case 'list': {
      const { values, positionals } = parse(rest, { status: { type: 'string' }, rule: { type: 'string' }, order: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } });
      if (values.help) return out(ALERTS_HELP + '\n');
      noPositionals(positionals);
      if (values.status !== undefined && !['open', 'acknowledged', 'resolved'].includes(values.status)) throw new UsageError('--status must be open, acknowledged or resolved');
      if (values.rule !== undefined && !/^RULE_[A-F]$/.test(values.rule)) throw new UsageError('--rule must be one of RULE_A … RULE_F');
      const q = new URLSearchParams();
      if (values.status) q.set('status', values.status);
      if (values.rule) q.set('ruleId', values.rule);
      if (values.order) q.set('orderNo', values.order);
      const limit = intOption('limit', values.limit, 1, 200);
      if (limit !== undefined) q.set('limit', String(limit));
      const qs = q.toString();
      const r = await connect(values.url, env).request<{ alerts: Alert[] }>('GET', `/api/v1/admin/alerts${qs ? `?${qs}` : ''}`);
      if (values.json) return out(json(r));
      if (r.alerts.length === 0) return out('No alerts.\n');
      return out(table(['ALERT', 'RULE', 'ORDER', 'STATUS', 'SINCE', 'WHAT'], r.alerts.map((a) => [a.alertId, a.ruleId, a.orderNo, a.status, when(a.since), oneLine(a.title, 80)])));
    }
    case 'show': {
      const { values, positionals } = parse(rest, { json: { type: 'boolean' } });
      if (values.help) return out(ALERTS_HELP + '\n');
      const a = await connect(values.url, env).request<Alert>('GET', `/api/v1/admin/alerts/${alertId(positionals)}`);
      return out(values.json ? json(a) : detail(a));
    }
    case 'acknowledge': {
      const { values, positionals } = parse(rest, { by: { type: 'string' } });
      if (values.help) return out(ALERTS_HELP + '\n');
      const id = alertId(positionals);
      const by = textOption('by', values.by, 1, 100);
      await connect(values.url, env).request('POST', `/api/v1/admin/alerts/${id}/acknowledge`, by ? { by } : {});
      return out(`Alert ${id} acknowledged by ${by ?? 'admin'}.\n`);
    }
    case 'resolve': {
      const { values, positionals } = parse(rest, { note: { type: 'string' }, by: { type: 'string' } });
      if (values.help) return out(ALERTS_HELP + '\n');
      const id = alertId(positionals);
      if (values.note === undefined) throw new UsageError('resolve needs --note "what was done" (it is recorded with who and when)');
      const note = textOption('note', values.note, 3, 2000)!;
      const by = textOption('by', values.by, 1, 100);
      await connect(values.url, env).request('POST', `/api/v1/admin/alerts/${id}/resolve`, { note, ...(by ? { by } : {}) });
      return out(`Alert ${id} resolved by ${by ?? 'admin'}: ${note}\n`);
    }
    default:
      throw new UsageError(`unknown command "alerts ${sub}" (list, show, acknowledge or resolve)`);
  }
}
