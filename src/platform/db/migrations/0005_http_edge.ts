import { sql, type Kysely } from 'kysely';

/**
 * One HTTP edge:
 * - idempotency records keep what a purchase came to as data (`outcome`),
 *   not an HTTP answer: the API maps it onto status, headers and body, in the
 *   replaying request's language. Records written before keep their stored
 *   answer and are replayed as they were;
 * - stock counts are bigint, so no sequence of stock moves can overflow them
 *   (moves are also bounded: see inventory.repository.ts);
 * - a change of a payment (captured, voided, refunded …) tells the live
 *   subscribers of its order, like a change of the order itself does: the
 *   same NOTIFY channel (checkout's ORDER_CHANGED_CHANNEL), sent by a trigger in
 *   the changing transaction, so payments need not know that orders exist.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table idempotency_keys add column outcome jsonb;
    alter table stock alter column on_hand type bigint, alter column reserved type bigint;

    create function orderly_payment_changed() returns trigger language plpgsql as $$
    begin
      if (new.status, new.authorized_amount, new.captured_amount, new.refunded_amount, new.next_action)
         is distinct from (old.status, old.authorized_amount, old.captured_amount, old.refunded_amount, old.next_action) then
        perform pg_notify('orderly_order_changed', new.reference);
      end if;
      return null;
    end $$;
    create trigger payments_changed after update on payments for each row execute function orderly_payment_changed();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger payments_changed on payments;
    drop function orderly_payment_changed();
    alter table stock alter column on_hand type integer, alter column reserved type integer;
    alter table idempotency_keys drop column outcome;
  `.execute(db);
}
