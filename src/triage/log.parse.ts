/**
 * Reading log lines for the triage report (issue 12): orderly's own pino JSON lines, other JSON logs
 * (seed 000's `event_type`, `details.success`, `error_code`, `service`) and plain text lines. One set of
 * generic rules for every input: field names are looked up among common spellings, never per system.
 */

/** One input line, read. */
export interface ParsedLine {
  /** Its position in the input (0-based). */
  index: number;
  format: 'orderly' | 'json' | 'text';
  /** Epoch milliseconds, when the line carries a time. */
  time?: number;
  /** pino's numeric level (10–60), when the line carries a level. */
  level?: number;
  /** The message the miner sees (`msg`, `message`, or the text line without its leading time). */
  message: string;
  /** A stable event name: orderly's `event`, or another log's `event_type`. */
  event?: string;
  outcome?: string;
  code?: string;
  status?: string;
  provider?: string;
  service?: string;
  operation?: string;
  task?: string;
  orderNo?: string;
  reqId?: string;
  traceId?: string;
  customer?: string;
  /** `success` / `details.success` as written, when present. */
  success?: boolean;
}

const LEVEL_NAMES: Record<string, number> = {
  trace: 10, debug: 20, info: 30, notice: 30, warn: 40, warning: 40, error: 50, err: 50, severe: 50,
  fatal: 60, critical: 60, crit: 60, alert: 60, emerg: 60, emergency: 60, panic: 60,
};

/** Generic failure words, any case; matched on whole words of the template, so `<*>` values never count. */
const FAILURE_WORDS = /\b(errors?|err|fail(s|ed|ure|ures|ing)?|fatal|exceptions?|timeouts?|timed out|refused|unavailable|denied|unauthori[sz]ed|forbidden|panic|abort(ed)?|unreachable|crash(ed)?|warn(ing)?|severe|critical)\b/i;

const ISO_TIME = /^\[?(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?)\]?\s*/;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The first of `keys` found in `o` or its `details` / `error` / `err` objects, as a string. */
function pick(o: Obj, keys: readonly string[]): string | undefined {
  const places = [o, o.details, o.detail, o.error, o.err, o.context].filter(isObj);
  for (const place of places) {
    for (const k of keys) {
      const v = place[k];
      if (typeof v === 'string' && v.length > 0) return v;
      if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    }
  }
  return undefined;
}

function toTime(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v < 1e11 ? v * 1000 : v; // seconds or ms
  if (typeof v === 'string') {
    const t = Date.parse(v.replace(',', '.'));
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

function toLevel(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string') return LEVEL_NAMES[v.toLowerCase()];
  return undefined;
}

function toSuccess(o: Obj): boolean | undefined {
  for (const place of [o.details, o.detail, o].filter(isObj)) {
    const v = place.success ?? place.ok;
    if (typeof v === 'boolean') return v;
  }
  return undefined;
}

function parseJson(index: number, o: Obj): ParsedLine {
  // orderly's own lines: pino's numeric level and `msg`, with the stable `event` names of its paths.
  const orderly = typeof o.level === 'number' && typeof o.msg === 'string';
  const line: ParsedLine = {
    index,
    format: orderly ? 'orderly' : 'json',
    message: pick(o, ['msg', 'message', 'text', 'log']) ?? '',
    event: pick(o, ['event', 'event_type', 'eventType', 'type']),
    outcome: pick(o, ['outcome']),
    code: pick(o, ['code', 'error_code', 'errorCode', 'err_code']),
    status: pick(o, ['pspStatus', 'status_code', 'statusCode', 'http_status', 'httpStatus', 'status']),
    provider: pick(o, ['provider', 'psp', 'gateway']),
    service: pick(o, ['service', 'service_name', 'serviceName', 'app', 'component']),
    operation: pick(o, ['operation', 'op']),
    task: pick(o, ['task']),
    orderNo: pick(o, ['orderNo', 'order_no', 'order_id', 'orderId']),
    reqId: pick(o, ['reqId', 'request_id', 'requestId', 'req_id']),
    traceId: pick(o, ['trace_id', 'traceId']),
    customer: pick(o, ['customer', 'customerId', 'customer_id', 'user_id', 'userId', 'buyer']),
  };
  const time = toTime(o.time ?? o.timestamp ?? o['@timestamp'] ?? o.ts);
  if (time !== undefined) line.time = time;
  const level = toLevel(o.level ?? o.severity ?? o.lvl);
  if (level !== undefined) line.level = level;
  const success = toSuccess(o);
  if (success !== undefined) line.success = success;
  for (const k of Object.keys(line) as (keyof ParsedLine)[]) if (line[k] === undefined) delete line[k];
  return line;
}

/** Reads one line: JSON when it is a JSON object, text otherwise. Never throws. */
export function parseLogLine(raw: string, index: number): ParsedLine {
  const s = raw.trim();
  if (s.startsWith('{')) {
    try {
      const o: unknown = JSON.parse(s);
      if (isObj(o)) return parseJson(index, o);
    } catch {
      // not JSON after all: a text line that starts with a brace
    }
  }
  const m = ISO_TIME.exec(s);
  const line: ParsedLine = { index, format: 'text', message: m ? s.slice(m[0].length) : s };
  const time = m ? toTime(m[1]) : undefined;
  if (time !== undefined) line.time = time;
  return line;
}

/** Whether a template carries one of the generic failure words (error, fail, timeout, refused, …). */
export function looksLikeFailure(template: string): boolean {
  return FAILURE_WORDS.test(template.replaceAll('<*>', ' '));
}

/**
 * Whether a read line is a failure. A stated outcome wins: `success: false` is one; a level says the
 * rest (warn and above are failures, info and below are not, whatever code they carry: orderly logs a
 * buyer's refusal such as CARD_DECLINED at info). Without a level, an error code, an HTTP status of 500
 * or more, or a failure word in the line's template makes it one.
 */
export function isFailure(line: ParsedLine, template: string): boolean {
  if (line.success === false) return true;
  if (line.success === true) return false;
  if (line.level !== undefined) return line.level >= 40;
  if (line.format !== 'text' && line.code !== undefined) return true;
  if (line.status !== undefined && Number(line.status) >= 500) return true;
  return looksLikeFailure(template);
}
