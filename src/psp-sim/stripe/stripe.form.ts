/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` (POST bodies)
 * or a query string (GET), with bracket notation for nesting —
 * `metadata[k]=v`, `expand[]=x`, `expand[0]=x`, `a[b][c]=v`. The official SDKs
 * send indexed arrays (`expand[0]`); curl users write `expand[]`; both parse to
 * the same arrays. See https://docs.stripe.com/api (request encoding).
 */

/** A parsed parameter: a string, or a nested hash / list of them. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormParams = { [key: string]: FormValue };

/** Thrown for a body Stripe would refuse to parse; rendered as a 400 `invalid_request_error`. */
export class FormError extends Error {
  constructor(
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 5;

/** `a[b][]` → `['a', 'b', '']`; undefined for a malformed key (unbalanced brackets). */
function splitKey(key: string): string[] | undefined {
  const open = key.indexOf('[');
  if (open < 0) return [key];
  const parts = [key.slice(0, open)];
  let rest = key.slice(open);
  while (rest.length > 0) {
    const m = /^\[([^[\]]*)\]/.exec(rest);
    if (!m) return undefined;
    parts.push(m[1] as string);
    rest = rest.slice(m[0].length);
  }
  return parts;
}

type Node = { kind: 'hash'; entries: Map<string, Node> } | { kind: 'list'; items: Node[] } | { kind: 'value'; value: string };

function toValue(node: Node): FormValue {
  if (node.kind === 'value') return node.value;
  if (node.kind === 'list') return node.items.map(toValue);
  const out: { [key: string]: FormValue } = {};
  for (const [k, v] of node.entries) out[k] = toValue(v);
  return out;
}

/** Parses a form body or query string (without the leading `?`). Throws {@link FormError}. */
export function parseStripeForm(text: string): FormParams {
  const root: Node = { kind: 'hash', entries: new Map() };
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const parts = splitKey(rawKey);
    const name = parts?.[0];
    if (!parts || !name || parts.length > MAX_DEPTH) throw new FormError(`Invalid parameter name: ${rawKey}`, rawKey);
    let node: Node = root;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i] as string;
      const last = i === parts.length - 1;
      const nextIsList = !last && /^\d*$/.test(parts[i + 1] as string);
      const fresh = (): Node => (last ? { kind: 'value', value } : nextIsList ? { kind: 'list', items: [] } : { kind: 'hash', entries: new Map() });
      if (node.kind === 'hash') {
        let child: Node | undefined = node.entries.get(part);
        if (!child || last) {
          // A repeated scalar keeps the last value, as Stripe does.
          child = fresh();
          node.entries.set(part, child);
        }
        node = child;
      } else if (node.kind === 'list') {
        // `x[]` appends; `x[3]` addresses an index (indexed arrays arrive in order).
        const index: number = part === '' ? node.items.length : Number(part);
        if (!Number.isSafeInteger(index) || index > node.items.length) throw new FormError(`Invalid array index in ${rawKey}`, name);
        let child: Node | undefined = node.items[index];
        if (!child || last) {
          child = fresh();
          node.items[index] = child;
        }
        node = child;
      } else {
        throw new FormError(`Invalid hash: ${name} is both a value and a hash`, name);
      }
      if (!last && node.kind === 'value') throw new FormError(`Invalid hash: ${name} is both a value and a hash`, name);
    }
  }
  return toValue(root) as FormParams;
}
