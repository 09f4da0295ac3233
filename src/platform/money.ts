/** Money is integer minor units; JPY has no minor unit, so 1 = ¥1. */
export const CURRENCY = 'JPY' as const;
