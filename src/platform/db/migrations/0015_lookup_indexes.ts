import { sql, type Kysely } from 'kysely';

/**
 * Lookups that scanned whole tables: a customer's orders by time (triage asks which buyers placed
 * another order after a failed one; "my orders" lists them), an attempt by the PSP's payment id
 * (webhooks, and reconciliation matching a PSP payment made at the edge of its window), and the queued
 * tasks not yet run, which the backpressure guard counts twice a second in every process.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index orders_customer_created on orders (customer_id, created_at);`.execute(db);
  await sql`create index payment_attempts_provider_payment on payment_attempts (provider_payment_id) where provider_payment_id is not null;`.execute(db);
  await sql`create index tasks_fresh on tasks (name) where state = 'queued' and attempts = 0;`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index tasks_fresh;`.execute(db);
  await sql`drop index payment_attempts_provider_payment;`.execute(db);
  await sql`drop index orders_customer_created;`.execute(db);
}
