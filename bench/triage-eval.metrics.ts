import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Scoring a log parser against labelled logs (Loghub-2k's `*_structured_corrected.csv`): grouping
 * accuracy, parsing accuracy and the F1 of groups. Shared by `npm run eval:triage` and the regression
 * floor in test/triage-templates.test.ts, so the test holds the very figure the eval prints.
 */

/**
 * Parses RFC 4180 CSV: fields in double quotes may hold commas, line breaks and doubled quotes (`""`);
 * CRLF or LF line ends; a final line end is optional. Returns the rows, header included.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a UTF-8 byte order mark is not part of the first name
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field.length > 0 || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** One labelled set: the messages and their true templates, line by line. */
export interface LabelledSet {
  name: string;
  contents: string[];
  templates: string[];
}

/** Reads a `*_structured_corrected.csv`: its `Content` and `EventTemplate` columns. */
export function readLabelledCsv(name: string, file: string): LabelledSet {
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const content = header?.indexOf('Content') ?? -1;
  const template = header?.indexOf('EventTemplate') ?? -1;
  if (content < 0 || template < 0) throw new Error(`${file}: no Content or EventTemplate column`);
  const kept = rows.filter((r) => r.length > Math.max(content, template));
  return { name, contents: kept.map((r) => r[content]!), templates: kept.map((r) => r[template]!) };
}

/** Every `<system>/<system>_2k.log_structured_corrected.csv` under a directory, by system name. */
export function loadLoghubSets(dir: string): LabelledSet[] {
  const sets: LabelledSet[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const sub = join(dir, entry);
    if (!statSync(sub).isDirectory()) continue;
    for (const f of readdirSync(sub).sort()) {
      if (f.endsWith('_structured_corrected.csv')) sets.push(readLabelledCsv(entry, join(sub, f)));
    }
  }
  return sets;
}

/**
 * The normal form in which two templates are compared for parsing accuracy (the usual Loghub-2.0
 * practice): whitespace runs become one space and ends are trimmed; a run of wildcards with only
 * whitespace between them (`<*> <*>`, `<*><*>`) is one `<*>`.
 */
export function normaliseTemplate(t: string): string {
  return t
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/<\*>(?:\s*<\*>)+/g, '<*>');
}

/** The scores of one set. */
export interface SetScore {
  name: string;
  lines: number;
  trueGroups: number;
  predictedGroups: number;
  /** Grouping accuracy: share of lines whose predicted group is exactly their true group. */
  ga: number;
  /** Parsing accuracy: share of lines whose predicted template equals the true one (normalised). */
  pa: number;
  /** F1 of groups: precision = exact groups / predicted groups, recall = exact groups / true groups. */
  f1: number;
}

function groupsOf(labels: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  labels.forEach((l, i) => {
    const g = groups.get(l);
    if (g) g.push(i);
    else groups.set(l, [i]);
  });
  return groups;
}

/** Scores predicted templates against true ones, line by line (same length, same order). */
export function score(name: string, predicted: readonly string[], truth: readonly string[]): SetScore {
  if (predicted.length !== truth.length) throw new Error(`${name}: ${predicted.length} predictions for ${truth.length} lines`);
  const trueGroups = groupsOf(truth);
  const predictedGroups = groupsOf(predicted);
  let rightLines = 0;
  let exactGroups = 0;
  for (const lines of predictedGroups.values()) {
    // Exact iff every line of the predicted group has one true template and that template has no other line.
    const t = truth[lines[0]!]!;
    if (lines.every((i) => truth[i] === t) && trueGroups.get(t)!.length === lines.length) {
      rightLines += lines.length;
      exactGroups++;
    }
  }
  let parsed = 0;
  for (let i = 0; i < truth.length; i++) if (normaliseTemplate(predicted[i]!) === normaliseTemplate(truth[i]!)) parsed++;
  const precision = predictedGroups.size ? exactGroups / predictedGroups.size : 0;
  const recall = trueGroups.size ? exactGroups / trueGroups.size : 0;
  const n = truth.length || 1;
  return {
    name,
    lines: truth.length,
    trueGroups: trueGroups.size,
    predictedGroups: predictedGroups.size,
    ga: rightLines / n,
    pa: parsed / n,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
  };
}
