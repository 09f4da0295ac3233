import { chainsOf, linkCategories, CHAIN_WINDOW_MS, type CausalChain, type CausalLink } from './causal.chains.ts';
import type { Names } from './category.names.ts';
import { categorise, type Category } from './failure.categories.ts';
import { formatYen } from '../platform/money.ts';
import { categoryImpact, impactLines, rate, withImpactLines, type CategoryImpact, type OrdersFigures, type PurchaseComparison } from './impact.ts';
import { runbookOf, SECTIONS, SECTION_TITLES, type Runbook } from './runbook.ts';

/** A category as the report shows it: its figures, its place in the chains and its runbooks. */
export interface ReportCategory extends Omit<Category, 'lines'> {
  /** The id of its cause, when it is a consequence. */
  causedBy?: string;
  runbook: { ja: Runbook; en: Runbook };
  /** Live reports only: what its orders were worth and what their buyers did (from the database). */
  impact?: CategoryImpact;
}

/** Where a live report's lines came from. */
export interface ReportSource {
  /** The window asked for. */
  from: string;
  to: string;
  /** Lines of the window left out (only the newest are read: see docs/triage.md). */
  omitted: number;
  /** The oldest line the service still keeps (LOG_KEEP_HOURS), or null. */
  oldestKept: string | null;
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
  /** Live reports only: the window read from the service's kept lines. */
  source?: ReportSource;
  /** Live reports only: the purchase success rate in the window against the baseline. */
  purchases?: PurchaseComparison;
}

/**
 * The triage report of a batch of log lines: failure categories (largest first), the causal links
 * between them and the chains they form (root first), and a runbook per category in ja and en.
 * Pure and deterministic: the same lines give the same report.
 */
export function buildReport(lines: readonly string[]): TriageReport {
  return buildReportWithOrders(lines).report;
}

/** How many order numbers per category a live report looks up at most. */
const MAX_ORDERS_PER_CATEGORY = 5_000;

/** The report, and the order numbers each category's lines name (for the live report's impact; not part of the report). */
export function buildReportWithOrders(lines: readonly string[]): { report: TriageReport; orderNos: Record<string, string[]> } {
  const { total, failures, categories } = categorise(lines);
  const orderNos: Record<string, string[]> = {};
  for (const c of categories) orderNos[c.id] = [...new Set(c.lines.map((l) => l.orderNo).filter((o) => o !== undefined))].slice(0, MAX_ORDERS_PER_CATEGORY);
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
  return { report, orderNos };
}

/**
 * A live report: the report of the window's lines with each category's impact (figures the caller
 * read from the database for the orders `buildReportWithOrders` named) in its runbook, and the
 * window's purchases against the baseline.
 */
export function withImpact(
  report: TriageReport,
  figures: Readonly<Record<string, OrdersFigures>>,
  live: { source: ReportSource; purchases: PurchaseComparison; retryWindowMs: number },
): TriageReport {
  const categories = report.categories.map((c) => {
    const f = figures[c.id];
    if (f === undefined) return c;
    const impact = categoryImpact(f, live.retryWindowMs);
    return { ...c, impact, runbook: withImpactLines(c.runbook, impactLines(impact, live.purchases)) };
  });
  return { ...report, categories, source: live.source, purchases: live.purchases };
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
    ja: `規則: 同じリクエスト・トレース・注文を共有する、より早いカテゴリの結果とする。共有しない場合は ${CHAIN_WINDOW_MS / 1000} 秒以内に先行したカテゴリの結果とする（IDを持つ行は、同じコードまたはステータスで失敗したIDのないカテゴリに限る）。散発的なカテゴリの行の大半が、後に始まった短いバーストの期間に集中する場合は、そのバーストの結果とする。`,
    en: `Rule: a category is the consequence of the earliest earlier category sharing a request, trace or order with it; otherwise of one that preceded it within ${CHAIN_WINDOW_MS / 1000} s (for lines with ids, only an id-less one failing with the same code or status); a chronic category most of whose lines fall within a later, much shorter burst, of that burst.`,
  },
  runbooks: { ja: '対応マニュアル', en: 'Runbooks' },
  category: { ja: (n: string) => `提案するカテゴリ名: **${n}** 対応マニュアル`, en: (n: string) => `Proposed category: **${n}** runbook` },
  none: { ja: '失敗行はありませんでした。', en: 'No failure lines.' },
  source: {
    ja: (s: ReportSource) => `稼働中のサービスが保持するログ ${s.from} – ${s.to}${s.omitted > 0 ? `（古い ${s.omitted} 行は省略）` : ''}。`,
    en: (s: ReportSource) => `Lines the running service kept, ${s.from} – ${s.to}${s.omitted > 0 ? ` (${s.omitted} older lines left out)` : ''}.`,
  },
  purchases: {
    ja: (p: PurchaseComparison) => `購入成功率: 期間中 **${rate(p.window)}**（確定 ${p.window.established} / 決着 ${p.window.established + p.window.failed}、未決 ${p.window.undecided}）、基準 ${rate(p.baseline)}（${p.baseline.from} – ${p.baseline.to}、${p.baseline.established} / ${p.baseline.established + p.baseline.failed}）。`,
    en: (p: PurchaseComparison) => `Purchase success rate: **${rate(p.window)}** in the window (${p.window.established} paid of ${p.window.established + p.window.failed} decided, ${p.window.undecided} undecided) against ${rate(p.baseline)} in the baseline (${p.baseline.from} – ${p.baseline.to}, ${p.baseline.established} of ${p.baseline.established + p.baseline.failed}).`,
  },
  via: { ja: { shared: '（同じID）', window: '（時間窓）' }, en: { shared: '(shared ids)', window: '(time window)' } },
  impactHead: { ja: ' 流通額リスク | 再試行 |', en: ' GMV at risk | retried |' },
  retrying: {
    ja: (i: CategoryImpact) => `→ 購入者の再試行: ${i.retried.customers} 人（うち ${i.retried.laterPaid} 人が支払い完了）`,
    en: (i: CategoryImpact) => `→ buyers retrying: ${i.retried.customers} customers (${i.retried.laterPaid} then paid)`,
  },
} as const;

