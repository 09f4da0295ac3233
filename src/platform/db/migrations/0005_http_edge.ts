import { sql, type Kysely } from 'kysely';

/**
 * One HTTP edge:
 * - idempotency records keep what a purchase came to as data (`outcome`),
 *   not an HTTP answer: the API maps it onto status, headers and body, in the
 *   replaying request's language. Records written before keep their stored
 *   answer and are replayed as they were;
 * - stock counts are bigint, so no sequence of stock moves can overflow them
 *   (moves are also bounded: see inventory.repository.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table idempotency_keys add column outcome jsonb;
    alter table stock alter column on_hand type bigint, alter column reserved type bigint;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table stock alter column on_hand type integer, alter column reserved type integer;
    alter table idempotency_keys drop column outcome;
  `.execute(db);
}
