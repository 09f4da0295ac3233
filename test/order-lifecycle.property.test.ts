import fc from 'fast-check';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TASKS, URGENT } from '../src/checkout/followup.names.ts';
import { FINAL, INPUT_KINDS, ORDER_STATES, RANK, REACTIONS, step, TRANSITIONS, type Via } from '../src/checkout/order.machine.ts';
import type { OrderStatus } from '../src/checkout/order.table.ts';
import { scheduleJob } from '../src/platform/jobs/task.repository.ts';
import { SIGNATURE_HEADER, signWebhook } from '../src/psp-sim/index.ts';
import { eventBody, type EventPayload } from '../src/psp-sim/sim.events.ts';
import { startTestService, waitFor, type TestService } from './helpers/service.ts';

/**
 * I7 as a property (the issue: "any sequence of PSP observations, webhooks,
 * polls, expiries, sweeps and operator actions, in any order and duplicated,
 * never moves an order backwards and ends in a state the invariants allow").
 *
 * 1. The declared machine (order.machine.ts), from every state, over arbitrary
 *    sequences of (input, via) with repeats.
 * 2. The real service (Postgres, the simulator over HTTP): an order the buyer
 *    must act on, then a generated, shuffled, duplicated schedule of what can
 *    happen to it through the real entry points; once everything has settled,
 *    its recorded history and the PSP's ledger are held to the invariants.
 *
 * A failure prints fast-check's seed and path; FC_SEED=<seed> FC_PATH=<path>
 * replays exactly that case (the service part's runs are real and timed, so a
 * replay re-runs the same schedule, not necessarily the same interleaving);
 * FC_RUNS=<n> runs the service part n times instead of 16 (a longer hunt).
 */

const replay = process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), ...(process.env.FC_PATH ? { path: process.env.FC_PATH } : {}) } : {};

const VIAS = ['request', 'webhook', 'poll', 'expiry', 'recovery', 'operator', 'reconcile'] as const satisfies readonly Via[];
// Every Via is listed: a new one added to the machine fails to compile here until the property covers it.
const _everyVia: [Exclude<Via, (typeof VIAS)[number]>] extends [never] ? true : never = true;

/** The moves docs/design.md allows, written out from the document (not read from TRANSITIONS). */
const DESIGN_EDGES = new Set(['PENDING>WAITING_PAYMENT', 'PENDING>PAID', 'PENDING>FAILED', 'WAITING_PAYMENT>PAID', 'WAITING_PAYMENT>FAILED', 'PAID>CANCELLED']);
const isEdge = (from: OrderStatus, to: OrderStatus) => Object.values(TRANSITIONS[from]).includes(to);

/** `xs` with copies of some of its elements inserted anywhere (before or after the original: duplicated and reordered). */
function withRepeats<T>(arb: fc.Arbitrary<T>, maxLength: number, maxCopies = maxLength): fc.Arbitrary<T[]> {
  return fc.tuple(fc.array(arb, { minLength: 1, maxLength }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: maxCopies })).map(([xs, copies]) => {
    const out = [...xs];
    for (const [from, to] of copies) out.splice(to % (out.length + 1), 0, out[from % out.length]!);
    return out;
  });
}

