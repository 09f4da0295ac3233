import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Authenticator } from './auth.ts';
import type { ApiContext } from './context.ts';
import type { RateWindow } from './rate-limits.ts';

/** The Fastify instance routes are declared on: TypeBox schemas give the handlers their types. */
export type Api = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** What every route module is given. */
export interface RouteKit {
  ctx: ApiContext;
  auth: Authenticator;
  limits: { purchases: RateWindow; reads: RateWindow; public: RateWindow; admin: RateWindow; webhooks: RateWindow };
}
