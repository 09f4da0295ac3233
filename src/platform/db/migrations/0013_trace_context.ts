import { sql, type Kysely } from 'kysely';

/** The W3C traceparent of the work that made a task or an event, so its follow-ups join the same trace (null when not tracing). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table tasks add column trace_parent text;
    alter table outbox add column trace_parent text;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table tasks drop column trace_parent;
    alter table outbox drop column trace_parent;
  `.execute(db);
}