describe('the order state machine (pure)', () => {
  it('from every state, any sequence of inputs by any via, repeated and reordered, only climbs the declared edges', () => {
    const input = fc.record({ kind: fc.constantFrom(...INPUT_KINDS), via: fc.constantFrom(...VIAS) });
    fc.assert(
      fc.property(fc.constantFrom(...ORDER_STATES), withRepeats(input, 25), (start, inputs) => {
        let s: OrderStatus = start;
        for (const { kind, via } of inputs) {
          const r = step(s, kind, via);
          if (r.kind === 'move') {
            expect(TRANSITIONS[s][kind], `${s} --${kind}/${via}--> ${r.to}`).toBe(r.to);
            expect(DESIGN_EDGES.has(`${s}>${r.to}`), `${s} → ${r.to} is no edge of the design`).toBe(true);
            expect(RANK[r.to], `${s} → ${r.to} goes down`).toBeGreaterThan(RANK[s]);
            if (s === 'PENDING') expect(['request', 'recovery'], `PENDING left via ${via}`).toContain(via);
            if (FINAL.has(s)) expect({ from: s, kind, to: r.to }).toEqual({ from: 'PAID', kind: 'cancel', to: 'CANCELLED' });
            // The same news again (a duplicate webhook, a poll repeating it) moves nothing.
            expect(step(r.to, kind, via).kind, `${kind}/${via} twice moved ${s} twice`).not.toBe('move');
            s = r.to;
          } else if (r.kind === 'react') {
            // Late news for a decided order is reacted to, never followed.
            expect(FINAL.has(s)).toBe(true);
            expect(REACTIONS[s][kind]).toBe(r.reaction);
            expect(TRANSITIONS[s][kind]).toBeUndefined();
          } else {
            expect(TRANSITIONS[s][kind] === undefined || (s === 'PENDING' && via !== 'request' && via !== 'recovery'), `${s} stayed on ${kind}/${via}`).toBe(true);
          }
        }
        // Where it ended is a state the machine knows, reached only upwards.
        expect(RANK[s]).toBeGreaterThanOrEqual(RANK[start]);
      }),
      { numRuns: 1500, ...replay },
    );
  });

  it('every declared edge is one of the design, and climbs', () => {
    for (const from of ORDER_STATES) {
      for (const [kind, to] of Object.entries(TRANSITIONS[from])) {
        expect(DESIGN_EDGES.has(`${from}>${to}`), `${from} --${kind}--> ${to}`).toBe(true);
        expect(RANK[to]).toBeGreaterThan(RANK[from]);
      }
    }
    expect([...DESIGN_EDGES].every((e) => isEdge(e.split('>')[0] as OrderStatus, e.split('>')[1] as OrderStatus))).toBe(true);
  });
});

// ───────────────────────────── against the real service ─────────────────────────────

const SECRET = 'whsec_lifecycle_property_0123456789';
const SKU = 'PROP-SKU';
const PRICE = 1800;
const STOCK = 100_000;

type Action =
  /** The buyer on the PSP's page (QR app / 3-D Secure challenge) approves or gives up. */
  | { do: 'buyer'; success: boolean }
  /** The PSP's webhooks so far, posted again in this order (indices into them), duplicates and all. */
  | { do: 'replay'; picks: number[] }
  /** The order's poll task runs now (a job for it, beside the one it has: a duplicate run). */
  | { do: 'poll' }
  /** The order's payment expiry is moved into the past; its poll task (`poll`) or the sweeper (`sweeper`) finds it. */
  | { do: 'expire'; by: 'poll' | 'sweeper' }
  /** An operator cancels it (`POST …/cancel`), under one of two idempotency keys. */
  | { do: 'cancel'; key: number }
  /** `POST /api/v1/admin/reconcile` over this order's window, reading it again at the PSP. */
  | { do: 'reconcile' }
  /** Waits (with a deadline) until every webhook is delivered and acted on: what came before has landed. */
  | { do: 'quiesce' };

interface Scenario {
  payment: 'paypay' | 'tok_3ds';
  /** How the simulator's own deliveries go for this order. */
  deliveries: 'live' | 'dropped' | 'reordered' | 'duplicated';
  /** `together`: runs at the same time as the next step. */
  steps: { action: Action; together: boolean }[];
}

const actionArb: fc.Arbitrary<Action> = fc.oneof(
  // The buyer mostly pays (declines end the story early).
  { weight: 4, arbitrary: fc.constantFrom(true, true, true, false).map((success): Action => ({ do: 'buyer', success })) },
  { weight: 3, arbitrary: fc.array(fc.nat({ max: 7 }), { minLength: 1, maxLength: 5 }).map((picks): Action => ({ do: 'replay', picks })) },
  { weight: 2, arbitrary: fc.constant<Action>({ do: 'poll' }) },
  { weight: 2, arbitrary: fc.constantFrom<'poll' | 'sweeper'>('poll', 'sweeper').map((by): Action => ({ do: 'expire', by })) },
  { weight: 3, arbitrary: fc.nat({ max: 1 }).map((key): Action => ({ do: 'cancel', key })) },
  { weight: 1, arbitrary: fc.constant<Action>({ do: 'reconcile' }) },
  { weight: 2, arbitrary: fc.constant<Action>({ do: 'quiesce' }) },
);

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  payment: fc.constantFrom('paypay' as const, 'tok_3ds' as const),
  deliveries: fc.constantFrom('live' as const, 'dropped' as const, 'reordered' as const, 'duplicated' as const),
  steps: withRepeats(fc.record({ action: actionArb, together: fc.boolean() }), 7, 4),
});

