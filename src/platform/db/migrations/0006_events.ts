import { sql, type Kysely } from 'kysely';

/**
 * Events leave the process through a transactional outbox:
 * - `outbox` rows are written in the transaction of the change they tell of;
 *   the relay marks each row itself (never a cursor over ids, so a row whose
 *   transaction commits after a higher id's is never skipped);
 * - the Postgres-backed stream is the outbox in `stream_seq` order, a
 *   gap-free sequence the relay hands out under a lock (`event_stream_head`),
 *   so consumers can keep a plain offset (`stream_offsets`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table outbox (
      id bigserial primary key,
      event_id uuid not null unique,
      family text not null,
      type text not null,
      version integer not null,
      subject text not null,
      key text not null,
      data jsonb not null,
      occurred_at timestamptz not null default clock_timestamp(),
      stream_seq bigint unique,
      published_at timestamptz
    );
    create index outbox_unpublished on outbox (id) where published_at is null;
    create index outbox_key on outbox (key, id);
    create index outbox_published_at on outbox (published_at) where published_at is not null;

    create table event_stream_head (
      id integer primary key check (id = 1),
      seq bigint not null
    );
    insert into event_stream_head (id, seq) values (1, 0);

    create table stream_offsets (
      consumer text not null,
      source text not null,
      position bigint not null default 0,
      updated_at timestamptz not null default now(),
      primary key (consumer, source)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table stream_offsets; drop table event_stream_head; drop table outbox;`.execute(db);
}
