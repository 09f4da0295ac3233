import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError, type ProviderEvent, type ProviderWebhooks, type WebhookHeaders } from '../provider.ts';
import { toPayment, type SimPayment } from './psp-sim.wire.ts';

/** The simulator signs like Stripe: `psp-sim-signature: t=<unix>,v1=<hex HMAC-SHA256("<t>.<raw body>")>`. */
export const SIGNATURE_HEADER = 'psp-sim-signature';

export interface PspSimWebhookOptions {
  /** Every secret currently accepted: the new one and, while rotating, the old one. */
  secrets: string[];
  /** Oldest signature accepted, in seconds (replay protection). */
  toleranceSeconds: number;
}

function parseHeader(value: string): { t: number; v1: string[] } {
  let t: number | undefined;
  const v1: string[] = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't' && /^\d{1,12}$/.test(v)) t = Number(v);
    else if (k === 'v1' && /^[0-9a-f]{64}$/i.test(v)) v1.push(v.toLowerCase());
  }
  if (t === undefined || v1.length === 0) throw new WebhookSignatureError('malformed');
  return { t, v1 };
}

function decode(rawBody: string): ProviderEvent {
  let body: { id?: unknown; type?: unknown; data?: { payment?: SimPayment } };
  try {
    body = JSON.parse(rawBody) as typeof body;
  } catch {
    throw new WebhookSignatureError('bad_body');
  }
  const payment = body.data?.payment;
  if (typeof body.id !== 'string' || typeof body.type !== 'string' || !payment || typeof payment.id !== 'string') {
    throw new WebhookSignatureError('bad_body');
  }
  return { id: body.id, type: body.type, payment: toPayment(payment) };
}

/** Verifies and reads the simulator's webhooks. */
export function pspSimWebhooks(opts: PspSimWebhookOptions): ProviderWebhooks {
  const secrets = opts.secrets.filter((s) => s.length > 0);
  return {
    verify(rawBody: string, headers: WebhookHeaders, now = new Date()): ProviderEvent {
      const raw = headers[SIGNATURE_HEADER];
      const value = Array.isArray(raw) ? raw[0] : raw;
      if (!value) throw new WebhookSignatureError('missing');
      const { t, v1 } = parseHeader(value);
      if (Math.abs(now.getTime() / 1000 - t) > opts.toleranceSeconds) throw new WebhookSignatureError('too_old');
      const signed = `${t}.${rawBody}`;
      const ok = secrets.some((secret) => {
        const expected = createHmac('sha256', secret).update(signed).digest();
        // Constant-time against every signature the header carries.
        return v1.some((sig) => timingSafeEqual(expected, Buffer.from(sig, 'hex')));
      });
      if (!ok) throw new WebhookSignatureError('mismatch');
      return decode(rawBody);
    },
    decode,
  };
}
