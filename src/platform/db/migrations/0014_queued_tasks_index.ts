import { sql, type Kysely } from 'kysely';

/** The queued tasks alone (the backlog gauges read them at every scrape; done tasks pile up forever). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index tasks_queued on tasks (name) include (created_at, retried_at) where state = 'queued';`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index tasks_queued;`.execute(db);
}
