import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { mineTemplates } from '../src/triage/index.ts';
import { loadLoghubSets, score, type SetScore } from './triage-eval.metrics.ts';

/**
 * `npm run eval:triage <dir>`: the template miner on every Loghub-2k set under `dir` (or
 * `LOGHUB_2K_DIR`), with its one configuration; prints GA, PA and group F1 per set and their means.
 * The data is not part of the repository (its licence forbids shipping it): see docs/triage.md.
 */
const given = process.argv[2] ?? process.env.LOGHUB_2K_DIR;
if (!given) {
  process.stderr.write('eval:triage: give the Loghub-2k directory as argument or LOGHUB_2K_DIR (docs/triage.md says where to get it)\n');
  process.exit(2);
}
const dir = resolve(given);
if (!existsSync(dir)) {
  process.stderr.write(`eval:triage: no Loghub-2k directory at ${dir}\n`);
  process.exit(2);
}
const scores: (SetScore & { ms: number })[] = [];
for (const set of loadLoghubSets(dir)) {
  const started = performance.now();
  const predicted = mineTemplates(set.contents).map((m) => m.template);
  const ms = performance.now() - started;
  scores.push({ ...score(set.name, predicted, set.templates), ms });
  // EVAL_TRIAGE_ERRORS=n: the n largest true groups the miner got wrong, per set, on stderr.
  if (process.env.EVAL_TRIAGE_ERRORS) printErrors(set.name, predicted, set.templates);
}
const f = (x: number) => x.toFixed(3);
const rows = scores.map(
  (s) => `| ${s.name.padEnd(11)} | ${f(s.ga)} | ${f(s.pa)} | ${f(s.f1)} | ${String(s.trueGroups).padStart(4)} | ${String(s.predictedGroups).padStart(4)} | ${String(Math.round(s.ms)).padStart(4)} |`,
);
const mean = (k: 'ga' | 'pa' | 'f1') => scores.reduce((a, s) => a + s[k], 0) / (scores.length || 1);
process.stdout.write(
  [
    `Loghub-2k at ${dir}, one configuration`,
    '',
    '| set         | GA    | PA    | F1    | true | pred |   ms |',
    '|-------------|-------|-------|-------|------|------|------|',
    ...rows,
    `| **mean**    | ${f(mean('ga'))} | ${f(mean('pa'))} | ${f(mean('f1'))} |      |      |      |`,
    '',
    'GA: a line is right iff its predicted group is exactly its true group. PA: its template equals the',
    'true one after normalising whitespace and runs of <*>. F1: over groups matched exactly.',
    '',
  ].join('\n'),
);

/** Where the miner went wrong: each bad true group and the predicted groups it was split into or merged with. */
function printErrors(name: string, predicted: string[], truth: string[]): void {
  const byPred = new Map<string, Set<string>>();
  const byTrue = new Map<string, Set<string>>();
  predicted.forEach((p, i) => {
    (byPred.get(p) ?? byPred.set(p, new Set()).get(p)!).add(truth[i]!);
    (byTrue.get(truth[i]!) ?? byTrue.set(truth[i]!, new Set()).get(truth[i]!)!).add(p);
  });
  const bad = [...byTrue].filter(([, ps]) => ps.size > 1 || [...ps].some((p) => byPred.get(p)!.size > 1));
  const count = (t: string) => truth.filter((x) => x === t).length;
  bad.sort((a, b) => count(b[0]) - count(a[0]));
  for (const [t, ps] of bad.slice(0, Number(process.env.EVAL_TRIAGE_ERRORS) || 10)) {
    {
      const n = count(t);
      process.stderr.write(`[${name}] TRUE (${n}) ${t}\n`);
      for (const p of ps) process.stderr.write(`     ${byPred.get(p)!.size > 1 ? 'MERGED' : 'split '} ${predicted.filter((x) => x === p).length} ${p}\n`);
    }
  }
}
