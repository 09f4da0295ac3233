import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { prefersJapanese } from '../platform/errors.ts';

/**
 * The validator side of the input policy. Bodies are validated exactly as
 * sent — no coercion: `null`, `true`, `"1"` or `[1]` are not numbers. Query
 * strings and path parameters are text on the wire, so they may be coerced,
 * but only to the declared type and only from plain decimal (a `limit` of
 * `"10"` is 10; `"0x10"` and `"1e400"` are no integers). Validation stops at
 * the first error: a megabyte of invalid lines costs one error, not millions.
 */

// ajv-formats is CommonJS: its plugin is the default export, or that export's own default.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ coerceTypes: coerce, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const textAjv = makeAjv(true);

/**
 * How a number must be written in a query string or path: plain decimal. Ajv coerces with `+value`,
 * which also reads `0x10` (16), `0b1`, `1e1`, `+5` and ` 5 `: a client that sends those has made a
 * mistake, and an answer that quietly reads 16 for `0x10` hides it.
 */
const PLAIN = { integer: /^-?[0-9]+$/, number: /^-?[0-9]+(\.[0-9]+)?$/ } as const;

/** The top-level properties of a query, path or header schema that are numbers, with how each must be written. */
function numericProperties(schema: { properties?: Record<string, { type?: unknown }> }): [string, RegExp, string][] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, s]): [string, RegExp, string][] => {
    const types = Array.isArray(s.type) ? (s.type as unknown[]) : [s.type];
    const kind = types.includes('integer') ? 'integer' : types.includes('number') ? 'number' : undefined;
    return kind ? [[name, PLAIN[kind], kind]] : [];
  });
}

type Validate = ((data: unknown, ctx?: unknown) => boolean) & { errors?: ErrorObject[] | null; schemaEnv?: unknown };

/** Text parts: numbers must be written in plain decimal before Ajv coerces them to their declared type. */
function compileText(schema: object): Validate {
  const validate = textAjv.compile(schema) as Validate;
  const numeric = numericProperties(schema as never);
  if (numeric.length === 0) return validate;
  const checked: Validate = (data, ctx) => {
    const values = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
    for (const [name, plain, kind] of numeric) {
      const v = values[name];
      if (typeof v === 'string' && !plain.test(v)) {
        // Reported as Ajv would report a value that is no number at all: `must be integer`.
        checked.errors = [{ keyword: 'type', instancePath: `/${name}`, schemaPath: `#/properties/${name}/type`, params: { type: kind }, message: `must be ${kind}` }];
        return false;
      }
    }
    const ok = validate(data, ctx);
    checked.errors = validate.errors ?? null;
    return ok;
  };
  // Fastify hands Ajv functions (known by their schemaEnv) the request as parent, so coercion can replace the part.
  checked.schemaEnv = validate.schemaEnv;
  return checked;
}

/** Fastify's validator compiler (called once per route and part): body without coercion, everything else coerced to its declared type. */
export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) =>
  httpPart === 'body' ? bodyAjv.compile(schema as object) : compileText(schema as object);

/** One problem with the request, as the error body's `details` list it. */
export interface FieldProblem {
  /** `body`, `query`, `path` or `header`. */
  in: string;
  /** A JSON Pointer into that part (`/items/0/quantity`); empty for the part as a whole. */
  field: string;
  message: string;
}

const PARTS: Record<string, string> = { body: 'body', querystring: 'query', params: 'path', headers: 'header' };
/** At most this many problems are reported, each at most this long: the answer stays small whatever the input. */
export const MAX_PROBLEMS = 5;
const MAX_MESSAGE = 200;

const TYPE_JA: Record<string, string> = { string: '文字列', integer: '整数', number: '数値', boolean: '真偽値', object: 'オブジェクト', array: '配列', null: 'null' };

function list(values: unknown): string {
  const all = (Array.isArray(values) ? values : [values]).map((v) => String(v));
  return all.length > 10 ? `${all.slice(0, 10).join(', ')} …` : all.join(', ');
}

/** An Ajv error in words, English or Japanese; the field it is about. */
function describe(e: ErrorObject, ja: boolean): { field: string; message: string } {
  const p = e.params as Record<string, unknown>;
  const at = e.instancePath;
  switch (e.keyword) {
    case 'required':
      return { field: `${at}/${String(p.missingProperty)}`, message: ja ? '必須項目です' : 'is required' };
    case 'additionalProperties':
      return { field: `${at}/${String(p.additionalProperty)}`, message: ja ? '指定できない項目です' : 'is not allowed here' };
    case 'type':
      return { field: at, message: ja ? `${list(p.type).split(', ').map((t) => TYPE_JA[t] ?? t).join('または')}で指定してください` : `must be ${list(p.type).replace(', ', ' or ')}` };
    case 'minLength':
      return { field: at, message: ja ? `${String(p.limit)}文字以上で指定してください` : `must be at least ${String(p.limit)} characters long` };
    case 'maxLength':
      return { field: at, message: ja ? `${String(p.limit)}文字以内で指定してください` : `must be at most ${String(p.limit)} characters long` };
    case 'minimum':
    case 'exclusiveMinimum':
      return { field: at, message: ja ? `${String(p.limit)}${e.keyword === 'minimum' ? '以上' : 'より大きい値'}で指定してください` : `must be ${e.keyword === 'minimum' ? '≥' : '>'} ${String(p.limit)}` };
    case 'maximum':
    case 'exclusiveMaximum':
      return { field: at, message: ja ? `${String(p.limit)}${e.keyword === 'maximum' ? '以下' : '未満'}で指定してください` : `must be ${e.keyword === 'maximum' ? '≤' : '<'} ${String(p.limit)}` };
    case 'minItems':
      return { field: at, message: ja ? `${String(p.limit)}件以上指定してください` : `must have at least ${String(p.limit)} items` };
    case 'maxItems':
      return { field: at, message: ja ? `${String(p.limit)}件以内で指定してください` : `must have at most ${String(p.limit)} items` };
    case 'enum':
      return { field: at, message: ja ? `次のいずれかを指定してください: ${list(p.allowedValues)}` : `must be one of: ${list(p.allowedValues)}` };
    case 'const':
      return { field: at, message: ja ? `${String(p.allowedValue)} を指定してください` : `must be ${String(p.allowedValue)}` };
    case 'pattern':
    case 'format':
      return { field: at, message: ja ? '形式が正しくありません' : 'has an invalid format' };
    case 'anyOf':
    case 'oneOf':
      return { field: at, message: ja ? '許可された形式のいずれにも一致しません' : 'matches none of the allowed forms' };
    default:
      return { field: at, message: ja ? '値が正しくありません' : 'is not valid' };
  }
}

/** Fastify's validation errors as the contract's bounded, localized `details`. */
export function fieldProblems(errors: ErrorObject[], context: string | undefined, acceptLanguage: string | undefined): FieldProblem[] {
  const ja = prefersJapanese(acceptLanguage);
  return errors.slice(0, MAX_PROBLEMS).map((e) => {
    const d = describe(e, ja);
    return { in: PARTS[context ?? ''] ?? context ?? 'body', field: d.field.slice(0, MAX_MESSAGE), message: d.message.slice(0, MAX_MESSAGE) };
  });
}
