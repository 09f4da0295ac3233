import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pollDelayMs } from '../src/checkout/async-payment.tasks.ts';
import { signChannelToken, verifyChannelToken } from '../src/checkout/channel-token.ts';
import { pspSimWebhooks } from '../src/payments/providers/psp-sim/psp-sim.webhook.ts';

describe('polling schedule', () => {
  it('is 3 s, 6 s, 12 s, 24 s, then 30 s for ever with the defaults', () => {
    expect([0, 1, 2, 3, 4, 5, 50].map((n) => pollDelayMs(n, 3000, 30_000))).toEqual([3000, 6000, 12_000, 24_000, 30_000, 30_000, 30_000]);
  });
  it('never decreases and never exceeds the max', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 50, max: 10_000 }), fc.integer({ min: 0, max: 1_000_000 }), (n, first, extra) => {
        const max = first + extra;
        const d = pollDelayMs(n, first, max);
        return d <= max && d >= first && pollDelayMs(n + 1, first, max) >= d;
      }),
    );
  });
});

describe('psp-sim webhook signatures', () => {
  const body = JSON.stringify({ id: 'evt_1', type: 'payment.captured', created: 1, data: { payment: { id: 'pay_1', reference: 'ORD-1', status: 'captured', amount: 100, capturedAmount: 100, refundedAmount: 0 } } });
  const sign = (secret: string, t: number, b = body) => `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${b}`).digest('hex')}`;
  const now = new Date('2026-11-21T12:00:00Z');
  const t = Math.floor(now.getTime() / 1000);
  const hooks = pspSimWebhooks({ secrets: ['current-secret-0123456789', 'previous-secret-0123456789'], toleranceSeconds: 300 });
  const verify = (header: string | undefined, b = body) => hooks.verify(b, header === undefined ? {} : { 'psp-sim-signature': header }, now);

  it('accepts either active secret, within the tolerance, and reads the event', () => {
    expect(verify(sign('current-secret-0123456789', t)).payment).toMatchObject({ providerPaymentId: 'pay_1', status: 'captured', reference: 'ORD-1' });
    expect(verify(sign('previous-secret-0123456789', t - 299)).id).toBe('evt_1');
    // A header with several signatures passes if one matches (Stripe does this while rotating).
    const two = `${sign('current-secret-0123456789', t)},v1=${'0'.repeat(64)}`;
    expect(verify(two).id).toBe('evt_1');
  });

  it.each([
    ['missing', undefined],
    ['malformed', 'nonsense'],
    ['too_old', sign('current-secret-0123456789', t - 301)],
    ['too_old', sign('current-secret-0123456789', t + 301)],
    ['mismatch', sign('some-other-secret-012345678', t)],
  ])('refuses %s signatures', (reason, header) => {
    expect(() => verify(header)).toThrow(expect.objectContaining({ reason }));
  });

  it('refuses any change to the signed bytes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: body.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }), (i, c) => {
        const tampered = body.slice(0, i) + c + body.slice(i + 1);
        if (tampered === body) return true;
        try {
          verify(sign('current-secret-0123456789', t), tampered);
          return false;
        } catch (e) {
          return (e as { reason?: string }).reason === 'mismatch';
        }
      }),
    );
  });
});

describe('channel tokens', () => {
  it('open exactly one order, and only with the key they were made with', async () => {
    const token = await signChannelToken('jwt-secret-0123456789abcdef0123456789', 'ORD-1');
    expect(await verifyChannelToken('jwt-secret-0123456789abcdef0123456789', token, 'ORD-1')).toBe(true);
    expect(await verifyChannelToken('jwt-secret-0123456789abcdef0123456789', token, 'ORD-2')).toBe(false);
    expect(await verifyChannelToken('another-secret-0123456789abcdef012345', token, 'ORD-1')).toBe(false);
  });
});
