/** Money in integer minor units. JPY has no minor unit, so 1 = ¥1. */
export interface Money {
  amount: number;
  currency: 'JPY';
}

export const CURRENCY = 'JPY' as const;

export function jpy(amount: number): Money {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`money must be an integer of minor units, got ${amount}`);
  return { amount, currency: CURRENCY };
}
