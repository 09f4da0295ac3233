import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { CATALOG } from '../events/index.ts';
import type { Db, DbOrTx, Tx } from '../platform/db/database.ts';
import { AppError } from '../platform/errors.ts';
import { scrubFromLogs } from '../platform/secrets.ts';
import type { OutboundSettings } from './outbound.deps.ts';
import { subscriptionView, type SubscriptionView, type SubscriptionWithSecret } from './outbound.view.ts';
import { newSecret } from './signing.ts';
import { skipPending } from './delivery.repository.ts';
import * as repo from './subscription.repository.ts';
import { urlProblem } from './url.policy.ts';

/** Subscribes to every event type, present and future. */
export const ALL_EVENTS = '*';

/** Advisory lock (two-key form, class "ou", apart from the outbox's event keys) taken while counting and activating, so racing requests never pass the limit together. */
const LIMIT_LOCK_CLASS = 0x6f75; // "ou"

export interface NewSubscription {
  url: string;
  eventTypes: string[];
  description?: string;
}

/** The catalog's event types (what a subscription may name, besides `*`). */
export function eventTypes(): string[] {
  return Object.keys(CATALOG);
}

function invalid(field: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', { details: [{ in: 'body', field, message }] });
}

/** `*` alone, or catalog types (each once); throws VALIDATION_FAILED naming the first unknown one. */
function checkTypes(types: string[]): string[] {
  if (types.length === 0) throw invalid('/eventTypes', 'must name at least one event type, or "*"');
  if (types.includes(ALL_EVENTS)) {
    if (types.some((t) => t !== ALL_EVENTS)) throw invalid('/eventTypes', '"*" (every event) stands alone');
    return [ALL_EVENTS];
  }
  const known = new Set(eventTypes());
  const i = types.findIndex((t) => !known.has(t));
  if (i >= 0) throw invalid(`/eventTypes/${i}`, `unknown event type "${types[i]!.slice(0, 100)}"`);
  return [...new Set(types)];
}

/** In the caller's transaction, holding the lock until it ends: one more active subscription fits (else SUBSCRIPTION_LIMIT_REACHED). */
async function roomForOneMore(tx: Tx, settings: OutboundSettings): Promise<void> {
  await sql`select pg_advisory_xact_lock(${LIMIT_LOCK_CLASS}, 1)`.execute(tx);
  if ((await repo.countActiveSubscriptions(tx)) >= settings.maxSubscriptions) {
    throw new AppError('SUBSCRIPTION_LIMIT_REACHED', { details: { max: settings.maxSubscriptions } });
  }
}

/**
 * Creates an active subscription with a new secret, shown in this answer
 * only. Throws VALIDATION_FAILED (a URL the policy refuses, an unknown event
 * type) or SUBSCRIPTION_LIMIT_REACHED.
 */
export async function createSubscription(db: Db, settings: OutboundSettings, s: NewSubscription): Promise<SubscriptionWithSecret> {
  const problem = urlProblem(s.url, settings);
  if (problem) throw invalid('/url', problem);
  const types = checkTypes(s.eventTypes);
  const secret = newSecret();
  scrubFromLogs(secret);
  const row = await db.transaction().execute(async (tx) => {
    await roomForOneMore(tx, settings);
    return await repo.insertSubscription(tx, { id: randomUUID(), url: s.url, eventTypes: types, description: s.description ?? null, secret });
  });
  return { ...subscriptionView(row), secret };
}

export async function listSubscriptions(db: DbOrTx): Promise<{ subscriptions: SubscriptionView[] }> {
  return { subscriptions: (await repo.listSubscriptions(db)).map(subscriptionView) };
}

/** One subscription; SUBSCRIPTION_NOT_FOUND. */
export async function getSubscription(db: DbOrTx, id: string): Promise<SubscriptionView> {
  const r = await repo.subscriptionById(db, id);
  if (!r) throw new AppError('SUBSCRIPTION_NOT_FOUND');
  return subscriptionView(r);
}

/**
 * No new deliveries from now on, and the pending ones are skipped at once
 * (recorded as `skipped`; an attempt in flight is still logged). Idempotent.
 * Returns the subscription and how many deliveries it skipped.
 */
export async function disableSubscription(db: Db, id: string): Promise<{ subscription: SubscriptionView; skipped: number }> {
  await getSubscription(db, id);
  const skipped = await db.transaction().execute(async (tx) => {
    if (!(await repo.disableSubscription(tx, id, 'operator'))) return 0;
    return await skipPending(tx, id);
  });
  return { subscription: await getSubscription(db, id), skipped };
}

/**
 * Active again: events from now on are delivered (what happened while it
 * was disabled is not). Idempotent; SUBSCRIPTION_LIMIT_REACHED when the
 * active ones are already at the limit.
 */
export async function enableSubscription(db: Db, settings: OutboundSettings, id: string): Promise<SubscriptionView> {
  const current = await getSubscription(db, id);
  if (current.status === 'active') return current;
  await db.transaction().execute(async (tx) => {
    await roomForOneMore(tx, settings);
    await repo.enableSubscription(tx, id);
  });
  return await getSubscription(db, id);
}

/**
 * A new secret, shown in this answer only. Every attempt from now on —
 * retries of older deliveries included — is signed with it alone: the old
 * secret stops working at once, so a receiver should accept both while it
 * swaps them.
 */
export async function rotateSecret(db: DbOrTx, id: string): Promise<SubscriptionWithSecret> {
  const secret = newSecret();
  scrubFromLogs(secret);
  const r = await repo.setSecret(db, id, secret);
  if (!r) throw new AppError('SUBSCRIPTION_NOT_FOUND');
  return { ...subscriptionView(r), secret };
}
