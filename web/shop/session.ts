import { useSyncExternalStore } from 'react';

/**
 * The signed-in buyer: a customer JWT from POST /api/v1/demo/sign-in (in production, your identity
 * provider's). Kept in sessionStorage — gone when the tab closes, never in localStorage (readable by every
 * tab and kept for good) nor in a URL (logged by proxies).
 */
export interface Session {
  token: string;
  customerId: string;
  expiresAt: string;
}

const KEY = 'orderly.shop.session';
const listeners = new Set<() => void>();
let current: Session | undefined = read();

function read(): Session | undefined {
  try {
    const s = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return s && Date.parse(s.expiresAt) > Date.now() ? s : undefined;
  } catch {
    return undefined;
  }
}

export function setSession(s: Session | undefined): void {
  current = s;
  if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
  else sessionStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

/** The token of the moment, for the API client (an expired one is dropped, not sent). */
export function sessionToken(): string | undefined {
  if (current && Date.parse(current.expiresAt) <= Date.now()) setSession(undefined);
  return current?.token;
}

export function useSession(): Session | undefined {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}
