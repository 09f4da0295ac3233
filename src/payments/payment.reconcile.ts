import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { emitEvents } from '../events/index.ts';
import type { Db, DbOrTx } from '../platform/db/database.ts';
import { lockEventKey } from '../platform/outbox/outbox.ts';
import { STATUS_OF } from './payment.status.ts';
import type { AttemptStatus } from './payment.table.ts';
import type { PaymentProvider, ProviderPayment } from './providers/provider.ts';

/** One PSP payment next to what we recorded of it (undefined: none of our attempts matches it). */
export interface Compared {
  provider: string;
  psp: ProviderPayment;
  ours?: { reference: string; n: number; status: AttemptStatus; live: boolean; capturedAmount: number; refundedAmount: number };
}

/** Money the PSP holds (or took and has not given back) on a payment. */
export function pspHoldsMoney(p: ProviderPayment): boolean {
  return p.status === 'authorized' || p.status === 'processing' || p.status === 'requires_action' || ((p.status === 'captured' || p.status === 'refunded') && p.refundedAmount < p.capturedAmount);
}

/** Our attempts at one PSP, with what reconciliation compares. */
function attempts(db: Db, provider: string) {
  return db
    .selectFrom('payment_attempts as a')
    .innerJoin('payments as p', 'p.id', 'a.payment_id')
    .select(['p.reference', 'a.n', 'a.status', 'a.idempotency_key', 'a.provider_payment_id', 'a.captured_amount', 'a.refunded_amount', 'a.payment_id'])
    .select((eb) => eb.selectFrom('payment_attempts as b').select((e2) => e2.fn.max('b.n').as('m')).whereRef('b.payment_id', '=', 'a.payment_id').as('last_n'))
    .where('a.provider', '=', provider);
}

/**
 * Reconciliation's side of payments: each PSP's truth for a time window —
 * its own list where it has one (psp-sim, Stripe by creation time), else a
 * read of each payment we know there (PayPay has no list) — matched to our
 * attempts.
 */
export class PspLedger {
  constructor(private readonly provider: (name: string) => PaymentProvider) {}

  async compare(db: Db, name: string, window: { from: Date; to: Date }, signal?: AbortSignal): Promise<{ compared: Compared[]; listed: boolean }> {
    const provider = this.provider(name);
    const ours = await attempts(db, name)
      .where('a.created_at', '>=', window.from)
      .where('a.created_at', '<', window.to)
      .execute();
    const byId = new Map(ours.filter((o) => o.provider_payment_id).map((o) => [o.provider_payment_id!, o]));
    const byKey = new Map(ours.map((o) => [o.idempotency_key, o]));
    let psp: ProviderPayment[];
    if (provider.list) {
      psp = await provider.list({ createdFrom: window.from, createdTo: window.to, ...(signal ? { signal } : {}) });
    } else {
      psp = [];
      for (const o of ours) {
        if (!o.provider_payment_id) continue;
        const p = await provider.get({ providerPaymentId: o.provider_payment_id, ...(signal ? { signal } : {}) });
        if (p) psp.push(p);
      }
    }
    // Our attempt row is written just before the PSP call, so a payment the PSP made at the window's start may
    // belong to an attempt of ours from just before it: look the unmatched ones up whenever they were made.
    // Without this, reconciliation took a buyer's payment at the edge of its window for foreign money and refunded it.
    const unmatched = psp.filter((p) => !byId.has(p.providerPaymentId) && !(p.idempotencyKey && byKey.has(p.idempotencyKey)));
    if (unmatched.length > 0) {
      const ids = unmatched.map((p) => p.providerPaymentId);
      const keys = unmatched.map((p) => p.idempotencyKey).filter((k): k is string => k !== undefined);
      const found = await attempts(db, name).where((eb) => eb.or([eb('a.provider_payment_id', 'in', ids), ...(keys.length > 0 ? [eb('a.idempotency_key', 'in', keys)] : [])])).execute();
      for (const o of found) {
        if (o.provider_payment_id) byId.set(o.provider_payment_id, o);
        byKey.set(o.idempotency_key, o);
      }
    }
    const compared = psp.map((p): Compared => {
      const o = byId.get(p.providerPaymentId) ?? (p.idempotencyKey ? byKey.get(p.idempotencyKey) : undefined);
      return {
        provider: name,
        psp: p,
        ...(o ? { ours: { reference: o.reference, n: o.n, status: o.status, live: Number(o.last_n) === o.n, capturedAmount: o.captured_amount, refundedAmount: o.refunded_amount } } : {}),
      };
    });
    return { compared, listed: provider.list !== undefined };
  }

  /**
   * A PSP payment none of our orders matches: reported to the stream (the
   * monitor's rule E) and its money given back, under keys of its own.
   */
  async undoForeign(db: Db, name: string, p: ProviderPayment, log: Logger): Promise<ProviderPayment> {
    await this.observeForeign(db, name, p);
    const provider = this.provider(name);
    let after = p;
    if (p.status === 'authorized' || p.status === 'requires_action') {
      after = await provider.void({ providerPaymentId: p.providerPaymentId, idempotencyKey: `reconcile:${p.providerPaymentId}:void` });
    } else if ((p.status === 'captured' || p.status === 'refunded') && p.refundedAmount < p.capturedAmount) {
      after = await provider.refund({ providerPaymentId: p.providerPaymentId, amount: p.capturedAmount - p.refundedAmount, idempotencyKey: `reconcile:${p.providerPaymentId}:refund` });
    }
    log.warn({ event: 'foreign_money_returned', provider: name, providerPaymentId: p.providerPaymentId, reference: p.reference, before: p.status, after: after.status }, 'money on a PSP payment of no order of ours given back');
    await this.observeForeign(db, name, after);
    return after;
  }

  /** Tells the stream what the PSP holds on a payment that is not ours (attempt 0, never live). */
  private async observeForeign(db: DbOrTx, name: string, p: ProviderPayment): Promise<void> {
    const key = p.reference || `foreign:${name}:${p.providerPaymentId}`;
    await db.transaction().execute(async (tx) => {
      await lockEventKey(tx, key);
      const id = randomUUID();
      await emitEvents(tx, [
        {
          type: 'payment-status-observed',
          key,
          id,
          data: {
            orderNo: key,
            status: STATUS_OF[p.status],
            eventId: id,
            occurredAt: new Date().toISOString(),
            provider: name,
            providerPaymentId: p.providerPaymentId,
            attempt: 0,
            live: false,
            amount: p.amount,
            capturedAmount: p.capturedAmount,
            refundedAmount: p.refundedAmount,
            source: 'reconcile',
          },
        },
      ]);
    });
  }
}
