import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What every subcommand accepts besides its own options. */
export const COMMON_OPTIONS = {
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

/**
 * Strict parsing (unknown options and missing values are usage errors) with
 * node's own parser; positionals are returned for the command to check.
 */
export function parse<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals: true });
  } catch (e) {
    // node's messages are clear ("Unknown option '--x'", "Option '--reason <value>' argument missing").
    const message = e instanceof Error ? e.message : String(e);
    throw new UsageError(message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

/** A dead-letter id: a positive integer. */
export function parseId(positionals: string[], usage: string): number {
  const [raw, ...extra] = positionals;
  if (raw === undefined) throw new UsageError(`missing the dead letter id\n${usage}`);
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const id = /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(id)) throw new UsageError(`"${raw}" is not a dead letter id (a positive integer)`);
  return id;
}

/** An integer option within bounds, or undefined when absent. */
export function intOption(name: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const n = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`--${name} must be an integer from ${min} to ${max} (got "${raw}")`);
  return n;
}

/** A text option the service will store: trimmed, within bounds, one line of printable text. */
export function textOption(name: string, raw: string | undefined, min: number, max: number): string | undefined {
  if (raw === undefined) return undefined;
  const s = raw.trim();
  if (s.length < min || s.length > max) throw new UsageError(`--${name} must be ${min} to ${max} characters long`);
  if (s.includes('\u0000')) throw new UsageError(`--${name} must not contain NUL characters`);
  return s;
}

/** Refuses positionals a command does not take. */
export function noPositionals(positionals: string[]): void {
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
}
