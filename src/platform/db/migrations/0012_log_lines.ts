import { sql, type Kysely } from 'kysely';

/** Recent warn and error lines of every process (platform/logs/log.keeper.ts), for live triage. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table log_lines (
      id bigserial primary key,
      at timestamptz not null,
      level smallint not null,
      line jsonb not null
    );
    create index log_lines_at on log_lines (at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table log_lines;`.execute(db);
}