describe('the order lifecycle against the real service', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({
      PSP_SIM_WEBHOOK_SECRET: SECRET,
      // Polls and expiry come only when a scenario makes them come.
      PAYMENT_POLL_FIRST_MS: '60000',
      PAYMENT_POLL_MAX_MS: '60000',
      PAYMENT_EXPIRES_MS: '600000',
      RECONCILE_INTERVAL_MS: '0',
      MONITOR_ENABLED: 'false',
    });
    await t.product(SKU, PRICE, STOCK);
  });
  afterAll(async () => t?.close());

  const db = () => t.svc.db;
  const detail = async (orderNo: string) => {
    const d = await t.admin('GET', `/api/v1/admin/orders/${orderNo}`);
    expect(d.status).toBe(200);
    return d.body;
  };

  /** The simulator's webhook outbox for the order (its own table: the events exactly as it sends them). */
  const simEvents = async (orderNo: string) =>
    (
      await sql<{ id: string; type: string; created: string; payload: EventPayload; state: string; copies_left: number }>`
        select id, type, floor(extract(epoch from created_at))::bigint as created, payload, state, copies_left
          from psp_sim.webhook_events where reference = ${orderNo} order by created_at, id`.execute(db())
    ).rows;

  /** Nothing in flight: every webhook delivered (copies too) and acted on; no task queued but (`exceptPolls`) polling. */
  async function quiet(orderNo: string, exceptPolls: boolean): Promise<boolean> {
    const events = await simEvents(orderNo);
    if (events.some((e) => e.state === 'pending' || e.state === 'held' || e.copies_left > 0)) return false;
    const queued = await sql<{ name: string }>`select name from tasks where reference = ${orderNo} and state = 'queued'`.execute(db());
    if (queued.rows.some((r) => !(exceptPolls && r.name === TASKS.pollPayment))) return false;
    const unprocessed = await sql<{ n: number }>`select count(*)::int as n from payment_webhook_events where reference = ${orderNo} and processed_at is null`.execute(db());
    return unprocessed.rows[0]!.n === 0;
  }

  async function runPoll(orderNo: string): Promise<void> {
    const polls = await sql<{ id: number }>`select id from tasks where reference = ${orderNo} and name = ${TASKS.pollPayment} and state = 'queued'`.execute(db());
    for (const p of polls.rows) await scheduleJob(db(), TASKS.pollPayment, Number(p.id), undefined, URGENT);
  }

  async function act(orderNo: string, a: Action, since: Date, log: { cancelled: boolean; expired: boolean }): Promise<void> {
    switch (a.do) {
      case 'buyer': {
        const [p] = await t.ledger(orderNo);
        const res = await fetch(`${t.simUrl}/__sim/payments/${p!.id}/complete`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ outcome: a.success ? 'success' : 'failure' }),
        });
        await res.arrayBuffer();
        // 409: the payment is no longer waiting for the buyer (completed already, or voided on expiry).
        expect([200, 409], 'the buyer completing the payment').toContain(res.status);
        return;
      }
      case 'replay': {
        const events = await simEvents(orderNo);
        if (events.length === 0) return;
        for (const i of a.picks) {
          const e = events[i % events.length]!;
          const body = eventBody({ id: e.id, type: e.type, created: Number(e.created), payload: e.payload });
          const res = await t.call('POST', '/webhooks/psp-sim', {
            body,
            headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signWebhook(SECRET, Math.floor(Date.now() / 1000), body) },
          });
          expect(res.status, `replayed ${e.type}`).toBe(200);
          expect(res.body.received).toBe(true);
        }
        return;
      }
      case 'poll':
        return await runPoll(orderNo);
      case 'expire': {
        // Past the poll task's own turn (the sweeper waits 2 minutes for a stuck poll), or just past.
        const ago = a.by === 'sweeper' ? 10 * 60 : 1;
        const r = await sql`update orders set payment_expires_at = now() - make_interval(secs => ${ago})
          where order_no = ${orderNo} and status = 'WAITING_PAYMENT'`.execute(db());
        if (Number(r.numAffectedRows ?? 0) > 0) log.expired = true;
        if (a.by === 'poll') await runPoll(orderNo);
        return;
      }
      case 'cancel': {
        const res = await t.call('POST', `/api/v1/admin/orders/${orderNo}/cancel`, {
          auth: t.adminKey,
          headers: { 'idempotency-key': `${orderNo}:cancel:${a.key}` },
          body: { reason: 'property test: the buyer asked', by: 'ops-property' },
        });
        if (res.status === 202) {
          expect(res.body).toMatchObject({ orderNo, status: 'CANCELLED' });
          log.cancelled = true;
        } else {
          expect(res.status, JSON.stringify(res.body)).toBe(409);
          expect(res.body.error.code).toBe('ORDER_NOT_CANCELLABLE');
        }
        return;
      }
      case 'reconcile': {
        const res = await t.admin('POST', '/api/v1/admin/reconcile', { since: since.toISOString(), orderNos: [orderNo], by: 'property' });
        expect(res.status).toBe(200);
        const mine = (res.body.remediations as { orderNo: string; action: string; ruleId: string }[]).filter((r) => r.orderNo === orderNo);
        // Reconciliation may re-apply the PSP's word; it must never find a paid order without money.
        expect(mine.filter((r) => r.action === 'escalate' || r.action === 'cancel_with_refund'), JSON.stringify(mine)).toEqual([]);
        return;
      }
      case 'quiesce':
        await waitFor(() => quiet(orderNo, true), { what: `${orderNo} to quiesce`, timeoutMs: 15_000, intervalMs: 50 });
        return;
    }
  }

  async function faultsFor(orderNo: string, deliveries: Scenario['deliveries']): Promise<void> {
    const rules = {
      live: [],
      dropped: [{ operation: 'webhook', reference: orderNo, drop: true }],
      reordered: [{ operation: 'webhook', reference: orderNo, reorder: true, count: 2, latencyMs: 500, duplicate: 1 }],
      duplicated: [{ operation: 'webhook', reference: orderNo, duplicate: 2 }],
    }[deliveries];
    await t.faults(rules);
  }

  /** Orders that ended PAID so far: each keeps its one unit (I1); every other unit is back. */
  let paid = 0;

  it('any schedule of buyer, webhooks (replayed, duplicated, reordered), polls, expiries, sweeps, cancels and reconciliation never moves an order backwards and settles where the invariants allow', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const since = new Date(Date.now() - 1000);
        const placed = await t.buy(sc.payment === 'paypay' ? { method: 'paypay' } : sc.payment, { items: [{ sku: SKU, quantity: 1 }], customerId: 'cust-prop' });
        expect(placed.status, JSON.stringify(placed.body)).toBe(202);
        expect(placed.body.status).toBe('WAITING_PAYMENT');
        const orderNo = placed.body.orderNo as string;
        const log = { cancelled: false, expired: false };
        try {
          await faultsFor(orderNo, sc.deliveries);
          for (let i = 0; i < sc.steps.length; ) {
            const group = [sc.steps[i]!];
            while (group.at(-1)!.together && i + group.length < sc.steps.length) group.push(sc.steps[i + group.length]!);
            // All of a group finish before the next starts (a failed one does not leave the others running).
            const results = await Promise.allSettled(group.map((s) => act(orderNo, s.action, since, log)));
            for (const r of results) if (r.status === 'rejected') throw r.reason;
            i += group.length;
          }
          // The buyer never came back: the order's expiry comes, as it would.
          await act(orderNo, { do: 'quiesce' }, since, log);
          if ((await detail(orderNo)).status === 'WAITING_PAYMENT') await act(orderNo, { do: 'expire', by: 'poll' }, since, log);
          await waitFor(async () => FINAL.has((await detail(orderNo)).status) && (await quiet(orderNo, false)), { what: `${orderNo} to settle`, timeoutMs: 20_000, intervalMs: 50 });
        } finally {
          await t.faults([]);
        }
        await checkSettled(orderNo, log);
      }),
      { numRuns: Number(process.env.FC_RUNS ?? 16), endOnFailure: true, ...replay },
    );
  }, Math.max(120_000, Number(process.env.FC_RUNS ?? 0) * 5_000));

  // Found by the property (an operator cancel racing the just-paid order's mails), made deterministic:
  // the mailbox is held so the shop's "please ship" mail is caught after its task checked the order
  // (PAID) and before it is written; the cancel commits in that gap, seeing the task still queued.
  it('a cancel while the shop mail is on its way still tells the shop of the cancel', async () => {
    // The shop mail is held where it is written to the mailbox — past its check of the order — by a
    // trigger that waits for an advisory lock this test holds; the buyer's mail goes through.
    const HOLD = 740_001;
    const hold = new pg.Client({ connectionString: t.svc.databaseUrl });
    await hold.connect();
    let orderNo = '';
    try {
      await hold.query(`create or replace function test_hold_shop_mail() returns trigger language plpgsql as $$
        begin perform pg_advisory_xact_lock(${HOLD}); return new; end $$`);
      await hold.query(`create trigger test_hold_shop_mail before insert on notifications for each row
        when (new.kind = 'order_received_shop') execute function test_hold_shop_mail()`);
      await hold.query('select pg_advisory_lock($1)', [HOLD]);
      const r = await t.buy('tok_visa', { items: [{ sku: SKU, quantity: 1 }], customerId: 'cust-prop' });
      expect(r.status).toBe(201);
      orderNo = r.body.orderNo as string;
      await waitFor(
        async () => {
          const w = await hold.query<{ n: number }>(`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = $1 and not granted`, [HOLD]);
          return w.rows[0]!.n >= 1;
        },
        { what: 'the shop mail to reach the mailbox', timeoutMs: 15_000, intervalMs: 20 },
      );
      const c = await t.call('POST', `/api/v1/admin/orders/${orderNo}/cancel`, { auth: t.adminKey, headers: { 'idempotency-key': `${orderNo}:cancel` }, body: { reason: 'cancelled at once', by: 'ops-property' } });
      expect(c.status, JSON.stringify(c.body)).toBe(202);
    } finally {
      // Let the mail go before dropping the trigger: the drop waits for the held insert's table lock.
      await hold.query('select pg_advisory_unlock_all()').catch(() => {});
      await hold.query('drop trigger if exists test_hold_shop_mail on notifications').catch(() => {});
      await hold.end();
    }
    await waitFor(async () => FINAL.has((await detail(orderNo)).status) && (await quiet(orderNo, false)), { what: `${orderNo} to settle`, timeoutMs: 20_000, intervalMs: 50 });
    const d = await detail(orderNo);
    const mails = (d.notifications as { kind: string }[]).map((n) => n.kind).sort();
    // The shop was told to ship (the mail was already on its way), so it is told of the cancel too.
    expect(mails).toEqual(['order_cancelled_buyer', 'order_cancelled_shop', 'order_confirmed_buyer', 'order_received_shop']);
    await checkSettled(orderNo, { cancelled: true, expired: false });
  });

  /** The order's history and the money, once nothing is in flight. */
  async function checkSettled(orderNo: string, log: { cancelled: boolean; expired: boolean }): Promise<void> {
    const d = await detail(orderNo);
    const status = d.status as OrderStatus;
    const why = `${orderNo} ended ${status}: ${JSON.stringify({ timeline: d.timeline, payment: d.payment, tasks: d.tasks })}`;

    // I7: the stream's order-status-changed events, in commit order, climb the machine's edges from PENDING.
    const changes = (await sql<{ data: { status: OrderStatus; previousStatus: OrderStatus | null } }>`
      select data from outbox where key = ${orderNo} and type = 'order-status-changed' order by id`.execute(db())).rows.map((r) => r.data);
    expect(changes[0], why).toMatchObject({ status: 'PENDING', previousStatus: null });
    for (let i = 1; i < changes.length; i++) {
      const from = changes[i - 1]!.status;
      const to = changes[i]!.status;
      expect(changes[i]!.previousStatus, why).toBe(from);
      expect(isEdge(from, to), `${from} → ${to} is no edge; ${why}`).toBe(true);
      expect(RANK[to], `${from} → ${to} goes down; ${why}`).toBeGreaterThan(RANK[from]);
    }
    expect(changes.at(-1)!.status, why).toBe(status);
    // …and the timeline tells the same story, each move once.
    const MOVES: Record<string, OrderStatus> = { waiting_for_payment: 'WAITING_PAYMENT', order_paid: 'PAID', order_failed: 'FAILED', order_cancelled: 'CANCELLED' };
    const timeline = (d.timeline as { what: string }[]).map((e) => MOVES[e.what]).filter((s): s is OrderStatus => s !== undefined);
    expect(timeline, why).toEqual(changes.slice(1).map((c) => c.status));

    // I5: everything ended by itself — no dead letter, no delivery the service refused.
    expect((d.tasks as { state: string }[]).filter((x) => x.state !== 'done'), why).toEqual([]);
    expect((await simEvents(orderNo)).filter((e) => e.state === 'failed'), why).toEqual([]);

    // I2 / I3: one payment at the PSP, captured at most once, in full or not at all; ours agrees with it.
    const ledger = await t.ledger(orderNo);
    expect(ledger, why).toHaveLength(1);
    const psp = ledger[0]!;
    expect([0, PRICE], why).toContain(psp.capturedAmount);
    expect(psp.refundedAmount, why).toBeLessThanOrEqual(psp.capturedAmount);
    expect({ captured: d.payment.capturedAmount, refunded: d.payment.refundedAmount }, why).toEqual({ captured: psp.capturedAmount, refunded: psp.refundedAmount });
    const captures = await sql<{ n: number }>`select count(*)::int as n from outbox where key = ${orderNo} and type = 'payment-captured'`.execute(db());
    expect(captures.rows[0]!.n, why).toBeLessThanOrEqual(1);

    const mails = (d.notifications as { kind: string }[]).map((n) => n.kind).sort();
    const reservations = (d.reservations as { status: string }[]).map((r) => r.status);
    switch (status) {
      case 'PAID':
        expect(log.cancelled, `a cancel was accepted, yet ${why}`).toBe(false);
        expect({ status: psp.status, captured: psp.capturedAmount, refunded: psp.refundedAmount }, why).toEqual({ status: 'captured', captured: PRICE, refunded: 0 });
        expect(d.payment.status, why).toBe('CAPTURED');
        expect(reservations, why).toEqual(['COMMITTED']);
        expect(mails, why).toEqual(['order_confirmed_buyer', 'order_received_shop']);
        break;
      case 'FAILED':
        expect(log.cancelled, `a cancel was accepted, yet ${why}`).toBe(false);
        // Nothing held, nothing kept: declined, voided, or given back in full.
        expect(['declined', 'voided', 'refunded'], why).toContain(psp.status);
        expect(psp.refundedAmount, why).toBe(psp.capturedAmount);
        expect(['DECLINED', 'VOIDED', 'REFUNDED', 'FAILED'], why).toContain(d.payment.status);
        if (d.failure?.reason === 'PAYMENT_DECLINED') expect(psp.status, why).toBe('declined');
        else expect({ reason: d.failure?.reason, expired: log.expired }, why).toEqual({ reason: 'PAYMENT_EXPIRED', expired: true });
        expect(reservations, why).toEqual(['RELEASED']);
        expect(mails, why).toEqual(['purchase_failed_buyer']);
        break;
      case 'CANCELLED':
        expect(log.cancelled, `cancelled, but no cancel was accepted: ${why}`).toBe(true);
        // Refunded in full, or (a 3-D Secure hold cancelled before its capture) voided with nothing taken.
        if (psp.status === 'voided') expect(psp.capturedAmount, why).toBe(0);
        else expect({ status: psp.status, refunded: psp.refundedAmount }, why).toEqual({ status: 'refunded', refunded: PRICE });
        expect(['REFUNDED', 'VOIDED'], why).toContain(d.payment.status);
        // Stock back: held stock released, committed stock returned on hand.
        expect(['RELEASED', 'RETURNED'], why).toContain(reservations[0]);
        expect(reservations, why).toHaveLength(1);
        expect(mails, why).toContain('order_cancelled_buyer');
        expect(mails, why).not.toContain('purchase_failed_buyer');
        // The shop, once told to ship, is told of the cancel too.
        if (mails.includes('order_received_shop')) expect(mails, why).toContain('order_cancelled_shop');
        break;
      default:
        throw new Error(`not settled: ${why}`);
    }
    if (status === 'PAID') paid++;
    const stock = (await t.admin('GET', `/api/v1/admin/inventory/${SKU}`)).body;
    expect({ onHand: stock.onHand, reserved: stock.reserved }, why).toEqual({ onHand: STOCK - paid, reserved: 0 });
  }
});
