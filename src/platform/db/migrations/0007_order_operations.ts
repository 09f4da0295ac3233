import { sql, type Kysely } from 'kysely';

/**
 * Operators act on paid orders:
 * - a cancelled order records who cancelled it, when and why;
 * - a cancelled sale's committed stock comes back on hand (`RETURNED`);
 * - every attempt keeps what its PSP says it captured and refunded, so money
 *   on an attempt the order does not follow (a stray) is accounted for too.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table orders add column cancelled_at timestamptz, add column cancelled_by text, add column cancel_reason text;
    alter table reservations drop constraint reservations_status_check;
    alter table reservations add constraint reservations_status_check check (status in ('HELD', 'COMMITTED', 'RELEASED', 'RETURNED'));
    alter table payment_attempts add column amount bigint, add column captured_amount bigint not null default 0, add column refunded_amount bigint not null default 0;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table payment_attempts drop column amount, drop column captured_amount, drop column refunded_amount;
    alter table reservations drop constraint reservations_status_check;
    alter table reservations add constraint reservations_status_check check (status in ('HELD', 'COMMITTED', 'RELEASED'));
    alter table orders drop column cancelled_at, drop column cancelled_by, drop column cancel_reason;
  `.execute(db);
}
