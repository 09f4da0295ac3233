/**
 * Triage: turning raw log lines into what broke (issue 12). The template miner
 * (`orderly triage templates`) and the offline report (`orderly triage [file]`): failure categories,
 * causal chains and runbooks in Japanese and English. Pure code: it imports nothing from the service.
 */
export { mineTemplates, type MinedLine } from './template.miner.ts';
export { maskMessage, maskToken, tokenize, WILDCARD } from './token.mask.ts';
export { MINER_CONFIG } from './miner.config.ts';
export { parseLogLine, isFailure, looksLikeFailure, type ParsedLine } from './log.parse.ts';
export { categorise, type Category, type Categorised } from './failure.categories.ts';
export { categoryName, ORDERLY_EVENTS, type CategoryKey, type Names } from './category.names.ts';
export { linkCategories, chainsOf, CHAIN_WINDOW_MS, type CausalLink, type CausalChain } from './causal.chains.ts';
export { runbookOf, SECTIONS, SECTION_TITLES, type Runbook, type Section } from './runbook.ts';
export { buildReport, renderMarkdown, type TriageReport, type ReportCategory, type ReportLang } from './triage.report.ts';
export { buildReportWithOrders, withImpact, type ReportSource } from './triage.report.ts';
export { type CategoryImpact, type OrdersFigures, type PurchaseComparison, type PurchaseRate } from './impact.ts';
