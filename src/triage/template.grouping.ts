import { WILDCARD } from './token.mask.ts';
import { MINER_CONFIG } from './miner.config.ts';

/**
 * Grouping masked lines into templates, in the spirit of Brain (Yu et al., 2023) rather than Drain's
 * first-come clusters: it sees the whole batch, so a line's group does not depend on the order of lines.
 *
 * 1. Lines of the same length form a bucket; within it each (position, token) has a frequency.
 * 2. A line's constants are its largest set of tokens that share one frequency (ties: the higher
 *    frequency): the words its template's lines all carry and no other line does. Lines with the same
 *    such set start one group.
 * 3. A group is split on a position with few values (a constant word: `opened`/`closed`); a position
 *    with many values is a variable. The rest of the positions are constants or `<*>`.
 */

/** A distinct masked line and how many input lines it stands for. */
export interface MaskedLine {
  tokens: string[];
  weight: number;
}

/** For each line of `lines`, its template's tokens (variables as `<*>`). */
export function groupBucket(lines: readonly MaskedLine[]): string[][] {
  const width = lines[0]?.tokens.length ?? 0;
  const freq: Map<string, number>[] = Array.from({ length: width }, () => new Map());
  for (const l of lines) l.tokens.forEach((t, p) => freq[p]!.set(t, (freq[p]!.get(t) ?? 0) + l.weight));

  const seeds = new Map<string, number[]>();
  lines.forEach((l, i) => {
    const key = commonPattern(l.tokens, freq);
    const g = seeds.get(key);
    if (g) g.push(i);
    else seeds.set(key, [i]);
  });

  const out: string[][] = new Array(lines.length);
  for (const members of seeds.values()) split(lines, members, out);
  return out;
}

/** The key of a line's largest same-frequency token set (its likely constants). */
function commonPattern(tokens: readonly string[], freq: readonly Map<string, number>[]): string {
  const byFreq = new Map<number, number[]>();
  tokens.forEach((t, p) => {
    if (t === WILDCARD) return; // a variable is never one of a template's constant words
    const f = freq[p]!.get(t)!;
    const ps = byFreq.get(f);
    if (ps) ps.push(p);
    else byFreq.set(f, [p]);
  });
  let best = -1;
  let bestPositions: number[] = [];
  for (const [f, ps] of byFreq) {
    if (ps.length > bestPositions.length || (ps.length === bestPositions.length && f > best)) {
      best = f;
      bestPositions = ps;
    }
  }
  return bestPositions.map((p) => `${p}\u0001${tokens[p]}`).join('\u0002');
}

/** Splits a group on its positions with few values, recursively; writes each line's template. */
function split(lines: readonly MaskedLine[], members: number[], out: string[][]): void {
  const width = lines[members[0]!]!.tokens.length;
  const values: Map<string, number[]>[] = [];
  let pick = -1;
  for (let p = 0; p < width; p++) {
    const byValue = new Map<string, number[]>();
    for (const i of members) {
      const t = lines[i]!.tokens[p]!;
      const g = byValue.get(t);
      if (g) g.push(i);
      else byValue.set(t, [i]);
    }
    values.push(byValue);
    const n = byValue.size;
    if (n > 1 && n <= MINER_CONFIG.maxSplitValues && !isVariableSlot(byValue.keys()) && (pick < 0 || n < values[pick]!.size)) pick = p;
  }
  if (pick >= 0) {
    for (const sub of values[pick]!.values()) split(lines, sub, out);
    return;
  }
  const template = values.map((byValue) => slotTemplate([...byValue.keys()]));
  for (const i of members) out[i] = template;
}

const patternCache = new Map<string, RegExp>();
/** A masked token as a pattern its variable-free spellings match: `name=<*>,` matches `name=android,`. */
function patternOf(token: string): RegExp {
  let re = patternCache.get(token);
  if (!re) {
    const source = token.split(WILDCARD).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+');
    re = new RegExp(`^${source}$`, 's');
    patternCache.set(token, re);
  }
  return re;
}

/**
 * A position is a variable, whatever its number of values, when some of its values were masked and
 * the others fit the masked ones: `<*>,` beside `LOCAL(<*>),`, `[<*>]` beside `[LNKA]`, `<*>` beside `lo`.
 * The shape says a value stands there; the other values are values the shape rules did not catch.
 */
function isVariableSlot(tokens: Iterable<string>): boolean {
  const all = [...tokens];
  return all.some((m) => m.includes(WILDCARD) && all.every((t) => t === m || patternOf(m).test(t)));
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * The template token of a position from its distinct values: their common prefix and suffix around
 * one `<*>` (`uid=<*>,` from `uid=<*>,` and `uid=root,`), cut back to punctuation so a word is never
 * split (`root` and `rooted` give `<*>`, not `root<*>`).
 */
function slotTemplate(tokens: string[]): string {
  if (tokens.length === 1) return tokens[0]!;
  const first = tokens[0]!;
  let pre = first.length;
  let suf = first.length;
  for (const t of tokens) {
    let i = 0;
    while (i < pre && i < t.length && t[i] === first[i]) i++;
    pre = i;
    let j = 0;
    while (j < suf && j < t.length && t[t.length - 1 - j] === first[first.length - 1 - j]) j++;
    suf = j;
  }
  // A reduce, not Math.min(...): a slot of very many distinct values would overflow the call stack.
  const shortest = tokens.reduce((m, t) => Math.min(m, t.length), Infinity);
  if (pre + suf > shortest) suf = Math.max(0, shortest - pre);
  let prefix = first.slice(0, pre);
  let suffix = first.slice(first.length - suf);
  while (prefix.length > 0 && (WORD_CHAR.test(prefix.at(-1)!) || prefix.endsWith('<') || prefix.endsWith('<*'))) prefix = prefix.slice(0, -1);
  while (suffix.length > 0 && (WORD_CHAR.test(suffix[0]!) || suffix.startsWith('>') || suffix.startsWith('*>'))) suffix = suffix.slice(1);
  return `${prefix}${WILDCARD}${suffix}`.replace(/(?:<\*>)+/g, WILDCARD);
}
