import type { Db } from '../platform/db/database.ts';
import type { Logger } from '../platform/logging.ts';
import { countFreshQueued } from '../platform/jobs/task.repository.ts';
import { TASKS } from './followup.names.ts';

/** The follow-ups of a PAID order: what a settled checkout waits for. */
const SETTLING = [TASKS.capturePayment, TASKS.commitStock, TASKS.sendMail];
const REFRESH_MS = 500;

/**
 * Backpressure on purchases (issue 13): when the follow-up work of paid orders (capture, stock commit,
 * mails) waiting for its first run passes FOLLOWUP_BACKLOG_MAX tasks, new purchases are refused with
 * `503 CHECKOUT_BUSY` and `Retry-After` before anything is written, instead of the backlog growing for
 * as long as the load lasts. Tasks waiting on a retry (a PSP or SMTP outage) do not count: they are not
 * behind, they are blocked, and refusing buyers would not unblock them.
 *
 * The count is read every half second in the background (from the partial index `tasks_fresh`, migration
 * 0015); the purchase path only reads a boolean.
 */
export class FollowUpBacklog {
  private over = false;
  private timer: NodeJS.Timeout | undefined;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly max: number,
    private readonly log: Logger,
  ) {}

  /** Whether new purchases must wait. */
  isOver(): boolean {
    return this.over;
  }

  start(): void {
    if (this.max <= 0) return;
    this.timer = setInterval(() => void this.read(), REFRESH_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.reading;
  }

  private read(): Promise<void> {
    this.reading ??= countFreshQueued(this.db, SETTLING)
      .then((n) => this.set(n))
      // A count that cannot be read changes nothing: the database's own trouble answers purchases already.
      .catch(() => undefined)
      .finally(() => (this.reading = undefined));
    return this.reading;
  }

  private set(n: number): void {
    const over = n > this.max;
    if (over === this.over) return;
    this.over = over;
    if (over) this.log.warn({ event: 'followup_backlog_over', queued: n, max: this.max }, 'follow-ups are behind: new purchases are refused (503 CHECKOUT_BUSY) until they catch up');
    else this.log.info({ event: 'followup_backlog_cleared', queued: n, max: this.max }, 'follow-ups caught up: purchases are taken again');
  }
}
