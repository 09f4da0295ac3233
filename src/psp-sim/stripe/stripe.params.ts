import { invalidRequest, type StripeErrorAnswer } from './stripe.errors.ts';
import type { FormParams, FormValue } from './stripe.form.ts';

/**
 * Parameter checks with Stripe's error codes (https://docs.stripe.com/error-codes):
 * `parameter_unknown`, `parameter_missing`, `parameter_invalid_integer`,
 * `parameter_invalid_empty`. They run before any idempotency bookkeeping: Stripe
 * saves no result for a request that fails validation, so a corrected retry with
 * the same key is not an idempotency error.
 */

/** Thrown by the checks below; the Stripe scope's error handler sends `answer`. */
export class StripeParamError extends Error {
  constructor(readonly answer: StripeErrorAnswer) {
    super(answer.body.error.message);
  }
}

const fail = (message: string, code: string | undefined, param: string): never => {
  throw new StripeParamError(invalidRequest(message, { ...(code ? { code } : {}), param }));
};

/** Refuses any parameter not in `allowed`, as Stripe does. */
export function onlyKnown(params: FormParams, allowed: readonly string[]): void {
  for (const name of Object.keys(params)) {
    if (!allowed.includes(name)) fail(`Received unknown parameter: ${name}`, 'parameter_unknown', name);
  }
}

function scalar(params: FormParams, name: string): string | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') return fail(`Invalid ${name}: must be a string`, undefined, name);
  return v;
}

/** A string parameter; `required` ones must be present and non-empty. */
export function stringParam(params: FormParams, name: string, required = false, maxLength = 5000): string | undefined {
  const v = scalar(params, name);
  if (v === undefined || v === '') {
    if (required) fail(`Missing required param: ${name}.`, 'parameter_missing', name);
    return undefined;
  }
  if (v.length > maxLength) fail(`Invalid ${name}: must be at most ${maxLength} characters`, undefined, name);
  return v;
}

/** A positive integer in minor units (Stripe takes up to eight digits). */
export function amountParam(params: FormParams, name: string, required: boolean): number | undefined {
  const v = stringParam(params, name, required);
  if (v === undefined) return undefined;
  if (!/^\d{1,8}$/.test(v)) {
    return fail(/^\d+$/.test(v) ? 'Amount must be no more than 99999999' : `Invalid integer: ${v}`, /^\d+$/.test(v) ? 'amount_too_large' : 'parameter_invalid_integer', name);
  }
  const n = Number(v);
  if (n < 1) fail('This value must be greater than or equal to 1.', 'amount_too_small', name);
  return n;
}

/** A boolean sent as `true` / `false`. */
export function booleanParam(params: FormParams, name: string): boolean | undefined {
  const v = stringParam(params, name);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') fail(`Invalid boolean: ${v}`, undefined, name);
  return v === 'true';
}

/** One of `values`. */
export function enumParam<T extends string>(params: FormParams, name: string, values: readonly T[]): T | undefined {
  const v = stringParam(params, name);
  if (v === undefined) return undefined;
  if (!(values as readonly string[]).includes(v)) fail(`Invalid ${name}: must be one of ${values.join(', ')}`, undefined, name);
  return v as T;
}

function list(v: FormValue | undefined, name: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) return fail(`Invalid array: ${name}`, undefined, name);
  return v as string[];
}

/** `expand[]`: each path must be one the endpoint can expand. */
export function expandParam(params: FormParams, expandable: readonly string[]): Set<string> {
  const paths = list(params.expand, 'expand');
  for (const p of paths) if (!expandable.includes(p)) fail(`This property cannot be expanded (${p}).`, undefined, 'expand');
  return new Set(paths);
}

/** A list of strings such as `payment_method_types[]`. */
export function listParam(params: FormParams, name: string): string[] {
  return list(params[name], name);
}

/** `metadata[k]=v`: up to 50 keys of ≤ 40 characters, values ≤ 500 (https://docs.stripe.com/api/metadata). */
export function metadataParam(params: FormParams): Record<string, string> {
  const v = params.metadata;
  if (v === undefined || v === '') return {};
  if (typeof v !== 'object' || Array.isArray(v)) return fail('Invalid hash: metadata', undefined, 'metadata');
  const entries = Object.entries(v);
  if (entries.length > 50) fail('Invalid metadata: at most 50 keys', undefined, 'metadata');
  const out: Record<string, string> = {};
  for (const [k, value] of entries) {
    if (k.length > 40) fail(`Invalid metadata key ${k}: at most 40 characters`, undefined, `metadata[${k}]`);
    if (typeof value !== 'string' || value.length > 500) fail(`Invalid metadata[${k}]: a string of at most 500 characters`, undefined, `metadata[${k}]`);
    out[k] = value as string;
  }
  return out;
}

/** A nested hash parameter (`automatic_payment_methods[enabled]=true`). */
export function hashParam(params: FormParams, name: string): Record<string, FormValue> | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) return fail(`Invalid hash: ${name}`, undefined, name);
  return v;
}
