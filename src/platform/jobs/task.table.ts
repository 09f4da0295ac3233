import type { ColumnType, Generated } from 'kysely';

export type TaskState = 'queued' | 'done' | 'dead' | 'discarded';

/** One follow-up task: what graphile-worker runs, plus the history operators need. */
export interface TasksTable {
  id: Generated<number>;
  name: string;
  reference: string | null;
  payload: ColumnType<Record<string, unknown>, string, string>;
  /** Lower runs first: what the buyer waits for (webhooks, polls) goes before mails and captures. */
  priority: Generated<number>;
  state: TaskState;
  attempts: Generated<number>;
  last_error: string | null;
  errors: ColumnType<TaskErrorEntry[], string | undefined, string>;
  request_id: string | null;
  /** The W3C traceparent of the work that enqueued it: its run joins that trace. */
  trace_parent: Generated<string | null>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  done_at: Date | null;
  died_at: Date | null;
  discarded_reason: string | null;
  discarded_by: string | null;
  discarded_at: Date | null;
  /** The last time an operator put this dead task back in the queue, and who did. */
  retried_at: Date | null;
  retried_by: string | null;
  /** How many times operators put this task back in the queue. */
  retries: Generated<number>;
}

export interface TaskErrorEntry {
  at: string;
  attempt: number;
  error: string;
}

export interface TaskTables {
  tasks: TasksTable;
  worker_processes: WorkerProcessesTable;
}

/** A graphile-worker pool of one of our processes, so its locks can be freed once that process is provably dead. */
export interface WorkerProcessesTable {
  worker_id: string;
  pid: number;
  proc_start: string | null;
  host: string;
  started_at: Generated<Date>;
  heartbeat_at: Generated<Date>;
}
