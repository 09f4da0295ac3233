import type { Tx } from '../db/database.ts';

/** A follow-up task's life as the outside sees it: it died, or an operator put it back or gave up on it. */
export type TaskLifecycle =
  | { kind: 'dead'; taskId: number; task: string; reference: string | null; attempts: number; lastError: string }
  | { kind: 'requeued'; taskId: number; task: string; reference: string | null; by: string }
  | { kind: 'discarded'; taskId: number; task: string; reference: string | null; by: string; reason: string };

/**
 * Writes a lifecycle event in the transaction of the change (the events
 * module's, given by the composition root: platform knows no event catalog).
 * The task's reference's event key is held already.
 */
export type TaskEventWriter = (tx: Tx, e: TaskLifecycle) => Promise<void>;
