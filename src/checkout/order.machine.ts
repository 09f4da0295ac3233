import type { FailureReason, OrderStatus } from './order.table.ts';

/**
 * The order state machine, declared once: its states, what can happen to an
 * order, and where each happening takes it. Pure data and one pure function;
 * `order.transition.ts` carries a step out (the row, the timeline, the
 * outbox, the follow-up tasks, in the caller's transaction).
 *
 *   PENDING ──buyer_must_act──▶ WAITING_PAYMENT
 *   PENDING | WAITING_PAYMENT ──payment_succeeded──▶ PAID
 *   PENDING | WAITING_PAYMENT ──payment_failed──▶ FAILED
 *   PAID ──cancel (a person, with refund)──▶ CANCELLED
 *
 * Nothing else moves an order. Every move raises its rank (I7: never
 * backwards); a late failure after PAID and a late success after FAILED or
 * CANCELLED move nothing but call for a reaction.
 */

export const ORDER_STATES = ['PENDING', 'WAITING_PAYMENT', 'PAID', 'FAILED', 'CANCELLED'] as const satisfies readonly OrderStatus[];

/** Who or what brings the news. */
export type Via = 'request' | 'webhook' | 'poll' | 'expiry' | 'recovery' | 'operator' | 'reconcile';

/** What can happen to an order. */
export type OrderInput =
  /** The buyer must act (QR app, 3-D Secure) before the PSP can answer. */
  | { kind: 'buyer_must_act'; expiresAt: Date; firstPollAt: Date }
  /** The PSP holds the money (authorized or captured). */
  | { kind: 'payment_succeeded' }
  /** No money for this order: declined, unavailable, timed out, expired. `mayBeAuthorized`: the PSP might still hold some. */
  | { kind: 'payment_failed'; reason: FailureReason; mayBeAuthorized: boolean }
  /** An operator cancels a paid order; its money is refunded. */
  | { kind: 'cancel'; reason: string };

export type InputKind = OrderInput['kind'];
export const INPUT_KINDS: readonly InputKind[] = ['buyer_must_act', 'payment_succeeded', 'payment_failed', 'cancel'];

/** Where each input takes an order from each state; absent = it stays. */
export const TRANSITIONS: Readonly<Record<OrderStatus, Readonly<Partial<Record<InputKind, OrderStatus>>>>> = {
  PENDING: { buyer_must_act: 'WAITING_PAYMENT', payment_succeeded: 'PAID', payment_failed: 'FAILED' },
  WAITING_PAYMENT: { payment_succeeded: 'PAID', payment_failed: 'FAILED' },
  PAID: { cancel: 'CANCELLED' },
  FAILED: {},
  CANCELLED: {},
};

/** Something to do about an input that moves nothing. */
export type Reaction =
  /** Money arrived for an order that will not take it: void or refund it (I2). */
  | 'return_late_money'
  /** A failure after the order was established: recorded, the order stays PAID (I7). */
  | 'record_late_failure';

export const REACTIONS: Readonly<Record<OrderStatus, Readonly<Partial<Record<InputKind, Reaction>>>>> = {
  PENDING: {},
  WAITING_PAYMENT: {},
  PAID: { payment_failed: 'record_late_failure' },
  FAILED: { payment_succeeded: 'return_late_money' },
  CANCELLED: { payment_succeeded: 'return_late_money' },
};

/**
 * An undecided order is decided by its own request (which holds the PSP's
 * answer) or, past its deadline, by the recovery sweeper. News from the PSP
 * about it (webhook, poll, reconciliation) is recorded on the payment only.
 */
const DECIDES_PENDING: readonly Via[] = ['request', 'recovery'];

/** How far along a state is: every transition goes up. */
export const RANK: Readonly<Record<OrderStatus, number>> = { PENDING: 0, WAITING_PAYMENT: 1, PAID: 2, FAILED: 2, CANCELLED: 3 };

/** States an order can end in. */
export const FINAL: ReadonlySet<OrderStatus> = new Set(['PAID', 'FAILED', 'CANCELLED']);

export type Step = { kind: 'move'; to: OrderStatus } | { kind: 'react'; reaction: Reaction } | { kind: 'stay' };

/** The machine itself: what `input`, brought by `via`, does to an order in `status`. */
export function step(status: OrderStatus, input: InputKind, via: Via): Step {
  if (status === 'PENDING' && !DECIDES_PENDING.includes(via)) return { kind: 'stay' };
  const to = TRANSITIONS[status][input];
  if (to) return { kind: 'move', to };
  const reaction = REACTIONS[status][input];
  return reaction ? { kind: 'react', reaction } : { kind: 'stay' };
}
