import type pg from 'pg';
import type { Logger } from 'pino';
import type { FaultRules } from './sim.faults.ts';
import type { PendingTimers } from './sim.timers.ts';

/** What every simulator route needs; one per running simulator. */
export interface SimContext {
  pool: pg.Pool;
  log: Logger;
  faults: FaultRules;
  timers: PendingTimers;
  apiKey: string;
  pendingSettleMs: number;
  timeoutDelayMs: number;
  /** `http://host:port`, known once the server listens; used for 3-D Secure links. */
  baseUrl: string;
}
