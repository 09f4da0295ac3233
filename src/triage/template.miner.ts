import { groupBucket, type MaskedLine } from './template.grouping.ts';
import { maskMessage } from './token.mask.ts';

/** The template of one input line. */
export interface MinedLine {
  /** Its template: the line's tokens joined by one space, variables written `<*>`. */
  template: string;
}

/**
 * Mines the templates of a batch of log messages, one per input line and in order. Deterministic:
 * the same lines give the same templates whatever their order. Lines whose templates are equal
 * strings are one group.
 */
export function mineTemplates(messages: readonly string[]): MinedLine[] {
  const distinct = new Map<string, { line: MaskedLine; index: number }>();
  const keys = messages.map((m) => {
    const tokens = maskMessage(m);
    const key = tokens.join(' ');
    const seen = distinct.get(key);
    if (seen) seen.line.weight++;
    else distinct.set(key, { line: { tokens, weight: 1 }, index: -1 });
    return key;
  });

  // Buckets by length, in a fixed order so the result never depends on the input's order.
  const buckets = new Map<number, { key: string; line: MaskedLine }[]>();
  for (const [key, d] of [...distinct].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const n = d.line.tokens.length;
    const b = buckets.get(n);
    if (b) b.push({ key, line: d.line });
    else buckets.set(n, [{ key, line: d.line }]);
  }
  const templateOf = new Map<string, string>();
  for (const bucket of buckets.values()) {
    const templates = groupBucket(bucket.map((b) => b.line));
    bucket.forEach((b, i) => templateOf.set(b.key, templates[i]!.join(' ')));
  }
  return keys.map((k) => ({ template: templateOf.get(k)! }));
}