const cell = (s: string) => s.replaceAll('|', '\\|');

function renderOne(r: TriageReport, lang: 'ja' | 'en'): string {
  const name = (id: string) => (r.categories.find((c) => c.id === id)?.name as Names)[lang];
  const impactOf = (id: string) => r.categories.find((c) => c.id === id)?.impact;
  const md: string[] = [`# ${T.title[lang]}`, ''];
  if (r.source) md.push(T.source[lang](r.source), '');
  const span = r.firstSeen ? (lang === 'ja' ? `（${r.firstSeen} – ${r.lastSeen}）` : ` (${r.firstSeen} – ${r.lastSeen})`) : '';
  md.push(`${T.read[lang](r)}${span}${lang === 'ja' ? '。' : '.'}`, '');
  if (r.purchases) md.push(T.purchases[lang](r.purchases), '');
  if (r.categories.length === 0) return [...md, T.none[lang], ''].join('\n');
  const live = r.purchases !== undefined;
  md.push(`## ${T.categories[lang]}`, '', live ? T.head[lang] + T.impactHead[lang] : T.head[lang], `|---|---|---|---|---|---|---|---|---|---|${live ? '---|---|' : ''}`);
  for (const c of r.categories) {
    // Live: orders and customers are the database's (orders it knows); offline, the lines'.
    const orders = c.impact?.orders ?? c.orders;
    const customers = c.impact?.customers ?? c.customers;
    const extra = live ? ` ${c.impact ? formatYen(c.impact.gmvAtRisk) : '-'} | ${c.impact?.retried.customers ?? 0} |` : '';
    md.push(`| ${c.id} | ${cell(c.name[lang])} | ${c.count} | ${(c.share * 100).toFixed(1)}% | ${c.firstSeen ?? '-'} | ${c.lastSeen ?? '-'} | ${orders} | ${c.requests} | ${customers} | ${c.causedBy ?? '-'} |${extra}`);
  }
  md.push('', `## ${T.chains[lang]}`, '', T.rule[lang], '');
  // A category whose failed buyers tried again has them as its last step, in a chain or alone.
  const retrying = (id: string, depth: number) => {
    const i = impactOf(id);
    if (i && i.retried.customers > 0) md.push(`${'  '.repeat(depth)}- ${T.retrying[lang](i)}`);
  };
  const inChains = new Set(r.chains.flatMap((ch) => [ch.root, ...ch.consequences.map((e) => e.id)]));
  const alone = r.categories.filter((c) => !inChains.has(c.id) && (c.impact?.retried.customers ?? 0) > 0);
  if (r.chains.length === 0 && alone.length === 0) md.push(T.noChains[lang]);
  for (const ch of r.chains) {
    md.push(`- ${ch.root} ${name(ch.root)}`);
    // Buyers retrying is the chain's last step, shown once: under the member whose failed orders most buyers
    // retried (the members of one chain often name the same orders, so their figures would repeat).
    const members = [{ id: ch.root, depth: 0 }, ...ch.consequences];
    let last: { id: string; depth: number } | undefined;
    for (const m of members) if ((impactOf(m.id)?.retried.customers ?? 0) >= (last ? impactOf(last.id)!.retried.customers : 1)) last = m;
    if (last?.id === ch.root) retrying(ch.root, 1);
    for (const e of ch.consequences) {
      md.push(`${'  '.repeat(e.depth)}- → ${e.id} ${name(e.id)} ${T.via[lang][e.via]}`);
      if (last === e) retrying(e.id, e.depth + 1);
    }
  }
  for (const c of alone) {
    md.push(`- ${c.id} ${c.name[lang]}`);
    retrying(c.id, 1);
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
