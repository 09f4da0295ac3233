import type { Registry } from 'prom-client';
import type { Config } from '../config.ts';
import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logging.ts';

/** The stream consumer's name: its position is kept under it. */
export const OUTBOUND_CONSUMER = 'outbound-webhooks';
/** The task that POSTs one delivery (graphile-worker task identifier). */
export const DELIVER_TASK = 'deliver_webhook';
/** After the buyer-facing work (URGENT is -10, follow-ups 0): another system waiting a little never delays a capture. */
export const DELIVERY_PRIORITY = 10;

/** The settings the module reads (declared, with their meaning, in config.ts). */
export type OutboundSettings = Config['outbound'];

/** What the module needs from the process. */
export interface OutboundDeps {
  db: Db;
  log: Logger;
  /** The process's Prometheus registry. */
  registry: Registry;
  settings: OutboundSettings;
}
