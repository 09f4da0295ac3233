import { FAULT_OPERATIONS, type FaultRule } from './sim.faults.ts';
import { SIM_PROVIDERS } from './sim.types.ts';

/** Largest amount that survives JSON numbers exactly. */
const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

const amount = { type: 'integer', minimum: 1, maximum: MAX_AMOUNT } as const;

/** Body of `POST /v1/payments`. */
export interface CreatePaymentBody {
  amount: number;
  currency: 'JPY';
  reference: string;
  source: { type: 'card'; token: string } | { type: 'paypay' };
}

export const createPaymentSchema = {
  body: {
    type: 'object',
    required: ['amount', 'currency', 'reference', 'source'],
    properties: {
      amount,
      currency: { type: 'string', enum: ['JPY'] },
      reference: { type: 'string', minLength: 1, maxLength: 64 },
      // Exactly one of the two shapes; `type` decides which (a token on paypay is an error).
      source: {
        oneOf: [
          {
            type: 'object',
            required: ['type', 'token'],
            additionalProperties: false,
            properties: {
              type: { type: 'string', const: 'card' },
              token: { type: 'string', minLength: 1, maxLength: 255 },
            },
          },
          {
            type: 'object',
            required: ['type'],
            additionalProperties: false,
            properties: { type: { type: 'string', const: 'paypay' } },
          },
        ],
      },
    },
  },
} as const;

/** Body of `POST /v1/payments/:id/capture` (absent = capture the full amount). */
export interface CaptureBody {
  amount?: number;
}

export const captureSchema = {
  body: { type: ['object', 'null'], properties: { amount } },
} as const;

/** Body of `POST /v1/payments/:id/refund`. */
export interface RefundBody {
  amount: number;
}

export const refundSchema = {
  body: { type: 'object', required: ['amount'], properties: { amount } },
} as const;

/**
 * Query of `GET /v1/payments`: find by `reference` / `idempotencyKey`, or list
 * by creation time (`createdFrom`, ISO 8601, inclusive; `createdTo`, exclusive)
 * a page of `limit` (1–100, default 100) at a time, from the opaque `cursor`
 * the previous page gave as `nextCursor`.
 */
export interface FindQuery {
  reference?: string;
  idempotencyKey?: string;
  createdFrom?: string;
  createdTo?: string;
  limit?: string;
  cursor?: string;
}

const isoTime = { type: 'string', minLength: 10, maxLength: 40 } as const;

export const findSchema = {
  querystring: {
    type: 'object',
    properties: {
      reference: { type: 'string', minLength: 1, maxLength: 64 },
      idempotencyKey: { type: 'string', minLength: 1, maxLength: 255 },
      createdFrom: isoTime,
      createdTo: isoTime,
      // Query strings are not coerced (a PSP takes "100" as text): digits, read by the route.
      limit: { type: 'string', pattern: '^[0-9]{1,3}$' },
      cursor: { type: 'string', minLength: 1, maxLength: 64 },
    },
  },
} as const;

/** Query of `GET /__sim/payments`. */
export interface LedgerQuery {
  reference?: string;
}

export const ledgerSchema = {
  querystring: { type: 'object', properties: { reference: { type: 'string', maxLength: 255 } } },
} as const;

const WEBHOOK_ONLY = ['eventType', 'reference', 'drop', 'duplicate', 'reorder'] as const;

/** Body of `POST /__sim/faults`. */
export interface FaultsBody {
  rules: FaultRule[];
}

export const faultsSchema = {
  body: {
    type: 'object',
    required: ['rules'],
    properties: {
      rules: {
        type: 'array',
        maxItems: 100,
        items: {
          type: 'object',
          required: ['operation'],
          additionalProperties: false,
          properties: {
            operation: { type: 'string', enum: [...FAULT_OPERATIONS] },
            provider: { type: 'string', enum: [...SIM_PROVIDERS] },
            errorRate: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
            status: { type: 'integer', minimum: 400, maximum: 599 },
            retryAfterSeconds: { type: 'integer', minimum: 0, maximum: 86_400 },
            count: { type: 'integer', minimum: 1 },
            latencyMs: { type: 'integer', minimum: 0, maximum: 600_000 },
            hang: { type: 'boolean' },
            afterActing: { type: 'boolean' },
            // operation "webhook" only:
            eventType: { type: 'string', pattern: '^(payment|refund)\\.[a-z_]+$', maxLength: 64 },
            reference: { type: 'string', minLength: 1, maxLength: 64 },
            drop: { type: 'boolean' },
            duplicate: { type: 'integer', minimum: 1, maximum: 10 },
            reorder: { type: 'boolean' },
            // operation "refund" only:
            settle: {
              type: 'object',
              required: ['afterMs', 'outcome'],
              additionalProperties: false,
              properties: {
                afterMs: { type: 'integer', minimum: 0, maximum: 600_000 },
                outcome: { type: 'string', enum: ['succeeded', 'failed'] },
                failureReason: { type: 'string', minLength: 1, maxLength: 64 },
              },
            },
          },
          // A field the rule's operation ignores is a mistake in the test, not a no-op.
          allOf: [
            {
              if: { properties: { operation: { const: 'webhook' } } },
              then: { not: { anyOf: [{ required: ['status'] }, { required: ['hang'] }, { required: ['retryAfterSeconds'] }, { required: ['afterActing'] }] } },
              else: { not: { anyOf: WEBHOOK_ONLY.map((f) => ({ required: [f] })) } },
            },
            { if: { required: ['settle'] }, then: { properties: { operation: { const: 'refund' } } } },
            // Acting needs an answer to lie with, and a request that never ends never acts.
            { if: { required: ['afterActing'], properties: { afterActing: { const: true } } }, then: { required: ['status'], not: { required: ['hang'] } } },
            // Without afterActing a status answers before anything happens: there would be no refund to settle.
            { if: { required: ['settle', 'status'] }, then: { required: ['afterActing'], properties: { afterActing: { const: true } } } },
          ],
        },
      },
    },
  },
} as const;

/** Body of `POST /__sim/payments/:id/complete` and the 3-D Secure form. */
export interface CompleteBody {
  outcome: 'success' | 'failure';
}

export const completeSchema = {
  body: {
    type: 'object',
    required: ['outcome'],
    properties: { outcome: { type: 'string', enum: ['success', 'failure'] } },
  },
} as const;

/** Query of `GET /__sim/webhooks`. */
export interface WebhooksQuery {
  reference?: string;
}

export const webhooksSchema = {
  querystring: { type: 'object', properties: { reference: { type: 'string', maxLength: 255 } } },
} as const;

/** Path params of every `/:id` route. */
export interface IdParams {
  id: string;
}
