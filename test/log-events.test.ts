import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ORDERLY_EVENTS } from '../src/triage/index.ts';

/**
 * Issue 12: every line orderly logs at warn or above carries a stable `event` name, and triage has a
 * ja/en name for each one. A static check over src/: it parses each file (the TypeScript parser, so
 * multi-line calls, template messages and comments are read as code) and finds every call of
 * `.warn(`, `.error(` or `.fatal(` on anything but `console`, and every `log[…]('warn' …)` with a
 * level chosen at run time that can be one of those. The first argument must be an object literal
 * with an `event` property whose value is a string literal (or literals, as in `a ? 'x' : 'y'`).
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src');
const FAILURE_LEVELS = new Set(['warn', 'error', 'fatal']);

interface LogCall {
  /** `src/…/file.ts:line`. */
  where: string;
  level: string;
  /** The `event` literals of the first argument; empty when it has none. */
  events: string[];
  /** Why the call is not acceptable, when it is not. */
  problem?: string;
}

/** The string literals an `event` value can take: `'x'`, `c ? 'x' : 'y'`, `('x')`. */
function literalsOf(e: ts.Expression): string[] | undefined {
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isParenthesizedExpression(e)) return literalsOf(e.expression);
  if (ts.isConditionalExpression(e)) {
    const a = literalsOf(e.whenTrue);
    const b = literalsOf(e.whenFalse);
    return a && b ? [...a, ...b] : undefined;
  }
  return undefined;
}

/** The level of a log call at warn or above, or undefined for any other call. */
function failureLevel(call: ts.CallExpression): string | undefined {
  const callee = call.expression;
  if (ts.isPropertyAccessExpression(callee)) {
    const level = callee.name.text;
    if (!FAILURE_LEVELS.has(level)) return undefined;
    return ts.isIdentifier(callee.expression) && callee.expression.text === 'console' ? undefined : level;
  }
  // `req.log[status >= 500 ? 'warn' : 'info'](…)`: a level chosen at run time.
  if (ts.isElementAccessExpression(callee)) {
    const levels = literalsOf(callee.argumentExpression) ?? [];
    return levels.find((l) => FAILURE_LEVELS.has(l));
  }
  return undefined;
}

/** Every log call at warn or above in one file's source, with its `event` literals or what is wrong with it. */
function logCallsIn(file: string, source: string): LogCall[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: LogCall[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const level = failureLevel(node);
      if (level !== undefined) {
        const where = `${file}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
        const first = node.arguments[0];
        const prop = first && ts.isObjectLiteralExpression(first)
          ? first.properties.find((p) => p.name !== undefined && ts.isIdentifier(p.name) && p.name.text === 'event')
          : undefined;
        if (!prop) out.push({ where, level, events: [], problem: 'no `event` in its first argument' });
        else {
          const events = ts.isPropertyAssignment(prop) ? literalsOf(prop.initializer) : undefined;
          if (!events) out.push({ where, level, events: [], problem: '`event` is not a string literal' });
          else out.push({ where, level, events });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') && !d.name.endsWith('.d.ts') ? [p] : [];
  });
}

const calls = sourceFiles(SRC).flatMap((f) => logCallsIn(path.relative(ROOT, f), readFileSync(f, 'utf8')));

describe('log events (issue 12)', () => {
  it('the check finds what it is for: a sample with missing events', () => {
    const sample = [
      "log.warn({ event: 'fine' }, 'ok');",
      "req.log.warn({ orderNo }, 'no event');", // 2
      'this.log.error(',
      '  { err, failures },', // 4-5: multi-line, the line of the call is reported
      '  `failed ${n} times`,',
      ');',
      "ctx.log?.fatal('message only');", // 7
      "log.error(err, 'error first');", // 8
      "log[status >= 500 ? 'warn' : 'info']({ outcome }, 'dynamic');", // 9
      "log.warn({ event: name }, 'not a literal');", // 10
      "log.warn({ event: ok ? 'a_b' : 'c_d', err }, 'both literals');",
      "log.info({ orderNo }, 'info needs none');",
      "console.error('not pino');",
      "// log.warn({ x }, 'a comment is no call');",
      "const s = \"log.warn({ x }, 'a string is no call')\";",
    ].join('\n');
    const found = logCallsIn('sample.ts', sample);
    expect(found.filter((c) => c.problem).map((c) => `${c.where} ${c.level}: ${c.problem}`)).toEqual([
      'sample.ts:2 warn: no `event` in its first argument',
      'sample.ts:3 error: no `event` in its first argument',
      'sample.ts:7 fatal: no `event` in its first argument',
      'sample.ts:8 error: no `event` in its first argument',
      'sample.ts:9 warn: no `event` in its first argument',
      'sample.ts:10 warn: `event` is not a string literal',
    ]);
    expect(found.filter((c) => !c.problem).flatMap((c) => c.events)).toEqual(['fine', 'a_b', 'c_d']);
  });

  it('finds the log calls of src/ (the purchase path among them)', () => {
    const events = new Set(calls.flatMap((c) => c.events));
    for (const e of ['psp_unavailable', 'purchase_answered', 'task_dead', 'psp_circuit_open']) expect(events).toContain(e);
    expect(calls.length).toBeGreaterThan(60);
  });

  it('every call at warn, error or fatal in src/ names a literal event', () => {
    expect(calls.filter((c) => c.problem).map((c) => `${c.where}: ${c.level} with ${c.problem}`)).toEqual([]);
  });

  it('every such event is snake_case and has a ja/en name in ORDERLY_EVENTS', () => {
    const used = [...new Set(calls.flatMap((c) => c.events))].sort();
    expect(used.filter((e) => !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(e))).toEqual([]);
    const unnamed = calls.flatMap((c) => c.events.filter((e) => !Object.hasOwn(ORDERLY_EVENTS, e)).map((e) => `${c.where}: ${e}`));
    expect(unnamed).toEqual([]);
    for (const e of used) {
      expect(ORDERLY_EVENTS[e]!.ja.length, e).toBeGreaterThan(0);
      expect(ORDERLY_EVENTS[e]!.en.length, e).toBeGreaterThan(0);
    }
  });
});
