import { randomUUID } from 'node:crypto';
import type { NewEvent } from '../events/index.ts';
import type { ProviderPayment } from './providers/provider.ts';
import type { AttemptStatus, PaymentStatus } from './payment.table.ts';

/** Where a PSP's word about a payment came from (the `source` of payment-status-observed). */
export type ObservationSource = 'authorize' | 'webhook' | 'poll' | 'capture' | 'cancel' | 'refund' | 'reconcile';

export interface ObservationMeta {
  source: ObservationSource;
  /** The PSP's event id, when the word came in a webhook. */
  eventId?: string;
}

/**
 * The events one applied PSP word makes: always seed 003's
 * payment-status-observed (the monitor's input), and the domain event of the
 * money's move, if it moved (held, taken, dropped, given back).
 */
export function observedEvents(
  reference: string,
  attempt: { n: number; provider: string; status: AttemptStatus; refundedAmount: number },
  p: ProviderPayment,
  status: AttemptStatus & PaymentStatus,
  live: boolean,
  meta: ObservationMeta,
): NewEvent[] {
  const id = randomUUID();
  const base = { orderNo: reference, provider: attempt.provider, attempt: attempt.n };
  const events: NewEvent[] = [
    {
      type: 'payment-status-observed',
      key: reference,
      id,
      data: {
        orderNo: reference,
        status,
        eventId: meta.eventId ?? id,
        occurredAt: new Date().toISOString(),
        provider: attempt.provider,
        providerPaymentId: p.providerPaymentId,
        attempt: attempt.n,
        live,
        amount: p.amount,
        capturedAmount: p.capturedAmount,
        refundedAmount: p.refundedAmount,
        source: meta.source,
      },
    },
  ];
  if (status !== attempt.status) {
    if (status === 'AUTHORIZED') events.push({ type: 'payment-authorized', key: reference, data: { ...base, amount: p.amount } });
    if (status === 'CAPTURED') events.push({ type: 'payment-captured', key: reference, data: { ...base, capturedAmount: p.capturedAmount } });
    if (status === 'VOIDED') events.push({ type: 'payment-voided', key: reference, data: base });
  }
  if (p.refundedAmount > attempt.refundedAmount) {
    events.push({ type: 'payment-refunded', key: reference, data: { ...base, amount: p.refundedAmount - attempt.refundedAmount, refundedAmount: p.refundedAmount } });
  }
  return events;
}

/** A decline we learnt from the PSP's refusal of the authorization itself (no payment object came back). */
export function declinedEvent(reference: string, attempt: { n: number; provider: string }, amount: number): NewEvent {
  const id = randomUUID();
  return {
    type: 'payment-status-observed',
    key: reference,
    id,
    data: {
      orderNo: reference,
      status: 'DECLINED',
      eventId: id,
      occurredAt: new Date().toISOString(),
      provider: attempt.provider,
      providerPaymentId: null,
      attempt: attempt.n,
      live: true,
      amount,
      capturedAmount: 0,
      refundedAmount: 0,
      source: 'authorize',
    },
  };
}
