import type { DeadLetter, DeadLetterSummary } from '../platform/jobs/dead-letter.service.ts';

/** A timestamp to the second, in UTC: what operators compare with logs. */
export function when(iso: string | null | undefined): string {
  return iso ? iso.replace(/\.\d{3}Z$/, 'Z') : '-';
}

/** One line of at most `max` characters. */
export function oneLine(s: string | null | undefined, max: number): string {
  const flat = (s ?? '-').replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Left-aligned columns two spaces apart; the last column is not padded. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** The list as a table, newest first (as the service sorted it). */
export function deadLetterTable(list: DeadLetterSummary[], discarded: boolean): string {
  if (list.length === 0) return discarded ? 'No discarded dead letters.\n' : 'No dead letters.\n';
  return table(
    ['ID', 'TASK', 'ORDER', 'ATTEMPTS', 'RETRIES', 'DIED AT', 'LAST ERROR'],
    list.map((d) => [String(d.id), d.task, d.orderNo ?? '-', String(d.attempts), String(d.retries), when(d.diedAt), oneLine(d.lastError, 80)]),
  );
}

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
}

/** Everything about one dead letter: facts, payload, and every kept attempt's error. */
export function deadLetterDetail(d: DeadLetter): string {
  const facts: [string, string][] = [
    ['task', d.task],
    ['order', d.orderNo ?? '-'],
    ['state', d.state],
    ['created', when(d.createdAt)],
    ['died', when(d.diedAt)],
    ['attempts', `${d.attempts} since it was last queued`],
    ['retried', d.lastRetry ? `${d.retries} time(s), last ${when(d.lastRetry.at)} by ${d.lastRetry.by ?? '-'}` : 'never'],
  ];
  if (d.discarded) {
    facts.push(['discarded', `${when(d.discarded.at)} by ${d.discarded.by ?? '-'}`], ['reason', oneLine(d.discarded.reason, 1000)]);
  }
  const width = Math.max(...facts.map(([k]) => k.length)) + 1;
  const errors = d.errors.length
    ? d.errors.map((e) => `#${e.attempt}  ${when(e.at)}  ${e.error}`).join('\n')
    : '(none recorded)';
  return [
    `Dead letter ${d.id}`,
    ...facts.map(([k, v]) => `  ${`${k}:`.padEnd(width)}  ${v}`),
    '',
    'Payload:',
    indent(JSON.stringify(d.payload, null, 2)),
    '',
    `Errors, oldest first (${d.errors.length}):`,
    indent(errors),
    '',
  ].join('\n');
}

/** Machine-readable output for `--json`. */
export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}
