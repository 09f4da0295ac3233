import type { Db } from './sim.repository.ts';
import type { EventPayload } from './sim.events.ts';
import type { SimProvider } from './sim.types.ts';

/**
 * SQL of the webhook delivery loop. Every statement here is one short
 * transaction: nothing stays open while a delivery is on the wire. An event
 * being delivered carries a lease (`lease_token`, and `next_attempt_at` pushed
 * past the request timeout), so no other process claims it meanwhile, and a
 * result is only recorded by the lease's holder.
 */

/** An event claimed for one delivery attempt. */
export interface ClaimedEvent {
  id: string;
  type: string;
  reference: string;
  provider: SimProvider;
  /** Unix seconds of the event's creation. */
  created: number;
  payload: EventPayload;
  /** `delivered` = this attempt sends a duplicate copy. */
  state: 'pending' | 'delivered';
  attempts: number;
  /** True the first time the event is claimed: fault rules apply now. */
  firstDue: boolean;
}

interface ClaimRow extends Omit<ClaimedEvent, 'created' | 'firstDue'> {
  created: string;
  first_due: boolean;
}

/**
 * Claims up to `limit` due events of `providers` (those with a delivery URL)
 * under `token` for `leaseMs`. `skip locked` lets several simulators claim side
 * by side without waiting or overlapping.
 */
export async function claimDue(db: Db, limit: number, token: string, leaseMs: number, providers: SimProvider[]): Promise<ClaimedEvent[]> {
  const res = await db.query<ClaimRow>(
    `with due as (
       select id, faults_applied from psp_sim.webhook_events
        where (state = 'pending' or (state = 'delivered' and copies_left > 0))
          and next_attempt_at <= clock_timestamp()
          and provider = any($4::text[])
        order by next_attempt_at
        limit $1
        for update skip locked)
     update psp_sim.webhook_events e
        set faults_applied = true, lease_token = $2,
            next_attempt_at = clock_timestamp() + make_interval(secs => $3::float8 / 1000)
       from due
      where e.id = due.id
     returning e.id, e.type, e.reference, e.provider, e.payload, e.state, e.attempts,
               floor(extract(epoch from e.created_at))::bigint as created, not due.faults_applied as first_due`,
    [limit, token, leaseMs, providers],
  );
  return res.rows.map((r) => ({
    id: r.id,
    type: r.type,
    reference: r.reference,
    provider: r.provider,
    created: Number(r.created),
    payload: r.payload,
    state: r.state,
    attempts: r.attempts,
    firstDue: r.first_due,
  }));
}

/** Gives a claimed event back untouched (the simulator is closing): due again at once. */
export async function releaseLease(db: Db, id: string, token: string): Promise<void> {
  await db.query(
    `update psp_sim.webhook_events set next_attempt_at = clock_timestamp(), lease_token = null
      where id = $1 and lease_token = $2`,
    [id, token],
  );
}

/** How a fault rule changes a claimed event before its first attempt. */
export type FaultEffect =
  | { kind: 'drop' }
  | { kind: 'delay'; ms: number; copies: number }
  | { kind: 'hold'; group: string; holdMs: number; copies: number }
  | { kind: 'copies'; copies: number };

/** Applies a fault rule's effect; only `copies` leaves the event claimed for an immediate send. */
export async function applyFault(db: Db, id: string, token: string, effect: FaultEffect): Promise<void> {
  const where = `where id = $1 and lease_token = $2`;
  switch (effect.kind) {
    case 'drop':
      await db.query(`update psp_sim.webhook_events set state = 'dropped', copies_left = 0, lease_token = null ${where}`, [id, token]);
      return;
    case 'copies':
      await db.query(`update psp_sim.webhook_events set copies_left = $3 ${where}`, [id, token, effect.copies]);
      return;
    case 'delay':
      await db.query(
        `update psp_sim.webhook_events
            set copies_left = $3, lease_token = null,
                next_attempt_at = clock_timestamp() + make_interval(secs => $4::float8 / 1000) ${where}`,
        [id, token, effect.copies, effect.ms],
      );
      return;
    case 'hold':
      // The hold ends when its first event has waited holdMs, whoever joins later.
      await db.query(
        `update psp_sim.webhook_events
            set state = 'held', held_group = $3, copies_left = $4, lease_token = null,
                held_until = coalesce(
                  (select min(held_until) from psp_sim.webhook_events where state = 'held' and held_group = $3),
                  clock_timestamp() + make_interval(secs => $5::float8 / 1000)) ${where}`,
        [id, token, effect.group, effect.copies, effect.holdMs],
      );
      return;
  }
}

/** Gap between released held events, so the newest really goes first. */
const REORDER_GAP_MS = 50;

/**
 * Releases held events newest first: the newest is due now, each older one
 * REORDER_GAP_MS later. `group` releases that hold (its count was reached);
 * without it, every hold whose time is up. Returns how many were released.
 */
export async function releaseHeld(db: Db, group?: string): Promise<number> {
  const res = await db.query(
    `with locked as (
       select id, held_group, created_at
         from psp_sim.webhook_events
        where state = 'held'
          and (($1::text is null and held_group in (
                  select held_group from psp_sim.webhook_events where state = 'held'
                   group by held_group having min(held_until) <= clock_timestamp()))
               or held_group = $1)
        for update skip locked),
     -- Ranked apart from the locking select: Postgres refuses FOR UPDATE beside window functions.
     ready as (
       select id, row_number() over (partition by held_group order by created_at desc, id desc) as rank from locked)
     update psp_sim.webhook_events e
        set state = 'pending', held_group = null, held_until = null,
            next_attempt_at = clock_timestamp() + make_interval(secs => (ready.rank - 1) * $2::float8 / 1000)
       from ready
      where e.id = ready.id`,
    [group ?? null, REORDER_GAP_MS],
  );
  return res.rowCount ?? 0;
}

/** The outcome of one HTTP attempt. */
export interface AttemptResult {
  ok: boolean;
  /** HTTP status, or null for a connection error / timeout. */
  status: number | null;
  error: string | null;
  /** After a failure: ms until the next attempt, or null to give up. */
  retryInMs: number | null;
}

/**
 * Records an attempt. A success of the original makes the event `delivered`
 * (owed copies then go out at once); a success of a copy uses one up. A
 * failure schedules the retry, or gives up: `failed` for the original, no more
 * copies for a copy.
 */
export async function recordAttempt(db: Db, id: string, token: string, r: AttemptResult): Promise<void> {
  await db.query(
    `update psp_sim.webhook_events
        set attempts = attempts + 1, last_status = $3, last_error = $4, lease_token = null,
            deliveries_total = deliveries_total + case when $5 then 1 else 0 end,
            copies_left = case when $5 and state = 'delivered' then copies_left - 1
                               when not $5 and $6::float8 is null then 0 else copies_left end,
            delivered_at = case when $5 and state = 'pending' then clock_timestamp() else delivered_at end,
            state = case when state <> 'pending' then state when $5 then 'delivered'
                         when $6::float8 is null then 'failed' else state end,
            next_attempt_at = clock_timestamp() + make_interval(secs => coalesce($6::float8, 0) / 1000)
      where id = $1 and lease_token = $2`,
    [id, token, r.status, r.error, r.ok, r.retryInMs],
  );
}
