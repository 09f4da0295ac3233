import { chainsOf, linkCategories, CHAIN_WINDOW_MS, type CausalChain, type CausalLink } from './causal.chains.ts';
import type { Names } from './category.names.ts';
import { categorise, type Category } from './failure.categories.ts';
import { runbookOf, SECTIONS, SECTION_TITLES, type Runbook } from './runbook.ts';

/** A category as the report shows it: its figures, its place in the chains and its runbooks. */
export interface ReportCategory extends Omit<Category, 'lines'> {
  /** The id of its cause, when it is a consequence. */
  causedBy?: string;
  runbook: { ja: Runbook; en: Runbook };
}

/** The triage report of one input. */
export interface TriageReport {
  lines: number;
  failureLines: number;
  firstSeen?: string;
  lastSeen?: string;
  categories: ReportCategory[];
  links: CausalLink[];
  chains: CausalChain[];
  chainWindowMs: number;
}

/**
 * The triage report of a batch of log lines: failure categories (largest first), the causal links
 * between them and the chains they form (root first), and a runbook per category in ja and en.
 * Pure and deterministic: the same lines give the same report.
 */
export function buildReport(lines: readonly string[]): TriageReport {
  const { total, failures, categories } = categorise(lines);
  const links = linkCategories(categories);
  const chains = chainsOf(categories, links);
  const byId = new Map(categories.map((c) => [c.id, c]));
  const out: ReportCategory[] = categories.map((c) => {
    const cause = links.find((l) => l.effect === c.id)?.cause;
    const effects = links.filter((l) => l.cause === c.id).map((l) => byId.get(l.effect)!);
    const { lines: _lines, ...shown } = c;
    const rc: ReportCategory = { ...shown, runbook: runbookOf(c, { cause: cause === undefined ? undefined : byId.get(cause), effects }) };
    if (cause !== undefined) rc.causedBy = cause;
    return rc;
  });
  out.sort((a, b) => b.count - a.count || Number(a.id.slice(1)) - Number(b.id.slice(1)));
  const report: TriageReport = { lines: total, failureLines: failures, categories: out, links, chains, chainWindowMs: CHAIN_WINDOW_MS };
  const firsts = out.map((c) => c.firstSeen).filter((t) => t !== undefined).sort();
  const lasts = out.map((c) => c.lastSeen).filter((t) => t !== undefined).sort();
  if (firsts[0] !== undefined) report.firstSeen = firsts[0];
  if (lasts.length > 0) report.lastSeen = lasts[lasts.length - 1];
  return report;
}

/** Which languages a rendering shows. */
export type ReportLang = 'ja' | 'en' | 'both';

const T = {
  title: { ja: 'トリアージレポート', en: 'Triage report' },
  read: { ja: (r: TriageReport) => `${r.lines} 行中、失敗行 ${r.failureLines} 行、カテゴリ ${r.categories.length} 件`, en: (r: TriageReport) => `${r.lines} lines read, ${r.failureLines} failure lines, ${r.categories.length} categories` },
  categories: { ja: 'カテゴリ', en: 'Categories' },
  head: { ja: '| ID | カテゴリ名 | 件数 | 割合 | 初回 | 最終 | 注文 | リクエスト | 顧客 | 原因 |', en: '| id | category | count | share | first seen | last seen | orders | requests | customers | caused by |' },
  chains: { ja: '因果チェーン（根本原因が先頭）', en: 'Causal chains (root first)' },
  noChains: { ja: '因果関係は見つかりませんでした。', en: 'No causal links found.' },
  rule: {
    ja: `規則: 同じリクエスト・トレース・注文を共有する、より早いカテゴリの結果とする。IDのない行は ${CHAIN_WINDOW_MS / 1000} 秒以内に続いた場合。`,
    en: `Rule: a category is the consequence of the earliest earlier category sharing a request, trace or order with it; lines without ids, of one that preceded it within ${CHAIN_WINDOW_MS / 1000} s.`,
  },
  runbooks: { ja: '対応マニュアル', en: 'Runbooks' },
  category: { ja: (n: string) => `提案するカテゴリ名: **${n}** 対応マニュアル`, en: (n: string) => `Proposed category: **${n}** runbook` },
  none: { ja: '失敗行はありませんでした。', en: 'No failure lines.' },
} as const;

const cell = (s: string) => s.replaceAll('|', '\\|');

function renderOne(r: TriageReport, lang: 'ja' | 'en'): string {
  const name = (id: string) => (r.categories.find((c) => c.id === id)?.name as Names)[lang];
  const md: string[] = [`# ${T.title[lang]}`, '', `${T.read[lang](r)}${r.firstSeen ? ` (${r.firstSeen} – ${r.lastSeen})` : ''}.`, ''];
  if (r.categories.length === 0) return [...md, T.none[lang], ''].join('\n');
  md.push(`## ${T.categories[lang]}`, '', T.head[lang], '|---|---|---|---|---|---|---|---|---|---|');
  for (const c of r.categories) {
    md.push(`| ${c.id} | ${cell(c.name[lang])} | ${c.count} | ${(c.share * 100).toFixed(1)}% | ${c.firstSeen ?? '-'} | ${c.lastSeen ?? '-'} | ${c.orders} | ${c.requests} | ${c.customers} | ${c.causedBy ?? '-'} |`);
  }
  md.push('', `## ${T.chains[lang]}`, '', T.rule[lang], '');
  if (r.chains.length === 0) md.push(T.noChains[lang]);
  for (const ch of r.chains) {
    md.push(`- ${ch.root} ${name(ch.root)}`);
    for (const e of ch.consequences) md.push(`${'  '.repeat(e.depth)}- → ${e.id} ${name(e.id)} (${e.via})`);
  }
  md.push('', `## ${T.runbooks[lang]}`, '');
  for (const c of r.categories) {
    md.push(`### ${c.id}. ${T.category[lang](c.name[lang])}`, '');
    for (const s of SECTIONS) {
      md.push(`#### ${SECTION_TITLES[s][lang]}`, '');
      const items = c.runbook[lang][s];
      md.push(...(s === 'actions' ? items.map((t, i) => `${i + 1}. ${t}`) : items.map((t) => `- ${t}`)), '');
    }
  }
  return md.join('\n');
}

/** The report as Markdown: one language, or Japanese then English. */
export function renderMarkdown(r: TriageReport, lang: ReportLang): string {
  if (lang !== 'both') return renderOne(r, lang);
  return `${renderOne(r, 'ja')}\n---\n\n${renderOne(r, 'en')}`;
}
