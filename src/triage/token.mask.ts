/**
 * Tokenising a log message and masking the tokens that are variables by their shape alone.
 *
 * One rule set for every input: nothing here knows a system. A piece of a token is a variable when it
 * carries a digit (numbers, hex ids, hashes, UUIDs, IPs, ports, durations like `12ms`, sizes like `4KB`,
 * versions, timestamps), or is a path or a URL. What has no digit and no path shape (user names, host
 * names, class names) is left to the grouping, which sees whether the position varies.
 */

/** How a variable is written in a template. */
export const WILDCARD = '<*>';

// Whole shapes first, before the token is cut at its delimiters, so `10.0.0.1:8080`, `fe80::1%eth0`,
// `https://a/b?c=d` and `/var/log/x.log` each become one variable instead of a run of pieces.
const URL_SHAPE = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"'<>()[\]{}]*/g;
const IPV6_SHAPE = /(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?:%\w+)?(?![\w:])/g;
// A path: at least two separators, or one leading one before a word (`/tmp`); Windows drive paths too.
const PATH_SHAPE = /(?<![\w.])(?:[A-Za-z]:\\|\\\\|~?\/|\.{1,2}\/)?[\w.$~+-]*(?:[/\\][\w.$~+-]+){2,}[/\\]?|(?<![\w.])(?:[A-Za-z]:\\|\/)[\w.$~+-]+/g;

// Where a token is cut into pieces: the punctuation that joins a key to its value or lists values.
// `.`, `_`, `-`, `/`, `#`, `$` stay inside a piece: `blk_-123`, `v6.1.7601`, `attempt_14_m_0` are one value.
const DELIMITERS = /([=:,;()[\]{}<>"'|@\s]+)/;
const HAS_DIGIT = /\d/;
// Hex without a digit (`ffffffff`, a hash's run of letters): eight or more hex letters are no English word.
const HEX_RUN = /^(?:0x)?[0-9A-Fa-f]{8,}$/;
// Literals that are values wherever they stand (`ret:false`, `ws=null`).
const LITERAL = /^(?:true|false|True|False|TRUE|FALSE|null|NULL|nil|None|undefined|NaN)$/;
// A key's quoted value (`tag="View Lock"`) is data, spaces and all; `msg="…"` is the message itself.
const QUOTED_VALUE = /(?<!(?:^|[^\w.-])(?:msg|message))=("[^"]*"|'[^']*')/gi;
// A unit after a number belongs to it: humanised sizes and durations pick their unit by magnitude
// (`512 B`, `4.1 KB`, `340 ms`, `1.2 s`), so the unit varies with the value.
const UNIT = /^(?:[KMGTP]?i?B|[mµun]?s|secs?|mins?|h)([,;)\]}]*)$/i;
const MASK = '\u0000';

/** Splits a message into whitespace-separated tokens (no empty tokens). */
export function tokenize(message: string): string[] {
  return message.split(/\s+/).filter((t) => t.length > 0);
}

/** Replaces a whole-shape match (URL, IPv6, path) by the mask character, keeping what surrounds it. */
function maskShapes(token: string): string {
  let t = token;
  if (t.includes('://')) t = t.replace(URL_SHAPE, MASK);
  if (t.includes('::') || /:[0-9A-Fa-f]{1,4}:/.test(t)) t = t.replace(IPV6_SHAPE, (m) => (HAS_DIGIT.test(m) ? MASK : m));
  if (t.includes('/') || t.includes('\\')) t = t.replace(PATH_SHAPE, MASK);
  return t;
}

/**
 * Masks one token: pieces between delimiters that carry a digit, paths and URLs become `<*>`;
 * adjacent variables joined by punctuation collapse into one. `uid=10037,` → `uid=<*>,`,
 * `[173.234.31.186]` → `[<*>]`, `12ms` → `<*>`, `root` → `root`.
 */
export function maskToken(token: string): string {
  const shaped = maskShapes(token);
  const parts = shaped.split(DELIMITERS);
  for (let i = 0; i < parts.length; i += 2) {
    const piece = parts[i]!;
    if (piece.length > 0 && piece !== MASK && (HAS_DIGIT.test(piece) || HEX_RUN.test(piece) || LITERAL.test(piece))) {
      // A full stop after a value ends the sentence (`tried 3 times to 10.0.0.1:8030.`): it stays.
      parts[i] = piece.endsWith('.') && !piece.endsWith('..') ? `${MASK}.` : MASK;
    }
  }
  const joined = parts.join('');
  return joined.includes(MASK) ? joined.replaceAll(MASK, WILDCARD) : joined;
}

/**
 * Tokenises and masks a message: the tokens the grouping works on. A unit after a number joins it;
 * a run of bare variables is one `<*>`, so a list of values (`delete blk_1 blk_2 blk_3`) or a
 * multi-word value does not make its line a template of another length.
 */
export function maskMessage(message: string): string[] {
  const tokens = tokenize(message.replace(QUOTED_VALUE, `="${WILDCARD}"`)).map(maskToken);
  const out: string[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    const unit = prev !== undefined && prev.endsWith(WILDCARD) ? UNIT.exec(t) : null;
    if (unit) out[out.length - 1] = prev + unit[1]!;
    else if (!(t === WILDCARD && prev === WILDCARD)) out.push(t);
  }
  return out;
}
