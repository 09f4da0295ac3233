/**
 * Facts about HTTP transport every adapter classifies failures by (the PSPs
 * differ in their answers, not in what a refused connection means).
 */

/** Connection errors that happen before any byte reaches the PSP: certainly not acted on. */
export const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The Node error code behind a failed `fetch` (on its `cause`) or a socket error. */
export function causeCode(e: unknown): string | undefined {
  const c = (e as { cause?: { code?: string } }).cause;
  return c?.code ?? (e as { code?: string }).code;
}

/** `Retry-After` as whole seconds (delta or HTTP date); undefined when absent, past or unreadable. */
export function retryAfterSeconds(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const n = Number(value);
  if (Number.isFinite(n) && n > 0) return Math.ceil(n);
  const at = Date.parse(value);
  return Number.isFinite(at) && at > Date.now() ? Math.ceil((at - Date.now()) / 1000) : undefined;
}
