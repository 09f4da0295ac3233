import { sql, type Kysely } from 'kysely';

/**
 * Asynchronous payments (QR, 3-D Secure): an order waits for the buyer until
 * its payment expires; the payment keeps the buyer's next step; every PSP
 * webhook is stored raw, once per event id, before anything acts on it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table orders add column payment_expires_at timestamptz;
    create index orders_waiting_expiry on orders (payment_expires_at) where status = 'WAITING_PAYMENT';
    alter table payments add column next_action jsonb;
    -- graphile-worker priority of a task's job (lower runs first), kept for its retries.
    alter table tasks add column priority integer not null default 0;

    create table payment_webhook_events (
      id bigserial primary key,
      provider text not null,
      event_id text not null,
      type text not null,
      reference text,
      raw_body text not null,
      received_at timestamptz not null default clock_timestamp(),
      processed_at timestamptz,
      unique (provider, event_id)
    );
    create index payment_webhook_events_reference on payment_webhook_events (reference, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table payment_webhook_events;
    alter table tasks drop column priority;
    alter table payments drop column next_action;
    drop index orders_waiting_expiry;
    alter table orders drop column payment_expires_at;
  `.execute(db);
}
