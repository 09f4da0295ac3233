/** Money is integer minor units; JPY has no minor unit, so 1 = ¥1. orderly sells in JPY only. */
export const CURRENCY = 'JPY' as const;
export type Currency = typeof CURRENCY;

/** The contract's money shape. */
export interface Money {
  amount: number;
  currency: Currency;
}

export const money = (amount: number): Money => ({ amount, currency: CURRENCY });

/** ¥1,234: how mails and reports write an amount. */
export const formatYen = (m: Money): string => `¥${m.amount.toLocaleString('en-US')}`;
