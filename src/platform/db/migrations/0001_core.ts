import { sql, type Kysely } from 'kysely';

/**
 * The core schema. Invariants live in the schema where Postgres can hold them:
 * stock can never be reserved past what is on hand (I1), one payment per order,
 * one mail per dedupe key (I4), one idempotency record per customer and key (I6).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table products (
      sku text primary key,
      name text not null,
      price bigint not null check (price >= 0),
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table stock (
      sku text primary key references products (sku),
      on_hand integer not null default 0,
      reserved integer not null default 0,
      constraint stock_no_oversell check (reserved >= 0 and on_hand >= reserved)
    );
    create table reservations (
      id bigserial primary key,
      reference text not null,
      sku text not null references products (sku),
      quantity integer not null check (quantity > 0),
      status text not null check (status in ('HELD', 'COMMITTED', 'RELEASED')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (reference, sku)
    );
    create index reservations_held on reservations (sku) where status = 'HELD';

    create table orders (
      id bigserial primary key,
      order_no text not null unique,
      customer_id text not null,
      status text not null check (status in ('PENDING', 'WAITING_PAYMENT', 'PAID', 'FAILED', 'CANCELLED')),
      total_amount bigint not null check (total_amount >= 0),
      currency text not null,
      shipping_address jsonb not null,
      payment_method text not null,
      buyer_email text,
      failure_reason text,
      deadline_at timestamptz not null,
      request_id text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      decided_at timestamptz
    );
    create index orders_pending_deadline on orders (deadline_at) where status in ('PENDING', 'WAITING_PAYMENT');
    create index orders_status_created on orders (status, created_at desc, id desc);
    create index orders_created on orders (created_at desc, id desc);
    create table order_items (
      order_id bigint not null references orders (id),
      sku text not null,
      name text not null,
      unit_price bigint not null,
      quantity integer not null check (quantity > 0),
      primary key (order_id, sku)
    );
    create index order_items_sku on order_items (sku);
    -- The order's timeline and its outbox: written in the transaction of the change it records.
    create table order_events (
      id bigserial primary key,
      order_id bigint not null references orders (id),
      type text not null,
      data jsonb not null default '{}',
      at timestamptz not null default clock_timestamp()
    );
    create index order_events_order on order_events (order_id, id);

    create table payments (
      id bigserial primary key,
      reference text not null unique,
      amount bigint not null check (amount >= 0),
      currency text not null,
      method text not null,
      status text not null,
      provider text,
      authorized_amount bigint not null default 0,
      captured_amount bigint not null default 0,
      refunded_amount bigint not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create table payment_attempts (
      id bigserial primary key,
      payment_id bigint not null references payments (id),
      n integer not null,
      provider text not null,
      idempotency_key text not null unique,
      provider_payment_id text,
      status text not null,
      decline_code text,
      last_error text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (payment_id, n)
    );

    create table notifications (
      id bigserial primary key,
      dedupe_key text not null unique,
      kind text not null,
      reference text,
      recipient text not null,
      subject text not null,
      body text not null,
      transport text not null,
      sent_at timestamptz not null default now()
    );
    create index notifications_reference on notifications (reference);

    create table tasks (
      id bigserial primary key,
      name text not null,
      reference text,
      payload jsonb not null default '{}',
      state text not null check (state in ('queued', 'done', 'dead', 'discarded')),
      attempts integer not null default 0,
      last_error text,
      errors jsonb not null default '[]',
      request_id text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      done_at timestamptz,
      died_at timestamptz,
      discarded_reason text,
      discarded_by text
    );
    create index tasks_reference on tasks (reference);
    create index tasks_dead on tasks (died_at desc) where state = 'dead';

    create table idempotency_keys (
      customer_id text not null,
      key text not null,
      request_hash text not null,
      state text not null check (state in ('in_progress', 'done')),
      order_no text,
      response_status integer,
      response_body jsonb,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      primary key (customer_id, key)
    );
    create index idempotency_keys_expiry on idempotency_keys (expires_at);
    create index idempotency_keys_order on idempotency_keys (order_no) where state = 'in_progress';
  `.execute(db);
}
