import { sql, type Kysely } from 'kysely';

/**
 * The notifications a change sends, sent by the change itself: a statement
 * that writes outbox rows wakes the relay (channel `orderly_outbox`), an order
 * whose status moves wakes its live watchers (`orderly_order_changed`, as
 * payments already do since 0005). Like an explicit NOTIFY they are delivered
 * if and only if the transaction commits, and Postgres folds repeats within
 * it — but they cost no round trip of their own.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function orderly_outbox_written() returns trigger language plpgsql as $$
      begin
        perform pg_notify('orderly_outbox', '');
        return null;
      end $$;
    create trigger outbox_written after insert on outbox for each statement execute function orderly_outbox_written();

    create function orderly_order_moved() returns trigger language plpgsql as $$
      begin
        perform pg_notify('orderly_order_changed', new.order_no);
        return null;
      end $$;
    create trigger orders_moved after update of status on orders for each row
      when (old.status is distinct from new.status) execute function orderly_order_moved();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger orders_moved on orders;
    drop function orderly_order_moved();
    drop trigger outbox_written on outbox;
    drop function orderly_outbox_written();
  `.execute(db);
}
