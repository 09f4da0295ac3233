import type { Tx } from '../platform/db/database.ts';
import type { TaskLifecycle } from '../platform/jobs/task.events.ts';
import { emitEvent } from './emit.ts';

/**
 * The tasks family: a follow-up task died, or an operator put it back or
 * gave up on it (given to the task runner and the dead-letter actions, which
 * are platform and know no catalog). Keyed by the task's order, so the
 * monitor sees it in order with the order's other events.
 */
export async function writeTaskEvent(tx: Tx, e: TaskLifecycle): Promise<void> {
  const key = e.reference ?? `task:${e.taskId}`;
  const base = { taskId: e.taskId, task: e.task, reference: e.reference };
  switch (e.kind) {
    case 'dead':
      await emitEvent(tx, 'task-dead', key, { ...base, attempts: e.attempts, lastError: e.lastError });
      return;
    case 'requeued':
      await emitEvent(tx, 'task-requeued', key, { ...base, by: e.by });
      return;
    case 'discarded':
      await emitEvent(tx, 'task-discarded', key, { ...base, by: e.by, reason: e.reason });
      return;
  }
}
