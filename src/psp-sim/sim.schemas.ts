import { FAULT_OPERATIONS, type FaultRule } from './sim.faults.ts';

/** Largest amount that survives JSON numbers exactly. */
const MAX_AMOUNT = Number.MAX_SAFE_INTEGER;

const amount = { type: 'integer', minimum: 1, maximum: MAX_AMOUNT } as const;

/** Body of `POST /v1/payments`. */
export interface CreatePaymentBody {
  amount: number;
  currency: 'JPY';
  reference: string;
  source: { type: 'card'; token: string };
}

export const createPaymentSchema = {
  body: {
    type: 'object',
    required: ['amount', 'currency', 'reference', 'source'],
    properties: {
      amount,
      currency: { type: 'string', enum: ['JPY'] },
      reference: { type: 'string', minLength: 1, maxLength: 64 },
      source: {
        type: 'object',
        required: ['type', 'token'],
        properties: {
          type: { type: 'string', enum: ['card'] },
          token: { type: 'string', minLength: 1, maxLength: 255 },
        },
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

/** Query of `GET /v1/payments`. */
export interface FindQuery {
  reference?: string;
  idempotencyKey?: string;
}

export const findSchema = {
  querystring: {
    type: 'object',
    properties: {
      reference: { type: 'string', minLength: 1, maxLength: 64 },
      idempotencyKey: { type: 'string', minLength: 1, maxLength: 255 },
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
            status: { type: 'integer', minimum: 400, maximum: 599 },
            count: { type: 'integer', minimum: 1 },
            latencyMs: { type: 'integer', minimum: 0, maximum: 600_000 },
            hang: { type: 'boolean' },
          },
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

/** Path params of every `/:id` route. */
export interface IdParams {
  id: string;
}
