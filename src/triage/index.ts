/**
 * Triage: turning raw log lines into what broke. For now the template miner alone
 * (`orderly triage templates`); categories, impact and runbooks are later steps (issue 12).
 * Pure code: it imports nothing from the service.
 */
export { mineTemplates, type MinedLine } from './template.miner.ts';
export { maskMessage, maskToken, tokenize, WILDCARD } from './token.mask.ts';
export { MINER_CONFIG } from './miner.config.ts';
