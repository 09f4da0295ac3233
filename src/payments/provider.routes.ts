import type { FastifyInstance } from 'fastify';
import { adminAuth } from '../platform/http/auth.ts';
import type { Payments } from './payment.service.ts';

/**
 * `GET /api/v1/admin/providers`: each PSP's circuit state, rate limit, recent
 * success rate and latency (last 60 s of calls), last failure, and the payment
 * methods routed to it — what an operator looks at first during a PSP incident.
 */
export async function providerRoutes(app: FastifyInstance, payments: Payments, adminKey: string): Promise<void> {
  app.get('/api/v1/admin/providers', { onRequest: adminAuth(adminKey) }, async () => ({
    providers: payments.providerHealth(),
    routes: payments.routes(),
  }));
}
