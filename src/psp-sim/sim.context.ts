import type pg from 'pg';
import type { Logger } from 'pino';
import type { FaultRules } from './sim.faults.ts';
import type { PendingTimers } from './sim.timers.ts';
import type { WebhookDispatcher } from './sim.webhooks.ts';
import type { PayPaySimOptions } from './paypay/paypay.options.ts';
import type { StripeSimOptions } from './stripe/stripe.options.ts';

/** What every simulator route needs; one per running simulator. */
export interface SimContext {
  pool: pg.Pool;
  log: Logger;
  faults: FaultRules;
  timers: PendingTimers;
  /** Delivers the webhook outbox; routes wake it after commits that wrote events. */
  webhooks: WebhookDispatcher;
  apiKey: string;
  pendingSettleMs: number;
  timeoutDelayMs: number;
  /** `http://host:port`, known once the server listens; used for buyer-page links (3-D Secure, PayPay QR). */
  baseUrl: string;
  /** Present when the Stripe-compatible API is served. */
  stripe?: StripeSimOptions;
  /** Present when the PayPay-compatible API is served. */
  paypay?: PayPaySimOptions;
}
