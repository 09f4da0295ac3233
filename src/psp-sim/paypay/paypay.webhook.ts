import type { WebhookFormat } from '../sim.webhooks.ts';
import type { PayPaySimOptions } from './paypay.options.ts';

/** Formats outbox events as PayPay notifications (placeholder). */
export function paypayWebhookFormat(_opts: PayPaySimOptions): WebhookFormat {
  return (e) => ({ body: JSON.stringify({ id: e.id, type: e.type }), headers: {} });
}
