import { sql } from 'kysely';
import { Type } from 'typebox';
import { KNOWN_MIGRATIONS } from '../../platform/db/migrate.ts';
import { limitByAddress } from '../rate-limits.ts';
import { errors } from '../schemas/common.ts';
import type { Api, RouteKit } from '../types.ts';

const Ready = Type.Object(
  { status: Type.Union([Type.Literal('ready'), Type.Literal('migrating'), Type.Literal('unavailable')]), missing: Type.Optional(Type.Array(Type.String())), reason: Type.Optional(Type.String()) },
  { additionalProperties: false },
);

/** Liveness, readiness (database reachable, every migration applied) and Prometheus metrics. */
export async function healthRoutes(app: Api, { ctx, auth, limits }: RouteKit): Promise<void> {
  const { db, metrics } = ctx.deps;
  const onRequest = limitByAddress(limits.public);

  app.get(
    '/health/live',
    { onRequest, schema: { tags: ['health'], summary: 'The process runs', response: { 200: Type.Object({ status: Type.Literal('ok') }, { additionalProperties: false }), ...errors([]) } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    { onRequest, schema: { tags: ['health'], summary: 'The database is reachable and migrated', response: { ...errors([]), 200: Ready, 503: Ready } } },
    async (_req, reply) => {
      try {
        const r = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
        const applied = new Set(r.rows.map((x) => x.name));
        const missing = KNOWN_MIGRATIONS.filter((m) => !applied.has(m));
        if (missing.length > 0) return reply.code(503).send({ status: 'migrating' as const, missing });
        return { status: 'ready' as const };
      } catch {
        return reply.code(503).send({ status: 'unavailable' as const, reason: 'database unreachable' });
      }
    },
  );

  app.get(
    '/metrics',
    {
      onRequest: [limitByAddress(limits.admin), auth.metrics],
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        description: 'Prometheus text format. The admin key or METRICS_TOKEN.',
        security: [{ adminKey: [] }, { metricsToken: [] }],
        response: { 200: Type.String({ description: 'text/plain; version=0.0.4' }), ...errors(['UNAUTHENTICATED']) },
      },
    },
    async (_req, reply) => {
      reply.type(metrics.registry.contentType);
      return await metrics.registry.metrics();
    },
  );
}
