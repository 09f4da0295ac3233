import { sql, type Kysely } from 'kysely';

/**
 * What the ops console reads: every run of reconciliation (periodic or asked for) with what it checked and
 * found, newest first; a run is written when it starts and completed when it ends, so one cut off by a crash
 * stays `running` with no `finished_at`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table reconcile_runs (
      id bigserial primary key,
      trigger text not null check (trigger in ('periodic', 'operator')),
      by text not null,
      status text not null check (status in ('running', 'finished', 'failed')),
      started_at timestamptz not null,
      finished_at timestamptz,
      window_from timestamptz not null,
      window_to timestamptz not null,
      providers jsonb not null default '[]',
      payments_checked integer not null default 0,
      orders_checked integer not null default 0,
      reobserved integer not null default 0,
      agreed integer not null default 0,
      remediations integer not null default 0,
      escalated integer not null default 0,
      error text
    );
    create index reconcile_runs_started on reconcile_runs (started_at desc, id desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table reconcile_runs;`.execute(db);
}
