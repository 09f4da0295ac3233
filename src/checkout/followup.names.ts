/** Names of the follow-up tasks (graphile-worker task identifiers). */
/** Before everything else in the queue: the buyer is waiting on these (seed 003's success → PAID SLO). */
export const URGENT = -10;

export const TASKS = {
  capturePayment: 'capture_payment',
  commitStock: 'commit_stock',
  releaseStock: 'release_stock',
  cancelPayment: 'cancel_payment',
  sendMail: 'send_mail',
  /** Asks the PSP about a payment waiting for the buyer, backing off, until it is final or expired. */
  pollPayment: 'poll_payment',
  /** Drives one operator refund through the PSP's statuses. */
  refundPayment: 'refund_payment',
  /** Acts on one stored PSP webhook. */
  paymentEvent: 'payment_event',
} as const;
