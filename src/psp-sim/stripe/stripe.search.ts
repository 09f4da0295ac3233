/**
 * The part of Stripe's search query language (https://docs.stripe.com/search)
 * the simulator serves: exact-match clauses on `metadata['key']` (and
 * `status`), combined with AND — written `AND` (any case) or a space. Quotes
 * may be single or double; a backslash escapes the quote character. Anything
 * else (OR, negation, ranges, substring `~`) is refused with a clear message
 * rather than answered wrongly.
 */

export interface PaymentIntentQuery {
  metadata: Record<string, string>;
  status?: string;
}

export class SearchQueryError extends Error {}

/** Reads a quoted string at `s[i]`; returns the value and the index after the closing quote. */
function quoted(s: string, i: number): [string, number] {
  const quote = s[i];
  if (quote !== "'" && quote !== '"') throw new SearchQueryError(`expected a quoted value at position ${i}`);
  let out = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j] as string;
    if (c === '\\' && j + 1 < s.length) {
      out += s[j + 1];
      j++;
    } else if (c === quote) {
      return [out, j + 1];
    } else {
      out += c;
    }
  }
  throw new SearchQueryError('unterminated quoted value');
}

/** Parses `metadata['k']:'v' AND status:'succeeded'`. Throws {@link SearchQueryError}. */
export function parsePaymentIntentQuery(query: string): PaymentIntentQuery {
  const result: PaymentIntentQuery = { metadata: {} };
  let i = 0;
  let clauses = 0;
  const skipSpace = (): void => {
    while (i < query.length && /\s/.test(query[i] as string)) i++;
  };
  for (;;) {
    skipSpace();
    if (i >= query.length) break;
    if (clauses > 0 && /^and\s/i.test(query.slice(i))) {
      i += 3;
      skipSpace();
    } else if (clauses > 0 && /^or\s/i.test(query.slice(i))) {
      throw new SearchQueryError('OR is not supported by the simulator');
    }
    if (query.startsWith('metadata[', i)) {
      const [key, after] = quoted(query, i + 'metadata['.length);
      if (query[after] !== ']' || query[after + 1] !== ':') throw new SearchQueryError(`expected ']:' after metadata key at position ${after}`);
      const [value, next] = quoted(query, after + 2);
      result.metadata[key] = value;
      i = next;
    } else if (query.startsWith('status:', i)) {
      const [value, next] = quoted(query, i + 'status:'.length);
      result.status = value;
      i = next;
    } else {
      throw new SearchQueryError(`unsupported clause at position ${i}; the simulator supports metadata['key']:'value' and status:'value'`);
    }
    clauses++;
  }
  if (clauses === 0) throw new SearchQueryError('empty query');
  return result;
}
