import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { receiveWebhook } from '../../checkout/index.ts';
import { AppError } from '../../platform/errors.ts';
import { assertClean } from '../policy.ts';
import { limitByAddress } from '../rate-limits.ts';
import { errors } from '../schemas/common.ts';
import type { Api, RouteKit } from '../types.ts';

/** The most any PSP sends: Stripe's largest events run to a few tens of KiB. */
const WEBHOOK_BODY_LIMIT = 256 * 1024;
/** Per provider: PayPay's notifications are a few hundred bytes, the simulator's a few KiB. */
const PROVIDER_LIMITS: Record<string, number> = { stripe: WEBHOOK_BODY_LIMIT, 'psp-sim': 64 * 1024, paypay: 16 * 1024 };

const Received = Type.Object(
  {
    received: Type.Literal(true),
    duplicate: Type.Optional(Type.Literal(true)),
    ignored: Type.Optional(Type.Literal(true, { description: 'an unsigned hint about no payment of ours: not kept' })),
  },
  { additionalProperties: false },
);

/**
 * `POST /webhooks/:provider`: the PSPs' notifications. Public (a PSP cannot
 * log in) and therefore believed only after the signature over the raw body
 * checks out; the PSP gets its 2xx at once, the work happens in a job.
 */
export async function webhookRoutes(app: Api, { ctx, limits }: RouteKit): Promise<void> {
  const { deps } = ctx;
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    // The signature covers the exact bytes: keep the body as the raw string, parse it only after verifying.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));

    scope.post(
      '/webhooks/:provider',
      {
        onRequest: limitByAddress(limits.webhooks),
        schema: {
          tags: ['webhooks'],
          summary: 'A PSP notification',
          description:
            '`stripe`: `Stripe-Signature`. `psp-sim`: `psp-sim-signature: t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. ' +
            '`paypay`: unsigned, so only a hint: orderly asks PayPay before anything changes; a hint about no payment of ours is not kept ' +
            '(`ignored`), one repeating a payment and status within WEBHOOK_HINT_WINDOW_MS is a duplicate, and confirmations are not ' +
            'repeated within that window. Stored once per event id; `{ received: true, duplicate: true }` for one seen before. ' +
            'Bodies at most 256 KiB (Stripe), 64 KiB (psp-sim), 16 KiB (PayPay).',
          params: Type.Object({ provider: Type.String({ pattern: '^[a-z0-9-]{1,40}$' }) }, { additionalProperties: false }),
          body: Type.String({ maxLength: WEBHOOK_BODY_LIMIT, description: 'the PSP event, as the PSP sent it (signed bytes)' }),
          response: { 200: Received, ...errors(['NOT_FOUND', 'WEBHOOK_SIGNATURE_INVALID', 'PAYLOAD_TOO_LARGE'], { body: true }) },
        },
      },
      async (req, reply) => {
        const { provider } = req.params;
        const raw = typeof req.body === 'string' ? req.body : '';
        if (Buffer.byteLength(raw) > (PROVIDER_LIMITS[provider] ?? 64 * 1024)) throw new AppError('PAYLOAD_TOO_LARGE');
        // A body that is JSON is held to the same string rules as any other: nothing reaches the database that it cannot keep.
        let parsed: unknown;
        try {
          parsed = JSON.parse(raw);
        } catch {
          parsed = undefined; // not JSON: the signature check refuses it
        }
        if (parsed !== undefined) assertClean(parsed, 'body', req.headers['accept-language']);
        const result = await receiveWebhook(deps, provider, raw, req.headers, req.id);
        switch (result.kind) {
          case 'unknown_provider':
            deps.metrics.webhooksRejected.inc({ provider: 'unknown', reason: 'unknown_provider' });
            throw new AppError('NOT_FOUND');
          case 'rejected':
            deps.metrics.webhooksRejected.inc({ provider, reason: result.reason });
            req.log.warn({ event: 'webhook_signature_invalid', provider, reason: result.reason }, 'webhook rejected');
            throw new AppError('WEBHOOK_SIGNATURE_INVALID');
          case 'malformed':
            deps.metrics.webhooksRejected.inc({ provider, reason: result.reason });
            throw new AppError('VALIDATION_FAILED', { details: [{ in: 'body', field: '', message: 'an event id, type or reference longer than any PSP sends' }] });
          case 'ignored':
            deps.metrics.webhooksRejected.inc({ provider, reason: result.reason });
            req.log.info({ provider, reason: result.reason }, 'webhook ignored');
            return reply.code(200).send({ received: true as const, ignored: true as const });
          case 'duplicate':
            deps.metrics.webhooksDuplicate.inc({ provider });
            req.log.info({ provider, eventId: result.eventId }, 'duplicate webhook; already received');
            return reply.code(200).send({ received: true as const, duplicate: true as const });
          case 'stored':
            deps.metrics.webhooksReceived.inc({ provider });
            req.log.info({ provider, eventId: result.eventId }, 'webhook received');
            return reply.code(200).send({ received: true as const });
        }
      },
    );
  });
}
