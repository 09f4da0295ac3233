import { sql, type Kysely } from 'kysely';

/** Every repair reconciliation (or an operator) made, with the rule it answered: the audit trail. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table remediations (
      id bigserial primary key,
      order_no text not null,
      rule_id text not null,
      action text not null,
      outcome text not null,
      by text not null,
      detail jsonb not null default '{}',
      created_at timestamptz not null default now()
    );
    create index remediations_order on remediations (order_no, id);
    create index remediations_created on remediations (created_at desc, id desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table remediations;`.execute(db);
}
