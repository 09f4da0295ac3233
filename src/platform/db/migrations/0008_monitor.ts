import { sql, type Kysely } from 'kysely';

/**
 * The consistency monitor's own state (it reads the event stream, never the
 * order tables): its picture of each order, the inconsistencies holding now,
 * and the alerts — one per order, rule and starting event (the dedupe key of
 * seed 003's kafka-alert).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table monitor_orders (
      order_no text primary key,
      view jsonb not null,
      updated_at timestamptz not null default now()
    );
    create table monitor_conditions (
      order_no text not null,
      rule_id text not null,
      subject text not null default '',
      event_id text not null,
      since timestamptz not null,
      observed jsonb not null,
      expected jsonb not null,
      state text not null check (state in ('pending', 'alerted', 'ended', 'silenced')),
      alert_id uuid,
      updated_at timestamptz not null default now(),
      primary key (order_no, rule_id, subject)
    );
    create index monitor_conditions_due on monitor_conditions (since) where state in ('pending', 'ended');
    create table alerts (
      alert_id uuid primary key,
      rule_id text not null check (rule_id in ('RULE_A', 'RULE_B', 'RULE_C', 'RULE_D', 'RULE_E', 'RULE_F')),
      order_no text not null,
      subject text not null default '',
      event_id text not null,
      observed jsonb not null,
      expected jsonb not null,
      since timestamptz not null,
      detected_at timestamptz not null,
      source text not null,
      status text not null check (status in ('open', 'acknowledged', 'resolved')),
      acknowledged_at timestamptz,
      acknowledged_by text,
      resolved_at timestamptz,
      resolved_by text,
      resolution text check (resolution in ('auto', 'operator')),
      note text,
      unique (order_no, rule_id, event_id)
    );
    create index alerts_status_detected on alerts (status, detected_at desc, alert_id);
    create index alerts_detected on alerts (detected_at desc, alert_id);
    create index alerts_order on alerts (order_no);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table alerts; drop table monitor_conditions; drop table monitor_orders;`.execute(db);
}
