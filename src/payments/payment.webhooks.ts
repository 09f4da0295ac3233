import type { Db, Tx } from '../platform/db/database.ts';
import * as repo from './payment.repository.ts';
import { isWebhookSignatureError, type PaymentProvider, type ProviderEvent, type ProviderPayment, type WebhookHeaders } from './providers/provider.ts';

export type ReceiveResult =
  | { kind: 'unknown_provider' }
  | { kind: 'rejected'; reason: string }
  | { kind: 'duplicate'; eventId: string }
  | { kind: 'stored'; eventId: string; id: number };

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
  constructor(private readonly providers: Map<string, PaymentProvider>) {}

  async receive(
    db: Db,
    providerName: string,
    rawBody: string,
    headers: WebhookHeaders,
    /** Enqueues the event's work in the same transaction; false = nothing to do, the event is processed as stored. */
    onStored: (tx: Tx, stored: { id: number; reference: string; payment: ProviderPayment; event: ProviderEvent }) => Promise<boolean>,
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
    return await db.transaction().execute(async (tx): Promise<ReceiveResult> => {
      const id = await repo.insertWebhookEvent(tx, {
        provider: providerName,
        eventId: event.id,
        type: event.type,
        reference: event.payment?.reference ?? null,
        rawBody,
      });
      if (id === undefined) return { kind: 'duplicate', eventId: event.id };
      // An event about no payment (a type we do not act on) is kept for the record only.
      const payment = event.payment;
      const work = payment ? await onStored(tx, { id, reference: payment.reference, payment, event }) : false;
      if (!work) await repo.markWebhookProcessed(tx, id);
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

  async markProcessed(db: Db | Tx, id: number): Promise<void> {
    await repo.markWebhookProcessed(db, id);
  }
}
