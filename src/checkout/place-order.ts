import { sql } from 'kysely';
import type { Logger } from 'pino';
import * as inventory from '../inventory/index.ts';
import type { AuthorizeOutcome, PaymentSource } from '../payments/index.ts';
import type { Tx } from '../platform/db/database.ts';
import { AppError, isAppError } from '../platform/errors.ts';
import { newOrderNo } from '../platform/ids.ts';
import { addLogContext } from '../platform/logging.ts';
import { CURRENCY, MAX_AMOUNT, money } from '../platform/money.ts';
import type { CheckoutDeps } from './checkout.deps.ts';
import { attachOrder, claimKey, completeKey, requestHash } from './idempotency.repository.ts';
import { emitEvents } from '../events/index.ts';
import { addEvent, insertItems, insertOrder, lockOrderByNo, orderByNo, type OrderRow } from './order.repository.ts';
import type { OrderInput } from './order.machine.ts';
import { applyToOrder } from './order.transition.ts';
import type { FailureReason, ShippingAddress } from './order.table.ts';
import { purchaseOutcome } from './order.view.ts';
import type { PurchaseOutcome } from './purchase-outcome.ts';

export interface PlaceOrderBody {
  items: { sku: string; quantity: number }[];
  shippingAddress: ShippingAddress;
  payment: { method: 'card'; token: string } | { method: 'paypay' };
  email?: string;
}

export interface PlaceOrderInput {
  customerId: string;
  idempotencyKey: string;
  body: PlaceOrderBody;
  requestId: string;
  log: Logger;
}

/** The same SKU twice in one cart is one line with the quantities added. */
function mergeLines(items: PlaceOrderBody['items']): inventory.CartLine[] {
  const m = new Map<string, number>();
  for (const i of items) m.set(i.sku, (m.get(i.sku) ?? 0) + i.quantity);
  return [...m].map(([sku, quantity]) => ({ sku, quantity }));
}

const FAILURE: Record<Exclude<AuthorizeOutcome['kind'], 'authorized' | 'action_required'>, { reason: FailureReason; mayBeAuthorized: boolean }> = {
  declined: { reason: 'PAYMENT_DECLINED', mayBeAuthorized: false },
  unavailable: { reason: 'PAYMENT_UNAVAILABLE', mayBeAuthorized: false },
  processing: { reason: 'CHECKOUT_TIMEOUT', mayBeAuthorized: true },
  unknown: { reason: 'CHECKOUT_TIMEOUT', mayBeAuthorized: true },
};

type Reserved = { kind: 'reserved'; orderNo: string; total: number; deadlineAt: Date } | { kind: 'answer'; outcome: PurchaseOutcome };

/** Claims the buyer's key for this request: the stored answer when it is a replay; throws when it cannot be had. */
async function claim(tx: Tx, customerId: string, key: string, hash: string, ttlHours: number): Promise<Reserved | undefined> {
  const c = await claimKey(tx, customerId, key, hash, ttlHours);
  if (c.kind === 'mismatch') throw new AppError('IDEMPOTENCY_KEY_REUSED');
  if (c.kind === 'in_progress') throw new AppError('IDEMPOTENCY_IN_PROGRESS', { ...(c.orderNo ? { orderNo: c.orderNo } : {}) });
  if (c.kind === 'replay') return { kind: 'answer', outcome: c.outcome };
  return undefined;
}

/** The claimed key's first answer, kept: a refusal (out of stock) is replayed like any other. */
async function refuse(tx: Tx, customerId: string, key: string, outcome: PurchaseOutcome): Promise<Reserved> {
  await completeKey(tx, customerId, key, outcome);
  return { kind: 'answer', outcome };
}

/**
 * Reserve phase, one transaction: claim the idempotency key, hold the stock,
 * record the order PENDING with its deadline and the payment attempt (with its
 * PSP idempotency key) — all before any network call. A cart already short of
 * stock takes a smaller one: the key and its 409.
 */
