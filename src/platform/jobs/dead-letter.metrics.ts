import { Gauge, type Registry } from 'prom-client';
import type { Db } from '../db/database.ts';
import type { Logger } from '../logging.ts';
import { countDeadLetters } from './dead-letter.service.ts';

/**
 * Registers `orderly_dead_letters{task}`: dead follow-up tasks per task name,
 * counted by one query at scrape time, so the number is never stale and no code
 * path has to remember to update it. A task name that had dead letters stays
 * in the output at 0 once they are retried or discarded, so alerts resolve
 * instead of losing their series.
 */
export function registerDeadLetterGauge(registry: Registry, db: Db, log?: Logger): Gauge<'task'> {
  const seen = new Set<string>();
  return new Gauge({
    name: 'orderly_dead_letters',
    help: 'Follow-up tasks that exhausted their retries and wait for an operator (retry or discard), by task name',
    labelNames: ['task'],
    registers: [registry],
    async collect() {
      let counts: { task: string; count: number }[];
      try {
        counts = await countDeadLetters(db);
      } catch (e) {
        // An unreachable database must not take the other metrics down with it: no samples, one log line.
        log?.warn({ event: 'metrics_query_failed', err: e }, 'could not count dead letters for /metrics');
        this.reset();
        return;
      }
      for (const task of seen) this.set({ task }, 0);
      for (const { task, count } of counts) {
        seen.add(task);
        this.set({ task }, count);
      }
    },
  });
}
