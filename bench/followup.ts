import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

const FOLLOW_UP_SQL = `
  select o.order_no, o.created_at, max(t.done_at) as done_at, bool_and(t.state = 'done') as all_done
  from orders o join tasks t on t.reference = o.order_no
  where o.order_no = any($1)
  group by 1, 2`;

interface Row {
  order_no: string;
  created_at: Date;
  done_at: Date | null;
  all_done: boolean;
}

export interface FollowUpResult {
  /** Per finished order: last task's done_at − the moment its POST answer arrived, clamped at 0 (ms). */
  delaysMs: number[];
  /** Orders whose tasks had not all finished by the deadline. */
  unfinished: string[];
  waitedMs: number;
  /** Epoch ms of the last follow-up task done among the finished orders (undefined when none finished). */
  lastDoneAt?: number;
}

/**
 * Polls the tasks table until every follow-up task (capture, commit stock,
 * mails) of every given order is `done`, or the deadline passes.
 * `arrivals` maps orderNo → epoch ms at which its 201 arrived.
 */
export async function waitForFollowUps(client: pg.Client, arrivals: ReadonlyMap<string, number>, timeoutMs: number, pollMs = 250): Promise<FollowUpResult> {
  const started = Date.now();
  const deadline = started + timeoutMs;
  const pending = new Set(arrivals.keys());
  const delaysMs: number[] = [];
  let lastDoneAt: number | undefined;
  while (pending.size > 0) {
    const { rows } = await client.query<Row>(FOLLOW_UP_SQL, [[...pending]]);
    for (const row of rows) {
      const arrivedAt = arrivals.get(row.order_no);
      if (!row.all_done || !row.done_at || arrivedAt === undefined) continue;
      delaysMs.push(Math.max(0, row.done_at.getTime() - arrivedAt));
      lastDoneAt = Math.max(lastDoneAt ?? 0, row.done_at.getTime());
      pending.delete(row.order_no);
    }
    if (pending.size === 0 || Date.now() >= deadline) break;
    await sleep(pollMs);
  }
  return { delaysMs, unfinished: [...pending], waitedMs: Date.now() - started, ...(lastDoneAt !== undefined ? { lastDoneAt } : {}) };
}
