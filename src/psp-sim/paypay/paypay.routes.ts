import type { FastifyInstance } from 'fastify';
import type { SimContext } from '../sim.context.ts';
import type { PayPaySimOptions } from './paypay.options.ts';

/** Registers the PayPay-compatible API (placeholder: filled in by the PayPay work). */
export function registerPayPayApi(_app: FastifyInstance, _ctx: SimContext, _opts: PayPaySimOptions): void {}
