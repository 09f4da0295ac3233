import type pg from 'pg';
import { withTransaction } from './sim.db.ts';

/**
 * Arbitrary but fixed key for pg_advisory_xact_lock: concurrent migrators (the
 * service and the simulator starting together, parallel test files) queue on it
 * instead of racing on `create schema if not exists`, which is not race-free.
 */
const MIGRATE_LOCK_KEY = 7_301_544_210;

/**
 * The version of DDL below. Bump it with every change to DDL: a database at
 * this version skips the DDL altogether. (Its `alter table … if not exists`
 * take an ACCESS EXCLUSIVE lock even when there is nothing to add, so running
 * it at every start beside a busy simulator deadlocked with its webhook
 * dispatcher: `orderly api` beside a `start` failed "deadlock detected".)
 */
const SCHEMA_VERSION = 6;

const DDL = `
create schema if not exists psp_sim;

create table if not exists psp_sim.payments (
  id                text primary key,
  reference         text not null,
  idempotency_key   text not null,
  amount            bigint not null check (amount > 0),
  currency          text not null,
  token             text not null,
  status            text not null check (status in
                      ('authorized','declined','processing','requires_action','captured','voided','refunded')),
  decline_code      text,
  settle_at         timestamptz,
  authorized_amount bigint not null default 0,
  captured_amount   bigint not null default 0,
  refunded_amount   bigint not null default 0,
  created_at        timestamptz not null default clock_timestamp(),
  updated_at        timestamptz not null default clock_timestamp(),
  check (refunded_amount <= captured_amount),
  check (captured_amount <= amount)
);
create index if not exists payments_reference_idx on psp_sim.payments (reference, created_at);
create index if not exists payments_idempotency_key_idx on psp_sim.payments (idempotency_key);
create index if not exists payments_settle_due_idx on psp_sim.payments (settle_at) where status = 'processing';

create table if not exists psp_sim.idempotency (
  key             text primary key,
  endpoint        text not null,
  request_hash    text not null,
  state           text not null check (state in ('in_progress','done')),
  claim_token     text,
  locked_at       timestamptz not null default clock_timestamp(),
  response_status int,
  response_body   jsonb,
  created_at      timestamptz not null default clock_timestamp()
);

-- Added after the first release: 'add column if not exists' keeps older databases migrating.
alter table psp_sim.payments
  add column if not exists method text not null default 'card' check (method in ('card','paypay'));

-- The webhook outbox: one row per status change, written in the transaction of the change.
create table if not exists psp_sim.webhook_events (
  id               text primary key default ('evt_' || left(md5(gen_random_uuid()::text), 24)),
  payment_id       text not null,
  reference        text not null,
  type             text not null,
  -- The event's "data" object: { "payment": <PaymentJson> } as it was at the change.
  payload          jsonb not null,
  created_at       timestamptz not null default clock_timestamp(),
  state            text not null default 'pending'
                     check (state in ('pending','delivered','dropped','failed','held')),
  attempts         int not null default 0,
  next_attempt_at  timestamptz not null default clock_timestamp(),
  last_status      int,
  last_error       text,
  delivered_at     timestamptz,
  -- Delivery bookkeeping: fault rules are taken once per event; duplicate copies still owed;
  -- successful deliveries including copies; the claim lease; the reorder hold.
  faults_applied   boolean not null default false,
  copies_left      int not null default 0,
  deliveries_total int not null default 0,
  lease_token      text,
  held_group       text,
  held_until       timestamptz
);
create index if not exists webhook_events_due_idx on psp_sim.webhook_events (next_attempt_at)
  where state = 'pending' or copies_left > 0;
create index if not exists webhook_events_reference_idx on psp_sim.webhook_events (reference, created_at);
-- Added with the Stripe- and PayPay-compatible APIs: which simulated PSP a payment (and its
-- events) belongs to, and the provider-specific fields those APIs keep.
alter table psp_sim.payments
  add column if not exists provider text not null default 'psp-sim' check (provider in ('psp-sim','stripe','paypay')),
  add column if not exists meta jsonb not null default '{}'::jsonb;
alter table psp_sim.webhook_events
  add column if not exists provider text not null default 'psp-sim';
create index if not exists payments_meta_idx on psp_sim.payments using gin (meta jsonb_path_ops);

create index if not exists webhook_events_held_idx on psp_sim.webhook_events (held_group) where state = 'held';

-- Added with the list APIs (reconciliation): each provider's payments in creation order, paged by (created_at, id).
create index if not exists payments_provider_created_idx on psp_sim.payments (provider, created_at, id);

-- Added with refund statuses: every refund is a record of its own (pending until it settles, then
-- succeeded or failed); payments.refunded_amount counts the succeeded ones. settle_* is the test
-- control's plan for a pending refund (the "settle" option of a refund fault rule).
create table if not exists psp_sim.refunds (
  id                    text primary key,
  payment_id            text not null references psp_sim.payments (id),
  provider              text not null check (provider in ('psp-sim','stripe','paypay')),
  amount                bigint not null check (amount > 0),
  status                text not null check (status in ('pending','succeeded','failed')),
  idempotency_key       text,
  failure_reason        text,
  settle_at             timestamptz,
  settle_outcome        text check (settle_outcome in ('succeeded','failed')),
  settle_failure_reason text,
  meta                  jsonb not null default '{}'::jsonb,
  created_at            timestamptz not null default clock_timestamp(),
  updated_at            timestamptz not null default clock_timestamp(),
  check (status <> 'pending' or (settle_at is not null and settle_outcome is not null))
);
create index if not exists refunds_payment_idx on psp_sim.refunds (payment_id, created_at, id);
create index if not exists refunds_settle_due_idx on psp_sim.refunds (settle_at) where status = 'pending';
-- PayPay refunds were kept in the payment's meta before: carried over once (deterministic ids).
insert into psp_sim.refunds (id, payment_id, provider, amount, status, idempotency_key, meta, created_at, updated_at)
select 'ref_pp' || left(md5(p.id || ':' || (r->>'merchantRefundId')), 24), p.id, p.provider, (r->'amount'->>'amount')::bigint,
       'succeeded', r->>'merchantRefundId',
       jsonb_build_object('acceptedAt', r->'acceptedAt', 'requestedAt', r->'requestedAt', 'reason', r->'reason'),
       p.updated_at, p.updated_at
  from psp_sim.payments p
 cross join lateral jsonb_array_elements(case when jsonb_typeof(p.meta->'refunds') = 'array' then p.meta->'refunds' else '[]'::jsonb end) r
 where p.provider = 'paypay'
on conflict (id) do nothing;
`;

/**
 * Creates schema `psp_sim` and its tables when missing, or brings them up to
 * SCHEMA_VERSION. Idempotent and safe to call from several processes at once
 * (serialised by an advisory lock); a database already at the version is only read.
 */
export async function migratePspSim(pool: pg.Pool): Promise<void> {
  await withTransaction(pool, async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATE_LOCK_KEY]);
    const marked = (await tx.query<{ t: string | null }>(`select to_regclass('psp_sim.schema_version')::text as t`)).rows[0]?.t;
    const at = marked ? (await tx.query<{ version: number }>('select max(version) as version from psp_sim.schema_version')).rows[0]?.version : undefined;
    if ((at ?? 0) >= SCHEMA_VERSION) return;
    await tx.query(DDL);
    await tx.query('create table if not exists psp_sim.schema_version (version integer not null)');
    await tx.query('delete from psp_sim.schema_version');
    await tx.query('insert into psp_sim.schema_version (version) values ($1)', [SCHEMA_VERSION]);
  });
}
