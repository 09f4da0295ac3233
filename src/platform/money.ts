/** Money is integer minor units; JPY has no minor unit, so 1 = ¥1. orderly sells in JPY only. */
export const CURRENCY = 'JPY' as const;
export type Currency = typeof CURRENCY;

/** The contract's money shape. */
export interface Money {
  amount: number;
  currency: Currency;
}

export const money = (amount: number): Money => ({ amount, currency: CURRENCY });

/**
 * The most one price, and one order in all, may come to: ¥100,000,000. A product's price is held to it by the
 * admin schema, an order's total (which only the server computes) by checkout (`ORDER_TOTAL_TOO_LARGE`): 50 lines
 * of 999 units at the top price would otherwise make an order of ¥4,995,000,000,000 — past what any PSP
 * authorizes and past the bound of the contract's money (10¹¹).
 */
export const MAX_AMOUNT = 100_000_000;

/** ¥1,234: how mails and reports write an amount. */
export const formatYen = (m: Money): string => `¥${m.amount.toLocaleString('en-US')}`;
