import type { Config } from '../../config.ts';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import type { Payments } from '../../payments/index.ts';

/** What routes and task handlers are given: the process's shared handles. */
export interface AppContext {
  config: Config;
  db: Db;
  log: Logger;
  payments: Payments;
  adminKey: string;
  jwtSecret: string;
}
