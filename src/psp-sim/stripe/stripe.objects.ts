import type { PaymentJson, RefundJson } from '../sim.types.ts';
import { declineMessage } from './stripe.errors.ts';

/**
 * The simulator's payments rendered as Stripe objects: PaymentIntent
 * (https://docs.stripe.com/api/payment_intents/object), Charge
 * (https://docs.stripe.com/api/charges/object) and Refund
 * (https://docs.stripe.com/api/refunds/object) — the fields orderly and the
 * SDK read, with Stripe's names and status values. One renderer serves the API
 * and the webhooks, so an event shows exactly what a GET would.
 */

/** The API version the simulator speaks (the one `stripe` 23.1.0 pins). */
export const STRIPE_API_VERSION = '2026-10-28.endive';

/** A refund as Stripe objects are built from it: its status and times, and its Stripe fields (`reason`, `metadata`) when known. */
export type RefundSource = RefundJson & { meta?: Record<string, unknown> };

/** What a Stripe payment is built from: the simulator's payment and the Stripe fields kept in `meta`. */
export interface StripeSource {
  payment: PaymentJson;
  meta: Record<string, unknown>;
  /** The refunds with their Stripe fields (the API has them; a webhook snapshot has only `payment.refunds`). */
  refunds?: RefundSource[];
}

/** Which expandable fields to inline (`expand[]`), relative to the object being rendered. */
export type Expand = ReadonlySet<string>;
const NONE: Expand = new Set();

/** Whether `field` is expanded: named itself, or by a path through it (`latest_charge.refunds` expands `latest_charge`). */
const expands = (expand: Expand, field: string): boolean => [...expand].some((e) => e === field || e.startsWith(`${field}.`));

/** The paths below `field`, relative to it. */
const below = (expand: Expand, field: string): Expand =>
  new Set([...expand].filter((e) => e.startsWith(`${field}.`)).map((e) => e.slice(field.length + 1)));

/** Refunds newest first, as Stripe lists them. */
const refundsOf = (src: StripeSource): RefundSource[] => [...(src.refunds ?? src.payment.refunds ?? [])].reverse();

/** Stripe shows this many refunds inside a charge; the rest are paged with `GET /v1/refunds?payment_intent=`. */
const EMBEDDED_REFUNDS = 10;

const unix = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** `pi_<hex>` → `ch_<hex>`: one charge per PaymentIntent, named after it. */
export function chargeId(paymentIntentId: string): string {
  return `ch_${paymentIntentId.replace(/^pi_/, '')}`;
}

/**
 * Metadata is kept in `meta` under its form name, `metadata[key]`, one entry per
 * key: flat string pairs are what the repository's `metaEquals` (jsonb
 * containment) matches, so search needs no JSON-path query.
 */
export function metaFromMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(metadata).map(([k, v]) => [`metadata[${k}]`, v]));
}

function metadataOf(meta: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta)) {
    const m = /^metadata\[(.*)\]$/.exec(k);
    if (m && typeof v === 'string') out[m[1] as string] = v;
  }
  return out;
}

function str(meta: Record<string, unknown>, key: string): string | null {
  const v = meta[key];
  return typeof v === 'string' ? v : null;
}

type PiStatus = 'requires_payment_method' | 'requires_action' | 'processing' | 'requires_capture' | 'canceled' | 'succeeded';

/** The simulator's status as a PaymentIntent status (https://docs.stripe.com/payments/paymentintents/lifecycle). */
export function paymentIntentStatus(status: PaymentJson['status']): PiStatus {
  switch (status) {
    case 'authorized':
      return 'requires_capture';
    case 'captured':
    case 'refunded':
      // A refund leaves the PaymentIntent succeeded; the charge carries it.
      return 'succeeded';
    case 'voided':
      return 'canceled';
    case 'processing':
      return 'processing';
    case 'requires_action':
      return 'requires_action';
    case 'declined':
      return 'requires_payment_method';
  }
}

/** True once a charge was attempted: 3-D Secure pending or failed leaves no charge. */
function hasCharge(p: PaymentJson): boolean {
  if (p.status === 'requires_action') return false;
  if (p.status === 'declined') return p.declineCode !== 'authentication_failed';
  if (p.status === 'voided') return p.authorizedAmount > 0;
  return true;
}

/**
 * The Charge behind a PaymentIntent. A canceled authorization shows as
 * refunded, as Stripe shows it. `amount_refunded` counts pending refunds as
 * Stripe does (a failed one is given back); the refunds' own statuses tell
 * which succeeded. `expand` may hold `refunds` (Stripe's list object).
 */
