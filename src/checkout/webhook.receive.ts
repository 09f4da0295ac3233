import { meaningOf, type ProviderPayment, type ReceiveResult, type WebhookHeaders } from '../payments/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { enqueueTask } from '../platform/jobs/task.repository.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { TASKS, URGENT } from './followup.names.ts';
import { orderByNo } from './order.repository.ts';

/**
 * Whether an event can change its order (see payment-events.ts): news for an
 * order waiting for the buyer, a success for a failed order, a failure for a
 * paid one. Everything else — the echo of a card payment the request itself
 * decides, our own captures, voids and refunds — is stored as processed and
 * costs no job. (An order that moves to WAITING_PAYMENT just after this read
 * is still covered: its polling task asks the PSP.) `undefined` = the status is
 * not known (an unsigned notification): only an order still waiting for the buyer.
 */
async function mayChangeOrder(tx: Tx, orderNo: string, pspStatus: ProviderPayment['status'] | undefined): Promise<boolean> {
  const order = await orderByNo(tx, orderNo);
  if (!order) return false;
  // An unsigned hint costs a PSP query: only for orders still waiting (their poll task covers the rest).
  if (pspStatus === undefined) return order.status === 'WAITING_PAYMENT';
  const meaning = meaningOf(pspStatus);
  if (order.status === 'WAITING_PAYMENT') return meaning === 'succeeded' || meaning === 'failed';
  if (order.status === 'FAILED' || order.status === 'CANCELLED') return meaning === 'succeeded';
  if (order.status === 'PAID') return meaning === 'failed';
  return false;
}

/**
 * A PSP's notification, as received: believed only once its signature over the
 * raw body checks out, stored once per event id, and its work enqueued in the
 * same transaction — acted on later in a job, so the PSP gets its answer at once.
 */
export async function receiveWebhook(deps: CheckoutDeps, provider: string, rawBody: string, headers: WebhookHeaders, requestId: string): Promise<ReceiveResult> {
  return await deps.payments.webhooks.receive(deps.db, provider, rawBody, headers, async (tx, received) => {
    // An unsigned notification's status proves nothing: its job asks the PSP whatever it claims.
    const claimed = received.event.confirmWithPsp ? undefined : received.payment.status;
    if (!(await mayChangeOrder(tx, received.reference, claimed))) return null;
    return async (tx2, webhookId) => {
      await enqueueTask(tx2, { name: TASKS.paymentEvent, reference: received.reference, requestId, payload: { webhookId }, priority: URGENT });
    };
  });
}
