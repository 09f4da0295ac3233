import { formatYen, money, type Money } from '../platform/money.ts';
import type { Runbook } from './runbook.ts';

/**
 * The impact a live report adds to the categories (issue 12): what the orders
 * a category names were worth and what their buyers did next, and how the
 * purchases of the window ended against a baseline. The figures come from the
 * database (the caller reads them); this file only puts them into the report.
 */

/** The orders a category names, as the database knows them. */
export interface CategoryImpact {
  /** Orders found in the database. */
  orders: number;
  /** Sum of their totals. */
  gmvAtRisk: Money;
  customers: number;
  /** Buyers whose order failed and who placed another order soon after (a chain step: buyers retrying); `laterPaid` of them were then paid. */
  retried: { customers: number; laterPaid: number; withinMs: number };
}

/** How the purchases placed in a window ended. */
export interface PurchaseRate {
  from: string;
  to: string;
  placed: number;
  established: number;
  failed: number;
  undecided: number;
  /** established / (established + failed); null when nothing was decided. */
  successRate: number | null;
}

/** The window's purchases against the baseline's. */
export interface PurchaseComparison {
  window: PurchaseRate;
  baseline: PurchaseRate;
}

/** What the database said of one category's orders (the caller's query result). */
export interface OrdersFigures {
  orders: number;
  gmvAtRisk: number;
  customers: number;
  retried: { customers: number; laterPaid: number };
}

export const rate = (r: PurchaseRate) => (r.successRate === null ? '-' : `${(r.successRate * 100).toFixed(1)}%`);

/** A category's impact from the database's figures. */
export function categoryImpact(f: OrdersFigures, retryWindowMs: number): CategoryImpact {
  return { orders: f.orders, gmvAtRisk: money(f.gmvAtRisk), customers: f.customers, retried: { ...f.retried, withinMs: retryWindowMs } };
}

/** The runbook's business-impact lines for a category's figures. */
export function impactLines(i: CategoryImpact, purchases: PurchaseComparison | undefined): { ja: string[]; en: string[] } {
  const ja: string[] = [];
  const en: string[] = [];
  if (i.orders > 0) {
    ja.push(`データベース上の影響: 注文 ${i.orders} 件、リスクのある流通額 ${formatYen(i.gmvAtRisk)}、顧客 ${i.customers} 人。`);
    en.push(`From the database: ${i.orders} orders, ${formatYen(i.gmvAtRisk)} GMV at risk, ${i.customers} customers.`);
  }
  if (i.retried.customers > 0) {
    const min = Math.round(i.retried.withinMs / 60_000);
    ja.push(`失敗した購入者のうち ${i.retried.customers} 人が ${min} 分以内に再購入を試み、${i.retried.laterPaid} 人が支払いを完了した。`);
    en.push(`${i.retried.customers} buyers whose order failed tried again within ${min} min; ${i.retried.laterPaid} of them were then paid.`);
  }
  if (purchases && i.orders > 0) {
    ja.push(`期間中の購入成功率 ${rate(purchases.window)}（基準 ${rate(purchases.baseline)}）。`);
    en.push(`Purchase success rate in the window ${rate(purchases.window)} (baseline ${rate(purchases.baseline)}).`);
  }
  return { ja, en };
}

/** A runbook with the impact lines added to its business-impact section. */
export function withImpactLines(r: { ja: Runbook; en: Runbook }, lines: { ja: string[]; en: string[] }): { ja: Runbook; en: Runbook } {
  return { ja: { ...r.ja, impact: [...r.ja.impact, ...lines.ja] }, en: { ...r.en, impact: [...r.en.impact, ...lines.en] } };
}
