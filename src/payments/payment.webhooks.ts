import type { Db, Tx } from '../platform/db/database.ts';
import * as repo from './payment.repository.ts';
import { isWebhookSignatureError, type PaymentProvider, type ProviderEvent, type ProviderPayment, type WebhookHeaders } from './providers/provider.ts';

export type ReceiveResult =
  | { kind: 'unknown_provider' }
  | { kind: 'rejected'; reason: string }
  /** Verified (or unsigned), but holding what no event of ours can (an id longer than any PSP's). */
  | { kind: 'malformed'; reason: string }
  /** An unsigned hint about no payment of ours: not stored, nothing to ask the PSP about. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'duplicate'; eventId: string }
  | { kind: 'stored'; eventId: string; id: number };

/** Longer event ids, types or references are no PSP's: refused rather than stored (an index entry has a size limit too). */
const MAX_ID = 255;
const MAX_TYPE = 100;
const MAX_REFERENCE = 100;

/** Bounds of unsigned hints (PayPay): see {@link WebhookInbox.receive}. */
export interface HintPolicy {
  /** A hint about the same payment and status within this is a duplicate; a confirmation within this is not repeated. */
  windowMs: number;
}

/** A stored webhook, read back for the job that acts on it. */
export interface StoredWebhook {
  id: number;
  provider: string;
  reference: string | null;
  receivedAt: Date;
  processedAt: Date | null;
  event: ProviderEvent;
}

/**
 * The webhook inbox: verify the signature over the raw body, store the raw
 * event once per event id, and let the caller enqueue its work in the same
 * transaction. Acting on the event is the caller's job (payments does not know
 * orders), done later in a job so the PSP gets its 2xx at once.
 */
export class WebhookInbox {
  constructor(
    private readonly providers: Map<string, PaymentProvider>,
    readonly hints: HintPolicy = { windowMs: 10_000 },
  ) {}

  async receive(
    db: Db,
    providerName: string,
    rawBody: string,
    headers: WebhookHeaders,
    /**
     * Decides, in the same transaction and before the event is stored, whether it has work: returns what
     * enqueues that work once the event has its id, or null = nothing to do, the event is stored as processed.
     */
    workFor: (tx: Tx, event: { reference: string; payment: ProviderPayment; event: ProviderEvent }) => Promise<((tx: Tx, id: number) => Promise<void>) | null>,
  ): Promise<ReceiveResult> {
    const webhooks = this.providers.get(providerName)?.webhooks;
    if (!webhooks) return { kind: 'unknown_provider' };
    let event: ProviderEvent;
    try {
      event = webhooks.verify(rawBody, headers);
    } catch (e) {
      if (isWebhookSignatureError(e)) return { kind: 'rejected', reason: e.reason };
      throw e;
    }
    if (event.id.length > MAX_ID || event.type.length > MAX_TYPE || (event.payment?.reference.length ?? 0) > MAX_REFERENCE) return { kind: 'malformed', reason: 'too_long' };
    const hint = event.confirmWithPsp === true;
    if (hint) {
      // Anyone can send a hint: only one about a payment of ours is kept, once per payment and status per window,
      // so a flood neither grows the table nor turns into PSP queries (each hint's job asks the PSP).
      const p = event.payment;
      if (!p || !(await repo.attemptExists(db, providerName, p.providerPaymentId, p.idempotencyKey))) return { kind: 'ignored', reason: 'unknown_payment' };
    }
    return await db.transaction().execute(async (tx): Promise<ReceiveResult> => {
      if (hint && event.payment) {
        // Concurrent copies of one hint take turns here, so only the first of a window is kept.
        await repo.lockHintSlot(tx, providerName, event.payment.reference, event.type);
        if (await repo.recentWebhook(tx, providerName, event.payment.reference, event.type, this.hints.windowMs)) return { kind: 'duplicate', eventId: event.id };
      }
      // An event about no payment (a type we do not act on) is kept for the record only.
      const payment = event.payment;
      const work = payment ? await workFor(tx, { reference: payment.reference, payment, event }) : null;
      const id = await repo.insertWebhookEvent(tx, {
        provider: providerName,
        eventId: event.id,
        type: event.type,
        reference: payment?.reference ?? null,
        rawBody,
        processed: work === null,
      });
      if (id === undefined) return { kind: 'duplicate', eventId: event.id };
      if (work) await work(tx, id);
      return { kind: 'stored', eventId: event.id, id };
    });
  }

  async load(db: Db, id: number): Promise<StoredWebhook | undefined> {
    const row = await repo.webhookEventById(db, id);
    const webhooks = row && this.providers.get(row.provider)?.webhooks;
    if (!row || !webhooks) return undefined;
    return {
      id: row.id,
      provider: row.provider,
      reference: row.reference,
      receivedAt: row.received_at,
      processedAt: row.processed_at,
      event: webhooks.decode(row.raw_body),
    };
  }

  /** Whether `provider` ever sent a webhook about `reference` (a poll that decides tells a blackout so). */
  async anyReceived(db: Db, provider: string, reference: string): Promise<boolean> {
    return await repo.anyWebhook(db, provider, reference);
  }

  /** The webhooks received about a reference, oldest first (admin order detail). */
  async forReference(db: Db, reference: string) {
    const rows = await repo.webhookEventsFor(db, reference);
    return rows.map((r) => ({
      provider: r.provider,
      eventId: r.event_id,
      type: r.type,
      receivedAt: r.received_at.toISOString(),
      processedAt: r.processed_at?.toISOString() ?? null,
    }));
  }

  /**
   * Whether another hint about the same payment was acted on (confirmed with
   * the PSP) within the window: then this one need not ask again — a flood of
   * hints costs at most one PSP query per payment per window.
   */
  async confirmedRecently(db: Db, stored: StoredWebhook): Promise<boolean> {
    if (!stored.reference) return false;
    return await repo.recentlyProcessed(db, stored.provider, stored.reference, stored.id, this.hints.windowMs);
  }

  async markProcessed(db: Db | Tx, id: number): Promise<void> {
    await repo.markWebhookProcessed(db, id);
  }
}
