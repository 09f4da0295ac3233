import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { discardDeadLetter, getDeadLetter, listDeadLetters, retryDeadLetter, type DeadLetterState } from './dead-letter.service.ts';

/** Who acted when the body names nobody. */
const DEFAULT_ACTOR = 'admin';

// Postgres text cannot hold NUL: refusing it here keeps bad input a 422, never a 500.
const text = (min: number, max: number) => ({ type: 'string', minLength: min, maxLength: max, pattern: '^[^\\u0000]*[^\\u0000\\s][^\\u0000]*$' }) as const;

const idParams = {
  type: 'object',
  required: ['id'],
  additionalProperties: false,
  // bigint ids; anything past 2^53 could not be one of ours and would overflow in Postgres.
  properties: { id: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER } },
} as const;

const listQuery = {
  type: 'object',
  additionalProperties: false,
  properties: {
    task: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,100}$' },
    orderNo: { type: 'string', pattern: '^[A-Za-z0-9_.:-]{1,40}$' },
    state: { type: 'string', enum: ['dead', 'discarded'], default: 'dead' },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 100 },
  },
} as const;

// The retry body is optional (a bare POST retries as "admin").
const retryBody = { type: ['object', 'null'], additionalProperties: false, properties: { by: text(1, 100) } } as const;

const discardBody = {
  type: 'object',
  required: ['reason'],
  additionalProperties: false,
  properties: { reason: text(3, 1000), by: text(1, 100) },
} as const;

export interface DeadLetterRouteDeps {
  db: Db;
  /** onRequest hook that admits administrators only (`adminAuth(adminKey)`). */
  adminAuth: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

/**
 * The operators' dead-letter API under `/api/v1/admin/dead-letters`: list,
 * inspect, retry (back to the queue with a fresh budget) and discard with a
 * reason. Who acted is the body's `by` (default "admin").
 */
export async function registerDeadLetterRoutes(app: FastifyInstance, deps: DeadLetterRouteDeps): Promise<void> {
  const { db } = deps;
  const onRequest = deps.adminAuth;

  app.get<{ Querystring: { task?: string; orderNo?: string; state?: DeadLetterState; limit?: number } }>(
    '/api/v1/admin/dead-letters',
    { onRequest, schema: { querystring: listQuery } },
    async (req) => {
      const { task, orderNo, state, limit } = req.query;
      return {
        deadLetters: await listDeadLetters(db, {
          ...(task !== undefined ? { task } : {}),
          ...(orderNo !== undefined ? { orderNo } : {}),
          ...(state !== undefined ? { state } : {}),
          ...(limit !== undefined ? { limit } : {}),
        }),
      };
    },
  );

  app.get<{ Params: { id: number } }>('/api/v1/admin/dead-letters/:id', { onRequest, schema: { params: idParams } }, async (req) =>
    await getDeadLetter(db, req.params.id),
  );

  app.post<{ Params: { id: number }; Body: { by?: string } | null | undefined }>(
    '/api/v1/admin/dead-letters/:id/retry',
    { onRequest, schema: { params: idParams, body: retryBody } },
    async (req, reply) => {
      const by = req.body?.by ?? DEFAULT_ACTOR;
      const r = await db.transaction().execute((tx) => retryDeadLetter(tx, req.params.id, by));
      req.log.warn({ deadLetter: r.id, by }, 'dead letter retried by an operator');
      return reply.code(202).send(r);
    },
  );

  app.post<{ Params: { id: number }; Body: { reason: string; by?: string } }>(
    '/api/v1/admin/dead-letters/:id/discard',
    { onRequest, schema: { params: idParams, body: discardBody } },
    async (req) => {
      const by = req.body.by ?? DEFAULT_ACTOR;
      const r = await discardDeadLetter(db, req.params.id, req.body.reason, by);
      req.log.warn({ deadLetter: r.id, by, reason: req.body.reason }, 'dead letter discarded by an operator');
      return r;
    },
  );
}
