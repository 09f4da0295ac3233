/** Names of the follow-up tasks (graphile-worker task identifiers). */
export const TASKS = {
  capturePayment: 'capture_payment',
  commitStock: 'commit_stock',
  releaseStock: 'release_stock',
  cancelPayment: 'cancel_payment',
  sendMail: 'send_mail',
} as const;