async function reservePhase(deps: CheckoutDeps, input: PlaceOrderInput, lines: inventory.CartLine[]): Promise<Reserved> {
  const { db, config, payments } = deps;
  const prices = await inventory.catalogFor(db, lines.map((l) => l.sku));
  const unknown = lines.filter((l) => !prices.has(l.sku)).map((l) => l.sku);
  if (unknown.length > 0) throw new AppError('UNKNOWN_PRODUCT', { details: { skus: unknown } });
  const priced = lines.map((l) => ({ ...l, name: prices.get(l.sku)!.name, unitPrice: prices.get(l.sku)!.price }));
  const total = priced.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
  // No PSP takes a 0-yen authorization, and there is nothing to hold or capture: refused, before anything is written.
  if (total === 0) throw new AppError('ORDER_TOTAL_ZERO');
  // Prices are capped one by one; a cart of many lines at high prices is capped here, where its total is known.
  if (total > MAX_AMOUNT) throw new AppError('ORDER_TOTAL_TOO_LARGE', { details: { total: money(total), max: money(MAX_AMOUNT) } });
  const hash = requestHash('POST', '/api/v1/orders', input.body);
  const orderNo = newOrderNo();
  const { customerId, idempotencyKey: key } = input;

  // Sold out as of the price read (a flash sale's thousands of late buyers): the key and its 409 alone, instead of
  // a whole reservation rolled back. Stock that comes back a moment later is for the next buyer, as if this one had
  // come a moment earlier; a cart that looks available still goes through `reserve`, which alone decides.
  const short = priced.filter((l) => prices.get(l.sku)!.available < l.quantity);

  return await db.transaction().execute(async (tx): Promise<Reserved> => {
    const replay = await claim(tx, customerId, key, hash, config.idempotencyTtlHours);
    if (replay) return replay;
    if (short.length > 0) {
      const items = short.map((l) => ({ sku: l.sku, requested: l.quantity, available: Math.max(0, prices.get(l.sku)!.available) }));
      return await refuse(tx, customerId, key, { kind: 'refused', code: 'OUT_OF_STOCK', details: { items } });
    }
    // A savepoint lets "out of stock" undo the order but keep the claimed key,
    // so the 409 is stored and replayed like any other first response.
    await sql`savepoint reserve`.execute(tx);
    const deadlineAt = new Date(Date.now() + config.reserveDeadlineMs);
    try {
      const orderId = await insertOrder(tx, {
        orderNo,
        customerId,
        total,
        currency: CURRENCY,
        shippingAddress: input.body.shippingAddress,
        paymentMethod: input.body.payment.method,
        buyerEmail: input.body.email ?? null,
        deadlineAt,
        requestId: input.requestId,
      });
      await insertItems(tx, orderId, priced);
      await payments.create(tx, { reference: orderNo, amount: total, currency: CURRENCY, method: input.body.payment.method });
      await emitEvents(tx, placedEvents(orderNo, customerId, total, priced, input.body.payment.method, deadlineAt));
      await addEvent(tx, orderId, 'order_created', { total, requestId: input.requestId });
      await addEvent(tx, orderId, 'stock_reserved', { lines });
      await attachOrder(tx, customerId, key, orderNo);
      // Last: the stock rows are every buyer's hot spot; hold their locks only until COMMIT.
      await inventory.reserve(tx, orderNo, lines);
      return { kind: 'reserved', orderNo, total, deadlineAt };
    } catch (e) {
      if (!isAppError(e) || e.code !== 'OUT_OF_STOCK') throw e;
      await sql`rollback to savepoint reserve`.execute(tx);
      return await refuse(tx, customerId, key, { kind: 'refused', code: 'OUT_OF_STOCK', details: e.extra.details });
    }
  });
}

/** What the reserve phase tells the stream: the order exists, PENDING (seed 003's order-status-changed), and what it holds. */
function placedEvents(orderNo: string, customerId: string, total: number, priced: { sku: string; unitPrice: number; quantity: number }[], method: string, deadlineAt: Date) {
  const now = new Date().toISOString();
  return [
    { type: 'order-status-changed' as const, key: orderNo, data: { orderNo, status: 'PENDING' as const, paymentStatus: 'PENDING' as const, updatedAt: now, previousStatus: null } },
    {
      type: 'order-placed' as const,
      key: orderNo,
      data: { orderNo, customerId, total: { amount: total, currency: CURRENCY }, items: priced.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice })), paymentMethod: method, deadlineAt: deadlineAt.toISOString() },
    },
  ];
}

