/**
 * Checkout: the purchase workflow — reserve phase with its deadline, the two
 * decisions, the follow-up tasks and recovery. Asks payments, never a PSP adapter.
 */
export { orderRoutes } from './order.routes.ts';
export { adminRoutes } from './admin.routes.ts';
export { followUpTasks } from './followup.tasks.ts';
export { asyncPaymentTasks } from './async-payment.tasks.ts';
export { webhookRoutes } from './webhook.routes.ts';
export { liveRoutes } from './live.routes.ts';
export { OrderLiveHub } from './order.live.ts';
export { ORDER_CHANGED_CHANNEL } from './order.repository.ts';
export { startSweeper, type Sweeper } from './recovery.ts';
export type { CheckoutDeps } from './checkout.deps.ts';
export type { CheckoutTables, OrderStatus } from './order.table.ts';
export { missingProvidersInFlight } from './providers-in-flight.ts';
