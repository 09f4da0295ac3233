/**
 * Checkout: the purchase workflow — reserve phase with its deadline, the two
 * decisions, the follow-up tasks and recovery. Asks payments, never a PSP
 * adapter; knows no HTTP (the api module maps its outcomes onto answers).
 */
export { placeOrder, type PlaceOrderBody, type PlaceOrderInput } from './place-order.ts';
export type { PurchaseOutcome } from './purchase-outcome.ts';
export type { OrderView } from './order.view.ts';
export { orderForCustomer, orderBelongsTo } from './order.read.ts';
export { listOrderPage, orderDetail, purchasesByMinute, ORDER_STATUSES, type OrderPage, type OrderDetail, type PurchaseMinute } from './admin.queries.ts';
export { receiveWebhook } from './webhook.receive.ts';
export { followUpTasks } from './followup.tasks.ts';
export { asyncPaymentTasks } from './async-payment.tasks.ts';
export { OrderLiveHub, followOrder } from './order.live.ts';
export { verifyChannelToken } from './channel-token.ts';
export { ORDER_CHANGED_CHANNEL } from './order.repository.ts';
export { startSweeper, type Sweeper } from './recovery.ts';
export { FollowUpBacklog } from './backpressure.ts';
export { cancelPaidOrder, refundPart, refundsOf, type CancelResult, type RefundResult } from './operator.actions.ts';
export { reconcile, startReconciler, type ReconcileReport, type Remediation } from './reconcile.ts';
export { listRemediations } from './remediations.queries.ts';
export { listReconcileRuns, type ReconcileRunView, type ReconcileTrigger } from './reconcile-runs.ts';
export { ordersImpact, purchaseRate, RETRY_WINDOW_MS } from './triage.impact.ts';
export { missingProvidersInFlight } from './providers-in-flight.ts';
export type { CheckoutDeps } from './checkout.deps.ts';
export type { CheckoutTables, OrderStatus } from './order.table.ts';