/**
 * `POST /api/v1/orders`: reserve → authorize (outside any transaction, within
 * the deadline) → decide (one transaction with its follow-up tasks and the
 * stored idempotent response). Returns the response to send.
 */
export async function placeOrder(deps: CheckoutDeps, input: PlaceOrderInput): Promise<PurchaseOutcome> {
  const { db, payments } = deps;
  // Backpressure, before any database work: a refusal must cost next to nothing, or refusing is what overloads us.
  // Nothing is written, so the same key works later (and a replay is answered then).
  if (deps.backlog?.isOver()) throw new AppError('CHECKOUT_BUSY');
  const method = input.body.payment.method;
  if (!deps.config.paymentMethods.includes(method)) {
    throw new AppError('PAYMENT_METHOD_NOT_AVAILABLE', { details: { method, allowed: deps.config.paymentMethods } });
  }
  const reserved = await reservePhase(deps, input, mergeLines(input.body.items));
  if (reserved.kind === 'answer') return reserved.outcome;
  const { orderNo } = reserved;
  // From here every line this purchase causes (the PSP edge's included) names its order.
  addLogContext({ orderNo });
  const log = input.log.child({ orderNo });
  log.info({ event: 'order_reserved', total: reserved.total }, 'order reserved; authorizing payment');

  const p = input.body.payment;
  const source: PaymentSource = p.method === 'card' ? { type: 'card', token: p.token } : { type: 'paypay' };
  let outcome: AuthorizeOutcome;
  try {
    outcome = await payments.authorize(db, orderNo, source, reserved.deadlineAt, log);
  } catch (e) {
    // Whatever went wrong, the PSP may have acted: decide failure and let the cancel task find out.
    log.error({ event: 'authorization_error', err: e }, 'authorization failed unexpectedly');
    outcome = { kind: 'unknown' };
  }
  log.info({ event: 'payment_outcome', outcome: outcome.kind }, 'payment outcome');
  return await decideAndAnswer(deps, input, orderNo, outcome);
}

/** The request's own decision, by the state machine: what the authorization came to is the input. */
async function decide(deps: CheckoutDeps, tx: Tx, order: OrderRow, outcome: AuthorizeOutcome, requestId: string): Promise<OrderRow | undefined> {
  const ctx = { payments: deps.payments, via: 'request' as const, requestId };
  let input: OrderInput;
  if (outcome.kind === 'authorized') input = { kind: 'payment_succeeded' };
  else if (outcome.kind === 'action_required') {
    const now = Date.now();
    input = {
      kind: 'buyer_must_act',
      expiresAt: new Date(now + deps.config.paymentExpiresMs),
      // No later than the expiry: the poll task is what expires the order on time.
      firstPollAt: new Date(now + Math.min(deps.config.paymentPollFirstMs, deps.config.paymentExpiresMs)),
    };
  } else {
    const f = FAILURE[outcome.kind];
    input = { kind: 'payment_failed', reason: f.reason, mayBeAuthorized: f.mayBeAuthorized };
  }
  const r = await applyToOrder(tx, order, input, ctx);
  return r.kind === 'moved' ? r.order : undefined;
}

async function decideAndAnswer(deps: CheckoutDeps, input: PlaceOrderInput, orderNo: string, outcome: AuthorizeOutcome): Promise<PurchaseOutcome> {
  return await deps.db.transaction().execute(async (tx) => {
    const order = await lockOrderByNo(tx, orderNo);
    if (!order) throw new Error(`order ${orderNo} vanished`);
    const decided = await decide(deps, tx, order, outcome, input.requestId);
    // The sweeper may have decided first (its commit can land after our read): answer with what is now true.
    const now = decided ?? (await orderByNo(tx, orderNo))!;
    let answer = await purchaseOutcome(tx, deps.payments, now, deps.jwtSecret);
    if (answer.kind === 'refused' && outcome.kind === 'unavailable' && outcome.retryAfterSeconds && now.failure_reason === 'PAYMENT_UNAVAILABLE') {
      // How long the PSPs asked us to wait (Retry-After, an open circuit): the buyer's Retry-After too.
      answer = { ...answer, retryAfterSeconds: outcome.retryAfterSeconds };
    }
    await completeKey(tx, input.customerId, input.idempotencyKey, answer);
    return answer;
  });
}
