import { sql, type Kysely } from 'kysely';

/**
 * Operators refund: every refund is a row before any PSP call (its key fixed
 * by its id), followed through the PSP's statuses to `succeeded` or `failed`;
 * operator actions (cancel, refund) keep their idempotency key and first
 * result, so a repeated request never refunds twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table refunds (
      id bigserial primary key,
      reference text not null,
      payment_id bigint not null references payments (id),
      attempt_id bigint not null references payment_attempts (id),
      amount bigint not null check (amount > 0),
      status text not null check (status in ('requested', 'pending', 'succeeded', 'failed')),
      idempotency_key text not null unique,
      provider_refund_id text,
      reason text not null,
      requested_by text not null,
      meta jsonb not null default '{}',
      failure_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      settled_at timestamptz
    );
    create index refunds_reference on refunds (reference, id);
    create index refunds_open on refunds (reference) where status in ('requested', 'pending');

    create table operator_actions (
      key text primary key,
      action text not null,
      order_no text not null,
      request_hash text not null,
      result jsonb,
      by text not null,
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table operator_actions; drop table refunds;`.execute(db);
}
