import { sql, type Kysely } from 'kysely';

/**
 * Outbound webhooks: the shop's other systems subscribe to event types and
 * get each event POSTed to them, signed. One delivery per (subscription,
 * event) — the unique pair makes a replayed stream create none twice; the
 * event's body is kept once beside them, because redelivery must work after
 * the outbox's retention has deleted the event; every attempt is a row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outbound_subscriptions (
      id uuid primary key,
      url text not null check (length(url) <= 2000),
      event_types text[] not null check (cardinality(event_types) > 0),
      description text,
      status text not null check (status in ('active', 'disabled')),
      secret text not null,
      disabled_reason text check (disabled_reason in ('operator', 'gone')),
      disabled_at timestamptz,
      secret_rotated_at timestamptz,
      created_at timestamptz not null default clock_timestamp(),
      updated_at timestamptz not null default clock_timestamp()
    );
    create index outbound_subscriptions_created on outbound_subscriptions (created_at, id);

    create table outbound_events (
      event_id uuid primary key,
      type text not null,
      key text not null,
      occurred_at timestamptz not null,
      body text not null,
      created_at timestamptz not null default now()
    );

    create table outbound_deliveries (
      id uuid primary key,
      subscription_id uuid not null references outbound_subscriptions (id) on delete cascade,
      event_id uuid not null references outbound_events (event_id),
      status text not null check (status in ('pending', 'delivered', 'dead', 'skipped')),
      series integer not null default 1,
      attempts integer not null default 0,
      next_attempt_at timestamptz,
      last_status integer,
      last_error text,
      created_at timestamptz not null default clock_timestamp(),
      updated_at timestamptz not null default clock_timestamp(),
      delivered_at timestamptz,
      dead_at timestamptz,
      redelivered_at timestamptz,
      redelivered_by text,
      unique (subscription_id, event_id)
    );
    create index outbound_deliveries_newest on outbound_deliveries (subscription_id, created_at desc, id desc);
    create index outbound_deliveries_pending on outbound_deliveries (status) where status = 'pending';

    create table outbound_attempts (
      id bigserial primary key,
      delivery_id uuid not null references outbound_deliveries (id) on delete cascade,
      series integer not null,
      attempt integer not null,
      started_at timestamptz not null,
      duration_ms integer not null,
      http_status integer,
      error text,
      response_body text,
      outcome text not null check (outcome in ('delivered', 'failed'))
    );
    create index outbound_attempts_delivery on outbound_attempts (delivery_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table outbound_attempts; drop table outbound_deliveries; drop table outbound_events; drop table outbound_subscriptions;`.execute(db);
}
