import type { Payments } from '../payments/index.ts';
import type { DbOrTx } from '../platform/db/database.ts';
import { TASKS } from './followup.names.ts';
import { ordersNeedingPsp } from './order.repository.ts';

/** The tasks that call the order's PSP. */
const PSP_TASKS = [TASKS.capturePayment, TASKS.cancelPayment, TASKS.pollPayment, TASKS.paymentEvent];

/**
 * Providers that orders still in flight depend on but that are not
 * configured: removing one would strand those orders (a paid QR order left
 * waiting, a hold never voided, its webhooks answered 404). Start refuses
 * while this is not empty; keeping the provider's credentials without routing
 * new payments to it (drain-only) lets the orders finish.
 */
export async function missingProvidersInFlight(db: DbOrTx, payments: Payments): Promise<{ provider: string; orders: number }[]> {
  const orders = await ordersNeedingPsp(db, PSP_TASKS);
  const holding = await payments.providersHolding(db, orders);
  const configured = new Set(payments.providerNames());
  return [...holding].filter(([p]) => !configured.has(p)).map(([provider, n]) => ({ provider, orders: n }));
}
