import { sql, type Kysely } from 'kysely';

/**
 * Production-safe operation:
 * - `worker_processes`: every graphile-worker pool this service runs, with the
 *   process behind it and a heartbeat, so the locks of a pool whose process is
 *   provably dead are freed with graphile-worker's own `force_unlock_workers`;
 * - mails record their intent (`sending`, with a stable Message-ID) before the
 *   SMTP send and become `sent` after it, so a task that runs twice never
 *   sends twice while the first run may still be sending.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table worker_processes (
      worker_id text primary key,
      pid integer not null,
      proc_start text,
      host text not null,
      started_at timestamptz not null default now(),
      heartbeat_at timestamptz not null default now()
    );

    alter table notifications
      add column state text not null default 'sent' check (state in ('sending', 'sent')),
      add column message_id text,
      add column claimed_at timestamptz not null default now(),
      alter column sent_at drop not null,
      alter column sent_at drop default;
    update notifications set claimed_at = sent_at;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from notifications where state = 'sending';
    alter table notifications
      alter column sent_at set default now(),
      alter column sent_at set not null,
      drop column claimed_at,
      drop column message_id,
      drop column state;
    drop table worker_processes;
  `.execute(db);
}
