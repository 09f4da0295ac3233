import type { Config } from '../config.ts';
import type { Mailer } from '../notifications/index.ts';
import type { Payments } from '../payments/index.ts';
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logging.ts';
import type { Metrics } from '../platform/metrics.ts';

/** What the purchase workflow needs from the process. */
export interface CheckoutDeps {
  db: Db;
  config: Config;
  payments: Payments;
  mailer: Mailer;
  log: Logger;
  metrics: Metrics;
  /** Signs channel tokens (live order updates). */
  jwtSecret: string;
  /** Refuses new purchases while the follow-ups are too far behind (FOLLOWUP_BACKLOG_MAX); absent: never. */
  backlog?: { isOver(): boolean };
}
