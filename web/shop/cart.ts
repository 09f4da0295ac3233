import { useSyncExternalStore } from 'react';

/** A cart line: only the SKU and quantity. Names and prices always come from the catalog (the server's). */
export interface CartLine {
  sku: string;
  quantity: number;
}

/** The API takes 1–999 of a line. */
export const MAX_QUANTITY = 999;
const KEY = 'orderly.shop.cart';
const listeners = new Set<() => void>();
let lines: CartLine[] = load();

function load(): CartLine[] {
  try {
    const v = JSON.parse(sessionStorage.getItem(KEY) ?? '[]') as CartLine[];
    return Array.isArray(v) ? v.filter((l) => typeof l.sku === 'string' && Number.isInteger(l.quantity) && l.quantity > 0) : [];
  } catch {
    return [];
  }
}

function save(next: CartLine[]): void {
  lines = next;
  sessionStorage.setItem(KEY, JSON.stringify(next));
  listeners.forEach((l) => l());
}

export const cart = {
  add(sku: string): void {
    const line = lines.find((l) => l.sku === sku);
    save(line ? lines.map((l) => (l.sku === sku ? { ...l, quantity: Math.min(MAX_QUANTITY, l.quantity + 1) } : l)) : [...lines, { sku, quantity: 1 }]);
  },
  setQuantity(sku: string, quantity: number): void {
    if (!Number.isInteger(quantity) || quantity < 1) return;
    save(lines.map((l) => (l.sku === sku ? { ...l, quantity: Math.min(MAX_QUANTITY, quantity) } : l)));
  },
  remove(sku: string): void {
    save(lines.filter((l) => l.sku !== sku));
  },
  clear(): void {
    save([]);
  },
};

export function useCart(): CartLine[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => lines,
  );
}
