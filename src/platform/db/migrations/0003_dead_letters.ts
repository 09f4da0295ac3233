import { sql, type Kysely } from 'kysely';

/**
 * Dead-letter operations: when a dead task was given up on (its reason and
 * author were already kept), and who last put it back in the queue, when, and
 * how many times in all. The task's error history is never cleared.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table tasks
      add column discarded_at timestamptz,
      add column retried_at timestamptz,
      add column retried_by text,
      add column retries integer not null default 0;
    -- Tasks discarded before this migration: the last update was the discard.
    update tasks set discarded_at = updated_at where state = 'discarded';
    create index tasks_discarded on tasks (discarded_at desc) where state = 'discarded';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index tasks_discarded;
    alter table tasks
      drop column retries,
      drop column retried_by,
      drop column retried_at,
      drop column discarded_at;
  `.execute(db);
}
