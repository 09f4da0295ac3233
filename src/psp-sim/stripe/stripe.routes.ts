import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../sim.context.ts';
import type { StripeSimOptions } from './stripe.options.ts';

/** Registers the Stripe-compatible API (placeholder: filled in by the Stripe work). */
export function registerStripeApi(_app: FastifyInstance, _ctx: SimContext, _opts: StripeSimOptions): void {}
