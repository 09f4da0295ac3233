import { categoryName, ORDERLY_EVENTS, type CategoryKey, type Names } from './category.names.ts';
import { isFailure, parseLogLine, type ParsedLine } from './log.parse.ts';
import { mineTemplates } from './template.miner.ts';
import { tokenize, WILDCARD } from './token.mask.ts';

/** One failure category: lines that share a template and their key fields. */
export interface Category {
  /** `C1`, `C2`, … in order of first appearance. */
  id: string;
  key: CategoryKey;
  name: Names;
  count: number;
  /** count / all failure lines, 0–1. */
  share: number;
  /** ISO times, when the lines carry times. */
  firstSeen?: string;
  lastSeen?: string;
  orders: number;
  requests: number;
  traces: number;
  customers: number;
  operations: string[];
  /** Up to three messages as written. */
  samples: string[];
  /** The lines of this category, read (not in the JSON output: see `report.ts`). */
  lines: ParsedLine[];
}

/** What reading an input gave: every line read, the failure lines, and their categories. */
export interface Categorised {
  total: number;
  failures: number;
  categories: Category[];
}

/**
 * Reads lines and clusters the failure lines into categories by (event or template, code, status,
 * provider, service, task). orderly's own events name their category themselves (their messages are
 * constant per event), so only other lines are keyed by the miner's template. Pure and deterministic.
 */
export function categorise(raw: readonly string[]): Categorised {
  const parsed = raw.map((l, i) => parseLogLine(l, i));
  // The miner sees every message, failures or not, so a template's variables are judged on all lines.
  const templates = mineTemplates(parsed.map((p) => p.message)).map((m) => m.template);
  const byKey = new Map<string, { key: CategoryKey; lines: ParsedLine[] }>();
  let failures = 0;
  parsed.forEach((p, i) => {
    const template = templates[i]!;
    if (!isFailure(p, template)) return;
    failures++;
    const key = keyOf(p, template);
    const k = JSON.stringify([key.event, key.template, key.code, key.status, key.provider, key.service, key.task]);
    const c = byKey.get(k);
    if (c) c.lines.push(p);
    else byKey.set(k, { key, lines: [p] });
  });
  const categories = [...byKey.values()].map((c, n) => summarise(`C${n + 1}`, c.key, c.lines, failures));
  return { total: raw.length, failures, categories };
}

function keyOf(p: ParsedLine, template: string): CategoryKey {
  const own = p.format === 'orderly' && p.event !== undefined && Object.hasOwn(ORDERLY_EVENTS, p.event);
  const key: CategoryKey = { template: own ? '' : template };
  if (p.event !== undefined) key.event = p.event;
  // purchase_answered writes its outcome as `code` only for refusals; a 5xx answer carries `outcome`.
  const code = p.code ?? (own && p.event === 'purchase_answered' ? p.outcome : undefined);
  if (code !== undefined) key.code = code;
  if (p.status !== undefined) key.status = p.status;
  if (p.provider !== undefined) key.provider = p.provider;
  if (p.service !== undefined) key.service = p.service;
  if (p.task !== undefined) key.task = p.task;
  return key;
}

/**
 * The template as a name reads it: a variable that has one value in every line of the category is that
 * value ("Payment gateway API returned 503", not "… returned <*>": the miner saw other statuses elsewhere).
 */
function filledTemplate(template: string, lines: readonly ParsedLine[]): string {
  if (template === '') return template;
  const slots = template.split(' ');
  const tokens = lines.map((l) => tokenize(l.message));
  if (tokens.some((t) => t.length !== slots.length)) return template;
  return slots.map((w, i) => (w === WILDCARD && new Set(tokens.map((t) => t[i])).size === 1 ? tokens[0]![i]! : w)).join(' ');
}

function distinct(lines: readonly ParsedLine[], f: (l: ParsedLine) => string | undefined): number {
  return new Set(lines.map(f).filter((v) => v !== undefined)).size;
}

function summarise(id: string, key: CategoryKey, lines: ParsedLine[], failures: number): Category {
  const times = lines.map((l) => l.time).filter((t): t is number => t !== undefined);
  const c: Category = {
    id,
    key,
    name: categoryName({ ...key, template: filledTemplate(key.template, lines) }),
    count: lines.length,
    share: lines.length / failures,
    orders: distinct(lines, (l) => l.orderNo),
    requests: distinct(lines, (l) => l.reqId),
    traces: distinct(lines, (l) => l.traceId),
    customers: distinct(lines, (l) => l.customer),
    operations: [...new Set(lines.map((l) => l.operation).filter((o) => o !== undefined))].sort(),
    samples: [...new Set(lines.map((l) => l.message))].slice(0, 3),
    lines,
  };
  if (times.length > 0) {
    // A loop, not Math.min(...times): a large input would overflow the call stack.
    let first = times[0]!;
    let last = first;
    for (const t of times) {
      if (t < first) first = t;
      if (t > last) last = t;
    }
    c.firstSeen = new Date(first).toISOString();
    c.lastSeen = new Date(last).toISOString();
  }
  return c;
}