export function chargeJson(src: StripeSource, expand: Expand = NONE): Record<string, unknown> {
  const { payment: p, meta } = src;
  const voided = p.status === 'voided';
  const failed = p.status === 'declined';
  const status = failed ? 'failed' : p.status === 'processing' ? 'pending' : 'succeeded';
  const pending = (p.refunds ?? []).filter((r) => r.status === 'pending').reduce((n, r) => n + r.amount, 0);
  const amountRefunded = voided ? p.amount : p.refundedAmount + pending;
  const refunds = refundsOf(src);
  return {
    id: chargeId(p.id),
    object: 'charge',
    amount: p.amount,
    amount_captured: p.capturedAmount,
    amount_refunded: amountRefunded,
    captured: p.capturedAmount > 0,
    currency: p.currency.toLowerCase(),
    created: unix(p.createdAt),
    description: str(meta, 'description'),
    failure_code: failed ? 'card_declined' : null,
    failure_message: failed ? declineMessage(p.declineCode ?? 'card_declined') : null,
    livemode: false,
    metadata: metadataOf(meta),
    outcome: failed
      ? { type: 'issuer_declined', reason: p.declineCode ?? 'generic_decline', network_status: 'declined_by_network' }
      : { type: 'authorized', reason: null, network_status: 'approved_by_network' },
    paid: status === 'succeeded',
    payment_intent: p.id,
    payment_method: str(meta, 'payment_method'),
    refunded: voided || (p.capturedAmount > 0 && amountRefunded === p.capturedAmount),
    ...(expands(expand, 'refunds')
      ? {
          refunds: {
            object: 'list',
            data: refunds.slice(0, EMBEDDED_REFUNDS).map((r) => refundJson(r, src)),
            has_more: refunds.length > EMBEDDED_REFUNDS,
            total_count: refunds.length,
            url: `/v1/charges/${chargeId(p.id)}/refunds`,
          },
        }
      : {}),
    status,
  };
}

function lastPaymentError(p: PaymentJson, meta: Record<string, unknown>): Record<string, unknown> | null {
  if (p.status !== 'declined') return null;
  const declineCode = p.declineCode ?? 'generic_decline';
  const authentication = declineCode === 'authentication_failed';
  return {
    type: 'card_error',
    code: authentication ? 'payment_intent_authentication_failure' : 'card_declined',
    ...(authentication ? {} : { decline_code: declineCode, charge: chargeId(p.id) }),
    message: declineMessage(declineCode),
    payment_method: { id: str(meta, 'payment_method'), object: 'payment_method', type: 'card' },
  };
}

/** A PaymentIntent; `expand` may hold `latest_charge` and `latest_charge.refunds`. */
export function paymentIntentJson(src: StripeSource, expand: Expand = NONE): Record<string, unknown> {
  const { payment: p, meta } = src;
  const status = paymentIntentStatus(p.status);
  const succeeded = status === 'succeeded';
  const charge = hasCharge(p) ? (expands(expand, 'latest_charge') ? chargeJson(src, below(expand, 'latest_charge')) : chargeId(p.id)) : null;
  const canceledAt = meta.canceled_at;
  return {
    id: p.id,
    object: 'payment_intent',
    amount: p.amount,
    amount_capturable: status === 'requires_capture' ? p.authorizedAmount : 0,
    amount_received: succeeded ? p.capturedAmount : 0,
    automatic_payment_methods: meta.automatic_payment_methods ?? null,
    canceled_at: status === 'canceled' && typeof canceledAt === 'number' ? canceledAt : null,
    cancellation_reason: status === 'canceled' ? (str(meta, 'cancellation_reason') ?? 'requested_by_customer') : null,
    capture_method: 'manual',
    confirmation_method: 'automatic',
    created: unix(p.createdAt),
    currency: p.currency.toLowerCase(),
    description: str(meta, 'description'),
    last_payment_error: lastPaymentError(p, meta),
    latest_charge: charge,
    livemode: false,
    metadata: metadataOf(meta),
    next_action:
      status === 'requires_action' && p.nextAction
        ? { type: 'redirect_to_url', redirect_to_url: { url: p.nextAction.url, return_url: str(meta, 'return_url') } }
        : null,
    payment_method: status === 'requires_payment_method' ? null : str(meta, 'payment_method'),
    payment_method_types: ['card'],
    status,
  };
}

/**
 * A Refund (https://docs.stripe.com/api/refunds/object): `status` pending,
 * succeeded or failed, with `failure_reason` once failed (and `pending_reason`
 * while pending). `expand` may hold `charge`, `payment_intent` and paths below them.
 */
export function refundJson(r: RefundSource, src: StripeSource, expand: Expand = NONE): Record<string, unknown> {
  const meta = r.meta ?? {};
  const metadata = meta.metadata && typeof meta.metadata === 'object' ? meta.metadata : {};
  return {
    id: r.id,
    object: 'refund',
    amount: r.amount,
    balance_transaction: null,
    charge: expands(expand, 'charge') ? chargeJson(src, below(expand, 'charge')) : chargeId(src.payment.id),
    created: unix(r.createdAt),
    currency: src.payment.currency.toLowerCase(),
    ...(r.status === 'failed' ? { failure_reason: r.failureReason ?? 'unknown' } : {}),
    metadata,
    payment_intent: expands(expand, 'payment_intent') ? paymentIntentJson(src, below(expand, 'payment_intent')) : src.payment.id,
    ...(r.status === 'pending' ? { pending_reason: 'processing' } : {}),
    reason: typeof meta.reason === 'string' ? meta.reason : null,
    status: r.status,
  };
}
