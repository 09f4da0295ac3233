import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logging.ts';
import { countFreshQueued, oldestDueWaitMs } from '../platform/jobs/task.repository.ts';
import { TASKS } from './followup.names.ts';

/** The follow-ups of a PAID order: what a settled checkout waits for. */
const SETTLING = [TASKS.capturePayment, TASKS.commitStock, TASKS.sendMail];
const REFRESH_MS = 500;

/**
 * Backpressure on purchases (issue 13): new purchases are refused with `503 CHECKOUT_BUSY` and
 * `Retry-After` before anything is written, instead of the follow-up work of paid orders (capture, stock
 * commit, mails) falling further behind for as long as the load lasts, when either
 * - more than FOLLOWUP_BACKLOG_MAX of those tasks wait for their first run, or
 * - the longest-waiting of their due jobs has waited more than FOLLOWUP_LAG_MAX_MS for a worker: the
 *   same bound in time, whatever the machine's speed (a settled checkout is that late, plus its run).
 * Tasks waiting on a retry or a rerun (a PSP or SMTP outage) do not count until they are due: they are
 * not behind, they are blocked, and refusing buyers would not unblock them.
 *
 * Both are read every half second in the background (the count from the partial index `tasks_fresh`,
 * migration 0015; the wait from graphile-worker's `jobs` view); the purchase path only reads a boolean.
 */
export class FollowUpBacklog {
  private over = false;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly limits: { maxTasks: number; maxLagMs: number },
    private readonly log: Logger,
  ) {}

  /** Whether new purchases must wait. */
  isOver(): boolean {
    return this.over;
  }

  start(): void {
    if (this.limits.maxTasks <= 0 && this.limits.maxLagMs <= 0) return;
    this.timer = setInterval(() => void this.read(), REFRESH_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reading;
  }

  private read(): Promise<void> {
    const { maxTasks, maxLagMs } = this.limits;
    this.reading ??= Promise.all([maxTasks > 0 ? countFreshQueued(this.db, SETTLING) : 0, maxLagMs > 0 ? oldestDueWaitMs(this.db, SETTLING) : 0])
      .then(([queued, lagMs]) => this.set(queued, Math.round(lagMs)))
      // A count that cannot be read changes nothing: the database's own trouble answers purchases already.
      .catch(() => undefined)
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  private set(queued: number, lagMs: number): void {
    const { maxTasks, maxLagMs } = this.limits;
    const over = (maxTasks > 0 && queued > maxTasks) || (maxLagMs > 0 && lagMs > maxLagMs);
    if (over === this.over) return;
    this.over = over;
    const fields = { queued, maxTasks, lagMs, maxLagMs };
    if (over) this.log.warn({ event: 'followup_backlog_over', ...fields }, 'follow-ups are behind: new purchases are refused (503 CHECKOUT_BUSY) until they catch up');
    else this.log.info({ event: 'followup_backlog_cleared', ...fields }, 'follow-ups caught up: purchases are taken again');
  }
}
