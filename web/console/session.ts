import type { Lang } from '../shared/i18n.tsx';

/** The admin key lives in memory (and sessionStorage, so a reload keeps it); never in the URL or localStorage. */
const STORE = 'orderly.console.key';
let key: string | undefined = sessionStorage.getItem(STORE) ?? undefined;
export const getKey = () => key;
export function setKey(k: string | undefined) {
  key = k;
  if (k) sessionStorage.setItem(STORE, k);
  else sessionStorage.removeItem(STORE);
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/** One call to this origin's API with the key and the console's language (API messages come localized). */
export async function api<T>(lang: Lang, method: string, path: string, opts: { body?: unknown; idempotencyKey?: string; token?: string } = {}): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${opts.token ?? key ?? ''}`, 'accept-language': lang };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}) });
  } catch {
    throw new ApiFailure(0, lang === 'ja' ? 'サービスに接続できません。' : 'The service could not be reached.', 'NETWORK');
  }
  const body = (await res.json().catch(() => undefined)) as { error?: { message: string; code: string } } | undefined;
  if (!res.ok) throw new ApiFailure(res.status, body?.error?.message ?? `HTTP ${res.status}`, body?.error?.code ?? `HTTP_${res.status}`);
  return body as T;
}
