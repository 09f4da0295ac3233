import { scrubSecrets } from '../../../platform/secrets.ts';

/** The most of a PSP's answer body the admin view shows (UTF-8 bytes). */
export const FAILURE_BODY_MAX_BYTES = 2048;

/** JSON fields whose values are secrets or card data, wherever they are nested. */
const SECRET_KEY = /secret|token|password|passwd|authori[sz]ation|api[_-]?key|signature|cookie|^(card_?)?number$|^pan$|cvc|cvv|^exp(iry)?_?(month|year|date)?$|card_?holder/i;
/** A card number (13–19 digits, maybe grouped by spaces or dashes) anywhere in the text. */
const PAN = /\b\d(?:[ -]?\d){12,18}\b/g;
/** Bearer tokens and the keys the PSPs hand out, should an answer echo one. */
const KEYS = /\bBearer\s+[A-Za-z0-9._~+/=-]+|\b(?:sk|rk|pk)_(?:test|live)_[0-9A-Za-z]+|\bwhsec_[0-9A-Za-z]+/g;

function redactFields(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(redactFields);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redactFields(x)]));
  return v;
}

/** `text` cut to at most `max` UTF-8 bytes, never inside a character, marked with … when cut. */
function truncateBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  const budget = max - Buffer.byteLength('…', 'utf8');
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > budget) break;
    out += ch;
    bytes += n;
  }
  return `${out}…`;
}

/**
 * A PSP's answer body as operators may see it: secret and card fields of a JSON body replaced, card
 * numbers, keys and every secret the process knows (platform/secrets.ts) cut out of any text, and at most
 * {@link FAILURE_BODY_MAX_BYTES}. Null when there was none.
 */
export function safeFailureBody(body: string | undefined): string | null {
  if (body === undefined || body === '') return null;
  let text = body;
  try {
    text = JSON.stringify(redactFields(JSON.parse(body)));
  } catch {
    /* not JSON (or cut short by the adapter): the text patterns below still apply */
  }
  text = scrubSecrets(text).replace(KEYS, '[redacted]').replace(PAN, '[redacted]');
  return truncateBytes(text, FAILURE_BODY_MAX_BYTES);
}
